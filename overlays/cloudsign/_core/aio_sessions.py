"""The aiohttp sessions of one async client: one per event loop, at most ``MAX_LOOPS`` at once, each closed on its
own loop when that loop shuts down.

A session belongs to the loop it was made on. A client used from several loops (threads, or one ``asyncio.run``
after another) gets a session per loop, kept and reused, never one per call. Each session is closed on its own
loop: when the loop shuts down (``asyncio.run`` finalises async generators: a small one here closes the session
then), or by ``aclose()``/``async with``. A loop closed without that shutdown leaves its session unusable: it is
kept aside, never touched again (closing it would need the closed loop)."""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import AsyncIterator, Callable
from typing import Any

from .errors import ConfigurationError

# Loops one client serves at once; more is a program that makes a loop per call (and a session per call with it).
MAX_LOOPS = 16
# Sessions of loops closed without a shutdown: kept so that no finaliser runs on them (it would need their loop).
_ABANDONED: list[Any] = []


async def _close_at_shutdown(session: Any) -> AsyncIterator[None]:
    """Suspended until its loop finalises async generators (``asyncio.run``'s shutdown) or ``aclose()``."""
    try:
        yield
    finally:
        await session.close()


class LoopSessions:
    """See the module docstring. ``current`` is the last (loop, session) used: the common case costs one check."""

    __slots__ = ("_by_loop", "_lock", "current")

    def __init__(self) -> None:
        self._by_loop: dict[Any, tuple[Any, Any]] = {}
        self._lock = threading.Lock()
        self.current: tuple[Any, Any] | None = None

    def get(self, loop: Any) -> Any:
        """The open session of ``loop``, or None."""
        current = self.current
        if current is not None and current[0] is loop and not current[1].closed:
            return current[1]
        entry = self._by_loop.get(loop)
        if entry is None or entry[0].closed:
            return None
        self.current = (loop, entry[0])
        return entry[0]

    async def open(self, loop: Any, make: Callable[[], Any]) -> Any:
        """A new session for ``loop`` (which has none open), closed when the loop shuts down."""
        with self._lock:
            self._prune()
            if len(self._by_loop) >= MAX_LOOPS:
                raise ConfigurationError(
                    f"this async client is in use on {MAX_LOOPS} event loops at once; build one client per event "
                    "loop (or per thread) instead"
                )
            session = make()
            closer = _close_at_shutdown(session)
            self._by_loop[loop] = (session, closer)
            self.current = (loop, session)
        await closer.__anext__()  # now the loop knows it: its shutdown closes the session
        return session

    def count(self) -> int:
        return len(self._by_loop)

    def _prune(self) -> None:
        for loop, (session, closer) in list(self._by_loop.items()):
            if session.closed or loop.is_closed():
                del self._by_loop[loop]
                if not session.closed:
                    _ABANDONED.append((session, closer))

    async def aclose(self) -> None:
        """Close every session on its own loop: this one's now, a running one's in its thread."""
        loop = asyncio.get_running_loop()
        with self._lock:
            entries = list(self._by_loop.items())
            self._by_loop.clear()
            self.current = None
        for owner, (session, closer) in entries:
            if owner is loop:
                await closer.aclose()
            elif owner.is_running():
                asyncio.run_coroutine_threadsafe(closer.aclose(), owner)
            elif not session.closed:
                _ABANDONED.append((session, closer))

    def abandon(self) -> None:
        """Forget every session without closing any (a forked child: they belong to the parent)."""
        with self._lock:
            _ABANDONED.extend(self._by_loop.values())
            self._by_loop.clear()
            self.current = None


# The async generator that frees each loop's httpx transport: a loop holds its generators weakly.
_RELEASERS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


async def _release(transport: Any, conn: Any) -> AsyncIterator[None]:
    try:
        yield
    finally:
        session, transport.client = transport.client, None  # the next loop gets a new one (made lazily)
        conn.loop = None
        if session is not None and not session.closed:
            await session.close()


async def release_at_shutdown(loop: Any, transport: Any, conn: Any) -> None:
    """When ``loop`` shuts down, close the aiohttp session of httpx-aiohttp's ``transport`` and unbind ``conn``."""
    releaser = _release(transport, conn)
    _RELEASERS.setdefault(loop, []).append(releaser)
    await releaser.__anext__()
