"""Typed builders for CreateConnection's ``Content`` (a JSON document in a string whose shape depends on
ConnectionType). Each serialises with ``to_json()``; the password is never in ``repr``. A raw string stays accepted
wherever a helper is."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True, slots=True, kw_only=True)
class _Content:
    connection_type: ClassVar[str] = ""

    def _fields(self) -> dict[str, Any]:
        raise NotImplementedError

    def to_json(self) -> str:
        """Compact JSON with the vendor's field names; fields left as ``None`` are omitted."""
        return json.dumps({k: v for k, v in self._fields().items() if v is not None}, separators=(",", ":"))


@dataclass(frozen=True, slots=True, kw_only=True)
class RdsContent(_Content):
    """An ApsaraDB RDS instance reached in instance mode (``ConnectionType=rds``)."""

    connection_type: ClassVar[str] = "rds"
    instance_name: str
    database: str
    username: str
    password: str = field(repr=False)
    rds_owner_id: str
    tag: str | None = "rds"

    def _fields(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "instanceName": self.instance_name,
            "password": self.password,
            "rdsOwnerId": self.rds_owner_id,
            "username": self.username,
            "tag": self.tag,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class _JdbcContent(_Content):
    jdbc_url: str
    username: str
    password: str = field(repr=False)
    tag: str | None = "public"

    def _fields(self) -> dict[str, Any]:
        return {"jdbcUrl": self.jdbc_url, "username": self.username, "password": self.password, "tag": self.tag}


@dataclass(frozen=True, slots=True, kw_only=True)
class MySQLContent(_JdbcContent):
    """A MySQL database by JDBC URL (``jdbc:mysql://host:3306/db``)."""

    connection_type: ClassVar[str] = "mysql"


@dataclass(frozen=True, slots=True, kw_only=True)
class PostgreSQLContent(_JdbcContent):
    """A PostgreSQL database by JDBC URL (``jdbc:postgresql://host:5432/db``)."""

    connection_type: ClassVar[str] = "postgresql"


@dataclass(frozen=True, slots=True, kw_only=True)
class SQLServerContent(_JdbcContent):
    """A SQL Server database by JDBC URL (``jdbc:sqlserver://host:1433;DatabaseName=db``)."""

    connection_type: ClassVar[str] = "sqlserver"


ConnectionContent = RdsContent | MySQLContent | PostgreSQLContent | SQLServerContent

__all__ = ["ConnectionContent", "MySQLContent", "PostgreSQLContent", "RdsContent", "SQLServerContent"]
