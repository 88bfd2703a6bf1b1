from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModifyConnectionRequestBody")


@_attrs_define
class ModifyConnectionRequestBody:
    """Request body parameters of Modifying a Connection. The ranges of `node_ids` and `port` are those
    Creating an Instance Connection documents for the same fields.

        Attributes:
            username (str): Definition: Username.
            password (str): Definition: Password. Never returned.
            is_save_password (bool): Definition: Whether the password is saved.
            node_ids (list[str] | Unset): Definition: IDs of the nodes. Range: 32 to 36 letters and digits (see Creating an
                Instance Connection).
            remarks (str | Unset): Definition: Remarks.
            port (int | Unset): Definition: Port. Range: [1,65536] (as documented for Creating an Instance Connection).
            database_name (str | Unset): Definition: Database name.
            sql_record_flag (bool | Unset): Definition: SQL record switch.
    """

    username: str
    password: str = _attrs_field(repr=False)
    is_save_password: bool
    node_ids: list[str] | Unset = UNSET
    remarks: str | Unset = UNSET
    port: int | Unset = UNSET
    database_name: str | Unset = UNSET
    sql_record_flag: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=lambda props: "{" + ", ".join(f"{key!r}: ..." for key in props) + "}"
    )
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The request id of the response this model was parsed from (set by call/acall), None otherwise."""

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        password = self.password

        is_save_password = self.is_save_password

        node_ids: list[str] | Unset = UNSET
        if not isinstance(self.node_ids, Unset):
            node_ids = self.node_ids

        remarks = self.remarks

        port = self.port

        database_name = self.database_name

        sql_record_flag = self.sql_record_flag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "username": username,
                "password": password,
                "is_save_password": is_save_password,
            }
        )
        if node_ids is not UNSET:
            field_dict["node_ids"] = node_ids
        if remarks is not UNSET:
            field_dict["remarks"] = remarks
        if port is not UNSET:
            field_dict["port"] = port
        if database_name is not UNSET:
            field_dict["database_name"] = database_name
        if sql_record_flag is not UNSET:
            field_dict["sql_record_flag"] = sql_record_flag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        username = d.pop("username")

        password = d.pop("password")

        is_save_password = d.pop("is_save_password")

        node_ids = cast(list[str], d.pop("node_ids", UNSET))

        remarks = d.pop("remarks", UNSET)

        port = d.pop("port", UNSET)

        database_name = d.pop("database_name", UNSET)

        sql_record_flag = d.pop("sql_record_flag", UNSET)

        modify_connection_request_body = cls(
            username=username,
            password=password,
            is_save_password=is_save_password,
            node_ids=node_ids,
            remarks=remarks,
            port=port,
            database_name=database_name,
            sql_record_flag=sql_record_flag,
        )

        modify_connection_request_body.additional_properties = d
        return modify_connection_request_body

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
