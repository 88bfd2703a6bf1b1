"""The async client the generated code calls: an ``httpx.AsyncClient`` whose ``request()`` runs the pipeline.

Backends: ``aiohttp`` (the default) sends the prepared bytes straight through an aiohttp session over reused
connections, without httpx's request and URL objects; ``httpx`` sends through httpx itself, on httpx-aiohttp's
transport unless the user gave a transport of their own, so every httpx option applies. aiohttp is imported on the
first request, and asyncio only when a retry has to wait.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import httpx

from . import inprocess, switch
from .aio_sessions import LoopSessions, release_at_shutdown
from .bodies import READ_CHUNK, adecoded_chunks
from .errors import ConfigurationError
from .fork import track
from .memo import keep
from .pipeline import Call, Options, Pipeline, too_large
from .proxies import direct_mounts, proxy_for
from .refresh import AsyncCredentialsSource
from .responses import response_for
from .sync_client import Connections
from .tls import tls_context

ASYNC_BACKENDS = ("aiohttp", "httpx")


def _map_aiohttp_error(exc: BaseException) -> httpx.HTTPError:
    """aiohttp's failures as httpx's classes; the original stays the ``__cause__``, which the retry rules read to
    tell "never sent" (connect failures) from "may have reached the server"."""
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


class AsyncClient(httpx.AsyncClient):
    """See the module docstring. Built by the cloud client's ``get_async_httpx_client()``."""

    def __init__(
        self,
        pipeline: Pipeline,
        *,
        backend: str = "aiohttp",
        max_connections: int = 100,
        proxy: str | None = None,
        **httpx_kwargs: Any,
    ) -> None:
        if backend == "httpx" and "transport" not in httpx_kwargs and "mounts" not in httpx_kwargs:
            from httpx_aiohttp import AiohttpTransport

            # httpx applies ``verify`` to its own default transport only: this one must be told.
            httpx_kwargs["transport"] = own = AiohttpTransport(verify=httpx_kwargs.get("verify", True))
        else:
            own = None
        httpx_kwargs["follow_redirects"] = False  # never: a 3xx would carry the signature, token and body away
        httpx_kwargs.update(direct_mounts(pipeline.base, proxy, httpx_kwargs))
        super().__init__(**({"proxy": proxy, **httpx_kwargs} if proxy else httpx_kwargs))
        self._proxy = proxy
        self._own_transport = own  # httpx backend: the transport made here, whose session is closed per loop
        self.pipeline = pipeline
        self.backend = backend
        self._max_connections = max_connections
        self._verify_setting = httpx_kwargs.get("verify", True)
        self._conn = Connections()  # shared with every with_options() view, built or not
        track(self)  # forgets its connections in a forked child
        self._default_timeout: Any = None
        source = pipeline.signer.credentials_source
        self._fetch_credentials = source.current_async if isinstance(source, AsyncCredentialsSource) else None

    def with_options(self, options: Options) -> AsyncClient:
        """A view of this client with other options, sharing its connections."""
        view = object.__new__(type(self))
        view.__dict__.update(self.__dict__)
        view.pipeline = self.pipeline.with_options(options)
        return view

    async def request(  # type: ignore[override]
        self,
        method: str,
        url: httpx.URL | str,
        *,
        content: Any = None,
        data: Any = None,
        files: Any = None,
        json: Any | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        cookies: Any = None,
        auth: Any = httpx.USE_CLIENT_DEFAULT,
        follow_redirects: Any = httpx.USE_CLIENT_DEFAULT,
        timeout: Any = httpx.USE_CLIENT_DEFAULT,
        extensions: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        if data is not None or files is not None:  # forms and multipart: let httpx encode them, then send as bytes
            built = self.build_request(method, "/", content=content, data=data, files=files, headers=headers)
            headers, content = dict(built.headers), await built.aread()
        pipeline = self.pipeline
        call = pipeline.prepare(
            method, str(url), params=params, json=json, content=content, headers=headers, extensions=extensions
        )
        attempt = 0
        while True:
            attempt += 1
            started = time.perf_counter()
            outcome: httpx.Response | httpx.HTTPError | float
            try:
                outcome = await self._send(call, timeout)
            except httpx.HTTPError as exc:
                outcome = exc
            outcome = pipeline.settle(call, attempt, started, outcome)
            if isinstance(outcome, httpx.Response):
                return outcome
            await _sleep(outcome)

    async def _send(self, call: Call, timeout: Any) -> httpx.Response:
        fetch = self._fetch_credentials
        if fetch is not None:
            # Credentials that must be fetched before signing are fetched off the event loop (single-flight);
            # fresh ones cost one clock read here, and signing then reads them without waiting.
            await fetch()
        url, headers = self.pipeline.sign(call)
        if (emulation := switch.ACTIVE) is not None:  # cloudsign.testing.emulated(): answered in process
            return await inprocess.asend(emulation, self, call, url, headers, timeout)
        if self.backend == "httpx":
            if self._conn.loop is not _aiohttp_modules().running_loop():
                await self._bind_loop()
            request = httpx.Request(call.method, url, headers=headers, content=call.body)
            t = self.timeout if timeout is httpx.USE_CLIENT_DEFAULT else httpx.Timeout(timeout)
            request.extensions["timeout"] = t.as_dict()
            failures = _aiohttp_modules().failures
            try:  # httpx-aiohttp lets some of aiohttp's errors through unmapped (a malformed head)
                streamed = await self.send(request, stream=True, follow_redirects=False)
                request_id = self.pipeline.request_id(streamed.headers)
                try:
                    body = bytearray()
                    async for chunk in adecoded_chunks(streamed):
                        body += chunk
                        if len(body) > call.options.max_response_bytes:
                            raise too_large(call, streamed.status_code, request_id)
                finally:
                    await streamed.aclose()
            except failures as exc:
                raise _map_aiohttp_error(exc) from exc
            return response_for(streamed.status_code, streamed.headers.multi_items(), bytes(body), request_id)
        aio = _aiohttp_modules()
        limit = call.options.max_response_bytes
        try:
            session = self._sessions.get(aio.running_loop())
            if session is None:
                session = await self._new_session()
            async with session.request(
                call.method,
                _yarl_url(url, aio),
                headers=headers,
                data=call.body or None,
                allow_redirects=False,
                proxy=self._conn.proxy,
                timeout=self._client_timeout(timeout),
            ) as raw:
                length = raw.content_length
                if length is not None and length <= limit and "Content-Encoding" not in raw.headers:
                    content = await raw.read()
                else:
                    content = await _read_aiohttp(raw, limit)
                    if content is None:
                        raise too_large(call, raw.status, self.pipeline.request_id(raw.headers))
        except aio.failures as exc:
            raise _map_aiohttp_error(exc) from exc
        return response_for(raw.status, raw.raw_headers, content, self.pipeline.request_id(raw.headers))

    async def _bind_loop(self) -> None:
        """httpx's transport keeps connections of the loop it runs on: another loop is refused before anything is
        sent while that one lives (the aiohttp backend serves several). The transport made here has its session
        closed when its loop shuts down, and the client is then free for the next loop (another ``asyncio.run``)."""
        loop = _aiohttp_modules().running_loop()
        if self._conn.loop is not None:
            raise ConfigurationError(
                "this async client (async_backend='httpx') is in use on another event loop; build one client "
                "per event loop, or use the default aiohttp backend, which serves several"
            )
        self._conn.loop = loop
        if self._own_transport is not None:
            await release_at_shutdown(loop, self._own_transport, self._conn)

    def _client_timeout(self, timeout: Any) -> Any:
        """aiohttp's timeouts for this call; those of the client's own timeout are made once per value."""
        cached = self._default_timeout
        if timeout is httpx.USE_CLIENT_DEFAULT and cached is not None and cached[0] is self.timeout:
            return cached[1]
        import aiohttp

        t = self.timeout if timeout is httpx.USE_CLIENT_DEFAULT else httpx.Timeout(timeout)
        made = aiohttp.ClientTimeout(total=None, connect=t.pool, sock_connect=t.connect, sock_read=t.read)
        if timeout is httpx.USE_CLIENT_DEFAULT:
            self._default_timeout = (t, made)
        return made

    async def _new_session(self) -> Any:
        """A session for the running loop (see ``aio_sessions``)."""
        import aiohttp

        conn = self._conn
        if conn.sessions is None:
            conn.sessions = LoopSessions()
        conn.proxy = self._proxy or proxy_for(self.pipeline.base)
        ssl = tls_context(self.pipeline.base, self._verify_setting) or False

        def make() -> Any:
            connector = aiohttp.TCPConnector(limit=self._max_connections, ssl=ssl)
            return aiohttp.ClientSession(connector=connector, auto_decompress=True)

        return await conn.sessions.open(_aiohttp_modules().running_loop(), make)

    @property
    def _sessions(self) -> LoopSessions:
        conn = self._conn
        if conn.sessions is None:
            conn.sessions = LoopSessions()
        return conn.sessions  # type: ignore[no-any-return]

    async def aclose(self) -> None:
        if self._conn.sessions is not None:
            await self._conn.sessions.aclose()
        await super().aclose()

    async def __aexit__(self, *args: Any) -> None:
        await self.aclose()


class _Aiohttp:
    """aiohttp and yarl, imported on the first async request (not at import: a sync user never pays for them)."""

    __slots__ = ("URL", "failures", "running_loop")

    def __init__(self) -> None:
        import asyncio

        import aiohttp
        import yarl

        self.URL = yarl.URL
        self.failures = (aiohttp.ClientError, TimeoutError)
        self.running_loop = asyncio.get_running_loop


_AIO: _Aiohttp | None = None
_URLS: dict[str, Any] = {}


def _aiohttp_modules() -> _Aiohttp:
    global _AIO
    if _AIO is None:
        _AIO = _Aiohttp()
    return _AIO


def _yarl_url(url: str, aio: _Aiohttp) -> Any:
    """The yarl URL of ``url`` (already encoded). One without a query is parsed once: a client calls the same few
    paths again. One with a query is parsed afresh and never kept, as its values may be secrets."""
    if "?" in url:
        return aio.URL(url, encoded=True)
    made = _URLS.get(url)
    if made is None:
        made = keep(_URLS, url, aio.URL(url, encoded=True), 256)
    return made


async def _read_aiohttp(raw: Any, limit: int) -> bytes | None:
    """The decoded body read in chunks, or None once it passes ``limit`` (the connection is then dropped)."""
    body = bytearray()
    async for chunk in raw.content.iter_chunked(READ_CHUNK):
        body += chunk
        if len(body) > limit:
            raw.close()
            return None
    return bytes(body)


async def _sleep(seconds: float) -> None:
    import asyncio  # here, not at the top: importing asyncio costs cold start that a sync user never needs

    await asyncio.sleep(seconds)
