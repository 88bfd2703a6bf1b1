"""Local stand-ins for the services Huawei Cloud's credential providers call, as Starlette apps for tests (ours
and users'). Serve one with ``cloudsign.emulator.app.running``::

    with running(create_metadata_app()) as url:
        source = EcsMetadata(endpoint=url)   # or HUAWEICLOUD_SDK_METADATA_ENDPOINT=url for the default chain

* ``create_metadata_app``: ``PUT /meta-data/latest/api/token`` (needs ``X-Metadata-Token-Ttl-Seconds``) and
  ``GET /openstack/latest/securitykey`` (``{"credential": {"access", "secret", "securitytoken", "expires_at"}}``).
  A token sent (``X-Metadata-Token``) must be valid; none is needed unless ``faults.require_token`` (then 401).
  ``faults.token_refused`` answers the token endpoint 404, as an older metadata service does.
* ``create_sts_app``: ``POST /v5/agencies/assume-with-oidc`` (JSON; the ID token must be one of ``id_tokens`` when
  given) and pod identity at ``POST /pod-identity`` (``Authorization`` must be one of ``pod_tokens``).
* ``create_iam_app``: IAM's ``POST /v3/auth/tokens`` (password method, project scope by id or name),
  ``POST /v3.0/OS-AUTH/id-token/tokens`` (federated ID token, ``X-Idp-Id``) answering a token in
  ``X-Subject-Token``, and ``POST /v3.0/OS-CREDENTIAL/securitytokens`` turning a token into temporary keys.
  ``app.state.iam.lookup`` finds the tokens it issued: give it to the gateway emulator
  (``emulator.create_app(tokens=app.state.iam.lookup)``) and it accepts them as ``X-Auth-Token``.

Faults (``IdentityFaults``): set ``app.state.identity.faults`` or ``POST /_emulator/faults``.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..huaweicloud.providers import (
    IAM_TOKENS_PATH,
    ID_TOKEN_PATH,
    IDP_HEADER,
    OIDC_PATH,
    SECURITY_KEY_PATH,
    SECURITY_TOKENS_PATH,
    SUBJECT_TOKEN_HEADER,
    TOKEN_HEADER,
    TOKEN_PATH,
    TOKEN_TTL_HEADER,
)
from .huaweicloud import KnownToken
from .identity import IdentityState, IssuedKey, control_routes, iso8601, session_token_endpoint

IAM_TOKEN_LIFETIME = 24 * 3600.0


def _credential(key: IssuedKey) -> dict[str, str]:
    return {
        "access": key.access_key_id,
        "secret": key.secret,
        "securitytoken": key.security_token,
        "expires_at": iso8601(key.expires_at, fraction=True),
    }


def _error(status: int, code: str, message: str) -> Response:
    return JSONResponse({"error_code": code, "error_msg": message}, status_code=status)


def create_metadata_app(*, reuse: bool = False, clock: Callable[[], float] = time.time) -> Starlette:
    """The metadata service of an ECS instance with an agency bound; ``reuse``: see ``IdentityState``."""
    state = IdentityState(clock, prefix="HSTEMU", reuse=reuse)
    tokens: dict[str, float] = {}

    api_token = session_token_endpoint(state, tokens, TOKEN_TTL_HEADER, (404, "Not Found"))

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


def project_id_of(name: str) -> str:
    """The (made-up, stable) 32-hex-digit ID of the project named ``name`` in the IAM emulator."""
    return hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()


class IamTokens:
    """The tokens an IAM emulator issued (``lookup`` is what the gateway emulator takes as ``tokens=``)."""

    def __init__(self, state: IdentityState, lifetime: float) -> None:
        self.state = state
        self.lifetime = lifetime
        self._issued: dict[str, KnownToken] = {}
        self._lock = threading.Lock()

    def issue(self, project_id: str | None) -> KnownToken:
        now = self.state.now()
        expires_at = now - 60 if self.state.faults.expired else now + self.lifetime
        token = KnownToken("MIIemu" + secrets.token_urlsafe(48), expires_at, project_id)
        with self._lock:
            self._issued[token.token] = token
        return token

    def lookup(self, token: str) -> KnownToken | None:
        with self._lock:
            return self._issued.get(token)

    @property
    def issued(self) -> list[KnownToken]:
        with self._lock:
            return list(self._issued.values())


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def create_iam_app(
    *,
    users: Iterable[tuple[str, str, str]] = (),
    idps: Mapping[str, Iterable[str]] | None = None,
    token_lifetime: float = IAM_TOKEN_LIFETIME,
    clock: Callable[[], float] = time.time,
) -> Starlette:
    """Huawei IAM's token endpoints. ``users`` lists (domain, user, password) that may obtain a token with a
    password; ``idps`` maps an identity provider ID to the ID tokens it accepts (federated, unscoped tokens). Tokens
    live ``token_lifetime`` seconds (24 hours as IAM's do; ``faults.expired`` hands out expired ones); temporary
    keys live ``faults.lifetime``. A project named by ``name`` gets the ID ``project_id_of(name)``."""
    state = IdentityState(clock, prefix="HSTIAMEMU")
    tokens = IamTokens(state, token_lifetime)
    accounts = {(domain, user): password for domain, user, password in users}
    providers = {idp: set(accepted) for idp, accepted in (idps or {}).items()}

    def token_answer(token: KnownToken, methods: list[str]) -> Response:
        body: dict[str, Any] = {
            "expires_at": iso8601(token.expires_at or 0, fraction=True),
            "issued_at": iso8601(state.now(), fraction=True),
            "methods": methods,
        }
        if token.project_id:
            body["project"] = {"id": token.project_id}
        return JSONResponse({"token": body}, status_code=201, headers={SUBJECT_TOKEN_HEADER: token.token})

    async def json_body(request: Request) -> Any:
        try:
            return await request.json()
        except ValueError:
            return None

    async def password_token(request: Request) -> Response:
        if (fault := await state.injected(request)) is not None:
            return fault
        body = await json_body(request)
        user = _dig(body, "auth", "identity", "password", "user")
        if _dig(body, "auth", "identity", "methods") != ["password"] or not isinstance(user, dict):
            return _error(400, "1100", "The request body is invalid.")
        expected = accounts.get((str(_dig(user, "domain", "name")), str(user.get("name"))))
        sent = user.get("password")
        if expected is None or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
            return _error(401, "1101", "The username or password is incorrect.")
        project_id, name = _dig(body, "auth", "scope", "project", "id"), _dig(body, "auth", "scope", "project", "name")
        if not isinstance(project_id, str) and not isinstance(name, str):
            return _error(400, "1100", "A project scope (id or name) is required.")
        project_id = project_id if isinstance(project_id, str) else project_id_of(str(name))
        return token_answer(tokens.issue(project_id), ["password"])

    async def id_token(request: Request) -> Response:
        if (fault := await state.injected(request)) is not None:
            return fault
        idp = request.headers.get(IDP_HEADER, "")
        sent = _dig(await json_body(request), "auth", "id_token", "id")
        if idp not in providers:
            return _error(404, "1105", "The identity provider does not exist.")
        if sent not in providers[idp]:
            return _error(401, "1101", "The ID token is invalid.")
        return token_answer(tokens.issue(None), ["mapped"])

    async def security_tokens(request: Request) -> Response:
        if (fault := await state.injected(request)) is not None:
            return fault
        body = await json_body(request)
        if _dig(body, "auth", "identity", "methods") != ["token"]:
            return _error(400, "1100", "The request body is invalid.")
        sent = _dig(body, "auth", "identity", "token", "id") or request.headers.get("x-auth-token")
        known = tokens.lookup(sent) if isinstance(sent, str) else None
        if known is None or (known.expires_at or 0) <= state.now():
            return _error(401, "1101", "The token is invalid or expired.")
        return JSONResponse({"credential": _credential(state.mint())}, status_code=201)

    app = Starlette(
        routes=[
            Route(IAM_TOKENS_PATH, password_token, methods=["POST"]),
            Route(ID_TOKEN_PATH, id_token, methods=["POST"]),
            Route(SECURITY_TOKENS_PATH, security_tokens, methods=["POST"]),
            *control_routes(state),
        ]
    )
    app.state.identity = state
    app.state.iam = tokens
    return app


__all__ = ["create_iam_app", "create_metadata_app", "create_sts_app", "project_id_of"]
