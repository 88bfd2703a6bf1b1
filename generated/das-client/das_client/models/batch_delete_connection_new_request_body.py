from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.connection_ids_item import ConnectionIdsItem


T = TypeVar("T", bound="BatchDeleteConnectionNewRequestBody")


@_attrs_define
class BatchDeleteConnectionNewRequestBody:
    """Request body parameters of Deleting Connections in Batches: the connections to delete, or `delete_all`.
    `connection_ids`, when sent, names at least one connection: an empty list deletes nothing and is refused
    before it is sent (a choice of this document; the vendor does not say how the service answers it).

        Attributes:
            delete_all (bool | Unset): Definition: Whether to delete every connection.
            connection_ids (list[ConnectionIdsItem] | Unset): Definition: The connections to delete.
    """

    delete_all: bool | Unset = UNSET
    connection_ids: list[ConnectionIdsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=lambda props: "{" + ", ".join(f"{key!r}: ..." for key in props) + "}"
    )
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The request id of the response this model was parsed from (set by call/acall), None otherwise."""

    def to_dict(self) -> dict[str, Any]:
        delete_all = self.delete_all

        connection_ids: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.connection_ids, Unset):
            connection_ids = []
            for connection_ids_item_data in self.connection_ids:
                connection_ids_item = connection_ids_item_data.to_dict()
                connection_ids.append(connection_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if delete_all is not UNSET:
            field_dict["delete_all"] = delete_all
        if connection_ids is not UNSET:
            field_dict["connection_ids"] = connection_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.connection_ids_item import ConnectionIdsItem  # noqa: PLC0415

        d = dict(src_dict)
        delete_all = d.pop("delete_all", UNSET)

        _connection_ids = d.pop("connection_ids", UNSET)
        connection_ids: list[ConnectionIdsItem] | Unset = UNSET
        if _connection_ids is not UNSET:
            connection_ids = []
            for connection_ids_item_data in _connection_ids:
                connection_ids_item = ConnectionIdsItem.from_dict(connection_ids_item_data)

                connection_ids.append(connection_ids_item)

        batch_delete_connection_new_request_body = cls(
            delete_all=delete_all,
            connection_ids=connection_ids,
        )

        batch_delete_connection_new_request_body.additional_properties = d
        return batch_delete_connection_new_request_body

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
