"""Huawei Cloud overlay: signed DAS clients, credentials, typed errors and CreateInstanceConnection.

Importing this package stays light: no aiohttp, starlette or YAML until they are needed. The emulator lives in
``cloudsign.huaweicloud.emulator`` and is imported only by whoever uses it.
"""

from __future__ import annotations

from . import errors
from .auth import DASAuth, HuaweiSigner, requests_auth
from .client import DASClient, das_client
from .credentials import Credentials, default_credentials
from .operations import acreate_instance_connection, create_instance_connection

__all__ = [
    "Credentials",
    "DASAuth",
    "DASClient",
    "HuaweiSigner",
    "acreate_instance_connection",
    "create_instance_connection",
    "das_client",
    "default_credentials",
    "errors",
    "requests_auth",
]
