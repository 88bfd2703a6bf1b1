"""The emulators' engine: one spec-driven request handler, plus the record of calls, replay protection, fault
injection and the control API that both clouds share.

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

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from .errors import InvalidParameterError
from .faults import DropConnection, Fault, Faults, apply_latency, fault_body
from .nonces import NonceCache
from .replies import Reply
from .resources import Missing, ResourceStore, serve_resource
from .secrets import MASK, mask_fields
from .spec_values import SuccessTemplate, merged, minimal_instance, type_of, uuid4_hex
from .wire import parse_query

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request

    from .registry import Operation, Service

__all__ = [
    "MASK",
    "Call",
    "Creations",
    "DropConnection",
    "EmulatorState",
    "Fault",
    "Faults",
    "Gateway",
    "NonceCache",
    "Routed",
    "SuccessTemplate",
    "as_response",
    "build_app",
    "control_routes",
    "direct",
    "fault_body",
    "minimal_instance",
    "running",
]

HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]


@dataclass(slots=True)
class Creations:
    """Every call the emulator carried out, in order, secrets masked; each item names its ``operation``.

    Tests count these to prove nothing was created twice (they call create operations only)."""

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


# A temporary key as both emulators take it: key id, secret, security token[, when it expires (POSIX seconds)].
TemporaryKey = tuple[str, str, str] | tuple[str, str, str, float]


def temporary_keys(temporary: Sequence[TemporaryKey] | None) -> tuple[dict[str, str], dict[str, str], dict[str, float]]:
    """(key id -> secret, key id -> token, key id -> expiry) of the temporary keys given."""
    secrets: dict[str, str] = {}
    tokens: dict[str, str] = {}
    expiry: dict[str, float] = {}
    for key, secret, token, *expires in temporary or []:
        secrets[key], tokens[key] = secret, token
        if expires:
            expiry[key] = float(expires[0])
    return secrets, tokens, expiry


class EmulatorState:
    """The mutable state of one emulator instance. ``ids`` hands out fresh integer IDs (never reset)."""

    def __init__(self) -> None:
        self.creations = Creations()
        self.faults = Faults()
        self.nonces = NonceCache()
        self.ids: Iterator[int] = itertools.count(10_000)
        self.resources = ResourceStore()

    def reset(self) -> None:
        self.creations.clear()
        self.resources.clear()
        self.faults.clear()
        self.nonces.clear()


def control_routes(state: EmulatorState) -> list[Any]:
    """Starlette routes for ``/_emulator/...`` (see the module docstring). Creations are stored masked already."""
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def creations(_: Request) -> JSONResponse:
        items = state.creations.snapshot()
        return JSONResponse({"count": len(items), "items": items})

    async def faults(request: Request) -> JSONResponse:
        try:
            state.faults.add(Fault.from_json(await request.json()))
        except (ValueError, TypeError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"ok": True})

    async def resources(_: Request) -> JSONResponse:
        items = state.resources.snapshot()
        return JSONResponse({"count": len(items), "items": items})

    async def reset(_: Request) -> JSONResponse:
        state.reset()
        return JSONResponse({"ok": True})

    return [
        Route("/_emulator/creations", creations, methods=["GET"]),
        Route("/_emulator/faults", faults, methods=["POST"]),
        Route("/_emulator/resources", resources, methods=["GET"]),
        Route("/_emulator/reset", reset, methods=["POST"]),
    ]


# ---------------------------------------------------------------------------------------------------------------
# The generic handler


@dataclass(slots=True)
class Call:
    """One request as it arrived: the raw path and query (what was signed) and the headers decoded as UTF-8
    (names lowercased, repeated headers joined with ``,``), as the signers encoded them."""

    method: str
    raw_path: str
    raw_query: str
    headers: dict[str, str]
    body: bytes
    request_id: str
    _query: list[tuple[str, str]] | None = None  # parsed once, on first use (routing, auth and validation read it)
    _form: list[tuple[str, str]] | None = None

    @classmethod
    async def receive(cls, request: Request, request_id: str) -> Call:
        scope = request.scope
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        headers: dict[str, str] = {}
        for name, value in scope["headers"]:
            key = name.decode("latin-1").lower()
            text = value.decode("utf-8", "replace")
            headers[key] = f"{headers[key]},{text}" if key in headers else text
        query: bytes = scope.get("query_string", b"")
        body = await request.body()
        return cls(request.method, raw_path.decode("latin-1"), query.decode("latin-1"), headers, body, request_id)

    @classmethod
    def of(cls, method: str, url: str, sent: Mapping[str, str], body: bytes, request_id: str) -> Call:
        """The request a client in this process hands over (``url`` as the signer produced it), as an HTTP server
        would receive it: header names lowercased, ``Host`` and ``Content-Length`` added when missing."""
        _, _, rest = url.partition("://")
        netloc, slash, target = rest.partition("/")
        raw_path, _, query = (slash + target).partition("?")
        headers: dict[str, str] = {}
        for name, value in sent.items():
            key = name.lower()
            headers[key] = f"{headers[key]},{value}" if key in headers else value
        if "host" not in headers:
            headers["host"] = netloc
        if body and "content-length" not in headers:
            headers["content-length"] = str(len(body))
        return cls(method, raw_path or "/", query, headers, body, request_id)

    @property
    def target(self) -> str:
        """Path and query exactly as received."""
        return self.raw_path + ("?" + self.raw_query if self.raw_query else "")

    @property
    def url(self) -> str:
        return "http://" + self.headers.get("host", "localhost") + self.target

    @property
    def is_form(self) -> bool:
        """The body is ``application/x-www-form-urlencoded`` (RPC parameters may travel there)."""
        content_type = self.headers.get("content-type", "")
        return content_type.split(";")[0].strip().lower() == "application/x-www-form-urlencoded"

    def query_pairs(self) -> list[tuple[str, str]]:
        """The query's parameters, parsed once per request (callers must not change the list)."""
        if self._query is None:
            self._query = parse_query(self.raw_query)
        return self._query

    def form_pairs(self) -> list[tuple[str, str]]:
        """The parameters of a form-encoded body (none for any other body), parsed once per request."""
        if self._form is None:
            self._form = parse_query(self.body.decode("utf-8", "replace")) if self.body and self.is_form else []
        return self._form


@dataclass(slots=True)
class Routed:
    """The operation a call is for, its path parameters and the parameters the route itself fixed (an RPC
    action's ``Action`` and ``Version``, which ACS3 sends as headers): those fill in what the query lacks."""

    operation: Operation
    path_params: dict[str, str] = field(default_factory=dict)
    implied: dict[str, Any] = field(default_factory=dict)


def _coerce_item(raw: str, schema: Mapping[str, Any]) -> Any:
    kind = type_of(merged(schema))
    if kind in ("integer", "number"):
        try:
            number = float(raw) if any(c in raw for c in ".eE") else int(raw)
        except ValueError:
            return raw
        return int(number) if isinstance(number, float) and number.is_integer() else number
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    return raw


@dataclass(frozen=True, slots=True)
class _Shape:
    """What ``Gateway.parameters`` reads from an operation's validator, worked out once per operation: whether it
    takes a body, its query arrays (name -> items schema) and its header parameters (name, lowercased name)."""

    has_body: bool
    query_arrays: dict[str, Mapping[str, Any]]
    headers: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, operation: Operation) -> _Shape:
        validator = operation.validator
        arrays = {
            n: validator.properties[n].get("items") or {}
            for n, s in validator.properties.items()
            if type_of(merged(s)) == "array" and validator.locations.get(n) == "query"
        }
        headers = tuple((n, n.lower()) for n, where in validator.locations.items() if where == "header")
        return cls(validator.body_schema is not None or "requestBody" in operation.spec, arrays, headers)


class Gateway:
    """What one cloud's gateway does its own way. Subclasses implement ``authenticate``, ``not_found``,
    ``invalid``, ``fault_response``, ``success_headers`` and ``record``; routing and parameter extraction have
    REST defaults (method and path) that an RPC gateway overrides."""

    #: The success-body property that carries the request id (``RequestId``), if the cloud has one.
    request_id_field: str | None = None
    #: Authenticate before routing (Alibaba), or route first and answer unknown APIs unauthenticated (Huawei).
    authenticate_first: bool = False
    #: Query parameters the gateway consumes (RPC common parameters): never validated nor recorded.
    gateway_query: frozenset[str] = frozenset()
    #: Read ``application/x-www-form-urlencoded`` bodies as more query parameters (RPC).
    form_as_query: bool = False

    def __init__(self, cloud: str, state: EmulatorState) -> None:
        from .registry import services_of_cloud

        self.cloud = cloud
        self.state = state
        self.services: list[Service] = services_of_cloud(cloud)
        for service in self.services:  # read the documents now, from the spec folder of this moment
            _ = service.operations
        self._templates: dict[int, SuccessTemplate] = {}
        self._shapes: dict[int, _Shape] = {}

    # -- per cloud ----------------------------------------------------------------------------------------------
    def new_request_id(self) -> str:
        return uuid4_hex()

    def authenticate(self, call: Call, routed: Routed | None) -> Reply | dict[str, Any]:
        """A rejection, or what the caller's identity adds to the record (may be empty). ``routed`` is the
        operation when the gateway routes first (its path parameters can be checked against identity headers)."""
        raise NotImplementedError

    def not_found(self, call: Call) -> Reply:
        raise NotImplementedError

    def invalid(self, call: Call, routed: Routed, error: InvalidParameterError) -> Reply:
        raise NotImplementedError

    def fault_response(self, call: Call, routed: Routed, fault: Fault) -> Reply:
        raise NotImplementedError

    def success_headers(self, call: Call) -> dict[str, str]:
        raise NotImplementedError

    def service_error(self, call: Call, routed: Routed, status: int, code: str, message: str) -> Reply:
        """The service's own refusal (an unknown resource id) in the cloud's envelope."""
        raise NotImplementedError

    def account(self, caller: Mapping[str, Any]) -> str:
        """Whose resources a call sees: the identity ``authenticate`` returned, in one string."""
        return ":".join(str(v) for v in caller.values())

    def record(
        self, call: Call, routed: Routed, values: Mapping[str, Any], fresh: Mapping[str, Any], caller: Mapping[str, Any]
    ) -> dict[str, Any]:
        raise NotImplementedError

    # -- shared defaults ----------------------------------------------------------------------------------------
    def refuse_early(self, call: Call) -> Reply | None:
        """A refusal before authentication and routing (e.g. an undocumented method), or None."""
        return None

    def route(self, call: Call) -> Routed | None:
        """REST: by method and path, across every service of the cloud."""
        params = dict(call.query_pairs())
        for service in self.services:
            found = service.route(call.method, call.raw_path, params)
            if found is not None:
                return Routed(found[0], found[1])
        return None

    def parameters(self, call: Call, routed: Routed) -> dict[str, Any]:
        """Everything the operation declares, as its validator takes it: path parameters, the query in the
        declared types, the declared header parameters and the JSON body (key ``body``)."""
        validator = routed.operation.validator
        shape = self.shape(routed.operation)
        pairs = [(k, v) for k, v in call.query_pairs() if k not in self.gateway_query]
        has_body = shape.has_body
        if self.form_as_query and not has_body:
            pairs += [(k, v) for k, v in call.form_pairs() if k not in self.gateway_query]
        query: dict[str, str] = {}
        lists: dict[str, list[Any]] = {}
        for key, raw in pairs:
            items = shape.query_arrays.get(key)
            if items is not None:
                lists.setdefault(key, []).extend(_coerce_item(p, items) for p in raw.split(",") if p != "")
            else:
                query[key] = raw
        values: dict[str, Any] = dict(routed.path_params)
        values.update(validator.coerce_query(query))
        values.update(lists)
        for key, value in routed.implied.items():
            values.setdefault(key, value)
        for name, lowered in shape.headers:
            if lowered in call.headers:
                values[name] = validator.coerce_query({name: call.headers[lowered]})[name]
        if has_body and call.body:
            try:
                values["body"] = json.loads(call.body)
            except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested deeper than the parser goes
                raise InvalidParameterError("body", "contentMediaType", "<not JSON>", "must be JSON") from None
        return values

    def shape(self, operation: Operation) -> _Shape:
        found = self._shapes.get(id(operation))
        if found is None:
            found = self._shapes[id(operation)] = _Shape.of(operation)
        return found

    def template(self, operation: Operation) -> SuccessTemplate:
        found = self._templates.get(id(operation))
        if found is None:
            found = self._templates[id(operation)] = SuccessTemplate(operation)
        return found

    @staticmethod
    def masked(operation: Operation, values: Mapping[str, Any]) -> dict[str, Any]:
        """``values`` with every secret-bearing field (``format: password``, ``writeOnly``) masked."""
        return mask_fields(values, operation.validator.secret_fields)

    @staticmethod
    def business_values(operation: Operation, values: Mapping[str, Any]) -> dict[str, Any]:
        """The checked values without header parameters, the JSON body's fields flattened in, secrets masked."""
        locations = operation.validator.locations
        out = {k: v for k, v in values.items() if k != "body" and locations.get(k) != "header"}
        body = values.get("body")
        if isinstance(body, Mapping):
            out.update(body)
        elif "body" in values:
            out["body"] = body
        return mask_fields(out, operation.validator.secret_fields)


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
    value = serve_resource(state.resources, operation, values, account, value, template.schema)
    if isinstance(value, Missing):
        return gateway.service_error(call, routed, value.status, value.code, value.message)
    body = json.dumps(value).encode() if template.has_body else b""
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


def as_response(answer: Reply | DropConnection) -> Any:
    """The Starlette response (an ASGI app) sending ``answer``."""
    if isinstance(answer, DropConnection):
        return answer
    from starlette.responses import Response

    return Response(answer.body, status_code=answer.status, headers=answer.headers, media_type=answer.media_type)


def build_app(gateway: Gateway) -> Starlette:
    """A Starlette app: the control routes, then every other request through ``handle``."""
    from starlette.applications import Starlette
    from starlette.routing import Route

    async def endpoint(request: Request) -> Any:
        return as_response(await handle(gateway, await Call.receive(request, gateway.new_request_id())))

    app = Starlette(
        routes=[
            *control_routes(gateway.state),
            Route("/{path:path}", endpoint, methods=HTTP_METHODS),
        ]
    )

    # A path the catch-all route cannot match (Starlette's ``path`` convertor stops at a decoded newline, e.g. a
    # ``%0A`` in a path parameter) still reaches the gateway, which answers in the cloud's own way.
    async def unrouted(scope: Any, receive: Any, send: Any) -> None:
        from starlette.requests import Request as StarletteRequest
        from starlette.responses import PlainTextResponse

        response = (
            await endpoint(StarletteRequest(scope, receive))
            if scope["type"] == "http"
            else PlainTextResponse("Not Found", status_code=404)
        )
        await response(scope, receive, send)

    app.router.default = unrouted
    app.state.emulator = gateway.state
    app.state.gateway = gateway
    return app


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
