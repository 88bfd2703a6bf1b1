"""The urllib3 transport: a urllib3 pool manager (a proxy manager when a proxy applies), with the endpoint's own
connection pool asked directly for the path and query (no per-call URL parsing and pool lookup). urllib3 is
imported when the first request is sent. Also the stdlib transport's way through a proxy and to other origins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..bodies import READ_CHUNK
from ..fork import track
from ..stdlib_pool import unframed
from ..tls import tls_context
from .base import Exchange, Link, TooLarge


def _read(raw: Any, limit: int) -> bytes | None:
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


def map_error(exc: BaseException) -> httpx.HTTPError:
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


class Urllib3Transport:
    """See the module docstring. The pool is made on the first request."""

    def __init__(self, link: Link, httpx_kwargs: dict[str, Any]) -> None:
        self.link = link
        self.pool: Any = None  # the pool manager
        self.direct: Any = None  # the endpoint's own connection pool (no proxy), for URLs under ``origin``
        self.origin = ""
        track(self)

    def _pool(self) -> Any:
        import urllib3

        link = self.link
        settings: dict[str, Any] = {
            "num_pools": 4,
            "maxsize": link.max_connections,
            "block": False,
            "retries": False,
            "ssl_context": tls_context(link.base_url, link.verify),
        }
        proxy = link.proxy_url()
        manager = urllib3.PoolManager(**settings) if proxy is None else urllib3.ProxyManager(proxy, **settings)
        if proxy is None:
            parts = urlsplit(link.base_url)
            self.origin = f"{parts.scheme}://{parts.netloc}"
            self.direct = manager.connection_from_url(link.base_url)
        self.pool = manager
        return manager

    def attach(self, client: Any) -> None:
        """Nothing to keep: it sends on its own connections."""

    def send(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: httpx.Timeout, limit: int
    ) -> Exchange:
        import urllib3

        pool = self.pool or self._pool()
        if self.direct is not None and url.startswith(self.origin):
            pool, url = self.direct, url[len(self.origin) :] or "/"
        try:
            raw = pool.urlopen(
                method,
                url,
                body=body or None,
                headers=headers,
                redirect=False,
                retries=False,
                assert_same_host=False,
                timeout=urllib3.Timeout(connect=timeout.connect, read=timeout.read),
                preload_content=False,
                decode_content=True,
            )
            try:
                content = _read(raw, limit)
            finally:
                raw.release_conn()
        except urllib3.exceptions.HTTPError as exc:
            raise map_error(exc) from exc
        if not content and unframed(raw.version, raw.status, raw.headers, method):
            # http.client ends a head at EOF as if it were complete: a head cut short reads as an empty 200.
            raise httpx.RemoteProtocolError("the answer ended without a complete head or any body (connection cut)")
        if content is None:
            raise TooLarge(raw.status, raw.headers)
        return raw.status, raw.headers, raw.headers.items(), content

    def close(self) -> None:
        if self.pool is not None:
            self.pool.clear()
        self.pool = self.direct = None

    forget = close  # urllib3's pools hold plain sockets: closing the child's copies leaves the parent's alone
