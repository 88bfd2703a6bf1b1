from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.das_conn_info import DasConnInfo


T = TypeVar("T", bound="ShowConnectionDetailResponseBody")


@_attrs_define
class ShowConnectionDetailResponseBody:
    """Response body parameters of Querying Connection Details (status code 200).

    Attributes:
        das_conn_info (DasConnInfo | Unset): A connection's details (the official SDK's `DasConnInfo`).
    """

    das_conn_info: DasConnInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=lambda props: "{" + ", ".join(f"{key!r}: ..." for key in props) + "}"
    )
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The request id of the response this model was parsed from (set by call/acall), None otherwise."""

    def to_dict(self) -> dict[str, Any]:
        das_conn_info: dict[str, Any] | Unset = UNSET
        if not isinstance(self.das_conn_info, Unset):
            das_conn_info = self.das_conn_info.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if das_conn_info is not UNSET:
            field_dict["das_conn_info"] = das_conn_info

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.das_conn_info import DasConnInfo  # noqa: PLC0415

        d = dict(src_dict)
        _das_conn_info = d.pop("das_conn_info", UNSET)
        das_conn_info: DasConnInfo | Unset
        if isinstance(_das_conn_info, Unset):
            das_conn_info = UNSET
        else:
            das_conn_info = DasConnInfo.from_dict(_das_conn_info)

        show_connection_detail_response_body = cls(
            das_conn_info=das_conn_info,
        )

        show_connection_detail_response_body.additional_properties = d
        return show_connection_detail_response_body

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
