"""Refreshing: margin, single-flight across 64 threads and 256 tasks, failures that keep valid credentials, and
errors that name the source and cause, never a secret."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from cloudsign._core.errors import CredentialsError
from cloudsign._core.refresh import FAILURE_BACKOFF, Expiring, Refreshing

LIFE = 3600.0
MARGIN = 300.0


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class Fetcher:
    """Hands out ``n`` (the fetch count) valid for ``LIFE`` seconds; can be made slow or failing."""

    def __init__(self, clock: Clock, delay: float = 0.0) -> None:
        self.clock = clock
        self.delay = delay
        self.calls = 0
        self.fail: Exception | None = None
        self.life = LIFE
        self._lock = threading.Lock()

    def __call__(self) -> Expiring[int]:
        with self._lock:
            self.calls += 1
            n = self.calls
        if self.delay:
            time.sleep(self.delay)
        if self.fail is not None:
            raise self.fail
        return Expiring(n, self.clock() + self.life)


def _source(delay: float = 0.0) -> tuple[Clock, Fetcher, Refreshing[int]]:
    clock = Clock()
    fetch = Fetcher(clock, delay)
    return clock, fetch, Refreshing("test_source", fetch, margin=MARGIN, clock=clock)


def test_fetches_once_then_serves_from_memory_until_the_margin() -> None:
    clock, fetch, source = _source()
    assert source.current() == 1
    clock.now += LIFE - MARGIN - 1
    assert source.current() == 1 and fetch.calls == 1
    clock.now += 2  # inside the margin: refreshed
    assert source.current() == 2 and fetch.calls == 2
    assert source.expires_at() == pytest.approx(clock.now + LIFE)


def test_short_lived_values_refresh_at_half_life() -> None:
    clock, fetch, source = _source()
    fetch.life = 100.0  # shorter than the margin
    source.current()
    clock.now += 49
    source.current()
    assert fetch.calls == 1
    clock.now += 2
    source.current()
    assert fetch.calls == 2


def _run_threads(n: int, fn: object) -> list[object]:
    barrier = threading.Barrier(n)

    def call() -> object:
        barrier.wait()
        return fn()  # type: ignore[operator]

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(lambda _: call(), range(n)))


def test_64_threads_one_refresh_per_expiry_and_no_failure() -> None:
    clock, fetch, source = _source(delay=0.05)
    expected = 0
    for phase in range(6):
        # cold start, then alternately: inside the refresh window (still valid) and past expiry
        if phase:
            clock.now += LIFE - MARGIN / 2 if phase % 2 else LIFE + 1
        results = _run_threads(64, source.current)
        expected += 1
        assert fetch.calls == expected, f"phase {phase}"
        assert all(isinstance(r, int) for r in results)
        assert source.refreshes == expected


def test_256_tasks_one_refresh_per_expiry_and_no_failure() -> None:
    clock, fetch, source = _source(delay=0.05)

    async def main() -> None:
        expected = 0
        for phase in range(6):
            if phase:
                clock.now += LIFE - MARGIN / 2 if phase % 2 else LIFE + 1
            sync_calls = [asyncio.to_thread(source.current) for _ in range(64)]
            results = await asyncio.gather(
                *(source.current_async() for _ in range(128)),
                *(asyncio.sleep(0, source.current()) for _ in range(64)),
                *sync_calls,
            )
            expected += 1
            deadline = time.monotonic() + 5
            while source.refreshes < expected and time.monotonic() < deadline:  # a prefetch runs on its own thread
                await asyncio.sleep(0.01)
            assert fetch.calls == expected, f"phase {phase}"
            assert source.refreshes == expected
            assert all(isinstance(r, int) for r in results)

    asyncio.run(asyncio.wait_for(main(), 15))


def _until(done: object, what: str, seconds: float = 5.0) -> None:
    """Wait for ``done()`` with a deadline: a broken single-flight fails here instead of hanging the run."""
    deadline = time.monotonic() + seconds
    while not done():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.005)


def test_in_the_window_only_the_first_sync_caller_waits_and_the_others_sign_at_once() -> None:
    """What the module docstring says: in plain sync code the first caller in the refresh window fetches inline and
    waits for that fetch; every other caller meanwhile gets the still-valid value without waiting."""
    clock, fetch, source = _source()
    source.current()
    fetch.delay = 1.0
    clock.now += LIFE - MARGIN / 2
    ended: list[float] = []
    first: list[tuple[int, float]] = []
    real_fetch = source._fetch

    def timed_fetch() -> Expiring[int]:
        got = real_fetch()
        ended.append(time.monotonic())
        return got

    source._fetch = timed_fetch

    def first_caller() -> None:
        value = source.current()
        first.append((value, time.monotonic()))

    refresher = threading.Thread(target=first_caller)
    refresher.start()
    _until(lambda: fetch.calls == 2, "the first caller starts the refresh")
    others = [source.current() for _ in range(5)]  # while the fetch runs
    assert others == [1] * 5 and fetch.calls == 2 and not ended, "another caller waited or fetched"
    refresher.join(10)
    assert not refresher.is_alive()
    # The first caller returned the new value, after the fetch ended: it waited for the whole fetch.
    assert first[0][0] == 2 and ended and first[0][1] >= ended[0]
    assert source.current() == 2


def test_an_event_loop_is_not_blocked_by_a_prefetch() -> None:
    clock, fetch, source = _source()
    source.current()
    fetch.delay = 0.5
    clock.now += LIFE - MARGIN / 2

    async def main() -> float:
        started = time.monotonic()
        assert source.current() == 1
        return time.monotonic() - started

    assert asyncio.run(main()) < 0.2
    deadline = time.monotonic() + 5
    while source.refreshes < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert source.current() == 2


def test_failed_refresh_keeps_valid_credentials_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    clock, fetch, source = _source()
    source.current()
    clock.now += LIFE - MARGIN / 2
    fetch.fail = OSError("metadata unreachable")
    with caplog.at_level(logging.WARNING, logger="cloudsign"):
        assert source.current() == 1
    assert "test_source" in caplog.text and "metadata unreachable" in caplog.text
    calls = fetch.calls
    clock.now += 1  # retried only after a pause, not on every call
    assert source.current() == 1 and fetch.calls == calls
    clock.now += 10
    fetch.fail = None
    assert source.current() == 3


def test_expired_and_unrefreshable_raises_naming_source_and_cause() -> None:
    clock, fetch, source = _source()
    source.current()
    clock.now += LIFE + 1
    fetch.fail = OSError("connection refused")
    with pytest.raises(CredentialsError, match=r"test_source.*OSError: connection refused"):
        source.current()


def test_foreign_exception_messages_are_not_quoted() -> None:
    _, fetch, source = _source()
    fetch.fail = ValueError("body said secret-value-123")
    with pytest.raises(CredentialsError) as info:
        source.current()
    assert "secret-value-123" not in str(info.value) and "ValueError" in str(info.value)


def test_waiters_share_one_failed_fetch() -> None:
    _, fetch, source = _source(delay=0.1)
    fetch.fail = OSError("down")
    results = _run_threads(16, lambda: _catch(source.current))
    assert all(isinstance(r, CredentialsError) for r in results)
    assert fetch.calls == 1  # one fetch failed; all 16 got its answer (waiting, or from the remembered failure)


def _catch(fn: object) -> object:
    try:
        return fn()  # type: ignore[operator]
    except CredentialsError as exc:
        return exc


def test_expired_credentials_handed_out_are_refused() -> None:
    clock, fetch, source = _source()
    fetch.life = -10  # already expired by our clock (skew or a stale cache)
    with pytest.raises(CredentialsError, match="already expired"):
        source.current()
    fetch.life = LIFE
    clock.now += FAILURE_BACKOFF  # the failure is answered without a fetch until then
    source.current()
    clock.now += LIFE - MARGIN / 2
    fetch.life = -10
    assert source.current() == 2  # fetch 3 handed out expired ones: the valid value of fetch 2 is kept
    assert fetch.calls == 3


def test_repr_names_only_the_source() -> None:
    _, _, source = _source()
    assert repr(source) == "Refreshing(name='test_source')"
