"""Calls/s and CPU µs per call with 32 calls in flight, each client on its own fresh event loop per repeat."""

from __future__ import annotations

import asyncio
import gc
import time

from .contenders import AsyncFactory, Contender
from .stats import rotate


async def _measure(factory: AsyncFactory, url: str, seconds: float, inflight: int, warmup: int) -> tuple[float, float]:
    """``inflight`` workers call back to back until ``seconds`` have passed; calls/s and CPU µs per call over
    everything they completed (the last calls finish after the deadline, and that time counts)."""
    call, close = await factory(url)
    try:
        await asyncio.gather(*(call() for _ in range(warmup)))
        done = 0
        deadline = 0.0

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < deadline:
                await call()
                done += 1

        gc.collect()
        wall0, cpu0 = time.perf_counter(), time.process_time()
        deadline = wall0 + seconds
        await asyncio.gather(*(worker() for _ in range(inflight)))
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    finally:
        await close()
    return done / wall, cpu / done * 1e6


def run(
    contenders: list[Contender], url: str, *, repeats: int, seconds: float, inflight: int, warmup: int
) -> dict[str, tuple[list[float], list[float]]]:
    """(calls/s, CPU µs per call) per repeat for every contender with an async path, interleaved."""
    todo = [(f"{c.api}/{c.key}", c.build_async) for c in contenders if c.build_async is not None]
    out: dict[str, tuple[list[float], list[float]]] = {key: ([], []) for key, _ in todo}
    for r in range(repeats):
        for key, factory in rotate(todo, r):
            assert factory is not None
            rate, cpu = asyncio.run(_measure(factory, url, seconds, inflight, warmup))
            out[key][0].append(rate)
            out[key][1].append(cpu)
    return out
