"""µs per sequential call over one keep-alive connection, after warm-up; and the same with a large os.environ."""

from __future__ import annotations

import gc
import os
import time

from .contenders import Contender, SyncCall
from .stats import rotate


def block(call: SyncCall, calls: int) -> float:
    """Mean µs per call over ``calls`` back-to-back calls."""
    gc.collect()
    start = time.perf_counter_ns()
    for _ in range(calls):
        call()
    return (time.perf_counter_ns() - start) / calls / 1000


def _build(contenders: list[Contender], url: str, warmup: int, block_seconds: float) -> list[tuple[str, SyncCall, int]]:
    """Build and warm up every sync contender; size its blocks to take about ``block_seconds``."""
    built = []
    for c in contenders:
        if c.build is None:
            continue
        call = c.build(url)
        for _ in range(warmup // 2):
            call()
        per_call = block(call, warmup) / 1e6
        calls = max(50, min(3000, int(block_seconds / per_call)))
        built.append((f"{c.api}/{c.key}", call, calls))
    return built


def run(
    contenders: list[Contender], url: str, *, repeats: int, block_seconds: float, warmup: int
) -> dict[str, list[float]]:
    """One sample per repeat for every contender, in a rotated interleaved order (A B C, B C A, ...)."""
    built = _build(contenders, url, warmup, block_seconds)
    samples: dict[str, list[float]] = {key: [] for key, _, _ in built}
    for r in range(repeats):
        for key, call, calls in rotate(built, r):
            samples[key].append(block(call, calls))
    return samples


PAD_PREFIX = "CLOUDSIGN_BENCH_PAD_"


def _pad_environment(count: int) -> None:
    for i in range(count):
        os.environ[f"{PAD_PREFIX}{i:05d}"] = "x" * 64


def _unpad_environment() -> None:
    for key in [k for k in os.environ if k.startswith(PAD_PREFIX)]:
        del os.environ[key]


def environment_size(
    contenders: list[Contender], url: str, *, repeats: int, block_seconds: float, warmup: int, extra: int
) -> dict[str, tuple[list[float], list[float]]]:
    """(normal, padded) µs per call per contender, alternating which runs first; ``extra`` more variables."""
    built = _build(contenders, url, warmup, block_seconds)
    out: dict[str, tuple[list[float], list[float]]] = {key: ([], []) for key, _, _ in built}
    try:
        for r in range(repeats):
            for key, call, calls in rotate(built, r):
                normal, padded = out[key]
                for padded_first in (r % 2 == 1, r % 2 == 0):
                    if padded_first:
                        _pad_environment(extra)
                        # Shorter padded blocks: a client that scans os.environ per call gets very slow here.
                        padded.append(block(call, max(20, calls // 4)))
                        _unpad_environment()
                    else:
                        normal.append(block(call, calls))
    finally:
        _unpad_environment()
    return out
