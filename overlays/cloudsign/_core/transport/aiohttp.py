"""The aiohttp transport (the async default): the prepared bytes go straight through an aiohttp session over
reused connections, without httpx's request and URL objects. One session per event loop (``aio_sessions``), each
closed on its own loop. aiohttp and yarl are imported on the first request, never by a sync user."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from ..aio_sessions import LoopSessions
from ..bodies import READ_CHUNK
from ..fork import track
from ..memo import keep
from ..tls import tls_context
from .base import Exchange, Link, TooLarge


def map_error(exc: BaseException) -> httpx.HTTPError:
    """aiohttp's failures as httpx's classes, decided here once: the classes of ``retry._NOT_SENT`` only for what
    fails before the request is written (connecting, a URL aiohttp will not send to), so the retry rules read the
    class alone. The original stays the ``__cause__`` (scrubbed later by ``failures``)."""
    import asyncio

    import aiohttp

    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(str(exc) or "connect timeout")
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError(str(exc) or "connection failed")
    if isinstance(exc, aiohttp.InvalidUrlClientError | aiohttp.NonHttpUrlClientError):
        return httpx.UnsupportedProtocol(str(exc) or "URL not sendable")
    if isinstance(exc, aiohttp.ServerTimeoutError | asyncio.TimeoutError):
        return httpx.ReadTimeout(str(exc) or "read timeout")
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return httpx.RemoteProtocolError(str(exc) or "server disconnected")
    return httpx.ReadError(str(exc) or type(exc).__name__)


class Modules:
    """aiohttp and yarl, imported on the first async request (not at import: a sync user never pays for them)."""

    __slots__ = ("URL", "failures", "running_loop")

    def __init__(self) -> None:
        import asyncio

        import aiohttp
        import yarl

        self.URL = yarl.URL
        self.failures = (aiohttp.ClientError, TimeoutError)
        self.running_loop = asyncio.get_running_loop


_AIO: Modules | None = None
_URLS: dict[str, Any] = {}


def modules() -> Modules:
    global _AIO
    if _AIO is None:
        _AIO = Modules()
    return _AIO


def _yarl_url(url: str, aio: Modules) -> Any:
    """The yarl URL of ``url`` (already encoded). One without a query is parsed once: a client calls the same few
    paths again. One with a query is parsed afresh and never kept, as its values may be secrets."""
    if "?" in url:
        return aio.URL(url, encoded=True)
    made = _URLS.get(url)
    if made is None:
        made = keep(_URLS, url, aio.URL(url, encoded=True), 256)
    return made


async def _read(raw: Any, limit: int) -> bytes | None:
    """The decoded body read in chunks, or None once it passes ``limit`` (the connection is then dropped)."""
    body = bytearray()
    async for chunk in raw.content.iter_chunked(READ_CHUNK):
        body += chunk
        if len(body) > limit:
            raw.close()
            return None
    return bytes(body)


class AiohttpTransport:
    """See the module docstring."""

    def __init__(self, link: Link, httpx_kwargs: dict[str, Any]) -> None:
        self.link = link
        self.sessions = LoopSessions()
        self.proxy: str | None = None
        self._timeout: tuple[httpx.Timeout, Any] | None = None  # the last timeout and aiohttp's for it
        track(self)

    def _client_timeout(self, t: httpx.Timeout) -> Any:
        """aiohttp's timeouts for ``t``; the last one's are kept (a client passes its own timeout every call)."""
        cached = self._timeout
        if cached is not None and cached[0] is t:
            return cached[1]
        import aiohttp

        made = aiohttp.ClientTimeout(total=None, connect=t.pool, sock_connect=t.connect, sock_read=t.read)
        self._timeout = (t, made)
        return made

    async def _new_session(self, loop: Any) -> Any:
        """A session for the running loop (see ``aio_sessions``)."""
        import aiohttp

        link = self.link
        self.proxy = link.proxy_url()
        ssl = tls_context(link.base_url, link.verify) or False

        def make() -> Any:
            connector = aiohttp.TCPConnector(limit=link.max_connections, ssl=ssl)
            return aiohttp.ClientSession(connector=connector, auto_decompress=True)

        return await self.sessions.open(loop, make)

    def attach(self, client: Any) -> None:
        """Nothing to keep: it sends on its own connections."""

    async def send(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: httpx.Timeout, limit: int
    ) -> Exchange:
        aio = modules()
        try:
            loop = aio.running_loop()
            session = self.sessions.get(loop)
            if session is None:
                session = await self._new_session(loop)
            async with session.request(
                method,
                _yarl_url(url, aio),
                headers=headers,
                data=body or None,
                allow_redirects=False,
                proxy=self.proxy,
                timeout=self._client_timeout(timeout),
            ) as raw:
                length = raw.content_length
                if length is not None and length <= limit and "Content-Encoding" not in raw.headers:
                    content = await raw.read()
                else:
                    content = await _read(raw, limit)
                    if content is None:
                        raise TooLarge(raw.status, raw.headers)
        except aio.failures as exc:
            raise map_error(exc) from exc
        return raw.status, raw.headers, raw.raw_headers, content

    async def aclose(self) -> None:
        await self.sessions.aclose()

    def forget(self) -> None:
        self.sessions.abandon()
