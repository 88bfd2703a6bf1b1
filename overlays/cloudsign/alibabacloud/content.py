"""Typed builders for CreateConnection's ``Content`` (a JSON document in a string whose shape depends on
ConnectionType). Each serialises with ``to_json()``; no secret is ever in ``repr``: the password is left out, and
a JDBC URL is shown without its user information, query and properties (``?password=...``, ``;password=...``).
A raw string stays accepted wherever a helper is: any JSON object the vendor documents for other types."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

# What of a JDBC URL repr may show: scheme, host, port and path. User information (``//user:pw@``) and everything
# from the first ``?`` or ``;`` (driver properties, where ``password=`` goes) are hidden.
_JDBC_USERINFO = re.compile(r"(//)[^/@?;]*@")
_JDBC_TAIL = re.compile(r"[?;].*", re.S)


def _shown_url(url: str) -> str:
    shown = _JDBC_TAIL.sub(lambda m: m.group(0)[0] + "***", url)
    return _JDBC_USERINFO.sub(r"\1***@", shown)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Content:
    connection_type: ClassVar[str] = ""

    def _fields(self) -> dict[str, Any]:
        raise NotImplementedError

    def to_json(self) -> str:
        """Compact JSON with the vendor's field names; fields left as ``None`` are omitted."""
        return json.dumps({k: v for k, v in self._fields().items() if v is not None}, separators=(",", ":"))

    def __repr__(self) -> str:
        shown = []
        for item in fields(self):
            if item.repr:
                value = getattr(self, item.name)
                shown.append(f"{item.name}={_shown_url(value) if item.metadata.get('url') else value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class RdsContent(_Content):
    """An ApsaraDB RDS instance reached in instance mode (``ConnectionType=rds``). ``config_type`` is the vendor's
    ``configType`` (a number; the official SDK's rds example sends 1), omitted when None."""

    connection_type: ClassVar[str] = "rds"
    instance_name: str
    database: str
    username: str
    password: str = field(repr=False)
    rds_owner_id: str
    tag: str | None = "rds"
    config_type: int | None = None

    def _fields(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "instanceName": self.instance_name,
            "password": self.password,
            "rdsOwnerId": self.rds_owner_id,
            "username": self.username,
            "tag": self.tag,
            "configType": self.config_type,
        }


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class _JdbcContent(_Content):
    jdbc_url: str = field(metadata={"url": True})
    username: str
    password: str = field(repr=False)
    tag: str | None = "public"

    def _fields(self) -> dict[str, Any]:
        return {"jdbcUrl": self.jdbc_url, "username": self.username, "password": self.password, "tag": self.tag}


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class MySQLContent(_JdbcContent):
    """A MySQL database by JDBC URL (``jdbc:mysql://host:3306/db``)."""

    connection_type: ClassVar[str] = "mysql"


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class PostgreSQLContent(_JdbcContent):
    """A PostgreSQL database by JDBC URL (``jdbc:postgresql://host:5432/db``)."""

    connection_type: ClassVar[str] = "postgresql"


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class SQLServerContent(_JdbcContent):
    """A SQL Server database by JDBC URL (``jdbc:sqlserver://host:1433;DatabaseName=db``)."""

    connection_type: ClassVar[str] = "sqlserver"


ConnectionContent = RdsContent | MySQLContent | PostgreSQLContent | SQLServerContent

__all__ = ["ConnectionContent", "MySQLContent", "PostgreSQLContent", "RdsContent", "SQLServerContent"]
