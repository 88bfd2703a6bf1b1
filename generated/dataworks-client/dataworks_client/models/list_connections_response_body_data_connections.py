from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.list_connections_response_body_data_connections_connect_status import (
    ListConnectionsResponseBodyDataConnectionsConnectStatus,
    check_list_connections_response_body_data_connections_connect_status,
)
from ..models.list_connections_response_body_data_connections_env_type import (
    ListConnectionsResponseBodyDataConnectionsEnvType,
    check_list_connections_response_body_data_connections_env_type,
)
from ..models.list_connections_response_body_data_connections_status import (
    ListConnectionsResponseBodyDataConnectionsStatus,
    check_list_connections_response_body_data_connections_status,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ListConnectionsResponseBodyDataConnections")


@_attrs_define
class ListConnectionsResponseBodyDataConnections:
    """One data source.

    Attributes:
        binding_calc_engine_id (int | Unset): The ID of the compute engine with which the data source is associated.
        connect_status (ListConnectionsResponseBodyDataConnectionsConnectStatus | Unset): The status of the data source:
            1 normal, 2 disabled.
        connection_type (str | Unset): The type of the data source (an open string: the vendor lists 13 values and
            documents a 14th, kafka).
        content (str | Unset): The details of the data source (a JSON object in a string).
        default_engine (bool | Unset): Whether the associated compute engine is the default one for data sources of the
            same type.
        description (str | Unset): The description of the data source.
        env_type (ListConnectionsResponseBodyDataConnectionsEnvType | Unset): The environment: 0 development, 1
            production.
        gmt_create (str | Unset): When the data source was created, for example Mar 17, 2021 4:09:32 PM.
        gmt_modified (str | Unset): When the data source was last modified, for example Mar 17, 2021 4:09:32 PM.
        id (int | Unset): The data source ID.
        name (str | Unset): The name of the data source.
        operator (str | Unset): The ID of the Alibaba Cloud account that last modified the data source.
        project_id (int | Unset): The ID of the workspace with which the data source is associated.
        sequence (int | Unset): The field data sources are sorted by, in descending order.
        shared (bool | Unset): Whether the data source is shared.
        status (ListConnectionsResponseBodyDataConnectionsStatus | Unset): The status of the data source: 1 normal, 2
            disabled.
        sub_type (str | Unset): The subtype of the data source.
        tenant_id (int | Unset): The tenant ID.
    """

    binding_calc_engine_id: int | Unset = UNSET
    connect_status: ListConnectionsResponseBodyDataConnectionsConnectStatus | Unset = UNSET
    connection_type: str | Unset = UNSET
    content: str | Unset = UNSET
    default_engine: bool | Unset = UNSET
    description: str | Unset = UNSET
    env_type: ListConnectionsResponseBodyDataConnectionsEnvType | Unset = UNSET
    gmt_create: str | Unset = UNSET
    gmt_modified: str | Unset = UNSET
    id: int | Unset = UNSET
    name: str | Unset = UNSET
    operator: str | Unset = UNSET
    project_id: int | Unset = UNSET
    sequence: int | Unset = UNSET
    shared: bool | Unset = UNSET
    status: ListConnectionsResponseBodyDataConnectionsStatus | Unset = UNSET
    sub_type: str | Unset = UNSET
    tenant_id: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=lambda props: "{" + ", ".join(f"{key!r}: ..." for key in props) + "}"
    )
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The request id of the response this model was parsed from (set by call/acall), None otherwise."""

    def to_dict(self) -> dict[str, Any]:
        binding_calc_engine_id = self.binding_calc_engine_id

        connect_status: int | Unset = UNSET
        if not isinstance(self.connect_status, Unset):
            connect_status = self.connect_status

        connection_type = self.connection_type

        content = self.content

        default_engine = self.default_engine

        description = self.description

        env_type: int | Unset = UNSET
        if not isinstance(self.env_type, Unset):
            env_type = self.env_type

        gmt_create = self.gmt_create

        gmt_modified = self.gmt_modified

        id = self.id

        name = self.name

        operator = self.operator

        project_id = self.project_id

        sequence = self.sequence

        shared = self.shared

        status: int | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        sub_type = self.sub_type

        tenant_id = self.tenant_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if binding_calc_engine_id is not UNSET:
            field_dict["BindingCalcEngineId"] = binding_calc_engine_id
        if connect_status is not UNSET:
            field_dict["ConnectStatus"] = connect_status
        if connection_type is not UNSET:
            field_dict["ConnectionType"] = connection_type
        if content is not UNSET:
            field_dict["Content"] = content
        if default_engine is not UNSET:
            field_dict["DefaultEngine"] = default_engine
        if description is not UNSET:
            field_dict["Description"] = description
        if env_type is not UNSET:
            field_dict["EnvType"] = env_type
        if gmt_create is not UNSET:
            field_dict["GmtCreate"] = gmt_create
        if gmt_modified is not UNSET:
            field_dict["GmtModified"] = gmt_modified
        if id is not UNSET:
            field_dict["Id"] = id
        if name is not UNSET:
            field_dict["Name"] = name
        if operator is not UNSET:
            field_dict["Operator"] = operator
        if project_id is not UNSET:
            field_dict["ProjectId"] = project_id
        if sequence is not UNSET:
            field_dict["Sequence"] = sequence
        if shared is not UNSET:
            field_dict["Shared"] = shared
        if status is not UNSET:
            field_dict["Status"] = status
        if sub_type is not UNSET:
            field_dict["SubType"] = sub_type
        if tenant_id is not UNSET:
            field_dict["TenantId"] = tenant_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        binding_calc_engine_id = d.pop("BindingCalcEngineId", UNSET)

        _connect_status = d.pop("ConnectStatus", UNSET)
        connect_status: ListConnectionsResponseBodyDataConnectionsConnectStatus | Unset
        if isinstance(_connect_status, Unset):
            connect_status = UNSET
        else:
            connect_status = check_list_connections_response_body_data_connections_connect_status(_connect_status)

        connection_type = d.pop("ConnectionType", UNSET)

        content = d.pop("Content", UNSET)

        default_engine = d.pop("DefaultEngine", UNSET)

        description = d.pop("Description", UNSET)

        _env_type = d.pop("EnvType", UNSET)
        env_type: ListConnectionsResponseBodyDataConnectionsEnvType | Unset
        if isinstance(_env_type, Unset):
            env_type = UNSET
        else:
            env_type = check_list_connections_response_body_data_connections_env_type(_env_type)

        gmt_create = d.pop("GmtCreate", UNSET)

        gmt_modified = d.pop("GmtModified", UNSET)

        id = d.pop("Id", UNSET)

        name = d.pop("Name", UNSET)

        operator = d.pop("Operator", UNSET)

        project_id = d.pop("ProjectId", UNSET)

        sequence = d.pop("Sequence", UNSET)

        shared = d.pop("Shared", UNSET)

        _status = d.pop("Status", UNSET)
        status: ListConnectionsResponseBodyDataConnectionsStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_list_connections_response_body_data_connections_status(_status)

        sub_type = d.pop("SubType", UNSET)

        tenant_id = d.pop("TenantId", UNSET)

        list_connections_response_body_data_connections = cls(
            binding_calc_engine_id=binding_calc_engine_id,
            connect_status=connect_status,
            connection_type=connection_type,
            content=content,
            default_engine=default_engine,
            description=description,
            env_type=env_type,
            gmt_create=gmt_create,
            gmt_modified=gmt_modified,
            id=id,
            name=name,
            operator=operator,
            project_id=project_id,
            sequence=sequence,
            shared=shared,
            status=status,
            sub_type=sub_type,
            tenant_id=tenant_id,
        )

        list_connections_response_body_data_connections.additional_properties = d
        return list_connections_response_body_data_connections

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
