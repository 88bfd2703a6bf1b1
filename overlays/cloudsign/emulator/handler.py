"""The emulators' engine: the one spec-driven request handler both clouds share (``handle``, and ``direct``, its
form for emulation in process). The record of calls, replay protection, faults and the control routes it uses live
in ``state``, ``nonces``, ``faults`` and ``app``.

An emulator is a ``Gateway`` (what differs between clouds: how a request is authenticated and routed, the error
envelopes and messages, the request id) over the operations the registry finds in specs/ for its cloud. Every
request other than the control routes goes through ``handle``:

0. the gateway may refuse it at once (Alibaba: a method no action is documented with, 405);
1. authenticate (the gateway's callback; before or after routing, as the cloud's gateway does);
2. route it to its spec operation (unknown: the gateway's 404);
3. validate its parameters with the operation's validator: path parameters, the query turned into the declared
   types, the declared header parameters and the JSON body (invalid: the gateway's 400);
4. take the next injected fault, if any;
5. record the call in ``state.creations``, with its ``operation`` id, in the cloud's shape, secrets masked with
   the operation's ``secret_fields`` (a fault that is not ``process`` comes before this step: nothing is done);
6. an operation with ``x-cloudsign-resource`` takes its part in its resource's life (``resources``): it keeps,
   shows, lists, changes or deletes, per account and project; an unknown id is the spec's refusal, nothing done;
7. answer the lowest documented 2xx status with a body built from the spec: the success response's example or,
   without one, a minimal instance of its schema, with fresh IDs (see ``SuccessTemplate``). A 204 has no body.

Nothing here, nor in the gateways, names an operation: an operation added to a spec is served as it is.

Control endpoints live under ``/_emulator/`` (not in the specs, so contract tests never call them):

* ``GET  /_emulator/creations``  -> ``{"count": n, "items": [...]}`` (secrets masked)
* ``POST /_emulator/faults``     <- ``{"status": 429, "count": 1, "retry_after": 1, "latency": 0, "drop": false,
  "body": "json" | "html" | "truncated" | "mismatch", "process": false}``
* ``GET  /_emulator/resources``  -> ``{"count": n, "items": [...]}``: the resources kept (see ``resources``)
* ``POST /_emulator/reset``      clears creations, resources, faults, nonces and lock-outs.

Starlette and uvicorn are imported only when an app is built or served, so ``Fault`` and friends import without them.
"""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import unquote

from .._core.errors import InvalidParameterError
from .._core.json_codec import dumps_bytes
from .call import Call
from .faults import DropConnection, apply_latency, fault_body
from .gateway import Gateway
from .replies import Reply
from .resources import Missing, flat_fields, serve_resource

__all__ = ["DirectAnswer", "direct", "handle"]

# The methods the app's catch-all route takes (any other is answered by the app itself).
HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")


async def handle(gateway: Gateway, call: Call) -> Reply | DropConnection:
    """The one handler behind every operation of a cloud (see the module docstring)."""
    state = gateway.state
    refused = gateway.refuse_early(call)
    if refused is not None:
        return refused
    caller: Mapping[str, Any] = {}
    if gateway.authenticate_first:
        outcome = gateway.authenticate(call, None)
        if isinstance(outcome, Reply):
            return outcome
        caller = outcome
    routed = gateway.route(call)
    if routed is None:
        return gateway.not_found(call)
    if not gateway.authenticate_first:
        outcome = gateway.authenticate(call, routed)
        if isinstance(outcome, Reply):
            return outcome
        caller = outcome
    operation = routed.operation
    try:
        values = operation.validator.validate(gateway.parameters(call, routed))
    except InvalidParameterError as exc:
        return gateway.invalid(call, routed, exc)
    except RecursionError:  # a value nested deeper than the checks go: a 400 like any invalid value, not a 500
        return gateway.invalid(call, routed, InvalidParameterError("body", "maxDepth", "<too deep>", "nested too deep"))
    fault = state.faults.take()
    if fault is not None and fault.failing and not fault.process:  # refused before anything was done
        await apply_latency(fault)
        return DropConnection() if fault.drop else gateway.fault_response(call, routed, fault)
    template = gateway.template(operation)
    value, fresh = template.render_value(state.ids, call.request_id, gateway.request_id_field)
    account = gateway.account(caller)
    routed.flat = flat_fields(operation, values)
    value = serve_resource(state.resources, operation, values, account, value, template.schema, routed.flat)
    if isinstance(value, Missing):
        return gateway.service_error(call, routed, value.status, value.code, value.message)
    body = dumps_bytes(value) if template.has_body else b""
    item = gateway.record(call, routed, values, fresh, caller)
    item.setdefault("operation", operation.operation_id)
    state.creations.add(item)
    headers = gateway.success_headers(call)
    media: str | None = "application/json" if template.has_body else None
    if fault is not None:
        await apply_latency(fault)
        if fault.drop:
            return DropConnection()
        if fault.failing:
            return gateway.fault_response(call, routed, fault)
        if template.has_body:
            body, media = fault_body(fault, body)
    return Reply(body, template.status, headers, media)


# What ``direct`` answers with: status, header pairs, body; None when the app itself must answer (a control route).
DirectAnswer = tuple[int, list[tuple[bytes, bytes]], bytes] | None
_HTTP_METHODS = frozenset(HTTP_METHODS)
_CONTROL = "/_emulator/"


def direct(gateway: Gateway) -> Callable[[str, str, Mapping[str, str], bytes], Awaitable[DirectAnswer]]:
    """The gateway's answer to a request made in this process, without the ASGI app around it: what the app's
    catch-all route does (the same ``handle``), skipping Starlette's routing, request and response objects. A
    request the app routes elsewhere (``/_emulator/...``, an undocumented method) is None: send it to the app."""

    async def answer(method: str, url: str, headers: Mapping[str, str], body: bytes) -> DirectAnswer:
        call = Call.of(method, url, headers, body, gateway.new_request_id())
        path = unquote(call.raw_path) if "%" in call.raw_path else call.raw_path
        if path.startswith(_CONTROL) or method not in _HTTP_METHODS:
            return None
        got = await handle(gateway, call)
        if isinstance(got, DropConnection):
            raise ConnectionAbortedError("emulator fault: connection dropped after the request was received")
        return got.status, got.raw_headers(), got.body

    return answer
