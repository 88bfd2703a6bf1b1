from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiListConnectionsInfoRespDasConnInfoList")


@_attrs_define
class ApiListConnectionsInfoRespDasConnInfoList:
    """A connection in a list (the official SDK's `ApiListConnectionsInfoRespDasConnInfoList`).

    Attributes:
        connection_id (str | Unset): Connection ID.
        instance_id (str | Unset): Instance ID.
        instance_name (str | Unset): Instance name.
        network_type (str | Unset): Source database type.
        engine_type (str | Unset): DB engine type.
        datastore_version (str | Unset): Database version.
        user_name (str | Unset): Username.
        database_name (str | Unset): Database name.
        is_save_password (bool | Unset): Whether the password is saved.
        ip_address (str | Unset): IP address.
        port (int | Unset): Port.
        remarks (str | Unset): Remarks.
        create_at (int | Unset): Time the connection was created (epoch milliseconds).
        status (str | Unset): Status: NORMAL, or INSTANCE_DELETE when the instance was deleted.
        conn_share_type (str | Unset): Connection type: NORMAL, a normal connection; SHARE, a shared connection.
        shared_user_name (str | Unset): Name of the user who shared the connection.
        shared_user_id (str | Unset): ID of the user who shared the connection.
        expired_time (int | Unset): Time the share expires (epoch milliseconds).
    """

    connection_id: str | Unset = UNSET
    instance_id: str | Unset = UNSET
    instance_name: str | Unset = UNSET
    network_type: str | Unset = UNSET
    engine_type: str | Unset = UNSET
    datastore_version: str | Unset = UNSET
    user_name: str | Unset = UNSET
    database_name: str | Unset = UNSET
    is_save_password: bool | Unset = UNSET
    ip_address: str | Unset = UNSET
    port: int | Unset = UNSET
    remarks: str | Unset = UNSET
    create_at: int | Unset = UNSET
    status: str | Unset = UNSET
    conn_share_type: str | Unset = UNSET
    shared_user_name: str | Unset = UNSET
    shared_user_id: str | Unset = UNSET
    expired_time: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=lambda props: "{" + ", ".join(f"{key!r}: ..." for key in props) + "}"
    )
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The request id of the response this model was parsed from (set by call/acall), None otherwise."""

    def to_dict(self) -> dict[str, Any]:
        connection_id = self.connection_id

        instance_id = self.instance_id

        instance_name = self.instance_name

        network_type = self.network_type

        engine_type = self.engine_type

        datastore_version = self.datastore_version

        user_name = self.user_name

        database_name = self.database_name

        is_save_password = self.is_save_password

        ip_address = self.ip_address

        port = self.port

        remarks = self.remarks

        create_at = self.create_at

        status = self.status

        conn_share_type = self.conn_share_type

        shared_user_name = self.shared_user_name

        shared_user_id = self.shared_user_id

        expired_time = self.expired_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if connection_id is not UNSET:
            field_dict["connection_id"] = connection_id
        if instance_id is not UNSET:
            field_dict["instance_id"] = instance_id
        if instance_name is not UNSET:
            field_dict["instance_name"] = instance_name
        if network_type is not UNSET:
            field_dict["network_type"] = network_type
        if engine_type is not UNSET:
            field_dict["engine_type"] = engine_type
        if datastore_version is not UNSET:
            field_dict["datastore_version"] = datastore_version
        if user_name is not UNSET:
            field_dict["user_name"] = user_name
        if database_name is not UNSET:
            field_dict["database_name"] = database_name
        if is_save_password is not UNSET:
            field_dict["is_save_password"] = is_save_password
        if ip_address is not UNSET:
            field_dict["ip_address"] = ip_address
        if port is not UNSET:
            field_dict["port"] = port
        if remarks is not UNSET:
            field_dict["remarks"] = remarks
        if create_at is not UNSET:
            field_dict["create_at"] = create_at
        if status is not UNSET:
            field_dict["status"] = status
        if conn_share_type is not UNSET:
            field_dict["conn_share_type"] = conn_share_type
        if shared_user_name is not UNSET:
            field_dict["shared_user_name"] = shared_user_name
        if shared_user_id is not UNSET:
            field_dict["shared_user_id"] = shared_user_id
        if expired_time is not UNSET:
            field_dict["expired_time"] = expired_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connection_id = d.pop("connection_id", UNSET)

        instance_id = d.pop("instance_id", UNSET)

        instance_name = d.pop("instance_name", UNSET)

        network_type = d.pop("network_type", UNSET)

        engine_type = d.pop("engine_type", UNSET)

        datastore_version = d.pop("datastore_version", UNSET)

        user_name = d.pop("user_name", UNSET)

        database_name = d.pop("database_name", UNSET)

        is_save_password = d.pop("is_save_password", UNSET)

        ip_address = d.pop("ip_address", UNSET)

        port = d.pop("port", UNSET)

        remarks = d.pop("remarks", UNSET)

        create_at = d.pop("create_at", UNSET)

        status = d.pop("status", UNSET)

        conn_share_type = d.pop("conn_share_type", UNSET)

        shared_user_name = d.pop("shared_user_name", UNSET)

        shared_user_id = d.pop("shared_user_id", UNSET)

        expired_time = d.pop("expired_time", UNSET)

        api_list_connections_info_resp_das_conn_info_list = cls(
            connection_id=connection_id,
            instance_id=instance_id,
            instance_name=instance_name,
            network_type=network_type,
            engine_type=engine_type,
            datastore_version=datastore_version,
            user_name=user_name,
            database_name=database_name,
            is_save_password=is_save_password,
            ip_address=ip_address,
            port=port,
            remarks=remarks,
            create_at=create_at,
            status=status,
            conn_share_type=conn_share_type,
            shared_user_name=shared_user_name,
            shared_user_id=shared_user_id,
            expired_time=expired_time,
        )

        api_list_connections_info_resp_das_conn_info_list.additional_properties = d
        return api_list_connections_info_resp_das_conn_info_list

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
