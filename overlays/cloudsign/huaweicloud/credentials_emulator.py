"""Local stand-ins for the services Huawei Cloud's credential providers call, as Starlette apps for tests (ours
and users'). Serve one with ``cloudsign._core.emulation.running``::

    with running(create_metadata_app()) as url:
        source = EcsMetadata(endpoint=url)   # or HUAWEICLOUD_SDK_METADATA_ENDPOINT=url for the default chain

* ``create_metadata_app``: ``PUT /meta-data/latest/api/token`` (needs ``X-Metadata-Token-Ttl-Seconds``) and
  ``GET /openstack/latest/securitykey`` (``{"credential": {"access", "secret", "securitytoken", "expires_at"}}``).
  A token sent (``X-Metadata-Token``) must be valid; none is needed unless ``faults.require_token`` (then 401).
  ``faults.token_refused`` answers the token endpoint 404, as an older metadata service does.
* ``create_sts_app``: ``POST /v5/agencies/assume-with-oidc`` (JSON; the ID token must be one of ``id_tokens`` when
  given) and pod identity at ``POST /pod-identity`` (``Authorization`` must be one of ``pod_tokens``).

Faults (``IdentityFaults``): set ``app.state.identity.faults`` or ``POST /_emulator/faults``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from cloudsign._core.identity_emulation import IdentityState, IssuedKey, control_routes, iso8601

from .providers import OIDC_PATH, SECURITY_KEY_PATH, TOKEN_HEADER, TOKEN_PATH, TOKEN_TTL_HEADER


def _credential(key: IssuedKey) -> dict[str, str]:
    return {
        "access": key.access_key_id,
        "secret": key.secret,
        "securitytoken": key.security_token,
        "expires_at": iso8601(key.expires_at, millis=True),
    }


def _error(status: int, code: str, message: str) -> Response:
    return JSONResponse({"error_code": code, "error_msg": message}, status_code=status)


def create_metadata_app(*, reuse: bool = False, clock: Callable[[], float] = time.time) -> Starlette:
    """The metadata service of an ECS instance with an agency bound; ``reuse``: see ``IdentityState``."""
    state = IdentityState(clock, prefix="HSTEMU", reuse=reuse)
    tokens: dict[str, float] = {}

    async def api_token(request: Request) -> Response:
        if (fault := await state.injected(request)) is not None:
            return fault
        if state.faults.token_refused:
            return PlainTextResponse("Not Found", status_code=404)
        try:
            ttl = int(request.headers.get(TOKEN_TTL_HEADER, ""))
        except ValueError:
            return PlainTextResponse("Bad Request", status_code=400)
        token = uuid.uuid4().hex
        tokens[token] = state.now() + ttl
        return PlainTextResponse(token)

    async def security_key(request: Request) -> Response:
        if (fault := await state.injected(request)) is not None:
            return fault
        token = request.headers.get(TOKEN_HEADER)
        if (token is None and state.faults.require_token) or (
            token is not None and tokens.get(token, 0) <= state.now()
        ):
            return PlainTextResponse("Unauthorized", status_code=401)
        return JSONResponse({"credential": _credential(state.mint())})

    app = Starlette(
        routes=[
            Route(TOKEN_PATH, api_token, methods=["PUT"]),
            Route(SECURITY_KEY_PATH, security_key, methods=["GET"]),
            *control_routes(state),
        ]
    )
    app.state.identity = state
    return app


def create_sts_app(
    *,
    id_tokens: Iterable[str] | None = None,
    pod_tokens: Iterable[str] | None = None,
    clock: Callable[[], float] = time.time,
) -> Starlette:
    """Huawei STS's AssumeAgencyWithOIDC, and a CCE pod-identity endpoint at ``/pod-identity``."""
    state = IdentityState(clock, prefix="HSTSEMU")
    accepted = None if id_tokens is None else set(id_tokens)
    pods = None if pod_tokens is None else set(pod_tokens)

    async def assume(request: Request) -> Response:
        if (fault := await state.injected(request)) is not None:
            return fault
        try:
            body = await request.json()
        except ValueError:
            return _error(400, "STS.0001", "The request body is not JSON.")
        missing = [k for k in ("provider_urn", "agency_urn", "agency_session_name", "id_token") if not body.get(k)]
        if missing:
            return _error(400, "STS.0002", f"Missing {', '.join(missing)}.")
        if accepted is not None and body["id_token"] not in accepted:
            return _error(401, "STS.0401", "The ID token is invalid.")
        return JSONResponse({"credentials": _credential(state.mint())}, status_code=200)

    async def pod_identity(request: Request) -> Response:
        if (fault := await state.injected(request)) is not None:
            return fault
        if pods is not None and request.headers.get("authorization") not in pods:
            return _error(401, "POD.0401", "The authorization token is invalid.")
        return JSONResponse({"credential": _credential(state.mint())})

    app = Starlette(
        routes=[
            Route(OIDC_PATH, assume, methods=["POST"]),
            Route("/pod-identity", pod_identity, methods=["POST"]),
            *control_routes(state),
        ]
    )
    app.state.identity = state
    return app


__all__ = ["create_metadata_app", "create_sts_app"]
