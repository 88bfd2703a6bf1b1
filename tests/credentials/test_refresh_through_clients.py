"""Credentials refreshed through real clients (issue 13: "sync and async alike", "healthy calls are never blocked
for long"): an async client whose credentials have expired fetches new ones off the event loop (the loop keeps
ticking during a slow fetch), and 64 threads and 256 tasks signing through an expiring credential cause exactly one
fetch per expiry, with no call failing. The emulator verifies every signature."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from cloudsign._core.refresh import Expiring, Refreshing
from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud import create_app
from cloudsign.huaweicloud import Credentials, das_client
from das_client.api.connections import create_instance_connection as op
from das_client.models import CreateInstanceConnectionRequestBody

PROJECT = "0" * 32
INSTANCE = "i" * 32 + "in01"
BODY = CreateInstanceConnectionRequestBody.from_dict(
    {"engine_type": "mysql", "network_type": "rds", "username": "u", "password": "async-pw", "is_save_password": False}
)
KEYS = {f"AKASYNCSIGNING{n:06d}": f"async-signing-sk-{n}" for n in range(3)}
FETCH_SECONDS = 0.6
LIFE = 60.0


class Clock:
    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


class SlowKeys:
    """Hands out the next key of KEYS, valid for LIFE seconds, after FETCH_SECONDS (a slow metadata service)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.fetches = 0
        self.threads: set[str] = set()
        self._lock = threading.Lock()

    def __call__(self) -> Expiring[Credentials]:
        with self._lock:
            n = self.fetches
            self.fetches += 1
        self.threads.add(threading.current_thread().name)
        time.sleep(FETCH_SECONDS)
        ak = list(KEYS)[n]
        return Expiring(Credentials(ak, KEYS[ak], project_id=PROJECT), self.clock() + LIFE)


def test_expired_keys_are_fetched_off_the_loop_once_for_every_waiting_call() -> None:
    clock = Clock()
    fetch = SlowKeys(clock)
    source = Refreshing("slow_keys", fetch, margin=1.0, clock=clock)
    with running(create_app(credentials=KEYS)) as url:
        client = das_client(endpoint=url, credentials=source)

        async def main() -> tuple[float, list[str], str]:
            gaps: list[float] = []

            async def heartbeat(stop: asyncio.Event) -> None:
                last = time.monotonic()
                while not stop.is_set():
                    await asyncio.sleep(0.01)
                    now = time.monotonic()
                    gaps.append(now - last)
                    last = now

            # A first call compiles the validators and fetches the first key (not what is measured).
            first = await op.acall(PROJECT, INSTANCE, client=client, body=BODY)
            # The key expires: the loop keeps ticking while one call waits for the slow fetch.
            clock.offset += LIFE + 1
            stop = asyncio.Event()
            beat = asyncio.create_task(heartbeat(stop))
            await asyncio.sleep(0.05)  # the heartbeat is running before the call starts
            second = await op.acall(PROJECT, INSTANCE, client=client, body=BODY)
            stop.set()
            await beat
            # The key expires: 64 calls at once, one fetch between them.
            clock.offset += LIFE + 1
            results = await asyncio.gather(*(op.acall(PROJECT, INSTANCE, client=client, body=BODY) for _ in range(64)))
            await client.get_async_httpx_client().aclose()
            return max(gaps), [r.connection_id for r in [first, second, *results]], threading.current_thread().name

        longest_gap, ids, loop_thread = asyncio.run(main())
    assert longest_gap < FETCH_SECONDS / 2, f"the event loop stalled {longest_gap:.2f}s during the fetch"
    assert len(ids) == 66 and all(ids)
    assert fetch.fetches == 3, "one fetch per expiry: the 64 calls that found the key expired shared one"
    assert loop_thread not in fetch.threads, "a fetch ran on the event loop's thread"


class CountingKeys:
    """Hands out a new key per fetch (all known to the emulator), valid for LIFE seconds by ``clock``."""

    def __init__(self, clock: Clock, keys: dict[str, str]) -> None:
        self.clock, self.keys, self.fetches = clock, list(keys.items()), 0
        self._lock = threading.Lock()

    def __call__(self) -> Expiring[Credentials]:
        with self._lock:
            ak, sk = self.keys[self.fetches]
            self.fetches += 1
        time.sleep(0.05)  # long enough for every caller to pile up behind it
        return Expiring(Credentials(ak, sk, project_id=PROJECT), self.clock() + LIFE)


def test_64_threads_and_256_tasks_cause_one_refresh_per_expiry() -> None:
    """Issue 13's concurrency proof, through the client (sign, send, emulator verifies): every expiry is followed
    by exactly one fetch, and no call fails."""
    keys = {f"AKTHREADSTASKS{n:06d}": f"threads-tasks-sk-{n}" for n in range(4)}
    clock = Clock()
    fetch = CountingKeys(clock, keys)
    source = Refreshing("counting_keys", fetch, margin=1.0, clock=clock)
    with running(create_app(credentials=keys)) as url:
        client = das_client(endpoint=url, credentials=source, max_attempts=1)

        def one(_: int) -> str:
            return op.call(PROJECT, INSTANCE, client=client, body=BODY).connection_id

        with ThreadPoolExecutor(64) as pool:
            first = list(pool.map(one, range(64)))  # nothing fetched yet
            assert fetch.fetches == 1
            clock.offset += LIFE + 1  # expired
            second = list(pool.map(one, range(64)))
            assert fetch.fetches == 2

        async def tasks() -> list[str]:
            clock.offset += LIFE + 1  # expired again
            results = await asyncio.gather(*(op.acall(PROJECT, INSTANCE, client=client, body=BODY) for _ in range(256)))
            await client.get_async_httpx_client().aclose()
            return [r.connection_id for r in results]

        third = asyncio.run(tasks())
    assert fetch.fetches == 3
    assert all(first) and all(second) and all(third) and len(first + second + third) == 384
