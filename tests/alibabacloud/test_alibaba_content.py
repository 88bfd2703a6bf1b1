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


@pytest.mark.parametrize(
    ("cls", "url"),
    [
        (MySQLContent, "jdbc:mysql://h:3306/db?user=u&password=Url-pw-1"),
        (MySQLContent, "jdbc:mysql://u:Url-pw-1@h:3306/db"),
        (SQLServerContent, "jdbc:sqlserver://h:1433;DatabaseName=db;password=Url-pw-1"),
        (PostgreSQLContent, "jdbc:postgresql://h:5432/db?sslmode=require&password=Url-pw-1"),
    ],
)
def test_a_password_in_the_jdbc_url_is_not_in_repr(cls: type[MySQLContent], url: str) -> None:
    """Issue 22 L2: the URL may carry the password too; repr shows scheme, host, port and path only."""
    content = cls(jdbc_url=url, username="u", password="pw-789")
    for text in (repr(content), str(content), repr([content])):
        assert "Url-pw-1" not in text and "pw-789" not in text
    assert "jdbc_url=" in repr(content) and "//" in repr(content)  # still says where it points
    assert json.loads(content.to_json())["jdbcUrl"] == url  # the wire keeps it whole


def test_rds_config_type_is_the_vendors_number() -> None:
    """The official SDK's rds example carries "configType": 1; the spec accepts it (issue 23)."""
    content = RdsContent(
        instance_name="rm-x", database="db", username="u", password="pw-1", rds_owner_id="1", config_type=1
    )
    assert json.loads(content.to_json())["configType"] == 1
    OperationValidator("alibabacloud-dataworks", "CreateConnection").validate(
        {"Action": "CreateConnection", "Version": "2020-05-18", "ConnectionType": "rds", "Content": content.to_json(),
         "EnvType": 0, "Name": "n", "ProjectId": 1}
    )  # fmt: skip
