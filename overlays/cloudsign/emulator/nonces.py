"""Replay protection shared by the emulators that take a signature nonce: each nonce is remembered while a request
carrying it could still be accepted."""

from __future__ import annotations

import heapq
import threading
import time

__all__ = ["NonceCache"]


class NonceCache:
    """Remembers nonces while a request carrying them could still be accepted; ``seen`` is True on a replay.

    A nonce is kept for ``ttl`` seconds from its first use and at least until ``valid_until``: the end of the
    signed request's own window (its timestamp + the allowed skew). A request dated ahead of the clock stays valid
    longer than ``ttl`` after its first use, and must not be replayable once its nonce would otherwise expire.

    Expired nonces leave through a heap ordered by expiry: each call costs O(log n) amortised, however many are
    remembered. At most ``max_entries`` are kept; past that the soonest to expire are forgotten first (counted in
    ``evicted``). ``examined`` counts heap entries looked at, so tests can check the work is amortised."""

    def __init__(self, ttl: float = 15 * 60, max_entries: int = 250_000) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._until: dict[str, float] = {}
        self._expiry: list[tuple[float, str]] = []  # (until, nonce); entries superseded by a later until are stale
        self._lock = threading.Lock()
        self.examined = 0
        self.evicted = 0

    def seen(self, nonce: str, valid_until: float | None = None, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        keep = now + self.ttl if valid_until is None else max(now + self.ttl, valid_until)
        with self._lock:
            self._forget(now)
            until = self._until.get(nonce)
            if until is None or keep > until:
                self._until[nonce] = keep
                heapq.heappush(self._expiry, (keep, nonce))
                if len(self._until) > self.max_entries:  # nothing newly expired: only the cap can bite here
                    self._forget(now)
            return until is not None and until > now

    def _forget(self, now: float) -> None:
        heap, until = self._expiry, self._until
        if len(heap) > 2 * self.max_entries:  # mostly stale (replays extend a nonce): rebuild, amortised O(1)
            self._expiry = heap = [(t, n) for n, t in until.items()]
            heapq.heapify(heap)
        while heap and (heap[0][0] <= now or len(until) > self.max_entries):
            when, nonce = heapq.heappop(heap)
            self.examined += 1
            if until.get(nonce) == when:  # not stale
                del until[nonce]
                if when > now:
                    self.evicted += 1

    def __len__(self) -> int:
        return len(self._until)

    def clear(self) -> None:
        with self._lock:
            self._until.clear()
            self._expiry.clear()
