"""Fork safety: after ``os.fork()`` a child must never reuse the keep-alive connections it inherited. The parent
still owns those sockets; a child writing to one would read the parent's answers (and the parent the child's).

Every transport (``cloudsign._core.transport``: the clients' and the credential providers') registers here; in the
child (``os.register_at_fork``) each forgets its pooled connections: the stdlib pool, urllib3's pool manager, httpx's
connection pools and the aiohttp sessions. Plain sockets are
closed in the child only (its copy of the descriptor: the parent's connection is untouched). aiohttp sessions are
not closed: closing would act on the event loop's selector, which the child shares with the parent; they are kept
unused for the life of the child, so no finaliser runs on them either."""

from __future__ import annotations

import contextlib
import os
import weakref
from typing import Any

_TRANSPORTS: weakref.WeakSet[Any] = weakref.WeakSet()
# aiohttp sessions and connectors inherited from the parent: never used, closed or collected in the child.
_ORPHANS: list[Any] = []


def track(transport: Any) -> None:
    """Have ``transport`` forget its connections in a forked child (its ``forget()``)."""
    _TRANSPORTS.add(transport)


def _is_aiohttp(obj: Any) -> bool:
    return type(obj).__module__.startswith("aiohttp")


def _forget_transport(transport: Any) -> None:
    pool = getattr(transport, "_pool", None)  # httpx's HTTP(S)Transport: an httpcore connection pool
    connections = getattr(pool, "_connections", None)
    if isinstance(connections, list):
        for connection in connections:
            with contextlib.suppress(Exception):
                connection.close()
        pool._connections = []  # type: ignore[union-attr]
    session = getattr(transport, "client", None)  # httpx-aiohttp's transport: an aiohttp session, made lazily
    if session is not None and _is_aiohttp(session):
        _ORPHANS.append(session)
        transport.client = None


def forget_httpx(client: Any) -> None:
    """Drop the pooled connections of an httpx client's transports (its default one and its mounts)."""
    for transport in [client._transport, *client._mounts.values()]:
        if transport is not None:
            _forget_transport(transport)


def _after_fork_in_child() -> None:
    for transport in list(_TRANSPORTS):
        transport.forget()


if hasattr(os, "register_at_fork"):  # (not on Windows, which has no fork)
    os.register_at_fork(after_in_child=_after_fork_in_child)
