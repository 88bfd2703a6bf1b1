"""Alibaba Cloud DataWorks for the generated ``dataworks_client``: signing, credentials, errors, validation.

Public names: ``Credentials``, ``dataworks_client``, ``create_connection``, ``acreate_connection``, the Content
helpers (``RdsContent``, ``MySQLContent``, ``PostgreSQLContent``, ``SQLServerContent``) and the ``errors`` module.
Everything but ``Credentials`` is imported on first use, so ``import cloudsign.alibabacloud`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .credentials import Credentials

if TYPE_CHECKING:
    from . import errors
    from .client import DataWorksClient, dataworks_client
    from .content import ConnectionContent, MySQLContent, PostgreSQLContent, RdsContent, SQLServerContent
    from .operations import acreate_connection, create_connection

_LAZY = {
    "dataworks_client": ".client",
    "DataWorksClient": ".client",
    "create_connection": ".operations",
    "acreate_connection": ".operations",
    "ConnectionContent": ".content",
    "RdsContent": ".content",
    "MySQLContent": ".content",
    "PostgreSQLContent": ".content",
    "SQLServerContent": ".content",
}


def __getattr__(name: str) -> Any:
    if name == "errors":
        return importlib.import_module(".errors", __name__)
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ConnectionContent",
    "Credentials",
    "DataWorksClient",
    "MySQLContent",
    "PostgreSQLContent",
    "RdsContent",
    "SQLServerContent",
    "acreate_connection",
    "create_connection",
    "dataworks_client",
    "errors",
]
