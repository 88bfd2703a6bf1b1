from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateConnectionResponseBody")


@_attrs_define
class CreateConnectionResponseBody:
    """
    Attributes:
        request_id (str): The ID of the request.
        success (bool): Indicates whether the request is successful. true means success, false means the request failed.
        data (int | Unset): The ID of the data source.
        http_status_code (int | str | Unset): The HTTP status code. Documented as a String; the vendor's example sends
            the number 200.
    """

    request_id: str
    success: bool
    data: int | Unset = UNSET
    http_status_code: int | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=lambda props: "{" + ", ".join(f"{key!r}: ..." for key in props) + "}"
    )
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The request id of the response this model was parsed from (set by call/acall), None otherwise."""

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        success = self.success

        data = self.data

        http_status_code: int | str | Unset
        if isinstance(self.http_status_code, Unset):
            http_status_code = UNSET
        else:
            http_status_code = self.http_status_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "RequestId": request_id,
                "Success": success,
            }
        )
        if data is not UNSET:
            field_dict["Data"] = data
        if http_status_code is not UNSET:
            field_dict["HttpStatusCode"] = http_status_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        request_id = d.pop("RequestId")

        success = d.pop("Success")

        data = d.pop("Data", UNSET)

        def _parse_http_status_code(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        http_status_code = _parse_http_status_code(d.pop("HttpStatusCode", UNSET))

        create_connection_response_body = cls(
            request_id=request_id,
            success=success,
            data=data,
            http_status_code=http_status_code,
        )

        create_connection_response_body.additional_properties = d
        return create_connection_response_body

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
