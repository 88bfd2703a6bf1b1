from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.list_connections_response_body_data_connections import ListConnectionsResponseBodyDataConnections


T = TypeVar("T", bound="ListConnectionsResponseBodyData")


@_attrs_define
class ListConnectionsResponseBodyData:
    """One page of data sources.

    Attributes:
        connections (list[ListConnectionsResponseBodyDataConnections] | Unset): The data sources.
        page_number (int | Unset): The page number.
        page_size (int | Unset): The number of entries per page.
        total_count (int | Unset): The total number of data sources.
    """

    connections: list[ListConnectionsResponseBodyDataConnections] | Unset = UNSET
    page_number: int | Unset = UNSET
    page_size: int | Unset = UNSET
    total_count: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=lambda props: "{" + ", ".join(f"{key!r}: ..." for key in props) + "}"
    )
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The request id of the response this model was parsed from (set by call/acall), None otherwise."""

    def to_dict(self) -> dict[str, Any]:
        connections: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.connections, Unset):
            connections = []
            for connections_item_data in self.connections:
                connections_item = connections_item_data.to_dict()
                connections.append(connections_item)

        page_number = self.page_number

        page_size = self.page_size

        total_count = self.total_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if connections is not UNSET:
            field_dict["Connections"] = connections
        if page_number is not UNSET:
            field_dict["PageNumber"] = page_number
        if page_size is not UNSET:
            field_dict["PageSize"] = page_size
        if total_count is not UNSET:
            field_dict["TotalCount"] = total_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.list_connections_response_body_data_connections import ListConnectionsResponseBodyDataConnections  # noqa: PLC0415

        d = dict(src_dict)
        _connections = d.pop("Connections", UNSET)
        connections: list[ListConnectionsResponseBodyDataConnections] | Unset = UNSET
        if _connections is not UNSET:
            connections = []
            for connections_item_data in _connections:
                connections_item = ListConnectionsResponseBodyDataConnections.from_dict(connections_item_data)

                connections.append(connections_item)

        page_number = d.pop("PageNumber", UNSET)

        page_size = d.pop("PageSize", UNSET)

        total_count = d.pop("TotalCount", UNSET)

        list_connections_response_body_data = cls(
            connections=connections,
            page_number=page_number,
            page_size=page_size,
            total_count=total_count,
        )

        list_connections_response_body_data.additional_properties = d
        return list_connections_response_body_data

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
