"""Refreshing under faults (issue 22, M1 and M2): a fork during a slow fetch, and 200 tasks against a failing
source. Every wait has a deadline, so a regression fails instead of hanging."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time

import pytest

from cloudsign._core.errors import CredentialsError
from cloudsign._core.refresh import FAILURE_BACKOFF, Expiring, Refreshing
from cloudsign.alibabacloud.providers import CredentialsUri

from .hostile import Answer, serving

TASKS = 200


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _wait_child(pid: int, seconds: float) -> int | None:
    """The child's exit code, or None (after killing it) when it did not end in ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_fork_during_a_slow_fetch_leaves_the_child_able_to_fetch() -> None:
    started = threading.Event()
    release = threading.Event()
    calls = {"n": 0}

    def fetch() -> Expiring[int]:
        calls["n"] += 1
        if calls["n"] == 1:  # the parent's fetch: slow, still running when the process forks
            started.set()
            release.wait(10)
        return Expiring(calls["n"], time.time() + 3600)

    source = Refreshing("slow_metadata", fetch)
    parent_fetch = threading.Thread(target=source.current)
    parent_fetch.start()
    assert started.wait(5)
    pid = os.fork()
    if pid == 0:  # the child: only this thread survived; the parent's fetch never ends here
        code = 3
        try:
            code = 0 if source.current() == 2 else 1
        except BaseException:
            code = 2
        finally:
            os._exit(code)
    try:
        exit_code = _wait_child(pid, 10)
    finally:
        release.set()
        parent_fetch.join(10)
    assert exit_code == 0, "the child hung on the parent's fetch" if exit_code is None else f"child exit {exit_code}"
    assert source.current() == 1  # the parent's own fetch completed as usual


def test_200_tasks_against_a_failing_source_share_one_fetch() -> None:
    calls: list[float] = []
    lock = threading.Lock()

    def fetch() -> Expiring[int]:
        with lock:
            calls.append(time.monotonic())
        time.sleep(0.2)  # a slow failure: a timeout or a 500 after a while
        raise OSError("metadata service down")

    source = Refreshing("failing", fetch)

    async def main() -> list[BaseException | int]:
        return await asyncio.gather(*(source.current_async() for _ in range(TASKS)), return_exceptions=True)

    started = time.monotonic()
    results = asyncio.run(asyncio.wait_for(main(), 20))
    elapsed = time.monotonic() - started
    assert all(isinstance(r, CredentialsError) and "metadata service down" in str(r) for r in results)
    assert len(calls) == 1, f"{len(calls)} fetches for {TASKS} tasks in {elapsed:.2f}s"


def test_200_tasks_and_16_threads_against_a_failing_credentials_uri_make_one_request() -> None:
    with serving(lambda seen: Answer(status=500, body=b"{}", delay=0.2)) as (url, server):
        source = CredentialsUri(url + "/credentials")

        async def main() -> list[BaseException | object]:
            threads = [asyncio.to_thread(source.current) for _ in range(16)]
            tasks = [source.current_async() for _ in range(TASKS)]
            return await asyncio.gather(*tasks, *threads, return_exceptions=True)

        results = asyncio.run(asyncio.wait_for(main(), 20))
    assert all(isinstance(r, CredentialsError) and "HTTP 500" in str(r) for r in results)
    assert len(server.seen) == 1


def test_a_remembered_failure_expires_after_the_back_off() -> None:
    clock = Clock()
    outcomes: list[Exception | None] = [OSError("down"), None]

    def fetch() -> Expiring[str]:
        failure = outcomes.pop(0)
        if failure is not None:
            raise failure
        return Expiring("fresh", clock() + 3600)

    source = Refreshing("flaky", fetch, clock=clock)
    for _ in range(3):
        with pytest.raises(CredentialsError, match="OSError: down"):
            source.current()
    assert outcomes == [None], "fetched again inside the back-off"
    clock.now += FAILURE_BACKOFF
    assert source.current() == "fresh"


def test_a_cancelled_waiter_does_not_cancel_the_fetch_for_the_others() -> None:
    release = threading.Event()

    def fetch() -> Expiring[int]:
        release.wait(5)
        return Expiring(7, time.time() + 3600)

    source = Refreshing("cancel", fetch)

    async def main() -> list[int]:
        first = asyncio.ensure_future(source.current_async())
        others = [asyncio.ensure_future(source.current_async()) for _ in range(3)]
        await asyncio.sleep(0.05)
        first.cancel()
        release.set()
        return list(await asyncio.gather(*others))

    assert asyncio.run(asyncio.wait_for(main(), 10)) == [7, 7, 7]
