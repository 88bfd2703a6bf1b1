"""What a contender is: a name, the API it calls, its role, and how to build its sync and async call."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

SyncCall = Callable[[], Any]
AsyncCall = Callable[[], Awaitable[Any]]
# Built inside the event loop that will use it; returns (call, close).
AsyncFactory = Callable[[str], Awaitable[tuple[AsyncCall, Callable[[], Awaitable[None]]]]]


@dataclass(frozen=True)
class Contender:
    key: str  # stable id, e.g. "ours", "official", "httpx_inline"
    label: str
    api: str  # "das" or "dataworks"
    role: str  # "ours", "peer" or "floor"
    build: Callable[[str], SyncCall] | None = None
    build_async: AsyncFactory | None = None
