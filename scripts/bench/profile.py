"""Where our per-call time goes: cProfile over sequential calls and over signing alone, summarised per function
and per package (cloudsign, generated client, httpx/httpcore, stdlib)."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from typing import Any

GROUPS = (
    ("cloudsign._core", "/cloudsign/_core/"),
    ("cloudsign.huaweicloud", "/cloudsign/huaweicloud/"),
    ("cloudsign.alibabacloud", "/cloudsign/alibabacloud/"),
    ("das_client (generated)", "/das_client/"),
    ("dataworks_client (generated)", "/dataworks_client/"),
    ("fastjsonschema", "fastjsonschema"),
    ("attrs", "/attr/"),
    ("httpx", "/httpx/"),
    ("httpcore", "/httpcore/"),
    ("h11", "/h11/"),
)


def _group(filename: str) -> str:
    for name, needle in GROUPS:
        if needle in filename:
            return name
    if filename.startswith("~") or ("python3.11/" in filename and "site-packages" not in filename):
        return "stdlib/builtins"
    return "other"


def profile(call: Callable[[], Any], calls: int) -> dict[str, Any]:
    """Top functions by own time, and own time per package, in µs per call."""
    for _ in range(50):
        call()
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(calls):
        call()
    prof.disable()
    stats = pstats.Stats(prof)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    per_group: dict[str, float] = {}
    rows = []
    for (filename, line, func), (_cc, _nc, tottime, cumtime, _callers) in raw.items():
        group = _group(filename)
        per_group[group] = per_group.get(group, 0.0) + tottime
        rows.append((tottime, cumtime, f"{filename.rsplit('site-packages/', 1)[-1]}:{line}({func})"))
    rows.sort(reverse=True)
    scale = 1e6 / calls
    return {
        "profiled_us_per_call": total * scale,
        "own_time_by_package_us": {k: round(v * scale, 1) for k, v in sorted(per_group.items(), key=lambda kv: -kv[1])},
        "top_own_time_us": [[round(t * scale, 1), round(c * scale, 1), name] for t, c, name in rows[:20]],
    }
