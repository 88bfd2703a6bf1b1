"""The fast async path: an ``httpx.AsyncClient`` whose ``request()`` signs and sends straight through aiohttp.

The generated ``asyncio_detailed`` functions call ``client.get_async_httpx_client().request(method, url, params=...,
json=..., headers=...)`` and read an ``httpx.Response``. Building httpx's request and URL objects costs hundreds of
microseconds of CPU per call (a long DataWorks query is checked character by character), which caps a process at
the official SDKs' throughput. This client keeps that contract — same arguments, same encodings as httpx, an
``httpx.Response`` back, httpx's exception classes — but builds the URL string itself, signs it with the same
signer the ``httpx.Auth`` uses, and lets aiohttp do the I/O over reused connections. Anything it does not handle
(files, form data, cookies, per-request auth, streaming) goes through the ordinary httpx path, signed as usual.
aiohttp is imported only when the first request is made.
"""

from __future__ import annotations

import json as jsonlib
import logging
import ssl
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx

from .auth import Signer, SigningAuth
from .calling import last_response, logger
from .logs import redact_headers, redact_url

UNHANDLED = ("content", "data", "files", "cookies", "auth", "follow_redirects", "extensions")


def _text(value: Any) -> str:
    """httpx's primitive_value_to_str: JSON-style booleans, None as empty."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "" if value is None else str(value)


def encode_params(params: Mapping[str, Any]) -> str:
    """A query string (RFC 3986) that decodes to exactly the pairs httpx would send for ``params``."""
    parts = []
    for key, value in params.items():
        for item in value if isinstance(value, list | tuple) else (value,):
            parts.append(f"{quote(str(key), safe='~')}={quote(_text(item), safe='~')}")
    return "&".join(parts)


def encode_json(value: Any) -> bytes:
    """The bytes httpx sends for ``json=value``."""
    return jsonlib.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def _map_error(exc: BaseException) -> httpx.HTTPError:
    """aiohttp's failures as httpx's classes; the original stays the ``__cause__``, which the retry policy reads
    to tell "never sent" (connect failures) from "may have reached the server"."""
    import asyncio

    import aiohttp

    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(str(exc) or "connect timeout")
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError(str(exc) or "connection failed")
    if isinstance(exc, aiohttp.ServerTimeoutError | asyncio.TimeoutError):
        return httpx.ReadTimeout(str(exc) or "read timeout")
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return httpx.RemoteProtocolError(str(exc) or "server disconnected")
    return httpx.ReadError(str(exc) or type(exc).__name__)


class AiohttpSignedClient(httpx.AsyncClient):
    """See the module docstring. ``signer`` is the object behind the client's ``SigningAuth``."""

    def __init__(
        self,
        *,
        signer: Signer,
        base_url: str,
        headers: Mapping[str, str] | None = None,
        timeout: httpx.Timeout | None = None,
        verify: bool | str | ssl.SSLContext = True,
        max_connections: int = 100,
    ) -> None:
        super().__init__(
            base_url=base_url, headers=dict(headers or {}), timeout=timeout, verify=verify, auth=SigningAuth(signer)
        )
        self._signer = signer
        self._base = base_url.rstrip("/")
        self._verify_setting = verify
        self._max_connections = max_connections
        self._session: Any = None

    def _client_timeout(self, timeout: Any) -> Any:
        import aiohttp

        t = self.timeout if timeout is httpx.USE_CLIENT_DEFAULT else httpx.Timeout(timeout)
        return aiohttp.ClientTimeout(total=None, connect=t.pool, sock_connect=t.connect, sock_read=t.read)

    def _ssl(self) -> Any:
        if self._base.startswith("http://"):
            return False  # never used for plain HTTP; skips building a context
        verify = self._verify_setting
        if isinstance(verify, ssl.SSLContext):
            return verify
        if verify is False:
            return False
        return httpx.create_ssl_context(verify=verify)

    def _get_session(self) -> Any:
        if self._session is None or self._session.closed:
            import aiohttp

            connector = aiohttp.TCPConnector(limit=self._max_connections, ssl=self._ssl())
            self._session = aiohttp.ClientSession(connector=connector, auto_decompress=True)
        return self._session

    async def request(  # type: ignore[override]
        self,
        method: str,
        url: httpx.URL | str,
        *,
        json: Any | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: Any = httpx.USE_CLIENT_DEFAULT,
        **kwargs: Any,
    ) -> httpx.Response:
        if any(kwargs.get(name) is not None for name in UNHANDLED) or not isinstance(url, str) or "://" in url:
            fallback = {k: v for k, v in kwargs.items() if v is not None}
            return await super().request(
                method, url, json=json, params=params, headers=headers, timeout=timeout, **fallback
            )
        import aiohttp
        import yarl

        full = self._base + url
        if params:
            full += ("&" if "?" in full else "?") + encode_params(params)
        body = encode_json(json) if json is not None else b""
        merged = dict(self.headers)  # httpx.Headers: lowercase names
        if headers:
            merged.update((k.lower(), v) for k, v in headers.items())
        if json is not None:
            merged.setdefault("content-type", "application/json")
        signed = self._signer.sign(method.upper(), full, merged, body)
        merged.update(signed.headers)
        full = signed.url or full
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("request %s %s headers=%s", method.upper(), redact_url(full), redact_headers(merged))
        try:
            async with self._get_session().request(
                method.upper(),
                yarl.URL(full, encoded=True),
                headers=merged,
                data=body or None,
                allow_redirects=False,
                timeout=self._client_timeout(timeout),
            ) as raw:
                content = await raw.read()
                # aiohttp already decoded any Content-Encoding; httpx must not decode again.
                kept = [(k, v) for k, v in raw.raw_headers if k.lower() != b"content-encoding"]
                response = httpx.Response(raw.status, headers=kept, content=content)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise _map_error(exc) from exc
        last_response.set(response)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("response %s headers=%s", response.status_code, redact_headers(response.headers))
        return response

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
        await super().aclose()

    async def __aexit__(self, *args: Any) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
        await super().__aexit__(*args)
