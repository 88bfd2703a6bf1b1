"""Check an operation's parameters against the rules in the spec, before sending (client) or on arrival (emulator).

The rules are read from specs/ at first use and compiled with fastjsonschema; nothing here restates them. One
``OperationValidator`` serves the client, which validates what the caller passed, and the emulator, which
validates what arrived (after turning query strings into the types the spec declares).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .errors import InvalidParameterError
from .json_scan import scan_document
from .secrets import MASK, SECRET_NAME, is_secret_field, mask_fields, mask_nested
from .specs import find_operation, load_spec

_INT_FORMATS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
# Annotations fastjsonschema does not need; content* are checked here, after the schema (see ``validate``).
_ANNOTATIONS = (
    "examples",
    "example",
    "description",
    "writeOnly",
    "readOnly",
    "deprecated",
    "contentSchema",
    "contentMediaType",
    "contentEncoding",
)


def _draft7(schema: Any) -> Any:
    """Turn an OpenAPI 3.1 schema into what fastjsonschema checks: drop annotations, add int32/int64 bounds."""
    if isinstance(schema, list):
        return [_draft7(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: _draft7(v) for k, v in schema.items() if k not in _ANNOTATIONS}
    if "properties" in schema:
        out["properties"] = {k: _draft7(v) for k, v in schema["properties"].items()}
    bounds = _INT_FORMATS.get(str(schema.get("format")))
    if bounds:
        out.setdefault("minimum", bounds[0])
        out.setdefault("maximum", bounds[1])
    return out


# Values that hold no float: skipped by an exact-type lookup (subclasses take the isinstance path below).
_NO_FLOAT = frozenset({str, int, bool, type(None)})


def _integral(value: Any) -> Any:
    """JSON does not tell 3413 from 3413.0: treat integral floats as integers, as JSON Schema does. Copy-on-write:
    a value holding no such float comes back as the same object, so the common case allocates nothing."""
    if value.__class__ in _NO_FLOAT:
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        if _NO_FLOAT.issuperset(map(type, value.values())):  # one C-level pass over a flat dict: nothing to do
            return value
        return _integral_items(value, value.items(), dict)
    if isinstance(value, list):
        return _integral_items(value, enumerate(value), list)
    return value


def query_number(raw: str) -> int | float:
    """The number a query text spells (``ValueError`` if none): an integer unless it has a point or an exponent, and
    an integral float as the integer (``_integral``)."""
    number: int | float = _integral(float(raw)) if "." in raw or "e" in raw or "E" in raw else int(raw)
    return number


def _integral_items(value: Any, items: Iterable[tuple[Any, Any]], copy: Callable[[Any], Any]) -> Any:
    """``value`` (a dict or a list, whose ``items`` are its key or index and item pairs) with ``_integral`` of each
    item; copied (``copy``) only when an item changes."""
    changed: Any = None
    for key, item in items:
        if item.__class__ not in _NO_FLOAT:
            new = _integral(item)
            if new is not item:
                if changed is None:
                    changed = copy(value)
                changed[key] = new
    return value if changed is None else changed


# A JSON document carried in a parameter: what a gateway takes in a query, nested no deeper than a real one.
MAX_JSON_CHARS = 256 * 1024
MAX_JSON_DEPTH = 64


def _no_constant(name: str) -> Any:
    raise ValueError(f"strict JSON: {name} is not JSON (RFC 8259 has no NaN or Infinity)")


def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level > MAX_JSON_DEPTH:
                return level
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


_TEXTS = (str, bytes)  # built once: ``str | bytes`` inside a function makes a union object per call
# Made once: json.loads with any option builds a new decoder per call.
_STRICT = json.JSONDecoder(parse_constant=_no_constant)


def _strict_text(text: str) -> Any:
    """``_STRICT.decode(text)``, scanning a document that starts with ``{`` or ``[`` directly (what ``decode`` wraps
    in two whitespace matches); anything else, and any failure, goes through ``decode`` for its own answer."""
    try:
        value = scan_document(_STRICT, text)
        if value is not None:
            return value
    except json.JSONDecodeError:
        pass
    return _STRICT.decode(text)


def strict_json(raw: Any) -> Any:
    """Parse a JSON document as RFC 8259 has it: no NaN/Infinity; bounded size and depth. Raises ``ValueError``
    (the message starts with ``strict JSON:`` for these rules)."""
    if not isinstance(raw, _TEXTS):
        raise ValueError("strict JSON: not a string")
    if len(raw) > MAX_JSON_CHARS:
        raise ValueError(f"strict JSON: longer than {MAX_JSON_CHARS} characters")
    try:
        value = _strict_text(raw) if isinstance(raw, str) else json.loads(raw, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError(f"strict JSON: nested deeper than {MAX_JSON_DEPTH} levels") from None
    # Depth needs as many openers: fewer brackets in the text (strings included) than the limit cannot reach it.
    openers = raw.count("{") + raw.count("[") if isinstance(raw, str) else raw.count(b"{") + raw.count(b"[")
    if openers > MAX_JSON_DEPTH and _depth(value) > MAX_JSON_DEPTH:
        raise ValueError(f"strict JSON: nested deeper than {MAX_JSON_DEPTH} levels")
    return value


class OperationValidator:
    """Validates one operation's parameters. Keys: the spec's parameter names, and ``body`` for the JSON body."""

    def __init__(self, spec_name: str, operation_id: str) -> None:
        path, method, op = find_operation(load_spec(spec_name), operation_id)
        self._compile(path, method, op)

    @classmethod
    def for_operation(cls, path: str, method: str, spec: Mapping[str, Any]) -> OperationValidator:
        """The validator of the operation at ``method path`` whose spec object is ``spec`` (the registry's
        ``Operation.validator``; this module does not import the registry)."""
        self = cls.__new__(cls)
        self._compile(path, method, spec)
        return self

    def _compile(self, path: str, method: str, op: Mapping[str, Any]) -> None:
        import fastjsonschema

        self.path, self.method = path, method
        properties: dict[str, Any] = {}
        required: list[str] = []
        self.locations: dict[str, str] = {}
        self.secret_fields: set[str] = set()
        self._json_content: dict[str, Callable[[Any], Any]] = {}
        for param in op.get("parameters", []):
            name, schema = param["name"], param.get("schema", {})
            self.locations[name] = param["in"]
            properties[name] = _draft7(schema)
            if param.get("required"):
                required.append(name)
            if is_secret_field(name, schema):
                self.secret_fields.add(name)
            if schema.get("contentMediaType") == "application/json":
                content_schema = _draft7(schema.get("contentSchema", {}))
                self._json_content[name] = fastjsonschema.compile(content_schema, use_default=False)
        # (name, lowercase name) of the header parameters, for a caller holding lowercase headers.
        self.header_params = tuple((n, n.lower()) for n, where in self.locations.items() if where == "header")
        body = op.get("requestBody")
        self.body_schema: dict[str, Any] | None = None
        if body:
            schema = body["content"]["application/json"]["schema"]
            self.body_schema = schema
            properties["body"] = _draft7(schema)
            if body.get("required"):
                required.append("body")
            for key, sub in (schema.get("properties") or {}).items():
                if is_secret_field(key, sub):
                    self.secret_fields.add(key)
        self._success_schema = self._success_response_schema(op)
        self._success_check: Callable[[Any], Any] | None = None
        self.properties = properties
        self.schema = {"type": "object", "properties": properties, "required": required}
        self._check = fastjsonschema.compile(self.schema, use_default=False)
        self._error = fastjsonschema.JsonSchemaValueException

    @staticmethod
    def _success_response_schema(op: Mapping[str, Any]) -> dict[str, Any] | None:
        responses = op.get("responses", {})
        for status in sorted(s for s in responses if str(s).isdigit() and 200 <= int(s) < 300):
            content = (responses.get(status) or {}).get("content", {})
            schema = (content.get("application/json") or {}).get("schema")
            if schema:
                return dict(_draft7(schema))
        return None

    @property
    def success_schema(self) -> dict[str, Any] | None:
        return self._success_schema

    def check_parsed(self, value: Any) -> None:
        """Raise ``ValueError`` naming the first broken rule when a success body, already parsed from JSON (None: no
        body), does not match the spec."""
        if self._success_schema is None:
            return
        if self._success_check is None:
            import fastjsonschema

            self._success_check = fastjsonschema.compile(self._success_schema, use_default=False)
        try:
            self._success_check(value)
        except self._error as exc:
            raise ValueError(f"{self.field_name([str(p) for p in exc.path or ['data']])}: {exc.message}") from None

    def field_name(self, path: list[str]) -> str:
        """``['data', 'body', 'node_ids', '0']`` -> ``node_ids[0]``."""
        parts = path[1:]
        if parts and parts[0] == "body" and len(parts) > 1:
            parts = parts[1:]
        text = ""
        for part in parts:
            text += f"[{part}]" if part.isdigit() else (f".{part}" if text else part)
        return text or "body"

    def _masked(self, field: str, value: Any) -> Any:
        if field == "body" and not isinstance(value, dict):  # a whole body given as text may embed any secret
            return f"<{type(value).__name__}>"
        top = field.split("[", 1)[0].split(".", 1)[0]
        leaf = field.rsplit(".", 1)[-1].split("[", 1)[0]
        if top in self.secret_fields or SECRET_NAME.search(leaf):
            return MASK
        if isinstance(value, dict):
            return mask_fields(value, self.secret_fields)
        return mask_nested(value)  # a list may hold objects with secret fields

    def validate(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Raise ``InvalidParameterError`` on the first broken rule; return the values (integral floats as ints):
        a ``dict`` holding no such float comes back as itself, anything else as a new dict."""
        try:
            return self._validate(values)
        except InvalidParameterError as exc:
            error = exc
        # ``raise ... from None`` only hides the checker's exception: it stays in ``__context__``, with the value
        # (a JSONDecodeError keeps the whole document, password included). Raised from here, the chain is empty.
        error.__context__ = None
        raise error

    def _validate(self, values: Mapping[str, Any]) -> dict[str, Any]:
        try:
            data: dict[str, Any] = _integral(values if values.__class__ is dict else dict(values))
            self._check(data)
        except RecursionError:
            name = next((k for k, v in values.items() if _depth(v) > MAX_JSON_DEPTH), "body")
            reason = f"must be nested no deeper than {MAX_JSON_DEPTH} levels"
            raise InvalidParameterError(name, "depth", "<too deep>", reason) from None
        except self._error as exc:
            path = [str(p) for p in (exc.path or ["data"])]
            if exc.rule == "required":
                missing = re.findall(r"'([^']+)'", exc.message.split("must contain", 1)[-1])
                field = self.field_name([*path, missing[0]]) if missing else self.field_name(path)
                raise InvalidParameterError(field, "required", "<missing>", "a required parameter is absent") from None
            field = self.field_name(path)
            detail = exc.message.split(" must ", 1)[-1]
            if exc.rule == "pattern" and len(detail) > 80:  # a long pattern is noise in a message: point to it
                detail = "match the pattern its spec gives (" + detail.removeprefix("match pattern ")[:40] + "...)"
            raise InvalidParameterError(
                field, str(exc.rule), self._masked(field, exc.value), "must " + detail
            ) from None
        for name, check in self._json_content.items():
            raw = data.get(name)
            if raw is None:
                continue
            try:
                check(strict_json(raw))
            except ValueError as exc:  # JSONDecodeError and JsonSchemaValueException are both ValueErrors
                rule = "contentSchema" if isinstance(exc, self._error) else "contentMediaType"
                reason = "must be a JSON object of the documented shape" if rule == "contentSchema" else "must be JSON"
                if rule == "contentMediaType" and str(exc).startswith("strict JSON: "):
                    reason += ": " + str(exc).removeprefix("strict JSON: ")
                raise InvalidParameterError(name, rule, self._masked(name, raw), reason) from None
        return data

    @functools.cached_property
    def _typed(self) -> dict[str, str]:
        """The parameters whose text is turned into a number or a boolean: name -> ``number`` / ``boolean``."""
        out: dict[str, str] = {}
        for name, schema in self.properties.items():
            types = schema.get("type")
            types = types if isinstance(types, list) else [types]
            if "integer" in types or "number" in types:
                out[name] = "number"
            elif "boolean" in types:
                out[name] = "boolean"
        return out

    def coerce_query(self, query: Mapping[str, str]) -> dict[str, Any]:
        """Turn query (or path) strings into the declared types (the emulators' query, the client's path values);
        what cannot be turned stays a string."""
        out: dict[str, Any] = dict(query)
        typed = self._typed
        if not typed:  # only strings to take: the common case for path parameters
            return out
        for name, raw in query.items():
            kind = typed.get(name)
            if kind == "number":
                try:
                    out[name] = query_number(raw)
                except ValueError:
                    pass
            elif kind == "boolean" and raw in ("true", "false"):
                out[name] = raw == "true"
        return out
