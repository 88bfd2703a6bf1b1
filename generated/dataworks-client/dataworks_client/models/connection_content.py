from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionContent")


@_attrs_define
class ConnectionContent:
    """The JSON object carried in `Content`. Its fields depend on ConnectionType; for an ApsaraDB RDS source
    (`rds`) the vendor's example carries database, instanceName, password, rdsOwnerId and username; for a
    JDBC source (mysql, postgresql, sqlserver) `jdbcUrl`, `username` and `password`.

        Attributes:
            database (str | Unset): Database name.
            instance_name (str | Unset): RDS instance ID.
            rds_owner_id (str | Unset): Alibaba Cloud account ID that owns the RDS instance.
            username (str | Unset): Database user.
            password (str | Unset): Database password.
            jdbc_url (str | Unset): JDBC URL, for example jdbc:mysql://host:3306/db.
            tag (str | Unset): How the source is reached: rds (instance mode) or public (connection string mode).
    """

    database: str | Unset = UNSET
    instance_name: str | Unset = UNSET
    rds_owner_id: str | Unset = UNSET
    username: str | Unset = UNSET
    password: str | Unset = _attrs_field(repr=False, default=UNSET)
    jdbc_url: str | Unset = UNSET
    tag: str | Unset = UNSET
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

        connection_content = cls(
            database=database,
            instance_name=instance_name,
            rds_owner_id=rds_owner_id,
            username=username,
            password=password,
            jdbc_url=jdbc_url,
            tag=tag,
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
