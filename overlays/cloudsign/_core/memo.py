"""A memo dropped wholesale at a bound, for what a client works out per request shape (its routes, its signing
frames): the same few shapes come back call after call, so tracking each entry's age would cost more than it saves."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def keep(memo: dict[K, V], key: K, value: V, bound: int) -> V:
    """Store ``value`` under ``key`` (first forgetting everything once ``bound`` entries are held); return it."""
    if len(memo) >= bound:
        memo.clear()
    memo[key] = value
    return value
