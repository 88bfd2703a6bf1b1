"""``das_client()``: the generated ``das_client.Client`` with signing, timeouts, retries and the aiohttp async path.

Everything that can be wrong (region, endpoint, credentials) fails here, when the client is built, and the
environment is read here once, never per request.
"""

from __future__ import annotations

import os
import ssl
from typing import Any

import httpx
from attrs import define, field

from cloudsign._core.clients import DEFAULT_TIMEOUT, USER_AGENT, DirectPaths, tls_for
from cloudsign._core.errors import ConfigurationError
from cloudsign._core.logs import install_httpx_redaction
from cloudsign._core.retry import RetryPolicy
from das_client import Client

from .auth import DASAuth
from .credentials import Credentials, default_credentials
from .endpoints import das_endpoint
from .signer import SHA256

ENV_REGION = "HUAWEICLOUD_SDK_REGION"
ASYNC_BACKENDS = ("aiohttp", "httpx")


@define
class DASClient(DirectPaths, Client):
    """A ``das_client.Client`` that carries its retry policy and builds its async client on aiohttp lazily."""

    retry_policy: RetryPolicy = field(factory=RetryPolicy, kw_only=True)
    async_backend: str = field(default="aiohttp", kw_only=True)
    sync_backend: str = field(default="urllib3", kw_only=True)


def das_client(
    *,
    region: str | None = None,
    endpoint: str | None = None,
    credentials: Credentials | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_attempts: int = 3,
    retry_unsafe: bool = False,
    async_backend: str = "aiohttp",
    verify: bool | str | ssl.SSLContext = True,
    httpx_args: dict[str, Any] | None = None,
    algorithm: str = SHA256,
) -> DASClient:
    """A signed DAS client. ``region`` defaults to ``$HUAWEICLOUD_SDK_REGION``; ``endpoint`` overrides it;
    ``credentials=None`` runs the default chain (environment, then profile file)."""
    if async_backend not in ASYNC_BACKENDS:
        raise ConfigurationError(f"async_backend must be one of {ASYNC_BACKENDS}, got {async_backend!r}")
    if region is None and endpoint is None:
        region = os.environ.get(ENV_REGION) or None
        if region is None:
            raise ConfigurationError(f"das_client needs region=..., endpoint=... or ${ENV_REGION}")
    base_url = das_endpoint(region, endpoint)
    args = dict(httpx_args or {})
    if "auth" in args:
        raise ConfigurationError("das_client signs every request itself; pass credentials=..., not httpx_args['auth']")
    creds = credentials if credentials is not None else default_credentials()
    try:
        policy = RetryPolicy(max_attempts=max_attempts, retry_unsafe=retry_unsafe)
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from None
    args["auth"] = DASAuth(creds, algorithm=algorithm)
    install_httpx_redaction()
    return DASClient(
        base_url=base_url,
        headers={"User-Agent": USER_AGENT},
        timeout=DEFAULT_TIMEOUT
        if timeout is None
        else (timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)),
        verify_ssl=tls_for(base_url, verify),
        httpx_args=args,
        retry_policy=policy,
        async_backend=async_backend,
    )
