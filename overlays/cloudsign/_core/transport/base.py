"""The transport interface, and the one table that decides which transports a client may be built with.

A transport sends bytes a signer prepared and reads the answer whole, decoded, at most ``limit`` bytes: it knows
nothing of clouds, operations or retries (the pipeline does). Each raises httpx's transport errors, so retry rules
and scrubbed causes (``failures``) read one vocabulary whichever library sent. The cloud clients and the credential
providers (``provider_io``) both send through one; each transport is picked once, when its owner is built, from
``SYNC`` / ``ASYNC`` (named as modules, imported on first use: a sync user never imports aiohttp)."""

from __future__ import annotations

import importlib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from ..errors import ConfigurationError

# What one exchange read: (status, headers looked up case-insensitively, (name, value) pairs in wire order, body).
Exchange = tuple[int, Any, Any, bytes]

# Backend name -> "module:class" in this package. The first of each is the default.
SYNC = {"stdlib": "stdlib:StdlibTransport", "urllib3": "urllib3:Urllib3Transport", "httpx": "httpx:HttpxTransport"}
ASYNC = {"aiohttp": "aiohttp:AiohttpTransport", "httpx": "httpx:AsyncHttpxTransport"}
SYNC_BACKENDS = tuple(SYNC)
ASYNC_BACKENDS = tuple(ASYNC)


@dataclass(frozen=True, slots=True)
class Link:
    """Where and how a transport connects: the origin it serves first, TLS verification, the proxy (None: the
    environment's ``HTTP(S)_PROXY``/``NO_PROXY``), pooled connections, and ``direct`` (never any proxy: metadata
    services and container agents, reachable only from the machine itself)."""

    base_url: str
    verify: bool | str | ssl.SSLContext = True
    proxy: str | None = None
    max_connections: int = 100
    direct: bool = False

    def proxy_url(self) -> str | None:
        """The proxy requests to ``base_url`` take, or None to connect directly (read when connections open)."""
        if self.direct:
            return None
        from ..proxies import proxy_for

        return self.proxy or proxy_for(self.base_url)


class TooLarge(Exception):  # noqa: N818 - a signal between a transport and its owner, not an error users see
    """The decoded answer passed ``limit``: reading stopped, the connection was dropped. ``headers``: the answer's
    headers (case-insensitive lookup), for the request id."""

    def __init__(self, status: int, headers: Any) -> None:
        super().__init__(status)
        self.status = status
        self.headers = headers


class Transport(Protocol):
    """A sync transport. ``attach`` hands it the httpx client it serves (the httpx transport sends through it);
    ``send`` raises httpx's transport errors and ``TooLarge``; ``forget`` drops every pooled connection without
    using it (a forked child: the parent owns them)."""

    def attach(self, client: Any) -> None: ...

    def send(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: httpx.Timeout, limit: int
    ) -> Exchange: ...

    def close(self) -> None: ...

    def forget(self) -> None: ...


class AsyncTransport(Protocol):
    """``Transport`` on an event loop."""

    def attach(self, client: Any) -> None: ...

    async def send(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: httpx.Timeout, limit: int
    ) -> Exchange: ...

    async def aclose(self) -> None: ...

    def forget(self) -> None: ...


def _class(table: Mapping[str, str], name: str, kind: str) -> Any:
    where = table.get(name)
    if where is None:
        raise ConfigurationError(f"{kind}_backend must be one of {tuple(table)}, got {name!r}")
    module, _, cls = where.partition(":")
    return getattr(importlib.import_module(f"{__package__}.{module}"), cls)


def sync_transport(name: str, link: Link, httpx_kwargs: dict[str, Any] | None = None) -> Transport:
    """The sync transport ``name`` for ``link``; ``httpx_kwargs`` are the owning httpx client's arguments, which
    the httpx transport may complete before the client is built (``attach`` then hands it the client)."""
    made: Transport = _class(SYNC, name, "sync")(link, {} if httpx_kwargs is None else httpx_kwargs)
    return made


def async_transport(name: str, link: Link, httpx_kwargs: dict[str, Any] | None = None) -> AsyncTransport:
    made: AsyncTransport = _class(ASYNC, name, "async")(link, {} if httpx_kwargs is None else httpx_kwargs)
    return made


def check_backends(sync_backend: str, async_backend: str) -> None:
    """Refuse a backend name no table knows, naming the choices."""
    for table, name, kind in ((SYNC, sync_backend, "sync"), (ASYNC, async_backend, "async")):
        if name not in table:
            raise ConfigurationError(f"{kind}_backend must be one of {tuple(table)}, got {name!r}")
