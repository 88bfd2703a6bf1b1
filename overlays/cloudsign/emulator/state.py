"""The state one emulator keeps between requests: the record of calls, the faults queued, the nonces seen, the
resources and the id counter; and the temporary keys both gateways take."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .faults import Faults
from .nonces import NonceCache
from .resources import ResourceStore

__all__ = ["Creations", "EmulatorState", "TemporaryKey", "temporary_keys"]


@dataclass(slots=True)
class Creations:
    """Every call the emulator carried out, in order, secrets masked; each item names its ``operation``.

    Tests count these to prove nothing was created twice (they call create operations only)."""

    items: list[dict[str, Any]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, item: dict[str, Any]) -> None:
        with self._lock:
            self.items.append(item)

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(i) for i in self.items]

    def clear(self) -> None:
        with self._lock:
            self.items.clear()


# A temporary key as both emulators take it: key id, secret, security token[, when it expires (POSIX seconds)].
TemporaryKey = tuple[str, str, str] | tuple[str, str, str, float]


def temporary_keys(temporary: Sequence[TemporaryKey] | None) -> tuple[dict[str, str], dict[str, str], dict[str, float]]:
    """(key id -> secret, key id -> token, key id -> expiry) of the temporary keys given."""
    secrets: dict[str, str] = {}
    tokens: dict[str, str] = {}
    expiry: dict[str, float] = {}
    for key, secret, token, *expires in temporary or []:
        secrets[key], tokens[key] = secret, token
        if expires:
            expiry[key] = float(expires[0])
    return secrets, tokens, expiry


class EmulatorState:
    """The mutable state of one emulator instance. ``ids`` hands out fresh integer IDs (never reset)."""

    def __init__(self) -> None:
        self.creations = Creations()
        self.faults = Faults()
        self.nonces = NonceCache()
        self.ids: Iterator[int] = itertools.count(10_000)
        self.resources = ResourceStore()

    def reset(self) -> None:
        self.creations.clear()
        self.resources.clear()
        self.faults.clear()
        self.nonces.clear()
