"""What the local identity emulators (instance metadata services, STS) share: the misbehaviour a test sets, the
record of temporary credentials handed out, and how they are minted.

A test changes ``app.state.identity.faults`` (a ``IdentityFaults``) directly, or posts the same fields as JSON to
``/_emulator/faults``; ``/_emulator/reset`` clears faults and the record. ``issued`` holds every temporary key handed
out, in order (``IssuedKey``; its ``repr`` hides the secret and token).
"""

from __future__ import annotations

import itertools
import secrets
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from .._core.pause import Pause

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route


@dataclass(slots=True)
class IdentityFaults:
    """Misbehaviour of an identity emulator. ``status`` answers the next ``count`` requests with that error
    (``count=0``: every request, until cleared); ``latency`` delays every answer (a slow service, for timeouts);
    ``token_refused`` makes the session-token endpoint refuse (Alibaba 403, Huawei 404: clients fall back to IMDSv1,
    where allowed);
    ``require_token`` refuses requests without a session token (IMDSv1 disabled on the instance); ``expired``
    hands out credentials that expired a minute ago; ``skew`` shifts the server's clock by that many seconds;
    ``lifetime`` is how long handed-out credentials live."""

    status: int | None = None
    count: int = 0
    latency: float = 0.0
    token_refused: bool = False
    require_token: bool = False
    expired: bool = False
    skew: float = 0.0
    lifetime: float = 3600.0

    def update(self, data: dict[str, Any]) -> None:
        names = {f.name for f in fields(self)}
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"unknown fault fields {sorted(unknown)}")
        for key, value in data.items():
            setattr(self, key, value)


@dataclass(frozen=True, slots=True)
class IssuedKey:
    """A temporary key handed out: id, secret, token and expiry (POSIX seconds)."""

    access_key_id: str
    secret: str = field(repr=False)
    security_token: str = field(repr=False)
    expires_at: float


class IdentityState:
    """Faults, the clock and the record of keys handed out, shared by the routes of one emulator. With ``reuse``,
    the last key is handed out again while more than half its life is left (as ECS metadata does); otherwise every
    request gets a new key (as STS does, and handy to observe refreshes)."""

    def __init__(self, clock: Callable[[], float] = time.time, prefix: str = "STS.emu", reuse: bool = False) -> None:
        self.faults = IdentityFaults()
        self.reuse = reuse
        self.clock = clock
        self.prefix = prefix
        self.issued: list[IssuedKey] = []
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request, control routes excluded
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def now(self) -> float:
        """The server's clock, skew included."""
        return self.clock() + self.faults.skew

    def mint(self) -> IssuedKey:
        now = self.now()
        expires_at = now - 60 if self.faults.expired else now + self.faults.lifetime
        with self._lock:
            last = self.issued[-1] if self.issued else None
            if self.reuse and last is not None and not self.faults.expired:
                if last.expires_at - now > self.faults.lifetime / 2:  # as ECS does: the same key until it rotates
                    return last
            n = next(self._counter)
            key = IssuedKey(f"{self.prefix}{n:04d}", secrets.token_urlsafe(24), secrets.token_urlsafe(48), expires_at)
            self.issued.append(key)
        return key

    def find(self, access_key_id: str) -> IssuedKey | None:
        with self._lock:
            return next((k for k in self.issued if k.access_key_id == access_key_id), None)

    def reset(self) -> None:
        with self._lock:
            self.faults = IdentityFaults()
            self.issued.clear()
            self.requests.clear()

    async def injected(self, request: Request) -> Response | None:
        """Record the request, apply latency, and answer with the injected error if one is due."""
        from starlette.responses import JSONResponse

        self.requests.append((request.method, request.url.path))
        faults = self.faults
        if faults.latency > 0:
            await Pause(faults.latency)
        if faults.status is None:
            return None
        status = faults.status
        if faults.count > 0:
            faults.count -= 1
            if faults.count == 0:
                faults.status = None
        return JSONResponse({"Code": "InjectedFault", "Message": f"injected {status}"}, status_code=status)


def iso8601(ts: float, fraction: bool = False) -> str:
    """``2026-01-02T03:04:05Z`` (or with ``.000000`` fractions, as Huawei writes ``expires_at``)."""
    text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts))
    return text + (f".{int(ts % 1 * 1_000_000):06d}Z" if fraction else "Z")


def control_routes(state: IdentityState) -> list[Route]:
    """``POST /_emulator/faults`` (fields of ``IdentityFaults`` as JSON) and ``POST /_emulator/reset``."""
    from .app import fault_and_reset_routes

    return fault_and_reset_routes(state.faults.update, state.reset)


def session_token_endpoint(
    state: IdentityState,
    tokens: dict[str, float],
    ttl_header: str,
    refused: tuple[int, str],
    max_ttl: int | None = None,
) -> Callable[[Request], Awaitable[Response]]:
    """A metadata service's session-token endpoint (``PUT``): a token living the seconds ``ttl_header`` asks for
    (1 to ``max_ttl``, when given), kept in ``tokens``; ``refused`` (status, text) when ``faults.token_refused``."""
    from starlette.responses import PlainTextResponse

    async def api_token(request: Request) -> Response:
        if (fault := await state.injected(request)) is not None:
            return fault
        if state.faults.token_refused:
            return PlainTextResponse(refused[1], status_code=refused[0])
        try:
            ttl = int(request.headers.get(ttl_header, ""))
        except ValueError:
            return PlainTextResponse("Bad Request", status_code=400)
        if max_ttl is not None and not 1 <= ttl <= max_ttl:
            return PlainTextResponse("Bad Request", status_code=400)
        token = uuid.uuid4().hex
        tokens[token] = state.now() + ttl
        return PlainTextResponse(token)

    return api_token


__all__ = ["IdentityFaults", "IdentityState", "IssuedKey", "control_routes", "iso8601", "session_token_endpoint"]
