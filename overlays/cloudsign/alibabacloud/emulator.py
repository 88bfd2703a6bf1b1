"""A local DataWorks (Alibaba gateway + CreateConnection) as a Starlette app, for tests without a cloud account.

It answers like the real thing: it dispatches on the action (``x-acs-action`` header or ``Action`` query), verifies
ACS3-HMAC-SHA256 and RPC HMAC-SHA1 with the overlay's own verifiers (over the request's own SignedHeaders),
rejects with Alibaba's error envelope and statuses, validates the business parameters against the spec, and records
every creation in ``app.state.emulator`` (a ``cloudsign._core.emulation.EmulatorState``; faults and the
``/_emulator/*`` control routes as documented there). Keys: ``credentials`` (AccessKeyId -> secret), or when None
the environment's ``ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET`` plus the demo pair below.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .._core.emulation import DropConnection, EmulatorState, Fault, apply_latency, control_routes, fault_body
from .._core.errors import InvalidParameterError
from .._core.validation import OperationValidator
from .acs3 import verify_acs3
from .credentials import ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET
from .rejection import SignatureRejectedError, Verified, incomplete
from .rpc_v1 import verify_rpc_v1

# Documented demo keys: accepted by the emulator only, never by Alibaba Cloud.
DEMO_ACCESS_KEY_ID = "LTAIcloudsignDemoKey"
DEMO_ACCESS_KEY_SECRET = "cloudsign-demo-secret-not-for-production"  # noqa: S105 - public demo value
ACTION = "CreateConnection"
# RPC common parameters: the gateway consumes them, the service never sees them.
COMMON_PARAMETERS = frozenset(
    {
        "Format",
        "AccessKeyId",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureNonce",
        "SignatureType",
        "Timestamp",
        "SecurityToken",
        "Signature",
    }
)
_FAULT_CODES = {
    429: ("Throttling.User", "Request was denied due to user flow control."),
    500: ("InternalError", "The request processing has failed due to some unknown error."),
    503: ("ServiceUnavailable", "The request has failed due to a temporary failure of the server."),
}


def default_keys(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    env = os.environ if environ is None else environ
    keys = {DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET}
    if env.get(ENV_ACCESS_KEY_ID) and env.get(ENV_ACCESS_KEY_SECRET):
        keys[env[ENV_ACCESS_KEY_ID]] = env[ENV_ACCESS_KEY_SECRET]
    return keys


def _envelope(request_id: str, host: str, code: str, message: str) -> dict[str, str]:
    return {
        "RequestId": request_id,
        "HostId": host,
        "Code": code,
        "Message": message,
        "Recommend": f"https://api.aliyun.com/troubleshoot?q={code}",
    }


def _json(data: Any, status: int, request_id: str, headers: Mapping[str, str] | None = None) -> Response:
    return Response(
        json.dumps(data),
        status_code=status,
        media_type="application/json",
        headers={"x-acs-request-id": request_id, **(headers or {})},
    )


def _wire_url(request: Request) -> str:
    """The path and query exactly as received (before any decoding), which is what was signed."""
    raw_path = request.scope.get("raw_path") or request.url.path.encode()
    query = request.scope.get("query_string", b"")
    return raw_path.decode("latin-1") + ("?" + query.decode("latin-1") if query else "")


def create_app(
    *, credentials: Mapping[str, str] | None = None, clock: Callable[[], datetime] | None = None
) -> Starlette:
    """Build one emulator instance (its own keys, state and id counter)."""
    keys = dict(credentials) if credentials is not None else default_keys()
    now = clock or (lambda: datetime.now(UTC))
    state = EmulatorState()
    validator = OperationValidator("alibabacloud-dataworks", ACTION)
    ids = itertools.count(10_000)

    def authenticate(request: Request, url: str, body: bytes) -> Verified:
        headers = dict(request.headers)
        kwargs: dict[str, Any] = {"now": now(), "nonce_seen": state.nonces.seen}
        if headers.get("authorization", "").startswith("ACS3-"):
            return verify_acs3(request.method, url, headers, body, keys.get, **kwargs)
        if "Signature" in request.query_params:
            return verify_rpc_v1(request.method, url, headers, body, keys.get, **kwargs)
        raise incomplete("The request carries neither an ACS3 Authorization header nor an RPC Signature.")

    def business_parameters(request: Request, verified: Verified) -> dict[str, Any]:
        values: dict[str, Any] = {k: v for k, v in request.query_params.items() if k not in COMMON_PARAMETERS}
        values.setdefault("Action", verified.action or "")
        values.setdefault("Version", verified.version or "")
        return validator.validate(validator.coerce_query(values))

    def create(values: Mapping[str, Any], verified: Verified) -> int:
        new_id = next(ids)
        state.creations.add({"Id": new_id, "AccessKeyId": verified.access_key_id, **values})
        return new_id

    def fault_response(fault: Fault, request_id: str, host: str, created: int | None) -> Any:
        if fault.drop:
            return DropConnection()
        if fault.status == 200:
            data: dict[str, Any] = {"RequestId": request_id, "HttpStatusCode": 200, "Data": created, "Success": True}
        else:
            code, message = _FAULT_CODES.get(fault.status, ("InternalError", f"Emulated HTTP {fault.status}."))
            data = _envelope(request_id, host, code, message)
        content, media_type = fault_body(fault, json.dumps(data).encode())
        headers = {"x-acs-request-id": request_id}
        if fault.status == 429:
            wait = fault.retry_after or 0.0
            headers.update({"Retry-After": str(math.ceil(wait)), "x-acs-retry-after": str(int(wait * 1000))})
        return Response(content, status_code=fault.status, media_type=media_type, headers=headers)

    async def gateway(request: Request) -> Any:
        request_id = str(uuid.uuid4()).upper()
        host = request.headers.get("host", "dataworks.emulator")
        body = await request.body()
        try:
            verified = authenticate(request, _wire_url(request), body)
        except SignatureRejectedError as exc:
            return _json(_envelope(request_id, host, exc.code, exc.message), exc.status, request_id)
        action = request.headers.get("x-acs-action") or request.query_params.get("Action")
        if action != ACTION:
            message = "Specified api is not found, please check your url and method."
            return _json(_envelope(request_id, host, "InvalidAction.NotFound", message), 404, request_id)
        try:
            values = business_parameters(request, verified)
        except InvalidParameterError as exc:
            if exc.rule == "required":
                code, message = (
                    "MissingParameter",
                    f'The input parameter "{exc.field}" that is mandatory for processing this request is not supplied.',
                )
            else:
                code, message = "InvalidParameter", f'The specified parameter "{exc.field}" is not valid: {exc.rule}.'
            return _json(_envelope(request_id, host, code, message), 400, request_id)
        fault = state.faults.take()
        if fault is None:
            data = {"RequestId": request_id, "HttpStatusCode": 200, "Data": create(values, verified), "Success": True}
            return _json(data, 200, request_id)
        created = create(values, verified) if fault.process or fault.status == 200 else None
        await apply_latency(fault)
        return fault_response(fault, request_id, host, created)

    app = Starlette(routes=[*control_routes(state, {"Content"}), Route("/", gateway, methods=["POST"])])
    app.state.emulator = state
    app.state.keys = keys
    return app


__all__ = ["DEMO_ACCESS_KEY_ID", "DEMO_ACCESS_KEY_SECRET", "create_app", "default_keys"]
