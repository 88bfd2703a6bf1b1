"""The facts our spec states about one operation: every parameter, every member of the JSON request body and of
the success response body (recursing into nested objects and array items), and the success response's headers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .facts import Field, child


def _types(schema: Mapping[str, Any]) -> frozenset[str] | None:
    kind = schema.get("type")
    if kind is None:
        return None
    return frozenset(kind if isinstance(kind, list) else [kind])


def _enum(schema: Mapping[str, Any]) -> frozenset[Any] | None:
    if "const" in schema:
        return frozenset([schema["const"]])
    if "enum" in schema:
        return frozenset(schema["enum"])
    return None


def schema_fields(
    direction: str, location: str, name: str, schema: Mapping[str, Any], required: bool | None
) -> list[Field]:
    """``schema`` and, below it, its properties (``name.member``) and array items (``name[]``)."""
    out = [
        Field(
            direction,
            location,
            name,
            types=_types(schema),
            format=schema.get("format"),
            required=required,
            enum=_enum(schema),
            sensitive=bool(schema.get("writeOnly") or schema.get("format") == "password"),
        )
    ]
    needed = set(schema.get("required") or ())
    for member, sub in (schema.get("properties") or {}).items():
        out += schema_fields(direction, location, child(name, member), sub, member in needed)
    if isinstance(schema.get("items"), Mapping):
        out += schema_fields(direction, location, name + "[]", schema["items"], None)
    return out


def success_response(op: Mapping[str, Any]) -> Mapping[str, Any]:
    """The first 2xx response of an operation (refs already inlined)."""
    responses = op.get("responses") or {}
    for status in sorted(s for s in responses if str(s).isdigit() and 200 <= int(s) < 300):
        return responses[status] or {}
    return {}


def operation_fields(op: Mapping[str, Any]) -> dict[tuple[str, str, str], Field]:
    """Every fact of one operation (as ``specs.operations_of`` returns it: path-level parameters merged, refs
    inlined), by (direction, location, wire path)."""
    found: list[Field] = []
    for param in op.get("parameters") or []:
        found += schema_fields(
            "request", param["in"], param["name"], param.get("schema") or {}, bool(param.get("required"))
        )
    body = op.get("requestBody")
    if body:
        schema = ((body.get("content") or {}).get("application/json") or {}).get("schema") or {}
        found += schema_fields("request", "body", "", schema, bool(body.get("required")))
    response = success_response(op)
    for name, header in (response.get("headers") or {}).items():
        found += schema_fields("response", "header", name, header.get("schema") or {}, bool(header.get("required")))
    schema = ((response.get("content") or {}).get("application/json") or {}).get("schema")
    if schema:
        found += schema_fields("response", "body", "", schema, None)
    return {f.key: f for f in found}
