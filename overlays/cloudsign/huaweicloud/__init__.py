"""Huawei Cloud: signed clients for every generated Huawei Cloud package, credentials and typed errors.

``client(das_client.Client, region=...)`` (or ``das_client(...)``) returns the generated ``Client``; every generated
function then validates, signs and retries through it, and each operation module's ``call``/``acall`` returns the
parsed body or raises a typed error from ``cloudsign.huaweicloud.errors``. Importing this package stays light: the
client, aiohttp, starlette and YAML load on first use. The emulator lives in ``cloudsign.emulator.huaweicloud``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cloudsign._core.lazy import lazy_attributes

from .credentials import Credentials, IamToken

if TYPE_CHECKING:
    from . import errors
    from .auth import DASAuth, HuaweiSigner, IamTokenAuth, IamTokenSigner, requests_auth
    from .chain import default_credentials
    from .factory import client, das_client

__getattr__ = lazy_attributes(
    __name__,
    {
        "errors": ".errors",
        "client": ".factory",
        "das_client": ".factory",
        "DASAuth": ".auth",
        "HuaweiSigner": ".auth",
        "IamTokenAuth": ".auth",
        "IamTokenSigner": ".auth",
        "requests_auth": ".auth",
        "default_credentials": ".chain",
    },
)


__all__ = [
    "Credentials",
    "DASAuth",
    "HuaweiSigner",
    "IamToken",
    "IamTokenAuth",
    "IamTokenSigner",
    "client",
    "das_client",
    "default_credentials",
    "errors",
    "requests_auth",
]
