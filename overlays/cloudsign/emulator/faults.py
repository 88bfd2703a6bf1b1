"""The emulators' injected faults: what a fault is, the queue requests take them from, and how a faulty answer
looks (a late, broken, cut or mismatched body, or a connection dropped after the request was received)."""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any

from .._core.pause import Pause

__all__ = ["DropConnection", "Fault", "Faults", "apply_latency", "fault_body"]


@dataclass(slots=True)
class Fault:
    """One injected misbehaviour. ``process`` means the request is carried out (created) before the fault hits,
    as for a 500 or a connection reset after the server got the request (a 429 or a 503 stands for a request the
    gateway turned away: leave it off for those; nothing enforces that)."""

    status: int = 500
    count: int = 1
    retry_after: float | None = None
    latency: float = 0.0
    drop: bool = False
    body: str = "json"
    process: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fault:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        fault = cls(**known)
        if fault.count < 1 or fault.latency < 0 or fault.body not in ("json", "html", "truncated", "mismatch"):
            raise ValueError(f"bad fault: {data!r}")
        return fault

    @property
    def failing(self) -> bool:
        """An error status (a 2xx fault only changes how the success answer arrives)."""
        return not 200 <= self.status < 300


class Faults:
    """A queue of faults; each request takes the head (and decrements its count)."""

    def __init__(self) -> None:
        self._queue: deque[Fault] = deque()
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._queue.append(fault)

    def take(self) -> Fault | None:
        if not self._queue:  # none queued (most calls): one atomic read, no lock
            return None
        with self._lock:
            if not self._queue:
                return None
            head = self._queue[0]
            head.count -= 1
            if head.count <= 0:
                self._queue.popleft()
            return Fault(**{**asdict(head), "count": 1})

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()

    def queued(self) -> bool:
        """Whether a fault is waiting (an in-process caller then runs the answer where it can wait)."""
        return bool(self._queue)


async def apply_latency(fault: Fault | None) -> None:
    if fault is not None and fault.latency > 0:
        await Pause(fault.latency)  # on a loop, asyncio.sleep; in a sync call in process, slept by its driver


def fault_body(fault: Fault, json_body: bytes) -> tuple[bytes, str]:
    """The body a fault answers with, and its content type."""
    if fault.body == "html":
        return b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"
    if fault.body == "truncated":
        return json_body[: max(1, len(json_body) // 2)], "application/json"
    if fault.body == "mismatch":  # well-formed JSON whose every value has the wrong type
        try:
            data = json.loads(json_body)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return json.dumps({k: [v] for k, v in data.items()}).encode(), "application/json"
        return json.dumps({"unexpected": [data]}).encode(), "application/json"
    return json_body, "application/json"


class DropConnection:
    """An ASGI response that starts an answer and then breaks off, as a reset after the request was received:
    the client sees the connection close mid-response (httpx: ``RemoteProtocolError``)."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"64")]})
        raise ConnectionAbortedError("emulator fault: connection dropped after the request was received")
