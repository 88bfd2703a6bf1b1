"""An async client whose credentials have expired fetches new ones off the event loop (issue 13: "sync and async
alike", "healthy calls are never blocked for long"): while a slow fetch runs the loop keeps ticking, and 64
concurrent calls on expired credentials cause exactly one fetch and all succeed."""

from __future__ import annotations

import asyncio
import threading
import time

from cloudsign._core.emulation import running
from cloudsign._core.refresh import Expiring, Refreshing
from cloudsign.huaweicloud import Credentials, das_client
from cloudsign.huaweicloud.emulator import create_app
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
