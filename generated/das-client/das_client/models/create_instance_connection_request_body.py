from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_instance_connection_request_body_engine_type import (
    CreateInstanceConnectionRequestBodyEngineType,
    check_create_instance_connection_request_body_engine_type,
)
from ..models.create_instance_connection_request_body_network_type import (
    CreateInstanceConnectionRequestBodyNetworkType,
    check_create_instance_connection_request_body_network_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateInstanceConnectionRequestBody")


@_attrs_define
class CreateInstanceConnectionRequestBody:
    """Request body parameters of Creating an Instance Connection.

    Attributes:
        engine_type (CreateInstanceConnectionRequestBodyEngineType): Definition: DB engine type. Constraints: N/A.
            Default value: N/A.
        network_type (CreateInstanceConnectionRequestBodyNetworkType): Definition: Source database type. Constraints:
            N/A. Default value: N/A.
        username (str): Definition: Username. Constraints: N/A. Range: N/A. Default value: N/A.
        is_save_password (bool): Definition: Whether a password needs to be saved. Constraints: N/A. Range: N/A. Default
            value: N/A.
        password (str): Definition: Password. Constraints: N/A. Range: N/A. Default value: N/A. Never returned.
        node_ids (list[str] | Unset): Definition: Unique ID of a node. Constraints: N/A. Default value: N/A.
            Range: documented as 32 letters and digits; like instance IDs, real node IDs carry a 4-character
            suffix (for example `no01`), so 32 to 36 letters and digits are accepted.
        remarks (str | Unset): Definition: Remarks. Constraints: N/A. Range: N/A. Default value: N/A.
        port (int | Unset): Definition: Port. Constraints: N/A. Range: [1,65536] (as written by the vendor). Default
            value: N/A.
        database_name (str | Unset): Definition: Database name. Constraints: N/A. Range: N/A. Default value: N/A.
        sql_record_flag (bool | Unset): Definition: SQL record switch. Constraints: N/A. Range: N/A. Default value: N/A.
    """

    engine_type: CreateInstanceConnectionRequestBodyEngineType
    network_type: CreateInstanceConnectionRequestBodyNetworkType
    username: str
    is_save_password: bool
    password: str = _attrs_field(repr=False)
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
        engine_type: str = self.engine_type

        network_type: str = self.network_type

        username = self.username

        is_save_password = self.is_save_password

        password = self.password

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
                "engine_type": engine_type,
                "network_type": network_type,
                "username": username,
                "is_save_password": is_save_password,
                "password": password,
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
        engine_type = check_create_instance_connection_request_body_engine_type(d.pop("engine_type"))

        network_type = check_create_instance_connection_request_body_network_type(d.pop("network_type"))

        username = d.pop("username")

        is_save_password = d.pop("is_save_password")

        password = d.pop("password")

        node_ids = cast(list[str], d.pop("node_ids", UNSET))

        remarks = d.pop("remarks", UNSET)

        port = d.pop("port", UNSET)

        database_name = d.pop("database_name", UNSET)

        sql_record_flag = d.pop("sql_record_flag", UNSET)

        create_instance_connection_request_body = cls(
            engine_type=engine_type,
            network_type=network_type,
            username=username,
            is_save_password=is_save_password,
            password=password,
            node_ids=node_ids,
            remarks=remarks,
            port=port,
            database_name=database_name,
            sql_record_flag=sql_record_flag,
        )

        create_instance_connection_request_body.additional_properties = d
        return create_instance_connection_request_body

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
