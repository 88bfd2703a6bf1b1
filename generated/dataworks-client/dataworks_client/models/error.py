from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """Alibaba Cloud's error envelope.

    Attributes:
        request_id (str): The ID of the request.
        code (str): The error code.
        message (str): The error message.
        host_id (str | Unset): The endpoint host that answered.
        recommend (str | Unset): A link to the diagnosis of this error.
    """

    request_id: str
    code: str
    message: str
    host_id: str | Unset = UNSET
    recommend: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=lambda props: "{" + ", ".join(f"{key!r}: ..." for key in props) + "}"
    )
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The request id of the response this model was parsed from (set by call/acall), None otherwise."""

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        code = self.code

        message = self.message

        host_id = self.host_id

        recommend = self.recommend

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "RequestId": request_id,
                "Code": code,
                "Message": message,
            }
        )
        if host_id is not UNSET:
            field_dict["HostId"] = host_id
        if recommend is not UNSET:
            field_dict["Recommend"] = recommend

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        request_id = d.pop("RequestId")

        code = d.pop("Code")

        message = d.pop("Message")

        host_id = d.pop("HostId", UNSET)

        recommend = d.pop("Recommend", UNSET)

        error = cls(
            request_id=request_id,
            code=code,
            message=message,
            host_id=host_id,
            recommend=recommend,
        )

        error.additional_properties = d
        return error

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
