"""Load: 10 000 async creates at 256 in flight, per API, over real HTTP against the emulators running in their own
process (``python -m cloudsign.emulate``). Zero errors, every creation recorded exactly once, bounded in time."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.clouds import CLOUDS, Cloud

TOTAL = int(os.environ.get("LOAD_TOTAL", "10000"))
IN_FLIGHT = 256
DEADLINE_S = 300  # the run stops itself; this bounds it, it is not a speed target

pytestmark = pytest.mark.load


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def emulators() -> Iterator[dict[str, str]]:
    ports = {"DAS_EMULATOR_PORT": str(free_port()), "DATAWORKS_EMULATOR_PORT": str(free_port())}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cloudsign.emulate"],
        env={**os.environ, **ports},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    urls = {
        "das": f"http://127.0.0.1:{ports['DAS_EMULATOR_PORT']}",
        "dataworks": f"http://127.0.0.1:{ports['DATAWORKS_EMULATOR_PORT']}",
    }
    try:
        for url in urls.values():
            for _ in range(200):
                try:
                    urllib.request.urlopen(url + "/_emulator/creations", timeout=1).read()  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.05)
        yield urls
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def control(url: str, path: str, data: bytes | None = None) -> Any:
    req = urllib.request.Request(url + path, data=data, method="POST" if data is not None else "GET")  # noqa: S310
    with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310
        return json.loads(resp.read())


@pytest.mark.parametrize("cloud", CLOUDS, ids=[c.name for c in CLOUDS])
def test_ten_thousand_async_creates(cloud: Cloud, emulators: dict[str, str]) -> None:
    """Each API with its default scheme at TOTAL; DataWorks' RPC v1 (HMAC-SHA1) too, at a quarter of it: the same
    API, client and emulator with another signer, kept within make test's time budget (~8 s per 2 000 here)."""
    total = TOTAL // 4 if cloud.name.endswith("HMAC-SHA1") else TOTAL
    url = emulators["das" if cloud.name == "das" else "dataworks"]
    control(url, "/_emulator/reset", b"{}")
    errors: list[BaseException] = []
    ids: list[str] = []

    async def run() -> float:
        sem = asyncio.Semaphore(IN_FLIGHT)
        async with cloud.make_client(url, max_attempts=1) as client:

            async def one() -> None:
                async with sem:
                    try:
                        ids.append(cloud.created_id(await cloud.acall(client)))
                    except Exception as exc:
                        errors.append(exc)

            started = time.perf_counter()
            await asyncio.wait_for(asyncio.gather(*(one() for _ in range(total))), DEADLINE_S)
            return time.perf_counter() - started

    elapsed = asyncio.run(run())
    created = control(url, "/_emulator/creations")
    print(f"\n{cloud.name}: {total} creates at {IN_FLIGHT} in flight in {elapsed:.1f} s ({total / elapsed:.0f}/s)")
    assert errors == [], f"{len(errors)} errors, first: {errors[0]!r}"
    assert len(ids) == total and len(set(ids)) == total
    assert created["count"] == total
