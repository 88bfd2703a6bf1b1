"""The rules of the spec comparison, as one table: id, severity, level, what it means, and the function that checks it.

A check gets a ``Pair`` (the old and the new of one thing, where it is, and on which side of the wire) and yields
``(where, detail)`` for each change it sees. ``diff.py`` walks two sets of operations and calls every rule of a
level on each pair of that level:

* ``service``: the operations of both trees (``where`` is then the operation's key);
* ``operation``: one operation at both ends (parameters, body, statuses, security);
* ``schema``: one schema at both ends, dereferenced with ``allOf`` merged, on the ``request`` side (parameters and
  request bodies: what a caller sends) or the ``response`` side (what a caller reads).

Limits (pattern, bounds, lengths) are checked on the request side only: a response narrower than before breaks no
reader. An enum that loses a value breaks both sides (the generated ``Literal`` loses it too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from . import operation_checks as op
from . import schema_checks as sc
from .pairs import BREAKING, REQUEST, RESPONSE, SAFE, Hit, Pair


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    level: str  # "service", "operation" or "schema"
    description: str
    check: Callable[[Pair], Iterator[Hit]]


RULES: tuple[Rule, ...] = (
    Rule("operation-removed", BREAKING, "service", "an operation (by operationId / Action) is gone", op.ops_removed),
    Rule("operation-added", SAFE, "service", "a new operation", op.ops_added),
    Rule("operation-endpoint-changed", BREAKING, "operation", "the method or path changed", op.endpoint_changed),
    Rule("parameter-removed", BREAKING, "operation", "a parameter is gone", op.params_removed),
    Rule("parameter-added-required", BREAKING, "operation", "a new required parameter", op.params_added(True)),
    Rule("parameter-added", SAFE, "operation", "a new optional parameter", op.params_added(False)),
    Rule(
        "parameter-became-required", BREAKING, "operation", "an optional parameter is required", op.params_flipped(True)
    ),
    Rule("parameter-became-optional", SAFE, "operation", "a required parameter is optional", op.params_flipped(False)),
    Rule(
        "parameter-style-changed",
        BREAKING,
        "operation",
        "style/explode changed (other wire form)",
        op.param_style_changed,
    ),
    Rule("request-body-removed", BREAKING, "operation", "the request body is gone", op.body_removed),
    Rule("request-body-became-required", BREAKING, "operation", "the request body is newly required", op.body_required),
    Rule("request-body-added", SAFE, "operation", "a new optional request body", op.body_added),
    Rule("media-type-removed", BREAKING, "operation", "a request or response media type is gone", op.media_removed),
    Rule("status-removed", BREAKING, "operation", "a documented response status is gone", op.status_removed),
    Rule("status-added", SAFE, "operation", "a new documented response status", op.status_added),
    Rule("response-header-removed", BREAKING, "operation", "a documented response header is gone", op.header_removed),
    Rule("security-removed", BREAKING, "operation", "a way to authenticate is gone", op.security_removed),
    Rule("security-added", SAFE, "operation", "a new way to authenticate", op.security_added),
    Rule("security-scheme-changed", BREAKING, "operation", "a security scheme's definition changed", op.scheme_changed),
    Rule("type-changed", BREAKING, "schema", "the type changed (a request may only widen)", sc.type_changed),
    Rule("type-widened", SAFE, "schema", "a request value may take more types", sc.type_widened),
    Rule("format-changed", BREAKING, "schema", "the format changed, was added or removed", sc.format_changed),
    Rule(
        "enum-narrowed",
        BREAKING,
        "schema",
        "an enum/const value is gone, or values became restricted",
        sc.enum_narrowed,
    ),
    Rule("enum-widened", SAFE, "schema", "an enum value was added, or the restriction lifted", sc.enum_widened),
    Rule("pattern-changed", BREAKING, "schema", "a request pattern was added or changed", sc.pattern_changed),
    Rule(
        "minimum-raised",
        BREAKING,
        "schema",
        "a request lower bound (incl. exclusive) tightened",
        sc.bound_tightened("minimum"),
    ),
    Rule(
        "maximum-lowered",
        BREAKING,
        "schema",
        "a request upper bound (incl. exclusive) tightened",
        sc.bound_tightened("maximum"),
    ),
    Rule("min-length-raised", BREAKING, "schema", "a request minLength rose", sc.size_tightened("minLength")),
    Rule("max-length-lowered", BREAKING, "schema", "a request maxLength fell", sc.size_tightened("maxLength")),
    Rule("min-items-raised", BREAKING, "schema", "a request minItems rose", sc.size_tightened("minItems")),
    Rule("max-items-lowered", BREAKING, "schema", "a request maxItems fell", sc.size_tightened("maxItems")),
    Rule("min-properties-raised", BREAKING, "schema", "request minProperties rose", sc.size_tightened("minProperties")),
    Rule(
        "max-properties-lowered", BREAKING, "schema", "request maxProperties fell", sc.size_tightened("maxProperties")
    ),
    Rule("limits-loosened", SAFE, "schema", "a request limit was relaxed or dropped", sc.limits_loosened),
    Rule(
        "request-field-removed",
        BREAKING,
        "schema",
        "a request body field is gone",
        sc.field_rule(REQUEST, lambda n, o, w, oq, wq: n in o and n not in w, "removed"),
    ),
    Rule(
        "request-field-added-required",
        BREAKING,
        "schema",
        "a new required request field",
        sc.field_rule(REQUEST, lambda n, o, w, oq, wq: n not in o and n in wq, "added as required"),
    ),
    Rule(
        "request-field-added",
        SAFE,
        "schema",
        "a new optional request field",
        sc.field_rule(REQUEST, lambda n, o, w, oq, wq: n not in o and n in w and n not in wq, "added as optional"),
    ),
    Rule(
        "request-field-became-required",
        BREAKING,
        "schema",
        "an optional request field is required",
        sc.field_rule(REQUEST, lambda n, o, w, oq, wq: n in o and n in wq and n not in oq, "became required"),
    ),
    Rule(
        "request-field-became-optional",
        SAFE,
        "schema",
        "a required request field is optional",
        sc.field_rule(REQUEST, lambda n, o, w, oq, wq: n in oq and n in w and n not in wq, "became optional"),
    ),
    Rule(
        "response-field-removed",
        BREAKING,
        "schema",
        "a response field is gone",
        sc.field_rule(RESPONSE, lambda n, o, w, oq, wq: n in o and n not in w, "removed"),
    ),
    Rule(
        "response-field-added",
        SAFE,
        "schema",
        "a new response field",
        sc.field_rule(RESPONSE, lambda n, o, w, oq, wq: n not in o and n in w, "added"),
    ),
    Rule(
        "response-field-became-optional",
        BREAKING,
        "schema",
        "a response field may now be missing",
        sc.field_rule(RESPONSE, lambda n, o, w, oq, wq: n in oq and n in w and n not in wq, "became optional"),
    ),
    Rule("additional-properties-closed", BREAKING, "schema", "a request object takes no extra members", sc.closed),
    Rule("variant-removed", BREAKING, "schema", "a oneOf/anyOf lost a variant", sc.variants_removed),
)

BY_ID = {rule.id: rule for rule in RULES}
