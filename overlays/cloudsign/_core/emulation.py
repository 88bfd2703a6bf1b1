"""What both emulators share: the record of creations, replay protection, fault injection and the control API.

Each cloud's emulator (``cloudsign.<cloud>.emulator``) is a small Starlette app that verifies signatures with the
overlay's own verifiers, validates against the spec and answers like the cloud; it uses the pieces below.
Control endpoints live under ``/_emulator/`` (not in the specs, so contract tests never call them):

* ``GET  /_emulator/creations``  -> ``{"count": n, "items": [...]}`` (passwords masked)
* ``POST /_emulator/faults``     <- ``{"status": 429, "count": 1, "retry_after": 1, "latency": 0, "drop": false,
  "body": "json" | "html" | "truncated" | "mismatch", "process": false}``
* ``POST /_emulator/reset``      clears creations, faults, nonces and lock-outs.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any

MASK = "***"


@dataclass(slots=True)
class Fault:
    """One injected misbehaviour. ``process`` means the request is carried out (created) before the fault hits,
    as for a 500 or a connection reset after the server got the request; 429 and 503 are never processed."""

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


class Faults:
    """A queue of faults; each request takes the head (and decrements its count)."""

    def __init__(self) -> None:
        self._queue: deque[Fault] = deque()
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._queue.append(fault)

    def take(self) -> Fault | None:
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


@dataclass(slots=True)
class Creations:
    """What the emulator created, in order; tests count these to prove nothing was created twice."""

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


class NonceCache:
    """Remembers nonces for the replay window; ``seen`` is True when a nonce was already used."""

    def __init__(self, ttl: float = 15 * 60) -> None:
        self.ttl = ttl
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def seen(self, nonce: str, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        with self._lock:
            if len(self._seen) > 100_000:
                self._seen = {n: t for n, t in self._seen.items() if now - t < self.ttl}
            used = nonce in self._seen and now - self._seen[nonce] < self.ttl
            self._seen[nonce] = now
            return used

    def clear(self) -> None:
        with self._lock:
            self._seen.clear()


def mask_secrets(data: dict[str, Any], secret_keys: set[str]) -> dict[str, Any]:
    return {k: (MASK if k in secret_keys else v) for k, v in data.items()}


async def apply_latency(fault: Fault | None) -> None:
    if fault is not None and fault.latency > 0:
        await asyncio.sleep(fault.latency)


def fault_body(fault: Fault, json_body: bytes) -> tuple[bytes, str]:
    """The body a fault answers with, and its content type."""
    if fault.body == "html":
        return b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"
    if fault.body == "truncated":
        return json_body[: max(1, len(json_body) // 2)], "application/json"
    if fault.body == "mismatch":  # well-formed JSON whose every value has the wrong type
        data = json.loads(json_body)
        return json.dumps({k: [v] for k, v in data.items()}).encode(), "application/json"
    return json_body, "application/json"


class EmulatorState:
    """The mutable state of one emulator instance."""

    def __init__(self) -> None:
        self.creations = Creations()
        self.faults = Faults()
        self.nonces = NonceCache()

    def reset(self) -> None:
        self.creations.clear()
        self.faults.clear()
        self.nonces.clear()


def control_routes(state: EmulatorState, secret_keys: set[str]) -> list[Any]:
    """Starlette routes for ``/_emulator/...`` (see the module docstring)."""
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def creations(_: Request) -> JSONResponse:
        items = [mask_secrets(i, secret_keys) for i in state.creations.snapshot()]
        return JSONResponse({"count": len(items), "items": items})

    async def faults(request: Request) -> JSONResponse:
        try:
            state.faults.add(Fault.from_json(await request.json()))
        except (ValueError, TypeError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"ok": True})

    async def reset(_: Request) -> JSONResponse:
        state.reset()
        return JSONResponse({"ok": True})

    return [
        Route("/_emulator/creations", creations, methods=["GET"]),
        Route("/_emulator/faults", faults, methods=["POST"]),
        Route("/_emulator/reset", reset, methods=["POST"]),
    ]


class DropConnection:
    """An ASGI response that starts an answer and then breaks off, as a reset after the request was received:
    the client sees the connection close mid-response (httpx: ``RemoteProtocolError``)."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"64")]})
        raise ConnectionAbortedError("emulator fault: connection dropped after the request was received")


class running:  # noqa: N801 - used as a context manager: `with running(app) as base_url:`
    """Serve an ASGI app with uvicorn on 127.0.0.1 in a background thread; yields its base URL."""

    def __init__(self, app: Any, port: int = 0) -> None:
        self.app = app
        self.port = port
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> str:
        import uvicorn

        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="critical", lifespan="off", access_log=False
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"emulator did not start on 127.0.0.1:{self.port}")
            time.sleep(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
