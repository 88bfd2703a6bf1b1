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

from collections.abc import Mapping
from typing import Any

import httpx

from .direct import DirectSettings, prepare, respond, wants_httpx


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


class AiohttpSignedClient(DirectSettings, httpx.AsyncClient):
    """See the module docstring. ``signer`` is the object behind the client's ``SigningAuth``."""

    _session: Any = None

    def _client_timeout(self, timeout: Any) -> Any:
        import aiohttp

        t = self.timeout if timeout is httpx.USE_CLIENT_DEFAULT else httpx.Timeout(timeout)
        return aiohttp.ClientTimeout(total=None, connect=t.pool, sock_connect=t.connect, sock_read=t.read)

    def _get_session(self) -> Any:
        if self._session is None or self._session.closed:
            import aiohttp

            connector = aiohttp.TCPConnector(limit=self._max_connections, ssl=self.tls_context() or False)
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
        if wants_httpx(url, kwargs):
            fallback = {k: v for k, v in kwargs.items() if v is not None}
            return await super().request(
                method, url, json=json, params=params, headers=headers, timeout=timeout, **fallback
            )
        import aiohttp
        import yarl

        req = prepare(self._signer, self._base, self.headers, method, str(url), params, json, headers)
        try:
            async with self._get_session().request(
                req.method,
                yarl.URL(req.url, encoded=True),
                headers=req.headers,
                data=req.body or None,
                allow_redirects=False,
                timeout=self._client_timeout(timeout),
            ) as raw:
                return respond(raw.status, list(raw.raw_headers), await raw.read())
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise _map_error(exc) from exc

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
