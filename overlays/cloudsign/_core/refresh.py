"""Short-lived credentials, refreshed before they expire, without schedulers or background threads.

A ``Refreshing`` source is asked for its ``current()`` value on every signed attempt. The fast path is one clock
read and one comparison (no lock). In the refresh window (``margin`` seconds before expiry) exactly one caller
refreshes while every other caller keeps signing with the still-valid value; only when nothing valid is left do
callers wait, and then for one fetch between all of them (single-flight, whichever threads or event loops they run
on). A caller on a running event loop never fetches inline while the value in hand is still valid: the refresh runs
on a one-shot thread that ends with the fetch, so the loop is never blocked by a prefetch.

A failed refresh keeps still-valid credentials, logs a warning and tries again later (at most ``RETRY_AFTER``
seconds on); credentials that are expired and cannot be refreshed raise ``CredentialsError`` naming the source and
the cause, never a secret. Callers that waited for a fetch that failed get its error without fetching again.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import httpx

from .errors import CredentialsError
from .logs import logger

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

# Refresh this long before expiry (the official SDKs use 3 to 15 minutes); short-lived values use half their life.
DEFAULT_MARGIN = 5 * 60.0
# After a failed refresh of still-valid credentials, wait this long (at most) before trying again.
RETRY_AFTER = 10.0


class CredentialsSource(Protocol[T_co]):
    """What a signer reads on every attempt: the credentials to sign with now."""

    def current(self) -> T_co: ...


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


def safe_cause(exc: BaseException) -> str:
    """A cause fit for logs and errors: our own messages and transport errors are secret-free by construction;
    anything else is named by its type only (a third-party message could quote a response body)."""
    if isinstance(exc, CredentialsError):
        return str(exc)
    if isinstance(exc, httpx.TransportError | OSError):
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
        self._lock = threading.Lock()
        self._attempts = 0  # fetches done (a waiter compares it to know a fetch happened while it waited)
        self._last_error: CredentialsError | None = None
        self.refreshes = 0  # successful fetches, for tests and metrics

    def current(self) -> T:
        """The credentials to sign with now; fetches only when due (see the module docstring)."""
        state = self._state
        if state is not None and self._clock() < state.refresh_at:
            return state.value
        return self._slow(state)

    async def current_async(self) -> T:
        """``current()`` for coroutines: a fetch that must be waited for runs in a worker thread."""
        state = self._state
        if state is not None and self._clock() < state.refresh_at:
            return state.value
        if state is not None and self._clock() < state.expires_at:
            return self._slow(state)  # never blocks: prefetches in the background, returns the valid value
        import asyncio  # loaded already: this is a coroutine

        return await asyncio.to_thread(self.current)

    def _slow(self, seen: _State[T] | None) -> T:
        if seen is not None and self._clock() < seen.expires_at:
            # Still valid: refresh only if nobody else is; never wait behind a refresh.
            if not self._lock.acquire(blocking=False):
                return seen.value
            if _in_event_loop():
                threading.Thread(target=self._refresh_and_release, args=(seen,), daemon=True).start()
                return seen.value
            try:
                if self._state is seen:
                    self._refresh(seen)
                return self._usable(seen)
            finally:
                self._lock.release()
        attempts = self._attempts
        with self._lock:  # nothing valid: wait for the one fetch in flight, or do it
            state = self._state
            now = self._clock()
            if state is not None and now < state.expires_at and (state is not seen or now < state.refresh_at):
                return state.value
            if self._attempts != attempts and self._last_error is not None:
                raise self._last_error  # the fetch we waited for failed just now: same answer, no second fetch
            self._refresh(state)
            return self._usable(state)

    def _refresh_and_release(self, seen: _State[T]) -> None:
        try:
            if self._state is seen:
                self._refresh(seen)
        except CredentialsError:
            pass  # only raised when nothing valid is left; the next caller fetches and raises
        finally:
            self._lock.release()

    def _usable(self, fallback: _State[T] | None) -> T:
        state = self._state or fallback
        if state is None or self._clock() >= state.expires_at:
            raise CredentialsError(f"{self.name}: credentials expired and could not be refreshed")
        return state.value

    def _keep(self, old: _State[T], now: float, why: str) -> None:
        retry = min(RETRY_AFTER, (old.expires_at - now) / 2)
        self._state = _State(old.value, old.expires_at, now + retry)
        logger.warning("credentials %s: %s; the ones in hand are still valid, retrying in %.0fs", self.name, why, retry)

    def _do_refresh(self, old: _State[T] | None) -> None:
        """One fetch, under the lock. Failure keeps a still-valid value (retried later) or raises."""
        now = self._clock()
        try:
            got = self._fetch()
        except Exception as exc:
            cause = safe_cause(exc).removeprefix(f"{self.name}: ")
            if old is not None and now < old.expires_at:
                self._keep(old, now, f"refresh failed ({cause})")
                return
            self._last_error = CredentialsError(f"{self.name}: cannot obtain credentials ({cause})")
            raise self._last_error from None
        now = self._clock()
        expires_at = float("inf") if got.expires_at is None else got.expires_at
        if expires_at <= now:
            when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expires_at))
            if old is not None and now < old.expires_at:
                self._keep(old, now, f"the credentials handed out expired at {when}")
                return
            self._last_error = CredentialsError(
                f"{self.name}: the credentials handed out are already expired (at {when}; is the clock right?)"
            )
            raise self._last_error
        margin = min(self._margin, (expires_at - now) / 2)
        self._state = _State(got.value, expires_at, expires_at - margin)
        self._last_error = None
        self.refreshes += 1

    def _refresh(self, old: _State[T] | None) -> None:
        try:
            self._do_refresh(old)
        finally:
            self._attempts += 1  # counted when done: whoever waited on the lock meanwhile sees it changed

    def expires_at(self) -> float | None:
        """When the value in hand expires (``None`` before the first fetch)."""
        state = self._state
        return None if state is None else state.expires_at

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"


__all__ = ["DEFAULT_MARGIN", "RETRY_AFTER", "CredentialsSource", "Expiring", "Refreshing", "safe_cause"]
