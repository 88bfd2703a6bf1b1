"""What one cloud's gateway does its own way (``Gateway``): authentication, routing, error envelopes, request ids,
the record of a call; with the shared defaults: REST routing and parameter extraction from a request."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._core.errors import InvalidParameterError
from .._core.ids import uuid4_hex
from .._core.json_scan import scan_document
from .._core.secrets import mask_fields
from .._core.spec_values import merged, type_of
from .._core.validation import query_number
from .answers import SuccessTemplate
from .call import Routed
from .resources import flat_fields
from .state import TemporaryKey, temporary_keys

if TYPE_CHECKING:
    from .._core.registry import Operation, Service
    from .call import Call
    from .faults import Fault
    from .replies import Reply
    from .state import EmulatorState

__all__ = ["Gateway"]


def _coerce_item(raw: str, schema: Mapping[str, Any]) -> Any:
    kind = type_of(merged(schema))
    if kind in ("integer", "number"):
        try:
            return query_number(raw)
        except ValueError:
            return raw
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    return raw


_DECODER = json.JSONDecoder()  # ``json.loads``' own (its ``scan_document`` road skips two whitespace matches)


def _json_text(body: bytes) -> str | bytes:
    """A body that starts as UTF-8 JSON does, decoded here (``json.loads`` would first sniff its encoding);
    anything else as it is, for ``json.loads`` to sniff (UTF-16 and UTF-32 JSON texts start with a zero or a BOM)."""
    if body[:1] in (b"{", b"[") and body[1:2] != b"\x00":
        return body.decode("utf-8", "surrogatepass")
    return body


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
    ``invalid``, ``fault_response``, ``success_headers``, ``service_error`` and ``record``; routing and parameter
    extraction have REST defaults (method and path) that an RPC gateway overrides."""

    #: The success-body property that carries the request id (``RequestId``), if the cloud has one.
    request_id_field: str | None = None
    #: Authenticate before routing (Alibaba), or route first and answer unknown APIs unauthenticated (Huawei).
    authenticate_first: bool = False
    #: Query parameters the gateway consumes (RPC common parameters): never validated nor recorded.
    gateway_query: frozenset[str] = frozenset()
    #: Read ``application/x-www-form-urlencoded`` bodies as more query parameters (RPC).
    form_as_query: bool = False

    def __init__(
        self,
        cloud: str,
        state: EmulatorState,
        keys: Mapping[str, str] | None = None,
        temporary: Sequence[TemporaryKey] | None = None,
    ) -> None:
        from .._core.registry import services_of_cloud

        self.cloud = cloud
        self.state = state
        # key id -> secret of every key accepted. Temporary keys sign like any other; the token each was issued with
        # must come along (``tokens``, and no other), until it expires (``expiry``, POSIX seconds).
        self.keys = dict(keys or {})
        secrets, self.tokens, self.expiry = temporary_keys(temporary)
        self.keys.update(secrets)
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
        return ":".join([v if v.__class__ is str else str(v) for v in caller.values()])

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
        params = call.query_map()
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
                text = _json_text(call.body)
                parsed = scan_document(_DECODER, text) if text.__class__ is str else None
                values["body"] = json.loads(text) if parsed is None else parsed
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
    def business_values(
        operation: Operation, values: Mapping[str, Any], flat: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """The checked values without header parameters, the JSON body's fields flattened in (``flat_fields``,
        given or made here; a body that is not an object under ``body``), secrets masked."""
        out = flat_fields(operation, values) if flat is None else flat
        body = values.get("body")
        if "body" in values and body.__class__ is not dict and not isinstance(body, Mapping):
            out = {**out, "body": body}
        return mask_fields(out, operation.validator.secret_fields)
