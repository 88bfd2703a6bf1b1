"""The emulated-vs-loopback benchmark (``make bench``) runs and times both sides of both APIs (a smoke run: no
figure is asserted, speed is measured only in benchmarks)."""

from __future__ import annotations

import math

import pytest

from scripts.bench import emulated


@pytest.mark.parametrize("clock", ["wall", "cpu"])
def test_both_sides_of_every_api_and_mode_are_timed(clock: str) -> None:
    out = emulated.run(repeats=1, calls=2, clock=clock)
    assert sorted(out) == ["das/async", "das/sync", "dataworks/async", "dataworks/sync"]
    for loopback, inproc in out.values():
        assert len(loopback) == len(inproc) == 1
        assert all(math.isfinite(v) and v > 0 for v in loopback + inproc)
