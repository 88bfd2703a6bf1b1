"""Content helpers: the vendor's JSON field names, the spec's contentSchema, and no password in repr."""

from __future__ import annotations

import json

import pytest

from cloudsign._core.validation import OperationValidator
from cloudsign.alibabacloud import MySQLContent, PostgreSQLContent, RdsContent, SQLServerContent


def test_rds_content_matches_vendor_example() -> None:
    content = RdsContent(
        instance_name="instancename", database="dbname", username="username", password="pw-123", rds_owner_id="123"
    )
    assert content.connection_type == "rds"
    assert json.loads(content.to_json()) == {
        "database": "dbname",
        "instanceName": "instancename",
        "password": "pw-123",
        "rdsOwnerId": "123",
        "username": "username",
        "tag": "rds",
    }
    assert "pw-123" not in repr(content) and "pw-123" not in str(content)


@pytest.mark.parametrize(
    ("cls", "kind"), [(MySQLContent, "mysql"), (PostgreSQLContent, "postgresql"), (SQLServerContent, "sqlserver")]
)
def test_jdbc_contents(cls: type[MySQLContent], kind: str) -> None:
    content = cls(jdbc_url="jdbc:x://h:1/db", username="u", password="pw-456", tag=None)
    assert content.connection_type == kind
    assert json.loads(content.to_json()) == {"jdbcUrl": "jdbc:x://h:1/db", "username": "u", "password": "pw-456"}
    assert "pw-456" not in repr(content)
    OperationValidator("alibabacloud-dataworks", "CreateConnection").validate(
        {"Action": "CreateConnection", "Version": "2020-05-18", "ConnectionType": kind, "Content": content.to_json(),
         "EnvType": 0, "Name": "n", "ProjectId": 1}
    )  # fmt: skip
