"""Shared pieces of the client factories: default timeouts, a cheap TLS context for http://, the aiohttp client."""

from __future__ import annotations

import ssl
from typing import Any
from urllib.parse import urlsplit

import httpx

from .errors import ConfigurationError

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
USER_AGENT = "cloudsign/0.1.0"


def check_endpoint(endpoint: str) -> str:
    """An endpoint is an absolute http(s) URL with a host and no query; returns it without a trailing slash."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigurationError(f"endpoint must be an http(s) URL like https://host[:port], got {endpoint!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise ConfigurationError(f"endpoint has an invalid port: {endpoint!r}") from exc
    return endpoint.rstrip("/")


def tls_for(endpoint: str, verify: bool | str | ssl.SSLContext) -> bool | str | ssl.SSLContext:
    """For plain http:// endpoints hand httpx an empty TLS context: it is never used, and loading the CA bundle
    would cost milliseconds at client construction. https:// keeps full verification."""
    if verify is True and endpoint.startswith("http://"):
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return verify


def _direct_signer(client: Any) -> Any:
    """The signer when a generated client carries only cloudsign's own signing (no other httpx options)."""
    from .auth import SigningAuth

    args = dict(client._httpx_args)
    auth = args.pop("auth", None)
    if isinstance(auth, SigningAuth) and not args and not client._cookies and not client._follow_redirects:
        return auth.signer
    return None


def urllib3_sync_client(client: Any) -> httpx.Client | None:
    """The direct sync path (``Urllib3SignedClient``) for a generated client's settings, or None when the client
    was configured with httpx options it must keep (then the generated default httpx.Client is right)."""
    signer = _direct_signer(client)
    if signer is None:
        return None
    from .urllib3_client import Urllib3SignedClient

    return Urllib3SignedClient(
        signer=signer,
        base_url=client._base_url,
        headers=client._headers,
        timeout=client._timeout,
        verify=client._verify_ssl,
    )


def aiohttp_async_client(client: Any) -> httpx.AsyncClient:
    """The async client for a generated client's settings, on aiohttp; aiohttp is imported on first use.

    With cloudsign's own signing and no other httpx options, the direct path (``AiohttpSignedClient``) is used;
    a client configured with anything else (transports, proxies, event hooks, cookies...) keeps every option on
    httpx-aiohttp's transport instead."""
    signer = _direct_signer(client)
    if signer is not None:
        from .aiohttp_client import AiohttpSignedClient

        return AiohttpSignedClient(
            signer=signer,
            base_url=client._base_url,
            headers=client._headers,
            timeout=client._timeout,
            verify=client._verify_ssl,
        )
    from httpx_aiohttp import HttpxAiohttpClient

    return HttpxAiohttpClient(
        base_url=client._base_url,
        cookies=client._cookies,
        headers=client._headers,
        timeout=client._timeout,
        verify=client._verify_ssl,
        follow_redirects=client._follow_redirects,
        **client._httpx_args,
    )


class DirectPaths:
    """Mixin for the generated ``Client`` subclasses: sync requests through urllib3, async through aiohttp, both
    signed by the client's own signer; each falls back to the generated httpx client when its backend is "httpx"
    or the client was given other httpx options. The subclass declares ``sync_backend`` and ``async_backend``."""

    __slots__ = ()

    def get_httpx_client(self) -> httpx.Client:
        this: Any = self
        if this._client is None and this.sync_backend == "urllib3":
            this._client = urllib3_sync_client(this)
        return super().get_httpx_client()  # type: ignore[misc, no-any-return]

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        this: Any = self
        if this._async_client is None and this.async_backend == "aiohttp":
            this._async_client = aiohttp_async_client(this)
        return super().get_async_httpx_client()  # type: ignore[misc, no-any-return]
