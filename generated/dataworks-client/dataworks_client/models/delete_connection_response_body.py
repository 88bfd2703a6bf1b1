from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeleteConnectionResponseBody")


@_attrs_define
class DeleteConnectionResponseBody:
    """
    Attributes:
        data (bool | Unset): Indicates whether the data source was removed.
        http_status_code (str | Unset): The HTTP status code.
        request_id (str | Unset): The ID of the request.
        success (bool | Unset): Indicates whether the request was successful.
    """

    data: bool | Unset = UNSET
    http_status_code: str | Unset = UNSET
    request_id: str | Unset = UNSET
    success: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=lambda props: "{" + ", ".join(f"{key!r}: ..." for key in props) + "}"
    )
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The request id of the response this model was parsed from (set by call/acall), None otherwise."""

    def to_dict(self) -> dict[str, Any]:
        data = self.data

        http_status_code = self.http_status_code

        request_id = self.request_id

        success = self.success

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data is not UNSET:
            field_dict["Data"] = data
        if http_status_code is not UNSET:
            field_dict["HttpStatusCode"] = http_status_code
        if request_id is not UNSET:
            field_dict["RequestId"] = request_id
        if success is not UNSET:
            field_dict["Success"] = success

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        data = d.pop("Data", UNSET)

        http_status_code = d.pop("HttpStatusCode", UNSET)

        request_id = d.pop("RequestId", UNSET)

        success = d.pop("Success", UNSET)

        delete_connection_response_body = cls(
            data=data,
            http_status_code=http_status_code,
            request_id=request_id,
            success=success,
        )

        delete_connection_response_body.additional_properties = d
        return delete_connection_response_body

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
