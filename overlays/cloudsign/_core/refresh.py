"""Short-lived credentials, refreshed before they expire, with no scheduler and no long-lived thread.

A ``Refreshing`` source is asked for its ``current()`` value on every signed attempt. The fast path is one clock
read and one comparison (no lock). Exactly one fetch runs at a time (single-flight), whichever threads or event
loops the callers run on; who waits for it:

- in the refresh window (``margin`` seconds before expiry), the value in hand is still valid: every caller but one
  signs with it at once. The one that starts the refresh is, in plain sync code, the first caller to notice: it
  fetches inline and waits for that fetch (each connect and read bounded by the provider's timeout). On a running
  event loop (sync or async call) it waits for nothing: the fetch runs on a one-shot daemon thread that ends with
  the fetch.
- when nothing valid is left, every caller waits for the one fetch in flight (async callers await it, so the event
  loop keeps running: the fetch runs on a one-shot daemon thread).

A failed refresh keeps still-valid credentials, logs a warning and tries again later (at most ``RETRY_AFTER``
seconds on). When nothing valid is left, a failure raises ``CredentialsError`` naming the source and the cause (never
a secret, with no exception chained: the transport's error may hold the request), to every caller that waited for
it, and is remembered for ``FAILURE_BACKOFF`` seconds: callers in that time get the same error without a fetch.

After ``os.fork()`` the child forgets any fetch in flight (that thread did not survive the fork) and gets fresh
locks, so it fetches on its own instead of waiting for the parent's fetch forever.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, runtime_checkable

import httpx

from .errors import CredentialsError
from .logs import logger

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

# Refresh this long before expiry (the official SDKs use 3 to 15 minutes); short-lived values use half their life.
DEFAULT_MARGIN = 5 * 60.0
# After a failed refresh of still-valid credentials, wait this long (at most) before trying again.
RETRY_AFTER = 10.0
# After a failed fetch with nothing valid left, answer that failure for this long without fetching again.
FAILURE_BACKOFF = 2.0


class CredentialsSource(Protocol[T_co]):
    """What a signer reads on every attempt: the credentials to sign with now."""

    def current(self) -> T_co: ...


@runtime_checkable
class AsyncCredentialsSource(CredentialsSource[T_co], Protocol):
    """A source an async client can await before signing (``Refreshing``), so no fetch blocks the event loop.
    Checked once, when the client is built."""

    async def current_async(self) -> T_co: ...


@dataclass(frozen=True, slots=True)
class Expiring(Generic[T]):
    """A fetched value and when it expires (POSIX seconds; ``None`` never expires)."""

    value: T
    expires_at: float | None


@dataclass(frozen=True, slots=True)
class _State(Generic[T]):
    value: T
    expires_at: float  # inf when it never expires
    refresh_at: float  # when the next refresh should start


@dataclass(frozen=True, slots=True)
class _Failure:
    message: str
    until: float  # by the source's clock


def safe_cause(exc: BaseException) -> str:
    """A cause fit for logs and errors: our own messages and connection errors are secret-free by construction;
    anything else is named by its type only (a third-party message could quote a response body, and an
    ``httpx.LocalProtocolError`` quotes the header it refused, a token perhaps)."""
    if isinstance(exc, CredentialsError):
        return str(exc)
    if isinstance(exc, httpx.TransportError | OSError) and not isinstance(exc, httpx.ProtocolError):
        return f"{type(exc).__name__}: {exc}"
    return type(exc).__name__


def _in_event_loop() -> bool:
    # asyncio is not imported here (it costs a sync program ~40 ms of cold start): no asyncio, no running loop.
    asyncio = sys.modules.get("asyncio")
    if asyncio is None:
        return False
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


_LIVE: weakref.WeakSet[Refreshing[object]] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for source in list(_LIVE):
        source._forget_flight()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_after_fork_in_child)


class Refreshing(Generic[T]):
    """A credentials source that fetches with ``fetch()`` and refreshes ``margin`` seconds before expiry.

    ``name`` says where credentials come from (``"ecs_ram_role"``, ``"oidc_role_arn"``...) in every message;
    ``clock`` (POSIX seconds) is injectable for tests."""

    def __init__(
        self,
        name: str,
        fetch: Callable[[], Expiring[T]],
        *,
        margin: float = DEFAULT_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = name
        self._fetch = fetch
        self._margin = margin
        self._clock = clock
        self._state: _State[T] | None = None
        self._mutex = threading.Lock()  # guards _flight and _failure; never held during a fetch
        self._flight: Future[None] | None = None  # the fetch in flight, done when it ends (either way)
        self._failure: _Failure | None = None
        self.refreshes = 0  # successful fetches, for tests and metrics
        _LIVE.add(self)  # type: ignore[arg-type]

    def _forget_flight(self) -> None:
        """In a forked child: the thread that fetched did not survive; start afresh (keeping a fetched value)."""
        self._mutex = threading.Lock()
        self._flight = None

    def current(self) -> T:
        """The credentials to sign with now; fetches only when due (see the module docstring)."""
        state = self._state
        if state is not None and self._clock() < state.refresh_at:
            return state.value
        if state is not None and self._clock() < state.expires_at:
            flight = self._start(state, inline=not _in_event_loop())
            if flight is not None:
                self._run(flight, state)
            return self._valid(state)
        flight, owner = self._join(state)
        if owner:
            self._run(flight, state)
        else:
            flight.result()
        return self._outcome(state)

    async def current_async(self) -> T:
        """``current()`` for coroutines: never blocks the loop; a fetch that must be waited for is awaited."""
        state = self._state
        if state is not None and self._clock() < state.refresh_at:
            return state.value
        if state is not None and self._clock() < state.expires_at:
            self._start(state, inline=False)
            return state.value
        import asyncio  # loaded already: this is a coroutine

        flight, owner = self._join(state)
        if owner:
            self._spawn(flight, state)
        await asyncio.wrap_future(flight)  # the flight cannot be cancelled (running): other waiters are safe
        return self._outcome(state)

    def _new_flight(self) -> Future[None]:
        flight: Future[None] = Future()
        flight.set_running_or_notify_cancel()  # a cancelled awaiter cannot cancel it for the others
        self._flight = flight
        return flight

    def _start(self, seen: _State[T], *, inline: bool) -> Future[None] | None:
        """In the refresh window: start the refresh unless one is in flight. ``inline``: returns the flight for the
        caller to run; else runs it on a one-shot thread and returns None."""
        with self._mutex:
            if self._flight is not None or self._state is not seen:
                return None
            flight = self._new_flight()
        if inline:
            return flight
        self._spawn(flight, seen)
        return None

    def _join(self, seen: _State[T] | None) -> tuple[Future[None], bool]:
        """Nothing valid: the fetch in flight to wait for, or a new one this caller owns (``True``)."""
        with self._mutex:
            if self._flight is not None:
                return self._flight, False
            failure = self._failure
            if self._state is seen and failure is not None and self._clock() < failure.until:
                done: Future[None] = Future()
                done.set_result(None)
                return done, False  # answered from the remembered failure, no fetch
            if self._state is not seen:  # someone fetched since this caller looked
                done = Future()
                done.set_result(None)
                return done, False
            return self._new_flight(), True

    def _spawn(self, flight: Future[None], old: _State[T] | None) -> None:
        thread = threading.Thread(target=self._run, args=(flight, old), name=f"cloudsign-refresh-{self.name}")
        thread.daemon = True
        thread.start()

    def _run(self, flight: Future[None], old: _State[T] | None) -> None:
        try:
            self._refresh(old)
        finally:
            with self._mutex:
                if self._flight is flight:
                    self._flight = None
            flight.set_result(None)

    def _valid(self, fallback: _State[T]) -> T:
        state = self._state or fallback
        if self._clock() < state.expires_at:
            return state.value
        return self._outcome(fallback)

    def _outcome(self, seen: _State[T] | None) -> T:
        """After a fetch this caller waited for: the value, or the failure as a new error with no chain."""
        state = self._state
        if state is not None and self._clock() < state.expires_at:
            return state.value
        failure = self._failure
        if failure is not None:
            raise CredentialsError(failure.message)
        raise CredentialsError(f"{self.name}: credentials expired and could not be refreshed")

    def _keep(self, old: _State[T], now: float, why: str) -> None:
        retry = min(RETRY_AFTER, (old.expires_at - now) / 2)
        self._state = _State(old.value, old.expires_at, now + retry)
        logger.warning("credentials %s: %s; the ones in hand are still valid, retrying in %.0fs", self.name, why, retry)

    def _fail(self, old: _State[T] | None, now: float, why: str, message: str) -> None:
        if old is not None and now < old.expires_at:
            self._keep(old, now, why)
        else:
            self._failure = _Failure(message, self._clock() + FAILURE_BACKOFF)

    def _refresh(self, old: _State[T] | None) -> None:
        """One fetch, by the owner of the flight. A failure keeps a still-valid value or is remembered."""
        now = self._clock()
        cause: str | None = None
        try:
            got = self._fetch()
        except Exception as exc:
            cause = safe_cause(exc).removeprefix(f"{self.name}: ")
        if cause is not None:  # handled outside the except block: nothing chains the transport's error
            self._fail(old, now, f"refresh failed ({cause})", f"{self.name}: cannot obtain credentials ({cause})")
            return
        now = self._clock()
        expires_at = float("inf") if got.expires_at is None else got.expires_at
        if expires_at <= now:
            when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expires_at))
            message = f"{self.name}: the credentials handed out are already expired (at {when}; is the clock right?)"
            self._fail(old, now, f"the credentials handed out expired at {when}", message)
            return
        margin = min(self._margin, (expires_at - now) / 2)
        self._state = _State(got.value, expires_at, expires_at - margin)
        self._failure = None
        self.refreshes += 1

    def expires_at(self) -> float | None:
        """When the value in hand expires (``None`` before the first fetch)."""
        state = self._state
        return None if state is None else state.expires_at

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"


__all__ = [
    "DEFAULT_MARGIN",
    "FAILURE_BACKOFF",
    "RETRY_AFTER",
    "CredentialsSource",
    "Expiring",
    "Refreshing",
    "safe_cause",
]
