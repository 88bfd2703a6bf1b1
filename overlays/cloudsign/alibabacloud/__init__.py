"""Alibaba Cloud: signed clients for every generated Alibaba Cloud package, credentials and typed errors.

``client(dataworks_client.Client, region=...)`` (or ``dataworks_client(...)``) returns the generated ``Client``;
every generated function then validates, signs and retries through it, and each operation module's
``call``/``acall`` returns the parsed body or raises a typed error from ``cloudsign.alibabacloud.errors``. The
DataWorks ``Content`` helpers (``RdsContent``...) are optional sugar. Everything but ``Credentials`` is imported on
first use, so ``import cloudsign.alibabacloud`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._core.lazy import lazy_attributes
from .credentials import Credentials

if TYPE_CHECKING:
    from . import errors
    from .auth import requests_auth
    from .content import ConnectionContent, MySQLContent, PostgreSQLContent, RdsContent, SQLServerContent
    from .factory import client, dataworks_client

__getattr__ = lazy_attributes(
    __name__,
    {
        "errors": ".errors",
        "client": ".factory",
        "dataworks_client": ".factory",
        "requests_auth": ".auth",
        "ConnectionContent": ".content",
        "RdsContent": ".content",
        "MySQLContent": ".content",
        "PostgreSQLContent": ".content",
        "SQLServerContent": ".content",
    },
)


__all__ = [
    "ConnectionContent",
    "Credentials",
    "MySQLContent",
    "PostgreSQLContent",
    "RdsContent",
    "SQLServerContent",
    "client",
    "dataworks_client",
    "errors",
    "requests_auth",
]
