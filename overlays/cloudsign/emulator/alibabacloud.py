"""A local Alibaba Cloud RPC gateway in front of every Alibaba service in specs/ (DataWorks, ...), as a Starlette
app, for tests without a cloud account.

Every action of every ``alibabacloud-*`` document is served: a request is routed through the registry by its action
(the ``x-acs-action`` header or the ``Action`` query parameter) and version (``x-acs-version`` / ``Version``). The
request handling itself (validation against the spec, faults, the record of calls, the success body built from the
spec with fresh IDs and the request id in ``RequestId``) is the generic one of ``cloudsign.emulator.handler``. What
is Alibaba's own lives here:

* ACS3-HMAC-SHA256 and RPC HMAC-SHA1 are verified with the overlay's own verifiers (over the request's own
  SignedHeaders), before routing, with Alibaba's signature errors and statuses (``rejection.py``);
* the RPC common parameters (``AccessKeyId``, ``Signature``, ...) are the gateway's: never validated nor recorded;
  a form-encoded body carries more parameters, as the gateway reads it;
* an unknown action is 404 ``InvalidAction.NotFound``; a missing or invalid parameter 400 ``MissingParameter`` /
  ``InvalidParameter``; every error has the envelope ``RequestId, HostId, Code, Message, Recommend`` and every
  answer ``x-acs-request-id``.

Resources (``x-cloudsign-resource``) are kept per AccessKeyId and project; an unknown id is answered with the
spec's status and code in the envelope above.

Faults and the ``/_emulator/*`` control routes: see ``cloudsign.emulator.handler``; the record of calls is
``app.state.emulator.creations`` (each item: ``Id`` - the new id, if the answer has one -, ``AccessKeyId`` and the
business parameters, secrets masked). Keys: ``credentials`` (AccessKeyId -> secret), or when None the
environment's ``ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET`` plus the demo pair below.
"""

from __future__ import annotations

import hmac
import json
import math
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette

from .._core.errors import InvalidParameterError
from .._core.ids import uuid4_text
from ..alibabacloud.acs3 import verify_acs3
from ..alibabacloud.credentials import ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET, ENV_SECURITY_TOKEN
from ..alibabacloud.rejection import SignatureRejectedError, Verified, incomplete
from ..alibabacloud.rpc_v1 import verify_rpc_v1
from .app import build_app
from .call import Call, Routed
from .faults import Fault, fault_body
from .gateway import Gateway
from .replies import Reply
from .state import EmulatorState, TemporaryKey

# Documented demo keys: accepted by the emulator only, never by Alibaba Cloud.
DEMO_ACCESS_KEY_ID = "LTAIcloudsignDemoKey"
DEMO_ACCESS_KEY_SECRET = "cloudsign-demo-secret-not-for-production"  # noqa: S105 - public demo value
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
_NOT_FOUND = "Specified api is not found, please check your url and method."


def default_keys(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The demo pair, plus the environment's permanent pair (a pair with a security token is temporary: see
    ``default_temporary_keys``)."""
    env = os.environ if environ is None else environ
    keys = {DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET}
    if env.get(ENV_ACCESS_KEY_ID) and env.get(ENV_ACCESS_KEY_SECRET) and not env.get(ENV_SECURITY_TOKEN):
        keys[env[ENV_ACCESS_KEY_ID]] = env[ENV_ACCESS_KEY_SECRET]
    return keys


def default_temporary_keys(environ: Mapping[str, str] | None = None) -> list[TemporaryKey]:
    """The environment's key, secret and ``ALIBABA_CLOUD_SECURITY_TOKEN``, read as the clients read them."""
    env = os.environ if environ is None else environ
    key, secret, token = env.get(ENV_ACCESS_KEY_ID), env.get(ENV_ACCESS_KEY_SECRET), env.get(ENV_SECURITY_TOKEN)
    return [(key, secret, token)] if key and secret and token else []


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _envelope(request_id: str, host: str, code: str, message: str) -> dict[str, str]:
    return {
        "RequestId": request_id,
        "HostId": host,
        "Code": code,
        "Message": message,
        "Recommend": f"https://api.aliyun.com/troubleshoot?q={code}",
    }


def _json(data: Any, status: int, request_id: str, headers: Mapping[str, str] | None = None) -> Reply:
    return Reply(
        json.dumps(data).encode(), status, {"x-acs-request-id": request_id, **(headers or {})}, "application/json"
    )


class AlibabaGateway(Gateway):
    """Alibaba's RPC gateway: signature first, then the action and version, Alibaba's envelope."""

    request_id_field = "RequestId"
    authenticate_first = True
    gateway_query = COMMON_PARAMETERS
    form_as_query = True

    def __init__(
        self,
        state: EmulatorState,
        keys: Mapping[str, str],
        now: Callable[[], datetime],
        temporary: Sequence[TemporaryKey] | None = None,
    ) -> None:
        super().__init__("alibabacloud", state, keys, temporary)
        self.now = now
        # The methods the actions are documented with, by path (``{"/": ["POST"]}``).
        methods: dict[str, set[str]] = {}
        actions: dict[tuple[str, str], set[str]] = {}
        for op in (op for service in self.services for op in service.operations):
            methods.setdefault(op.path, set()).add(op.method)
            actions.setdefault((op.path, str(op.constants.get("Action"))), set()).add(op.method)
        self._methods = {path: sorted(found) for path, found in methods.items()}
        # The methods each action is documented with, by path and action (``{("/", "<Action>"): ["GET"]}``).
        self._action_methods = {key: sorted(found) for key, found in actions.items()}

    def new_request_id(self) -> str:
        return uuid4_text().upper()

    def _error(
        self, call: Call, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> Reply:
        host = call.headers.get("host", "localhost")
        return _json(_envelope(call.request_id, host, code, message), status, call.request_id, headers)

    def _verify(self, call: Call) -> Verified:
        now = self.now()

        def nonce_seen(nonce: str, valid_until: float) -> bool:
            return self.state.nonces.seen(nonce, valid_until, now=now.timestamp())

        kwargs: dict[str, Any] = {"now": now, "nonce_seen": nonce_seen, "lowercase_names": True}
        if "#" not in call.raw_query:  # what the verifiers would parse out of ``call.target``: parsed once already
            kwargs["query_pairs"] = call.query_pairs()
        if call.headers.get("authorization", "").startswith("ACS3-"):
            return verify_acs3(call.method, call.target, call.headers, call.body, self.keys.get, **kwargs)
        if "Signature" in call.query_map():
            return verify_rpc_v1(call.method, call.target, call.headers, call.body, self.keys.get, **kwargs)
        raise incomplete("The request carries neither an ACS3 Authorization header nor an RPC Signature.")

    def _check_token(self, call: Call, access_key_id: str, acs3: bool) -> None:
        """A temporary key needs the token it was issued with, unexpired; a permanent key takes none. Only a signed
        token counts: under ACS3 the ``x-acs-security-token`` header (every ``x-acs-*`` header is signed) or the
        query; under RPC v1 the ``SecurityToken`` query parameter (a header is not signed there)."""
        query_token = call.query_map().get("SecurityToken")
        sent = (call.headers.get("x-acs-security-token") or query_token) if acs3 else query_token
        expected = self.tokens.get(access_key_id)
        if expected is None and not sent:
            return
        if not sent:
            raise SignatureRejectedError("MissingSecurityToken", "SecurityToken is mandatory for this request.")
        if expected is not None and hmac.compare_digest(sent.encode(), expected.encode()):
            if self.expiry.get(access_key_id, math.inf) <= self.now().timestamp():
                raise SignatureRejectedError("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")
            return
        if any(hmac.compare_digest(sent.encode(), token.encode()) for token in self.tokens.values()):
            raise SignatureRejectedError(
                "InvalidSecurityToken.MismatchWithAccessKey", "The security token does not match the access key."
            )
        raise SignatureRejectedError("InvalidSecurityToken.Malformed", "The security token you provided is malformed.")

    def authenticate(self, call: Call, routed: Routed | None) -> Reply | dict[str, Any]:
        if call.is_form and not _is_utf8(call.body):  # a form body the signature is computed over must decode
            return self._error(call, 400, "InvalidParameter", "The request body is not valid UTF-8 form data.")
        try:
            verified = self._verify(call)
            self._check_token(call, verified.access_key_id, call.headers.get("authorization", "").startswith("ACS3-"))
        except SignatureRejectedError as exc:
            return self._error(call, exc.status, exc.code, exc.message)
        # The signature covers every copy of a repeated parameter but not which copy the service reads: refused.
        form = call.form_pairs()
        if not form and len(call.query_map()) == len(call.query_pairs()):  # no name given twice (the usual case)
            return {"AccessKeyId": verified.access_key_id}
        seen: set[str] = set()
        for key, _ in call.query_pairs() + form:
            if key in seen:
                message = f'The specified parameter "{key}" is not valid: it is given more than once.'
                return self._error(call, 400, "InvalidParameter", message)
            seen.add(key)
        return {"AccessKeyId": verified.access_key_id}

    def refuse_early(self, call: Call) -> Reply | None:
        """A method the action (or, when it names no known action, any action on this path) is not documented
        with: 405 with ``Allow``, before the signature is read (the spec is the truth: each action's document says
        which method it takes)."""
        if call.method == "OPTIONS":
            return None
        action = call.headers.get("x-acs-action") or call.query_map().get("Action")
        allowed = self._action_methods.get((call.raw_path, str(action))) or self._methods.get(call.raw_path)
        if allowed is None or call.method in allowed:
            return None
        headers = {"Allow": ", ".join(allowed)}
        return self._error(call, 405, "UnsupportedHTTPMethod", "This http method is not supported.", headers)

    def route(self, call: Call) -> Routed | None:
        """By method, action and version. An action that exists only in other versions (or was sent without one)
        is routed to one of them, so that its validator names ``Version`` as the parameter in error."""
        params = {**dict(call.form_pairs()), **call.query_map()} if call.form_pairs() else call.query_map()
        action = call.headers.get("x-acs-action") or params.get("Action")
        version = call.headers.get("x-acs-version") or params.get("Version")
        if not action:
            return None
        pinned = {"Action": action, **({"Version": version} if version else {})}
        for service in self.services:
            found = service.route(call.method, call.raw_path, pinned)
            if found is not None:
                return Routed(found[0], found[1], pinned)
        for service in self.services:
            for op in service.operations:
                if op.constants.get("Action") == action and (op.method, op.path) == (call.method, call.raw_path):
                    return Routed(op, {}, pinned)
        return None

    def not_found(self, call: Call) -> Reply:
        return self._error(call, 404, "InvalidAction.NotFound", _NOT_FOUND)

    def invalid(self, call: Call, routed: Routed, error: InvalidParameterError) -> Reply:
        if error.rule == "required":
            code = "MissingParameter"
            message = (
                f'The input parameter "{error.field}" that is mandatory for processing this request is not supplied.'
            )
        else:
            code, message = "InvalidParameter", f'The specified parameter "{error.field}" is not valid: {error.rule}.'
        return self._error(call, 400, code, message)

    def fault_response(self, call: Call, routed: Routed, fault: Fault) -> Reply:
        code, message = _FAULT_CODES.get(fault.status, ("InternalError", f"Emulated HTTP {fault.status}."))
        host = call.headers.get("host", "localhost")
        content, media_type = fault_body(fault, json.dumps(_envelope(call.request_id, host, code, message)).encode())
        headers = {"x-acs-request-id": call.request_id}
        if fault.status == 429:
            wait = fault.retry_after or 0.0
            headers.update({"Retry-After": str(math.ceil(wait)), "x-acs-retry-after": str(int(wait * 1000))})
        return Reply(content, fault.status, headers, media_type)

    def success_headers(self, call: Call) -> dict[str, str]:
        return {"x-acs-request-id": call.request_id}

    def service_error(self, call: Call, routed: Routed, status: int, code: str, message: str) -> Reply:
        return self._error(call, status, code, message)

    def record(
        self, call: Call, routed: Routed, values: Mapping[str, Any], fresh: Mapping[str, Any], caller: Mapping[str, Any]
    ) -> dict[str, Any]:
        """``Id`` (the first fresh id of the answer, e.g. DataWorks' ``Data``), the caller's AccessKeyId, then the
        business parameters (secrets masked)."""
        new_id = next(iter(fresh.values()), None)
        return {"Id": new_id, **caller, **self.business_values(routed.operation, values, routed.flat)}


def create_app(
    *,
    credentials: Mapping[str, str] | None = None,
    temporary_credentials: Sequence[TemporaryKey] | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Starlette:
    """Build one emulator instance (its own keys, state and id counter) serving every Alibaba action in specs/.
    ``credentials``: permanent AccessKeyId -> secret; ``temporary_credentials``: (AccessKeyId, secret, security
    token[, when it expires, POSIX seconds]). When both are None, the environment's keys (temporary when
    ``ALIBABA_CLOUD_SECURITY_TOKEN`` is set) and the demo pair."""
    if credentials is None and temporary_credentials is None:
        keys, temporary = default_keys(), default_temporary_keys()
    else:
        keys, temporary = dict(credentials or {}), list(temporary_credentials or [])
    app = build_app(AlibabaGateway(EmulatorState(), keys, clock or (lambda: datetime.now(UTC)), temporary))
    app.state.keys = keys
    return app


__all__ = [
    "COMMON_PARAMETERS",
    "DEMO_ACCESS_KEY_ID",
    "DEMO_ACCESS_KEY_SECRET",
    "AlibabaGateway",
    "TemporaryKey",
    "create_app",
    "default_keys",
    "default_temporary_keys",
]
