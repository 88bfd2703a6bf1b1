from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.api_list_connections_info_resp_das_conn_info_list import ApiListConnectionsInfoRespDasConnInfoList


T = TypeVar("T", bound="ListConnectionsResponseBody")


@_attrs_define
class ListConnectionsResponseBody:
    """Response body parameters of Querying Connections (status code 200).

    Attributes:
        total_record (int | Unset): Number of records in all pages.
        das_conn_info_list (list[ApiListConnectionsInfoRespDasConnInfoList] | Unset): The connections on this page.
    """

    total_record: int | Unset = UNSET
    das_conn_info_list: list[ApiListConnectionsInfoRespDasConnInfoList] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=lambda props: "{" + ", ".join(f"{key!r}: ..." for key in props) + "}"
    )
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The request id of the response this model was parsed from (set by call/acall), None otherwise."""

    def to_dict(self) -> dict[str, Any]:
        total_record = self.total_record

        das_conn_info_list: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.das_conn_info_list, Unset):
            das_conn_info_list = []
            for das_conn_info_list_item_data in self.das_conn_info_list:
                das_conn_info_list_item = das_conn_info_list_item_data.to_dict()
                das_conn_info_list.append(das_conn_info_list_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total_record is not UNSET:
            field_dict["total_record"] = total_record
        if das_conn_info_list is not UNSET:
            field_dict["das_conn_info_list"] = das_conn_info_list

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.api_list_connections_info_resp_das_conn_info_list import ApiListConnectionsInfoRespDasConnInfoList  # noqa: PLC0415

        d = dict(src_dict)
        total_record = d.pop("total_record", UNSET)

        _das_conn_info_list = d.pop("das_conn_info_list", UNSET)
        das_conn_info_list: list[ApiListConnectionsInfoRespDasConnInfoList] | Unset = UNSET
        if _das_conn_info_list is not UNSET:
            das_conn_info_list = []
            for das_conn_info_list_item_data in _das_conn_info_list:
                das_conn_info_list_item = ApiListConnectionsInfoRespDasConnInfoList.from_dict(
                    das_conn_info_list_item_data
                )

                das_conn_info_list.append(das_conn_info_list_item)

        list_connections_response_body = cls(
            total_record=total_record,
            das_conn_info_list=das_conn_info_list,
        )

        list_connections_response_body.additional_properties = d
        return list_connections_response_body

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
