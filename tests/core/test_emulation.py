"""Fault queue, nonce cache and creation log behave as the emulators rely on."""

from __future__ import annotations

import pytest

from cloudsign._core.emulation import Fault, Faults, NonceCache


def test_faults_are_taken_in_order_and_counted() -> None:
    faults = Faults()
    faults.add(Fault(status=429, count=2, retry_after=1))
    faults.add(Fault(status=500, process=True))
    taken = [faults.take() for _ in range(4)]
    assert [f.status if f else None for f in taken] == [429, 429, 500, None]


def test_bad_faults_are_refused() -> None:
    with pytest.raises(ValueError, match="bad fault"):
        Fault.from_json({"status": 500, "count": 0})
    with pytest.raises(ValueError, match="bad fault"):
        Fault.from_json({"body": "xml"})


def test_nonce_replay_is_seen_within_the_window_only() -> None:
    cache = NonceCache(ttl=900)
    assert not cache.seen("n1", now=1000.0)
    assert cache.seen("n1", now=1500.0)
    assert not cache.seen("n1", now=1000.0 + 2000)
