"""A local stand-in for Huawei Cloud's API gateway in front of DAS CreateInstanceConnection (ASGI, Starlette).

Like the gateway it verifies the SDK-HMAC-SHA256 / SDK-HMAC-SM3 signature over the request's own SignedHeaders,
rejects a date more than 15 minutes off, and locks an AK for 5 minutes after 5 failed signatures in a row (401
``APIGW.0301`` with the gateway's messages). Like DAS it validates against the spec and answers a new
``connection_id``. Fault injection and the record of creations: see ``cloudsign._core.emulation``.

    from cloudsign._core.emulation import running
    from cloudsign.huaweicloud.emulator import DEMO_AK, DEMO_SK, create_app
    with running(create_app()) as url: ...
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from cloudsign._core.emulation import (
    MASK,
    DropConnection,
    EmulatorState,
    Fault,
    apply_latency,
    control_routes,
    fault_body,
)
from cloudsign._core.errors import InvalidParameterError
from cloudsign._core.validation import OperationValidator

from .credentials import ENV_AK, ENV_SK
from .signer import MAX_SKEW_SECONDS, VerificationError, parse_authorization, verify

# Documented demo keys, accepted by every emulator instance built without explicit credentials.
DEMO_AK = "CLOUDSIGNDEMOAK000001"
DEMO_SK = "cloudsign-demo-sk-not-a-secret"
LOCK_AFTER_FAILURES = 5
LOCK_SECONDS = 5 * 60
PATH = "/v3/{project_id}/instances/{instance_id}/create-connection"

_IAM = "Incorrect IAM authentication information: "
_AUTH_MESSAGES = {
    "mismatch": _IAM + "verify aksk signature fail",
    "malformed": _IAM + "verify aksk signature fail",
    "unknown_key": _IAM + "Get secretKey failed,ak:******,err:ak not exist",
    "locked": _IAM + "AK access failed to reach the limit,forbidden.",
    "missing": _IAM + "x-auth-token not found",
}
_FAULT_BODIES = {
    429: ("APIGW.0308", "The throttling threshold has been reached"),
    500: ("DAS.100000", "Internal server error"),
    502: ("APIGW.0202", "Backend unavailable"),
    503: ("APIGW.0202", "Backend unavailable"),
    504: ("APIGW.0203", "Backend timeout"),
}


@dataclass(slots=True)
class _Strikes:
    failures: int = 0
    locked_until: float = 0.0


class LockOut:
    """Counts failed signatures per AK in a row; the 5th locks the AK for 5 minutes. A success clears the count."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._by_ak: dict[str, _Strikes] = {}
        self._lock = threading.Lock()

    def locked(self, ak: str) -> bool:
        with self._lock:
            strikes = self._by_ak.get(ak)
            return strikes is not None and strikes.locked_until > self.clock()

    def fail(self, ak: str) -> None:
        with self._lock:
            strikes = self._by_ak.setdefault(ak, _Strikes())
            strikes.failures += 1
            if strikes.failures >= LOCK_AFTER_FAILURES:
                strikes.failures = 0
                strikes.locked_until = self.clock() + LOCK_SECONDS

    def succeed(self, ak: str) -> None:
        with self._lock:
            self._by_ak.pop(ak, None)

    def clear(self) -> None:
        with self._lock:
            self._by_ak.clear()


class DASEmulatorState(EmulatorState):
    """The shared state plus the gateway's lock-outs, which ``/_emulator/reset`` clears too."""

    def __init__(self, clock: Callable[[], float]) -> None:
        super().__init__()
        self.lockout = LockOut(clock)

    def reset(self) -> None:
        super().reset()
        self.lockout.clear()


def _keys(credentials: Mapping[str, str] | None) -> dict[str, str]:
    if credentials is not None:
        return dict(credentials)
    keys = {DEMO_AK: DEMO_SK}
    ak, sk = os.environ.get(ENV_AK), os.environ.get(ENV_SK)
    if ak and sk:
        keys[ak] = sk
    return keys


def _error(status: int, code: str, msg: str, rid: str, headers: Mapping[str, str] | None = None) -> Response:
    body = {"error_code": code, "error_msg": msg, "request_id": rid}
    return JSONResponse(body, status_code=status, headers={"X-Request-Id": rid, **(headers or {})})


def _fault_response(fault: Fault, rid: str) -> Response:
    code, msg = _FAULT_BODIES.get(fault.status, ("DAS.100000", "Internal server error"))
    headers = {"X-Request-Id": rid}
    if fault.retry_after is not None:
        value = fault.retry_after
        headers["Retry-After"] = str(int(value)) if float(value).is_integer() else str(value)
    raw = json.dumps({"error_code": code, "error_msg": msg, "request_id": rid}).encode()
    content, media = fault_body(fault, raw)
    return Response(content, status_code=fault.status, headers=headers, media_type=media)


def _wire_url(request: Request) -> tuple[str, dict[str, str]]:
    """The URL as it arrived (raw path and query) and the headers decoded as UTF-8, as the signer encoded them."""
    scope = request.scope
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
    query: bytes = scope.get("query_string", b"")
    headers: dict[str, str] = {}
    for name, value in scope["headers"]:
        key = name.decode("latin-1").lower()
        text = value.decode("utf-8", "replace")
        headers[key] = f"{headers[key]},{text}" if key in headers else text
    url = "http://" + headers.get("host", "localhost") + raw_path.decode("latin-1")
    if query:
        url += "?" + query.decode("latin-1")
    return url, headers


def create_app(*, credentials: Mapping[str, str] | None = None, clock: Callable[[], float] = time.time) -> Starlette:
    """The emulator. ``credentials`` maps AK -> SK; None accepts ``$HUAWEICLOUD_SDK_AK/SK`` (when set) and the
    demo keys. ``clock`` (POSIX seconds) drives the 15-minute window and the lock-out."""
    keys = _keys(credentials)
    state = DASEmulatorState(clock)
    lockout = state.lockout
    checker: list[OperationValidator] = []

    def validator() -> OperationValidator:
        if not checker:
            checker.append(OperationValidator("huaweicloud-das", "CreateInstanceConnection"))
        return checker[0]

    def authenticate(request: Request, url: str, headers: dict[str, str], body: bytes, rid: str) -> Response | None:
        try:
            ak = parse_authorization(headers.get("authorization")).access_key
        except VerificationError as exc:
            return _error(401, "APIGW.0301", _AUTH_MESSAGES[exc.reason], rid)
        if lockout.locked(ak):
            return _error(401, "APIGW.0301", _AUTH_MESSAGES["locked"], rid)
        try:
            verify(request.method, url, headers, body, keys.get, clock(), max_skew=MAX_SKEW_SECONDS)
        except VerificationError as exc:
            if exc.reason != "unknown_key":
                lockout.fail(ak)
            msg = _IAM + "signature expired, " + exc.detail if exc.reason == "expired" else _AUTH_MESSAGES[exc.reason]
            return _error(401, "APIGW.0301", msg, rid)
        lockout.succeed(ak)
        return None

    async def create_connection(request: Request) -> Response:
        rid = uuid.uuid4().hex
        body = await request.body()
        url, headers = _wire_url(request)
        denied = authenticate(request, url, headers, body, rid)
        if denied is not None:
            return denied
        try:
            document: Any = json.loads(body) if body else None
        except (ValueError, UnicodeDecodeError):
            return _error(400, "DAS.200100", "Parameter error: body must be a JSON object", rid)
        values: dict[str, Any] = {**request.path_params}
        if document is not None:
            values["body"] = document
        if "x-language" in headers:
            values["X-Language"] = headers["x-language"]
        try:
            checked = validator().validate(values)
        except InvalidParameterError as exc:
            return _error(400, "DAS.200100", f"Parameter error: {exc}", rid)
        fault = state.faults.take()
        if fault is not None and not fault.process and fault.status != 200:
            await apply_latency(fault)
            if fault.drop:
                return DropConnection()  # type: ignore[return-value]
            return _fault_response(fault, rid)
        connection_id = str(uuid.uuid4())
        record = {k: (MASK if k in validator().secret_fields else v) for k, v in checked["body"].items()}
        state.creations.add(
            {
                "connection_id": connection_id,
                "project_id": checked["project_id"],
                "instance_id": checked["instance_id"],
                "request_id": rid,
                **record,
            }
        )
        if fault is not None:
            await apply_latency(fault)
            if fault.drop:
                return DropConnection()  # type: ignore[return-value]
            if fault.status != 200:
                return _fault_response(fault, rid)
            content, media = fault_body(fault, json.dumps({"connection_id": connection_id}).encode())
            return Response(content, headers={"X-Request-Id": rid}, media_type=media)
        return JSONResponse({"connection_id": connection_id}, headers={"X-Request-Id": rid})

    async def not_found(request: Request) -> Response:
        rid = uuid.uuid4().hex
        return _error(404, "APIGW.0101", "The API does not exist or has not been published in the environment", rid)

    secret_keys = {"password"}
    app = Starlette(
        routes=[
            *control_routes(state, secret_keys),
            Route(PATH, create_connection, methods=["POST"]),
            Route("/{rest:path}", not_found, methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
        ]
    )
    app.state.emulator = state
    return app
