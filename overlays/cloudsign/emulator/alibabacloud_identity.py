"""Local stand-ins for the services Alibaba Cloud's credential providers call, as Starlette apps for tests (ours
and users'): the ECS instance metadata service and STS. Serve one with ``cloudsign.emulator.app.running``::

    with running(create_metadata_app(role="my-role")) as url:
        source = EcsRamRole(endpoint=url)   # or ALIBABA_CLOUD_ECS_METADATA_ENDPOINT=url for the default chain

* ``create_metadata_app``: ``PUT /latest/api/token`` (needs ``X-aliyun-ecs-metadata-token-ttl-seconds``, 1 to 21600),
  ``GET /latest/meta-data/ram/security-credentials/`` (the role name) and ``.../<role>`` (the temporary key, as
  ECS answers it: ``Code``, ``AccessKeyId``, ``AccessKeySecret``, ``SecurityToken``, ``Expiration``,
  ``LastUpdated``). A token is checked when sent (``X-aliyun-ecs-metadata-token``); without one, the request is
  IMDSv1 and refused (403) only under ``faults.require_token``.
* ``create_sts_app``: ``AssumeRole`` (RPC v1 signature verified by ``cloudsign.alibabacloud.rpc_v1.verify_rpc_v1``,
  with the caller's permanent key from ``credentials`` or a temporary key this app or ``trusted`` handed out, with
  its token) and ``AssumeRoleWithOIDC`` (unsigned; the OIDC token must be one of ``oidc_tokens`` when given), by
  GET query or POST form, at ``/``.

Faults (``IdentityFaults``): set ``app.state.identity.faults`` or ``POST /_emulator/faults``. ``app.state.identity
.issued`` lists the keys handed out.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..alibabacloud.rejection import SignatureRejectedError
from ..alibabacloud.rpc_v1 import verify_rpc_v1
from .identity import IdentityState, IssuedKey, control_routes, iso8601, session_token_endpoint

TOKEN_HEADER = "X-aliyun-ecs-metadata-token"  # noqa: S105 - a header name
TOKEN_TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds"  # noqa: S105 - a header name
CREDENTIALS_PATH = "/latest/meta-data/ram/security-credentials/"
MAX_TOKEN_TTL = 21600


def _key_body(key: IssuedKey, now: float) -> dict[str, str]:
    return {
        "AccessKeyId": key.access_key_id,
        "AccessKeySecret": key.secret,
        "SecurityToken": key.security_token,
        "Expiration": iso8601(key.expires_at),
        "LastUpdated": iso8601(now),
        "Code": "Success",
    }


def create_metadata_app(
    role: str = "cloudsign-emulated-role", *, reuse: bool = False, clock: Callable[[], float] = time.time
) -> Starlette:
    """The ECS metadata service of an instance whose RAM role is ``role``; ``reuse``: see ``IdentityState``."""
    state = IdentityState(clock, reuse=reuse)
    tokens: dict[str, float] = {}

    def token_ok(request: Request) -> Response | None:
        token = request.headers.get(TOKEN_HEADER)
        if token is None:
            return PlainTextResponse("Forbidden", status_code=403) if state.faults.require_token else None
        if tokens.get(token, 0) <= state.now():
            return PlainTextResponse("Unauthorized", status_code=401)
        return None

    api_token = session_token_endpoint(state, tokens, TOKEN_TTL_HEADER, (403, "Forbidden"), MAX_TOKEN_TTL)

    async def role_name(request: Request) -> Response:
        if (fault := await state.injected(request)) is not None:
            return fault
        return token_ok(request) or PlainTextResponse(role)

    async def role_credentials(request: Request) -> Response:
        if (fault := await state.injected(request)) is not None:
            return fault
        if (refused := token_ok(request)) is not None:
            return refused
        if request.path_params["role"] != role:
            return PlainTextResponse("Not Found", status_code=404)
        return JSONResponse(_key_body(state.mint(), state.now()))

    app = Starlette(
        routes=[
            Route("/latest/api/token", api_token, methods=["PUT"]),
            Route(CREDENTIALS_PATH, role_name, methods=["GET"]),
            Route(CREDENTIALS_PATH + "{role}", role_credentials, methods=["GET"]),
            *control_routes(state),
        ]
    )
    app.state.identity = state
    return app


def create_credentials_uri_app(*, reuse: bool = False, clock: Callable[[], float] = time.time) -> Starlette:
    """A server for ``ALIBABA_CLOUD_CREDENTIALS_URI``: ``GET /`` (any path) answers a temporary key, as ECS does."""
    state = IdentityState(clock, reuse=reuse)

    async def handout(request: Request) -> Response:
        if (fault := await state.injected(request)) is not None:
            return fault
        return JSONResponse(_key_body(state.mint(), state.now()))

    app = Starlette(routes=[*control_routes(state), Route("/{path:path}", handout, methods=["GET"])])
    app.state.identity = state
    return app


def _sts_error(code: str, message: str, status: int) -> Response:
    body = {"RequestId": str(uuid.uuid4()).upper(), "HostId": "sts.aliyuncs.com", "Code": code, "Message": message}
    return JSONResponse(body, status_code=status)


def create_sts_app(
    credentials: Mapping[str, str] | None = None,
    *,
    oidc_tokens: Iterable[str] | None = None,
    trusted: Iterable[IssuedKey] = (),
    clock: Callable[[], float] = time.time,
) -> Starlette:
    """Alibaba STS. ``credentials`` maps the permanent AccessKeyIds allowed to call AssumeRole to their secrets;
    temporary keys this app handed out (or listed in ``trusted``, e.g. an ECS emulator's) may call it with their
    token, as ChainableRamRoleArn does."""
    state = IdentityState(clock)
    permanent = dict(credentials or {})
    extra = list(trusted)
    accepted_tokens = None if oidc_tokens is None else set(oidc_tokens)

    def temporary(key_id: str) -> IssuedKey | None:
        return state.find(key_id) or next((k for k in extra if k.access_key_id == key_id), None)

    def secret_for(key_id: str) -> str | None:
        if key_id in permanent:
            return permanent[key_id]
        key = temporary(key_id)
        return None if key is None else key.secret

    def answer(params: Mapping[str, str], session: str) -> Response:
        key = state.mint()
        return JSONResponse(
            {
                "RequestId": str(uuid.uuid4()).upper(),
                "AssumedRoleUser": {
                    "Arn": f"{params['RoleArn']}/{session}",
                    "AssumedRoleId": f"3{abs(hash(params['RoleArn'])) % 10**17:017d}:{session}",
                },
                "Credentials": {
                    "AccessKeyId": key.access_key_id,
                    "AccessKeySecret": key.secret,
                    "SecurityToken": key.security_token,
                    "Expiration": iso8601(key.expires_at),
                },
            }
        )

    async def endpoint(request: Request) -> Response:
        if (fault := await state.injected(request)) is not None:
            return fault
        body = await request.body()
        form = request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded")
        params = dict(parse_qsl(request.url.query, keep_blank_values=True))
        if form:
            params.update(parse_qsl(body.decode(), keep_blank_values=True))
        action = params.get("Action")
        for name in ("RoleArn", "RoleSessionName"):
            if not params.get(name):
                return _sts_error("MissingParameter", f"The input parameter {name} that is mandatory is missing.", 400)
        session = params["RoleSessionName"]
        if action == "AssumeRole":
            try:
                verified = verify_rpc_v1(
                    request.method,
                    str(request.url),
                    dict(request.headers),
                    body,
                    secret_for,
                    now=datetime.fromtimestamp(state.now(), UTC),
                )
            except SignatureRejectedError as exc:
                return _sts_error(exc.code, str(exc).split(": ", 1)[-1], exc.status)
            key = temporary(verified.access_key_id)
            if key is not None and params.get("SecurityToken") != key.security_token:
                return _sts_error("InvalidSecurityToken.MismatchWithAccessKey", "The token does not match.", 400)
            if key is not None and key.expires_at <= state.now():
                return _sts_error("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.", 400)
            return answer(params, session)
        if action == "AssumeRoleWithOIDC":
            if not params.get("OIDCProviderArn") or not params.get("OIDCToken"):
                return _sts_error("MissingParameter", "OIDCProviderArn and OIDCToken are mandatory.", 400)
            if accepted_tokens is not None and params["OIDCToken"] not in accepted_tokens:
                return _sts_error("AuthenticationFail.OIDCToken.Invalid", "The OIDC token is invalid.", 400)
            return answer(params, session)
        return _sts_error("InvalidAction.NotFound", f"Specified api is not found: {json.dumps(action)}", 404)

    app = Starlette(routes=[*control_routes(state), Route("/", endpoint, methods=["GET", "POST"])])
    app.state.identity = state
    return app


__all__ = ["create_credentials_uri_app", "create_metadata_app", "create_sts_app"]
