"""A focused A/B of the per-call gates: ours against its floor, interleaved block by block in one process, many
rounds, the median of the per-round ratio. Quicker than ``make bench`` and steadier on a shared machine.

    PYTHONPATH=scripts .venv/bin/python -m bench.ab [--rounds 30] [--only sync|async] [--api das|dataworks]

Sync: ours / "http.client + inline signing" (lower is better, gate <= 1.25). Async at 32 in flight: ours' calls/s /
"aiohttp alone + inline signing" (higher is better, gate >= 0.85). µs per call are medians of the blocks.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import time

from . import concurrent, floors, ours
from .server import nginx


def _block(call: object, calls: int) -> float:
    gc.collect()
    start = time.perf_counter_ns()
    for _ in range(calls):
        call()  # type: ignore[operator]
    return (time.perf_counter_ns() - start) / calls / 1000


def sync_ab(api: str, url: str, rounds: int, calls: int) -> dict[str, float]:
    mine = (ours.das_sync if api == "das" else ours.dataworks_sync)(url)
    floor = floors.stdlib_signed(api)(url)
    for c in (mine, floor):
        for _ in range(300):
            c()
    ratios, us_ours, us_floor = [], [], []
    for r in range(rounds):
        pair = [("ours", mine), ("floor", floor)]
        if r % 2:
            pair.reverse()
        got = {name: _block(c, calls) for name, c in pair}
        ratios.append(got["ours"] / got["floor"])
        us_ours.append(got["ours"])
        us_floor.append(got["floor"])
    return {
        "ratio": statistics.median(ratios),
        "ours_us": statistics.median(us_ours),
        "floor_us": statistics.median(us_floor),
        "gap_us": statistics.median(o - f for o, f in zip(us_ours, us_floor, strict=True)),
    }


def async_ab(api: str, url: str, rounds: int, seconds: float) -> dict[str, float]:
    mine = ours.das_async if api == "das" else ours.dataworks_async
    floor = floors._raw_aiohttp(api)
    ratios, rate_ours, rate_floor, cpu_ours, cpu_floor = [], [], [], [], []
    for r in range(rounds):
        pair = [("ours", mine), ("floor", floor)]
        if r % 2:
            pair.reverse()
        got = {name: asyncio.run(concurrent._measure(f, url, seconds, 32, 64)) for name, f in pair}
        ratios.append(got["ours"][0] / got["floor"][0])
        rate_ours.append(got["ours"][0])
        rate_floor.append(got["floor"][0])
        cpu_ours.append(got["ours"][1])
        cpu_floor.append(got["floor"][1])
    return {
        "ratio": statistics.median(ratios),
        "ours_calls_s": statistics.median(rate_ours),
        "floor_calls_s": statistics.median(rate_floor),
        "ours_cpu_us": statistics.median(cpu_ours),
        "floor_cpu_us": statistics.median(cpu_floor),
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
