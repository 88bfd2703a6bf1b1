"""A focused A/B of the per-call gates: ours against its floor, interleaved block by block in one process, many
rounds, the median of the per-round ratio. Quicker than ``make bench`` and steadier on a shared machine.

    PYTHONPATH=scripts .venv/bin/python -m bench.ab [--rounds 30] [--only sync|async] [--api das|dataworks]

Sync: ours / "http.client + inline signing" (lower is better, gate <= 1.25). Async at 32 in flight: ours' calls/s /
"aiohttp alone + inline signing" (higher is better, gate >= 0.85). µs per call are medians of the blocks.

``wire`` is our transport alone (the stdlib pool / the aiohttp transport, with its timeouts, checks and bounds)
carrying the floor's inline-signed request, in the same interleave: ``wire`` near 1 means the gap is the pipeline
and the generated code, not the I/O path.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from . import concurrent, floors, inline, ours
from . import fixtures as fx
from .contenders import AsyncCall, SyncCall
from .sequential import block
from .server import nginx
from .stats import rotate

_TIMEOUT = httpx.Timeout(60.0)
_LIMIT = 10 * 1024 * 1024


def _wire_sync(api: str, url: str) -> SyncCall:
    """The floor's request through our stdlib transport (pool, timeouts, close check, bounded read)."""
    from cloudsign._core.transport.base import Link
    from cloudsign._core.transport.stdlib import StdlibTransport

    wire, host = StdlibTransport(Link(url), {}), urlsplit(url).netloc

    def call() -> Any:
        if api == "das":
            body, headers = inline.das_request(host, fx.das_body())
            return json.loads(wire.send("POST", url + fx.DAS_PATH, headers, body, _TIMEOUT, _LIMIT)[3])["connection_id"]
        query, headers = inline.dataworks_request(host, fx.dataworks_query())
        return json.loads(wire.send("POST", f"{url}/?{query}", headers, b"", _TIMEOUT, _LIMIT)[3])["Data"]

    return call


def _wire_async(api: str) -> Callable[[str], Awaitable[Any]]:
    """The floor's request through our aiohttp transport."""

    async def build(url: str) -> tuple[AsyncCall, Callable[[], Awaitable[None]]]:
        from cloudsign._core.transport.aiohttp import AiohttpTransport
        from cloudsign._core.transport.base import Link

        wire, host = AiohttpTransport(Link(url), {}), urlsplit(url).netloc

        async def call() -> Any:
            if api == "das":
                body, headers = inline.das_request(host, fx.das_body())
                got = await wire.send("POST", url + fx.DAS_PATH, headers, body, _TIMEOUT, _LIMIT)
                return json.loads(got[3])["connection_id"]
            query, headers = inline.dataworks_request(host, fx.dataworks_query())
            return json.loads((await wire.send("POST", f"{url}/?{query}", headers, b"", _TIMEOUT, _LIMIT))[3])["Data"]

        return call, wire.aclose

    return build


def sync_ab(api: str, url: str, rounds: int, calls: int) -> dict[str, float]:
    built = {
        "ours": (ours.das_sync if api == "das" else ours.dataworks_sync)(url),
        "floor": floors.stdlib_signed(api)(url),
        "wire": _wire_sync(api, url),
    }
    for c in built.values():
        for _ in range(300):
            c()
    us: dict[str, list[float]] = {name: [] for name in built}
    for r in range(rounds):
        for name, c in rotate(list(built.items()), r):
            us[name].append(block(c, calls))
    return {
        "ratio": statistics.median(o / f for o, f in zip(us["ours"], us["floor"], strict=True)),
        "wire_ratio": statistics.median(w / f for w, f in zip(us["wire"], us["floor"], strict=True)),
        "ours_us": statistics.median(us["ours"]),
        "floor_us": statistics.median(us["floor"]),
        "gap_us": statistics.median(o - f for o, f in zip(us["ours"], us["floor"], strict=True)),
    }


def async_ab(api: str, url: str, rounds: int, seconds: float) -> dict[str, float]:
    factories = {
        "ours": ours.das_async if api == "das" else ours.dataworks_async,
        "floor": floors._raw_aiohttp(api),
        "wire": _wire_async(api),
    }
    rate: dict[str, list[float]] = {name: [] for name in factories}
    cpu: dict[str, list[float]] = {name: [] for name in factories}
    for r in range(rounds):
        for name, factory in rotate(list(factories.items()), r):
            calls_s, cpu_us = asyncio.run(concurrent._measure(factory, url, seconds, 32, 64))
            rate[name].append(calls_s)
            cpu[name].append(cpu_us)
    return {
        "ratio": statistics.median(o / f for o, f in zip(rate["ours"], rate["floor"], strict=True)),
        "wire_ratio": statistics.median(w / f for w, f in zip(rate["wire"], rate["floor"], strict=True)),
        "ours_calls_s": statistics.median(rate["ours"]),
        "floor_calls_s": statistics.median(rate["floor"]),
        "ours_cpu_us": statistics.median(cpu["ours"]),
        "floor_cpu_us": statistics.median(cpu["floor"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.ab")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--calls", type=int, default=300, help="sync calls per block")
    parser.add_argument("--seconds", type=float, default=0.4, help="async seconds per measurement")
    parser.add_argument("--only", choices=("sync", "async"))
    parser.add_argument("--api", choices=("das", "dataworks"))
    args = parser.parse_args()
    apis = [args.api] if args.api else ["das", "dataworks"]
    with nginx() as url:
        for api in apis:
            if args.only != "async":
                got = sync_ab(api, url, args.rounds, args.calls)
                print(f"sync  {api:9} " + " ".join(f"{k}={v:.3f}" for k, v in got.items()), flush=True)
            if args.only != "sync":
                got = async_ab(api, url, max(5, args.rounds // 3), args.seconds)
                print(f"async {api:9} " + " ".join(f"{k}={v:.3f}" for k, v in got.items()), flush=True)


if __name__ == "__main__":
    main()
