"""``dataworks_client(...)``: the generated ``dataworks_client.Client`` with every request signed, sync and async.

Credentials and the region are resolved once here. With only an ``endpoint`` (an emulator, a proxy) and no region,
``RegionId`` is left out of requests, exactly as the official client does: the service takes the region from the
endpoint. With a region, ``RegionId`` is filled in whenever the caller leaves it out.
"""

from __future__ import annotations

import os
import ssl
from typing import Any

import httpx
from attrs import define, field

from dataworks_client import Client

from .._core.auth import SigningAuth
from .._core.clients import DEFAULT_TIMEOUT, USER_AGENT, DirectPaths, tls_for
from .._core.errors import ConfigurationError
from .._core.logs import install_httpx_redaction
from .._core.retry import RetryPolicy
from .auth import SIGNERS
from .credentials import Credentials, default_credentials
from .endpoints import check_region, resolve_endpoint

ENV_REGION = "ALIBABA_CLOUD_REGION_ID"
ASYNC_BACKENDS = ("aiohttp", "httpx")


@define
class DataWorksClient(DirectPaths, Client):
    """A generated ``Client`` that knows its retry policy and region; its async client runs on aiohttp by default,
    built on the first async call (so aiohttp is never imported by sync-only programs)."""

    retry_policy: RetryPolicy = field(factory=RetryPolicy, kw_only=True)
    region: str | None = field(default=None, kw_only=True)
    async_backend: str = field(default="aiohttp", kw_only=True)
    sync_backend: str = field(default="urllib3", kw_only=True)


def dataworks_client(
    *,
    region: str | None = None,
    endpoint: str | None = None,
    credentials: Credentials | None = None,
    signature: str = "ACS3-HMAC-SHA256",
    timeout: httpx.Timeout | float | None = None,
    max_attempts: int = 3,
    retry_unsafe: bool = False,
    async_backend: str = "aiohttp",
    verify: bool | str | ssl.SSLContext = True,
    httpx_args: dict[str, Any] | None = None,
) -> DataWorksClient:
    """Build a signed DataWorks client. ``signature`` is ``"ACS3-HMAC-SHA256"`` (default) or ``"HMAC-SHA1"``
    (RPC v1); ``credentials=None`` walks the default chain; ``region=None`` reads ``ALIBABA_CLOUD_REGION_ID``."""
    signer_cls = SIGNERS.get(signature)
    if signer_cls is None:
        raise ConfigurationError(f"signature must be one of {sorted(SIGNERS)}, got {signature!r}")
    if async_backend not in ASYNC_BACKENDS:
        raise ConfigurationError(f"async_backend must be one of {ASYNC_BACKENDS}, got {async_backend!r}")
    if region is None:
        region = os.environ.get(ENV_REGION) or None
    if region is not None:
        check_region(region)
    base_url = resolve_endpoint(region, endpoint)
    args = dict(httpx_args or {})
    if "auth" in args:
        raise ConfigurationError("httpx_args must not set 'auth': the client signs every request itself")
    try:
        policy = RetryPolicy(max_attempts=max_attempts, retry_unsafe=retry_unsafe)
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from None
    creds = credentials if credentials is not None else default_credentials()
    args["auth"] = SigningAuth(signer_cls(creds, region=region))
    install_httpx_redaction()
    if timeout is None:
        timeout = DEFAULT_TIMEOUT
    return DataWorksClient(
        base_url=base_url,
        headers={"User-Agent": USER_AGENT},
        timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
        verify_ssl=tls_for(base_url, verify),
        httpx_args=args,
        retry_policy=policy,
        region=region,
        async_backend=async_backend,
    )
