"""A local stand-in for Huawei Cloud's API gateway in front of every Huawei service in specs/ (ASGI, Starlette).

Every operation of every ``huaweicloud-*`` document is served, routed by method and path through the registry;
the request handling itself (validation against the spec, faults, the record of calls, the success body built from
the spec with fresh IDs) is the generic one of ``cloudsign.emulator.handler``. What is Huawei's own lives here:

* the gateway verifies the SDK-HMAC-SHA256 / SDK-HMAC-SM3 signature over the request's own SignedHeaders, rejects
  a date more than 15 minutes off, and locks an AK for 5 minutes after 5 failed signatures in a row (401
  ``APIGW.0301`` with the gateway's messages);
* a request without ``Authorization`` but with ``X-Auth-Token`` is authenticated by its IAM token: one the emulator
  knows (``create_app(tokens=...)``: token texts, ``KnownToken``s with expiry and project, or a lookup such as
  ``huaweicloud_identity.create_iam_app().state.iam.lookup`` for the tokens an IAM emulator issued); an unknown
  token is 401 ``APIGW.0301`` "decrypt token fail", an expired one "token expires, expires_at: ...";
* an unknown API is 404 ``APIGW.0101`` (answered before authentication, as the gateway cannot know the API);
* resources (``x-cloudsign-resource``) are kept per AK (all IAM tokens share one account) and project; an unknown
  id is answered with the spec's status and code in the error body below;
* an invalid parameter is 400 ``<SERVICE>.200100`` (``DAS.200100``); a fault is the gateway's code (403
  ``APIGW.0302``, 429 ``APIGW.0308``, 502/503 ``APIGW.0202``, 504 ``APIGW.0203``) or else the service's
  ``<SERVICE>.100000``; every error has the ``{"error_code", "error_msg", "request_id"}`` body and ``X-Request-Id``.

    from cloudsign.emulator.app import running
    from cloudsign.emulator.huaweicloud import DEMO_AK, DEMO_SK, create_app
    with running(create_app()) as url: ...
"""

from __future__ import annotations

import hmac
import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette

from .._core.errors import InvalidParameterError
from .._core.wire import split_url
from ..huaweicloud.credentials import ENV_AK, ENV_SECURITY_TOKEN, ENV_SK
from ..huaweicloud.signer import MAX_SKEW_SECONDS, VerificationError, parse_authorization, verify_parsed
from .app import build_app
from .call import Call, Routed
from .faults import Fault, fault_body
from .gateway import Gateway
from .replies import Reply, json_reply
from .state import EmulatorState, TemporaryKey

# Documented demo keys, accepted by every emulator instance built without explicit credentials.
DEMO_AK = "CLOUDSIGNDEMOAK000001"
DEMO_SK = "cloudsign-demo-sk-not-a-secret"
DEMO_IAM_TOKEN = "cloudsign-demo-iam-token-not-a-secret"  # noqa: S105 - a documented demo value
LOCK_AFTER_FAILURES = 5
LOCK_SECONDS = 5 * 60

_IAM = "Incorrect IAM authentication information: "
_AUTH_MESSAGES = {
    "mismatch": _IAM + "verify aksk signature fail",
    "malformed": _IAM + "verify aksk signature fail",
    "unknown_key": _IAM + "Get secretKey failed,ak:******,err:ak not exist",
    "locked": _IAM + "AK access failed to reach the limit,forbidden.",
    "missing": _IAM + "x-auth-token not found",
    "bad_token": _IAM + "decrypt token fail",
}
_NOT_FOUND = "The API does not exist or has not been published in the environment"
# Faults the gateway answers itself; any other status is the service's internal error (``<SERVICE>.100000``).
_GATEWAY_FAULTS = {
    403: ("APIGW.0302", "The IAM user is not authorized to access the API."),
    429: ("APIGW.0308", "The throttling threshold has been reached"),
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
        strikes = self._by_ak.get(ak)  # one dict read: atomic, no lock needed
        return strikes is not None and strikes.locked_until > self.clock()

    def fail(self, ak: str) -> None:
        with self._lock:
            strikes = self._by_ak.setdefault(ak, _Strikes())
            strikes.failures += 1
            if strikes.failures >= LOCK_AFTER_FAILURES:
                strikes.failures = 0
                strikes.locked_until = self.clock() + LOCK_SECONDS

    def succeed(self, ak: str) -> None:
        if ak not in self._by_ak:  # no failure counted (the common case): nothing to clear, no lock taken
            return
        with self._lock:
            self._by_ak.pop(ak, None)

    def clear(self) -> None:
        with self._lock:
            self._by_ak.clear()


class HuaweiEmulatorState(EmulatorState):
    """The shared state plus the gateway's lock-outs, which ``/_emulator/reset`` clears too."""

    def __init__(self, clock: Callable[[], float]) -> None:
        super().__init__()
        self.lockout = LockOut(clock)

    def reset(self) -> None:
        super().reset()
        self.lockout.clear()


def _keys(
    credentials: Mapping[str, str] | None, temporary: Sequence[TemporaryKey] | None
) -> tuple[dict[str, str], list[TemporaryKey]]:
    """(permanent AK -> SK, temporary keys); when neither is given, the demo pair and the environment's key, read
    as the clients read it (temporary when ``HUAWEICLOUD_SDK_SECURITY_TOKEN`` is set)."""
    if credentials is not None or temporary is not None:
        return dict(credentials or {}), list(temporary or [])
    keys = {DEMO_AK: DEMO_SK}
    ak, sk, token = os.environ.get(ENV_AK), os.environ.get(ENV_SK), os.environ.get(ENV_SECURITY_TOKEN)
    if ak and sk and token:
        return keys, [(ak, sk, token)]
    if ak and sk:
        keys[ak] = sk
    return keys, []


@dataclass(frozen=True, slots=True)
class KnownToken:
    """An IAM token the gateway accepts: until ``expires_at`` (POSIX seconds; ``None``: never), for the project
    ``project_id`` when given (a path naming another project is refused). ``token`` is left out of ``repr``."""

    token: str = field(repr=False)
    expires_at: float | None = None
    project_id: str | None = None


# Finds a token the gateway accepts (None: unknown); an IAM emulator's ``state.iam.lookup`` is one.
TokenLookup = Callable[[str], KnownToken | None]


def _token_lookup(tokens: Iterable[str | KnownToken] | TokenLookup) -> TokenLookup:
    if callable(tokens):
        return tokens
    known = {t.token: t for t in (KnownToken(t) if isinstance(t, str) else t for t in tokens)}
    return known.get


def _error(status: int, code: str, msg: str, rid: str, headers: Mapping[str, str] | None = None) -> Reply:
    body = {"error_code": code, "error_msg": msg, "request_id": rid}
    return json_reply(body, status, {"X-Request-Id": rid, **(headers or {})})


def _service_code(routed: Routed) -> str:
    """The prefix of a service's own error codes: ``huaweicloud-das`` -> ``DAS``."""
    return routed.operation.service.split("-", 1)[-1].replace("-", "").upper()


_URL_ODD = re.compile(r"[#\t\r\n]")


def _path_and_query(call: Call) -> tuple[str, str]:
    """The path and query the signature covers: as received, unless the target has what a URL parser would cut
    or drop (a ``#``, a tab or line break) or no leading ``/``; then as ``split_url`` reads the call's URL."""
    if call.raw_path.startswith("/") and not _URL_ODD.search(call.raw_path) and not _URL_ODD.search(call.raw_query):
        return call.raw_path, call.raw_query
    _, path, query = split_url(call.url)
    return path, query


class HuaweiGateway(Gateway):
    """Huawei's API gateway: route first, then the AK/SK signature with the lock-out, Huawei's error envelope."""

    request_id_field = "request_id"

    def __init__(
        self,
        state: HuaweiEmulatorState,
        keys: Mapping[str, str],
        clock: Callable[[], float],
        temporary: Sequence[TemporaryKey] | None = None,
        tokens: TokenLookup | None = None,
    ) -> None:
        super().__init__("huaweicloud", state, keys, temporary)
        self.token_lookup: TokenLookup = tokens or (lambda _: None)
        self.lockout = state.lockout
        self.clock = clock

    def _identity_refusal(self, call: Call, routed: Routed | None, ak: str) -> str | None:
        """Why the signed identity headers do not fit the key or the path (None when they do). Both headers were
        signed (the verifier checks it)."""
        sent = call.headers.get("x-security-token")
        expected = self.tokens.get(ak)
        if expected is None and sent:
            return _IAM + "the security token is not valid for this AK"
        if expected is not None and not (sent and hmac.compare_digest(sent.encode(), expected.encode())):
            return _IAM + ("x-security-token not found" if not sent else "verify security token fail")
        expires_at = self.expiry.get(ak)
        if expires_at is not None and expires_at <= self.clock():
            when = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(expires_at))
            return _IAM + f"security token expires, expires_at: {when}.000000Z"
        project = call.headers.get("x-project-id")
        path_project = routed.path_params.get("project_id") if routed is not None else None
        if project and path_project and project != path_project:
            return _IAM + "X-Project-Id does not match the project in the path"
        return None

    def _token_refusal(self, call: Call, routed: Routed | None, sent: str) -> str | None:
        """Why an ``X-Auth-Token`` is refused (None when it is accepted)."""
        known = self.token_lookup(sent)
        if known is None or not hmac.compare_digest(known.token.encode(), sent.encode()):
            return _AUTH_MESSAGES["bad_token"]
        if known.expires_at is not None and known.expires_at <= self.clock():
            when = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(known.expires_at))
            return _IAM + f"token expires, expires_at: {when}.000000Z"
        path_project = routed.path_params.get("project_id") if routed is not None else None
        if known.project_id and path_project and known.project_id != path_project:
            return _IAM + "the token is not scoped to the project in the path"
        return None

    def authenticate(self, call: Call, routed: Routed | None) -> Reply | dict[str, Any]:
        rid = call.request_id
        token = call.headers.get("x-auth-token")
        if token and not call.headers.get("authorization"):
            refusal = self._token_refusal(call, routed, token)
            return {"account": "iam-token"} if refusal is None else _error(401, "APIGW.0301", refusal, rid)
        try:
            auth = parse_authorization(call.headers.get("authorization"))
        except VerificationError as exc:
            return _error(401, "APIGW.0301", _AUTH_MESSAGES[exc.reason], rid)
        ak = auth.access_key
        if self.lockout.locked(ak):
            return _error(401, "APIGW.0301", _AUTH_MESSAGES["locked"], rid)
        try:  # from the pieces already taken apart: the call's headers are lowercased, its path and query raw
            path, query = _path_and_query(call)
            verify_parsed(
                call.method,
                path,
                query,
                call.headers,
                call.body,
                auth,
                self.keys.get,
                self.clock(),
                max_skew=MAX_SKEW_SECONDS,
            )
        except VerificationError as exc:
            if exc.reason != "unknown_key":
                self.lockout.fail(ak)
            msg = _IAM + "signature expired, " + exc.detail if exc.reason == "expired" else _AUTH_MESSAGES[exc.reason]
            return _error(401, "APIGW.0301", msg, rid)
        refusal = self._identity_refusal(call, routed, ak)
        if refusal is not None:
            return _error(401, "APIGW.0301", refusal, rid)
        self.lockout.succeed(ak)
        return {"account": ak}

    def not_found(self, call: Call) -> Reply:
        return _error(404, "APIGW.0101", _NOT_FOUND, call.request_id)

    def invalid(self, call: Call, routed: Routed, error: InvalidParameterError) -> Reply:
        return _error(400, f"{_service_code(routed)}.200100", f"Parameter error: {error}", call.request_id)

    def fault_response(self, call: Call, routed: Routed, fault: Fault) -> Reply:
        rid = call.request_id
        code, msg = _GATEWAY_FAULTS.get(fault.status, (f"{_service_code(routed)}.100000", "Internal server error"))
        headers = {"X-Request-Id": rid}
        if fault.retry_after is not None:
            value = fault.retry_after
            headers["Retry-After"] = str(int(value)) if float(value).is_integer() else str(value)
        raw = json.dumps({"error_code": code, "error_msg": msg, "request_id": rid}).encode()
        content, media = fault_body(fault, raw)
        return Reply(content, fault.status, headers, media)

    def success_headers(self, call: Call) -> dict[str, str]:
        return {"X-Request-Id": call.request_id}

    def service_error(self, call: Call, routed: Routed, status: int, code: str, message: str) -> Reply:
        return _error(status, code, message, call.request_id)

    def record(
        self, call: Call, routed: Routed, values: Mapping[str, Any], fresh: Mapping[str, Any], caller: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The new IDs, the path parameters, the request id, then the query parameters and the body's fields."""
        rest = self.business_values(routed.operation, values, routed.flat)
        # The path parameters are among ``rest`` (masked there), and ``rest`` comes last: taken from it, they only
        # set the order of the record's keys.
        path = {k: rest[k] for k in routed.path_params if k in rest}
        return {**fresh, **path, "request_id": call.request_id, **rest}


def create_app(
    *,
    credentials: Mapping[str, str] | None = None,
    temporary_credentials: Sequence[TemporaryKey] | None = None,
    tokens: Iterable[str | KnownToken] | TokenLookup | None = None,
    clock: Callable[[], float] = time.time,
) -> Starlette:
    """The emulator of every Huawei service in specs/. ``credentials`` maps permanent AK -> SK;
    ``temporary_credentials`` lists (AK, SK, security token[, when it expires, POSIX seconds]). When both are None:
    the demo keys and ``$HUAWEICLOUD_SDK_AK/SK`` (temporary with ``$HUAWEICLOUD_SDK_SECURITY_TOKEN``) when set.
    ``clock`` (POSIX seconds) drives the 15-minute window, the lock-out and token expiry. The scheme has no nonce:
    a signed request may be sent again within its window, as the real gateway allows. ``tokens`` are the IAM
    tokens accepted as ``X-Auth-Token`` (see the module docstring); when all three are None, ``DEMO_IAM_TOKEN`` is."""
    state = HuaweiEmulatorState(clock)
    demo = credentials is None and temporary_credentials is None and tokens is None
    keys, temporary = _keys(credentials, temporary_credentials)
    lookup = _token_lookup([DEMO_IAM_TOKEN] if demo else tokens or [])
    return build_app(HuaweiGateway(state, keys, clock, temporary, lookup))


__all__ = [
    "DEMO_AK",
    "DEMO_IAM_TOKEN",
    "DEMO_SK",
    "LOCK_AFTER_FAILURES",
    "LOCK_SECONDS",
    "HuaweiEmulatorState",
    "HuaweiGateway",
    "KnownToken",
    "LockOut",
    "TemporaryKey",
    "TokenLookup",
    "create_app",
]
