from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionContent")


@_attrs_define
class ConnectionContent:
    """The JSON object carried in `Content`. Its members depend on ConnectionType. The vendor page's example
    (`rds`) carries database, instanceName, password, rdsOwnerId and username; the official SDK's examples
    add, per type: `configType` and `tag` (rds); `jdbcUrl` (mysql, postgresql, sqlserver, oracle);
    `accessId`, `accessKey`, `authType`, `endpoint`, `project` (odps); `bucket` (oss); `clusterId`, `ownerId`,
    `region` (polardb); `address` (mongodb, a JSON array written as a string); the `emr*` members (emr);
    `instanceId`, `connectionString`, `port` (analyticdb_for_mysql, hybriddb_for_postgresql, holo, kafka);
    `regionId`. A member is typed as the vendor spells it (a member spelled as a number in one example and
    as a string in another takes both); members the vendor does not list take any JSON value.

        Attributes:
            database (str | Unset): Database name.
            instance_name (str | Unset): RDS instance ID.
            rds_owner_id (str | Unset): Alibaba Cloud account ID that owns the RDS instance.
            username (str | Unset): Database user.
            password (str | Unset): Database password.
            jdbc_url (str | Unset): JDBC URL, for example jdbc:mysql://host:3306/db.
            tag (str | Unset): How the source is reached, for example rds (instance mode), public (connection string mode),
                polardb or aliyun.
            config_type (int | Unset): How an rds source is configured (the SDK's rds example: 1).
            region_id (str | Unset): Region of the instance, for example cn-shanghai.
            access_id (str | Unset): AccessKey ID the source is reached with (odps, oss, emr, holo).
            access_key (str | Unset): AccessKey secret the source is reached with.
            auth_type (int | str | Unset): Authentication mode (odps: the number 2; emr: the string "2").
            endpoint (str | Unset): Service endpoint (odps, oss).
            project (str | Unset): MaxCompute project (odps).
            bucket (str | Unset): OSS bucket (oss).
            cluster_id (str | Unset): PolarDB cluster ID (polardb).
            owner_id (str | Unset): Account ID that owns the instance.
            region (str | Unset): Region of the cluster (polardb, emr).
            address (str | Unset): Host addresses, a JSON array written as a string (mongodb).
            instance_id (str | Unset): Instance ID (analyticdb_for_mysql, hybriddb_for_postgresql, holo, kafka).
            connection_string (str | Unset): Connection address of the instance.
            port (int | str | Unset): Port (the SDK's hybriddb_for_postgresql example spells it as a string).
            name (str | Unset): Name (emr).
            emr_cluster_id (str | Unset): E-MapReduce cluster ID.
            emr_resource_queue_name (str | Unset): E-MapReduce resource queue.
            emr_endpoint (str | Unset): E-MapReduce endpoint.
            emr_user_id (str | Unset): E-MapReduce user ID.
            emr_access_mode (str | Unset): E-MapReduce access mode.
            emr_project_id (str | Unset): E-MapReduce project ID.
    """

    database: str | Unset = UNSET
    instance_name: str | Unset = UNSET
    rds_owner_id: str | Unset = UNSET
    username: str | Unset = UNSET
    password: str | Unset = _attrs_field(repr=False, default=UNSET)
    jdbc_url: str | Unset = UNSET
    tag: str | Unset = UNSET
    config_type: int | Unset = UNSET
    region_id: str | Unset = UNSET
    access_id: str | Unset = UNSET
    access_key: str | Unset = _attrs_field(repr=False, default=UNSET)
    auth_type: int | str | Unset = UNSET
    endpoint: str | Unset = UNSET
    project: str | Unset = UNSET
    bucket: str | Unset = UNSET
    cluster_id: str | Unset = UNSET
    owner_id: str | Unset = UNSET
    region: str | Unset = UNSET
    address: str | Unset = UNSET
    instance_id: str | Unset = UNSET
    connection_string: str | Unset = UNSET
    port: int | str | Unset = UNSET
    name: str | Unset = UNSET
    emr_cluster_id: str | Unset = UNSET
    emr_resource_queue_name: str | Unset = UNSET
    emr_endpoint: str | Unset = UNSET
    emr_user_id: str | Unset = UNSET
    emr_access_mode: str | Unset = UNSET
    emr_project_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=lambda props: "{" + ", ".join(f"{key!r}: ..." for key in props) + "}"
    )
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The request id of the response this model was parsed from (set by call/acall), None otherwise."""

    def to_dict(self) -> dict[str, Any]:
        database = self.database

        instance_name = self.instance_name

        rds_owner_id = self.rds_owner_id

        username = self.username

        password = self.password

        jdbc_url = self.jdbc_url

        tag = self.tag

        config_type = self.config_type

        region_id = self.region_id

        access_id = self.access_id

        access_key = self.access_key

        auth_type: int | str | Unset
        if isinstance(self.auth_type, Unset):
            auth_type = UNSET
        else:
            auth_type = self.auth_type

        endpoint = self.endpoint

        project = self.project

        bucket = self.bucket

        cluster_id = self.cluster_id

        owner_id = self.owner_id

        region = self.region

        address = self.address

        instance_id = self.instance_id

        connection_string = self.connection_string

        port: int | str | Unset
        if isinstance(self.port, Unset):
            port = UNSET
        else:
            port = self.port

        name = self.name

        emr_cluster_id = self.emr_cluster_id

        emr_resource_queue_name = self.emr_resource_queue_name

        emr_endpoint = self.emr_endpoint

        emr_user_id = self.emr_user_id

        emr_access_mode = self.emr_access_mode

        emr_project_id = self.emr_project_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if database is not UNSET:
            field_dict["database"] = database
        if instance_name is not UNSET:
            field_dict["instanceName"] = instance_name
        if rds_owner_id is not UNSET:
            field_dict["rdsOwnerId"] = rds_owner_id
        if username is not UNSET:
            field_dict["username"] = username
        if password is not UNSET:
            field_dict["password"] = password
        if jdbc_url is not UNSET:
            field_dict["jdbcUrl"] = jdbc_url
        if tag is not UNSET:
            field_dict["tag"] = tag
        if config_type is not UNSET:
            field_dict["configType"] = config_type
        if region_id is not UNSET:
            field_dict["regionId"] = region_id
        if access_id is not UNSET:
            field_dict["accessId"] = access_id
        if access_key is not UNSET:
            field_dict["accessKey"] = access_key
        if auth_type is not UNSET:
            field_dict["authType"] = auth_type
        if endpoint is not UNSET:
            field_dict["endpoint"] = endpoint
        if project is not UNSET:
            field_dict["project"] = project
        if bucket is not UNSET:
            field_dict["bucket"] = bucket
        if cluster_id is not UNSET:
            field_dict["clusterId"] = cluster_id
        if owner_id is not UNSET:
            field_dict["ownerId"] = owner_id
        if region is not UNSET:
            field_dict["region"] = region
        if address is not UNSET:
            field_dict["address"] = address
        if instance_id is not UNSET:
            field_dict["instanceId"] = instance_id
        if connection_string is not UNSET:
            field_dict["connectionString"] = connection_string
        if port is not UNSET:
            field_dict["port"] = port
        if name is not UNSET:
            field_dict["name"] = name
        if emr_cluster_id is not UNSET:
            field_dict["emrClusterId"] = emr_cluster_id
        if emr_resource_queue_name is not UNSET:
            field_dict["emrResourceQueueName"] = emr_resource_queue_name
        if emr_endpoint is not UNSET:
            field_dict["emrEndpoint"] = emr_endpoint
        if emr_user_id is not UNSET:
            field_dict["emrUserId"] = emr_user_id
        if emr_access_mode is not UNSET:
            field_dict["emrAccessMode"] = emr_access_mode
        if emr_project_id is not UNSET:
            field_dict["emrProjectId"] = emr_project_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        database = d.pop("database", UNSET)

        instance_name = d.pop("instanceName", UNSET)

        rds_owner_id = d.pop("rdsOwnerId", UNSET)

        username = d.pop("username", UNSET)

        password = d.pop("password", UNSET)

        jdbc_url = d.pop("jdbcUrl", UNSET)

        tag = d.pop("tag", UNSET)

        config_type = d.pop("configType", UNSET)

        region_id = d.pop("regionId", UNSET)

        access_id = d.pop("accessId", UNSET)

        access_key = d.pop("accessKey", UNSET)

        def _parse_auth_type(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        auth_type = _parse_auth_type(d.pop("authType", UNSET))

        endpoint = d.pop("endpoint", UNSET)

        project = d.pop("project", UNSET)

        bucket = d.pop("bucket", UNSET)

        cluster_id = d.pop("clusterId", UNSET)

        owner_id = d.pop("ownerId", UNSET)

        region = d.pop("region", UNSET)

        address = d.pop("address", UNSET)

        instance_id = d.pop("instanceId", UNSET)

        connection_string = d.pop("connectionString", UNSET)

        def _parse_port(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        port = _parse_port(d.pop("port", UNSET))

        name = d.pop("name", UNSET)

        emr_cluster_id = d.pop("emrClusterId", UNSET)

        emr_resource_queue_name = d.pop("emrResourceQueueName", UNSET)

        emr_endpoint = d.pop("emrEndpoint", UNSET)

        emr_user_id = d.pop("emrUserId", UNSET)

        emr_access_mode = d.pop("emrAccessMode", UNSET)

        emr_project_id = d.pop("emrProjectId", UNSET)

        connection_content = cls(
            database=database,
            instance_name=instance_name,
            rds_owner_id=rds_owner_id,
            username=username,
            password=password,
            jdbc_url=jdbc_url,
            tag=tag,
            config_type=config_type,
            region_id=region_id,
            access_id=access_id,
            access_key=access_key,
            auth_type=auth_type,
            endpoint=endpoint,
            project=project,
            bucket=bucket,
            cluster_id=cluster_id,
            owner_id=owner_id,
            region=region,
            address=address,
            instance_id=instance_id,
            connection_string=connection_string,
            port=port,
            name=name,
            emr_cluster_id=emr_cluster_id,
            emr_resource_queue_name=emr_resource_queue_name,
            emr_endpoint=emr_endpoint,
            emr_user_id=emr_user_id,
            emr_access_mode=emr_access_mode,
            emr_project_id=emr_project_id,
        )

        connection_content.additional_properties = d
        return connection_content

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
