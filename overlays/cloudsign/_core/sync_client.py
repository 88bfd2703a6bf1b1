"""The sync client the generated code calls: an ``httpx.Client`` whose ``request()`` runs the pipeline.

Three backends send the bytes the pipeline prepared. ``stdlib`` (the default) sends through ``http.client`` connections
kept by ``stdlib_pool``, the least a call can cost (a urllib3 pool alone costs more: docs/benchmarks.md); when a proxy
applies it hands over to the urllib3 proxy path. ``urllib3`` goes straight to a urllib3 connection pool. ``httpx`` sends
through httpx itself, so every httpx option a user gave (transport, proxy, event hooks, mounts...) applies. All keep the
generated code's contract: the same arguments, an ``httpx.Response`` back; all read at most the call's
``max_response_bytes`` (decompressed), never follow redirects, and honour ``HTTP(S)_PROXY``/``NO_PROXY``. urllib3 is
imported only when it sends.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from . import inprocess, switch
from .bodies import READ_CHUNK, decoded_chunks
from .fork import track
from .pipeline import Call, Options, Pipeline, too_large
from .proxies import direct_mounts, proxy_for
from .responses import response_for
from .stdlib_pool import OriginPool, unframed
from .tls import tls_context

SYNC_BACKENDS = ("stdlib", "urllib3", "httpx")


class Connections:
    """The connection pool (or aiohttp session) a client and its ``with_options`` views share, and the event loop
    an aiohttp session belongs to."""

    __slots__ = ("direct", "loop", "origin", "origin_pool", "pool", "proxy", "sessions")

    def __init__(self) -> None:
        self.pool: Any = None
        self.loop: Any = None
        self.proxy: str | None = None
        # urllib3: the endpoint's own connection pool (no proxy), and its ``scheme://host[:port]`` prefix.
        self.direct: Any = None
        self.origin = ""
        # stdlib: http.client connections to the endpoint (None until built; False when a proxy applies).
        self.origin_pool: Any = None
        # async (aiohttp backend): the sessions, one per event loop (``aio_sessions.LoopSessions``).
        self.sessions: Any = None


def _read_urllib3(raw: Any, limit: int) -> bytes | None:
    """The decoded body, or None once it passes ``limit`` (the connection is then dropped, not reused)."""
    headers = raw.headers
    length = headers.get("content-length")
    if length is not None and length.isdigit() and int(length) <= limit and "content-encoding" not in headers:
        return bytes(raw.read())
    body = bytearray()
    for chunk in raw.stream(READ_CHUNK, decode_content=True):
        body += chunk
        if len(body) > limit:
            raw.close()
            return None
    return bytes(body)


def _map_urllib3_error(exc: BaseException) -> httpx.HTTPError:
    """urllib3's failures as httpx's classes; connect failures are the only ones that prove nothing was sent."""
    from urllib3 import exceptions as u3

    if isinstance(exc, u3.NewConnectionError | u3.NameResolutionError):  # (a ConnectTimeoutError subclass)
        return httpx.ConnectError(str(exc))
    if isinstance(exc, u3.ConnectTimeoutError):
        return httpx.ConnectTimeout(str(exc))
    if isinstance(exc, u3.ReadTimeoutError):
        return httpx.ReadTimeout(str(exc))
    if isinstance(exc, u3.ProtocolError):
        return httpx.RemoteProtocolError(str(exc))
    return httpx.ReadError(str(exc))


class SyncClient(httpx.Client):
    """See the module docstring. Built by the cloud client's ``get_httpx_client()``."""

    def __init__(
        self,
        pipeline: Pipeline,
        *,
        backend: str = "stdlib",
        max_connections: int = 100,
        proxy: str | None = None,
        **httpx_kwargs: Any,
    ) -> None:
        httpx_kwargs["follow_redirects"] = False  # never: a 3xx would carry the signature, token and body away
        httpx_kwargs.update(direct_mounts(pipeline.base, proxy, httpx_kwargs))
        super().__init__(**({"proxy": proxy, **httpx_kwargs} if proxy else httpx_kwargs))
        self._proxy = proxy
        self.pipeline = pipeline
        self.backend = backend
        self._max_connections = max_connections
        self._verify_setting = httpx_kwargs.get("verify", True)
        self._conn = Connections()  # shared with every with_options() view, built or not
        track(self)  # forgets its connections in a forked child

    def with_options(self, options: Options) -> SyncClient:
        """A view of this client with other options, sharing its connections."""
        view = object.__new__(type(self))
        view.__dict__.update(self.__dict__)
        view.pipeline = self.pipeline.with_options(options)
        return view

    def request(  # type: ignore[override]
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
            headers, content = dict(built.headers), built.read()
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
                outcome = self._send(call, timeout)
            except httpx.HTTPError as exc:
                outcome = exc
            outcome = pipeline.settle(call, attempt, started, outcome)
            if isinstance(outcome, httpx.Response):
                return outcome
            _sleep(outcome)

    def _send(self, call: Call, timeout: Any) -> httpx.Response:
        url, headers = self.pipeline.sign(call)
        if (emulation := switch.ACTIVE) is not None:  # cloudsign.testing.emulated(): answered in process
            return inprocess.send(emulation, self, call, url, headers, timeout)
        t = self.timeout if timeout is httpx.USE_CLIENT_DEFAULT else httpx.Timeout(timeout)
        if self.backend == "httpx":
            request = httpx.Request(call.method, url, headers=headers, content=call.body)
            request.extensions["timeout"] = t.as_dict()
            streamed = self.send(request, stream=True, follow_redirects=False)
            request_id = self.pipeline.request_id(streamed.headers)
            try:
                body = bytearray()
                for chunk in decoded_chunks(streamed):
                    body += chunk
                    if len(body) > call.options.max_response_bytes:
                        raise too_large(call, streamed.status_code, request_id)
            finally:
                streamed.close()
            return response_for(streamed.status_code, streamed.headers.multi_items(), bytes(body), request_id)
        if self.backend == "stdlib":
            origin_pool = self._get_origin_pool()
            if origin_pool and url.startswith(origin_pool.origin):
                return self._send_stdlib(origin_pool, call, url[len(origin_pool.origin) :] or "/", headers, t)
        import urllib3

        pool = self._get_pool()
        conn = self._conn
        if conn.direct is not None and url.startswith(conn.origin):
            # The endpoint's pool, asked for the path and query: no per-call URL parsing and pool lookup.
            pool, url = conn.direct, url[len(conn.origin) :] or "/"
        try:
            raw = pool.urlopen(
                call.method,
                url,
                body=call.body or None,
                headers=headers,
                redirect=False,
                retries=False,
                assert_same_host=False,
                timeout=urllib3.Timeout(connect=t.connect, read=t.read),
                preload_content=False,
                decode_content=True,
            )
            try:
                content = _read_urllib3(raw, call.options.max_response_bytes)
            finally:
                raw.release_conn()
        except urllib3.exceptions.HTTPError as exc:
            raise _map_urllib3_error(exc) from exc
        if not content and unframed(raw.version, raw.status, raw.headers, call.method):
            # http.client ends a head at EOF as if it were complete: a head cut short reads as an empty 200.
            raise httpx.RemoteProtocolError("the answer ended without a complete head or any body (connection cut)")
        request_id = self.pipeline.request_id(raw.headers)
        if content is None:
            raise too_large(call, raw.status, request_id)
        return response_for(raw.status, raw.headers.items(), content, request_id)

    def _send_stdlib(
        self, pool: OriginPool, call: Call, target: str, headers: dict[str, str], t: httpx.Timeout
    ) -> httpx.Response:
        answer = pool.exchange(
            call.method,
            target,
            headers,
            call.body,
            connect_timeout=t.connect,
            read_timeout=t.read,
            limit=call.options.max_response_bytes,
        )
        request_id = self.pipeline.request_id(answer.msg)
        if answer.body is None:
            raise too_large(call, answer.status, request_id)
        return response_for(answer.status, answer.pairs, answer.body, request_id)

    def _get_origin_pool(self) -> OriginPool | None:
        """The endpoint's http.client pool; None when a proxy applies (the urllib3 proxy path then sends)."""
        conn = self._conn
        if conn.origin_pool is None:
            if self._proxy or proxy_for(self.pipeline.base):
                conn.origin_pool = False
            else:
                context = tls_context(self.pipeline.base, self._verify_setting)
                conn.origin_pool = OriginPool(self.pipeline.base, context, self._max_connections)
        return conn.origin_pool or None

    def _get_pool(self) -> Any:
        if self._conn.pool is None:
            import urllib3

            settings: dict[str, Any] = {
                "num_pools": 4,
                "maxsize": self._max_connections,
                "block": False,
                "retries": False,
                "ssl_context": tls_context(self.pipeline.base, self._verify_setting),
            }
            proxy = self._proxy or proxy_for(self.pipeline.base)
            manager = urllib3.PoolManager(**settings) if proxy is None else urllib3.ProxyManager(proxy, **settings)
            if proxy is None:
                parts = urlsplit(self.pipeline.base)
                self._conn.origin = f"{parts.scheme}://{parts.netloc}"
                self._conn.direct = manager.connection_from_url(self.pipeline.base)
            self._conn.pool = manager
        return self._conn.pool

    def _drop_pool(self) -> None:
        if self._conn.origin_pool:
            self._conn.origin_pool.clear()
        self._conn.origin_pool = None
        if self._conn.pool is not None:
            self._conn.pool.clear()
            self._conn.pool = self._conn.direct = None

    def close(self) -> None:
        self._drop_pool()
        super().close()

    def __exit__(self, *args: Any) -> None:
        self._drop_pool()
        super().__exit__(*args)


def _sleep(seconds: float) -> None:
    """The backoff wait: a seam of this module, so tests record it without replacing ``time.sleep`` everywhere."""
    time.sleep(seconds)
