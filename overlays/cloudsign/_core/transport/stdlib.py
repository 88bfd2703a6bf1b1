"""The stdlib transport (the default): ``http.client`` connections to the endpoint kept by ``stdlib_pool``, the
least a call can cost (a urllib3 pool alone costs more: docs/benchmarks.md). When a proxy applies, or a URL is on
another origin, it hands over to the urllib3 transport."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from ..fork import track
from ..stdlib_pool import OriginPool
from ..tls import tls_context
from .base import Exchange, Link, TooLarge
from .urllib3 import Urllib3Transport


class StdlibTransport:
    """See the module docstring. Connections are made on the first request."""

    def __init__(self, link: Link, httpx_kwargs: dict[str, Any]) -> None:
        self.link = link
        self.pool: OriginPool | None = None  # http.client connections to the endpoint; None when a proxy applies
        self.decided = False  # whether ``pool`` was decided (on the first request: the environment is read then)
        self.other: Urllib3Transport | None = None  # through a proxy, or to another origin
        track(self)

    def _decide(self) -> OriginPool | None:
        link = self.link
        if link.proxy_url() is None:
            self.pool = OriginPool(link.base_url, tls_context(link.base_url, link.verify), link.max_connections)
        self.decided = True
        return self.pool

    def attach(self, client: Any) -> None:
        """Nothing to keep: it sends on its own connections."""

    def send(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: httpx.Timeout, limit: int
    ) -> Exchange:
        pool = self.pool if self.decided else self._decide()
        if pool is not None and url.startswith(pool.origin):
            answer = pool.exchange(
                method,
                url[len(pool.origin) :] or "/",
                headers,
                body,
                connect_timeout=timeout.connect,
                read_timeout=timeout.read,
                limit=limit,
            )
            if answer.body is None:
                raise TooLarge(answer.status, answer.msg)
            return answer.status, answer.msg, answer.pairs, answer.body
        other = self.other
        if other is None:
            other = self.other = Urllib3Transport(self.link, {})
        return other.send(method, url, headers, body, timeout, limit)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.clear()
        self.pool, self.decided = None, False
        if self.other is not None:
            self.other.close()

    forget = close  # plain sockets: closing the child's copies leaves the parent's connections alone
