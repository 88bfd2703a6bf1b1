"""Compare two sets of operations with the rules table: walk parameters, bodies, responses and their schemas.

Only what a rule looks at is compared, so formatting, descriptions, examples, summaries and the document an
operation sits in make no change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from .operations import Document, Operation
from .pairs import REQUEST, RESPONSE, Pair
from .rules import RULES, Rule
from .schema_checks import visible_properties

MAX_DEPTH = 64


@dataclass(frozen=True)
class Change:
    """One finding: which rule, on which operation, where in it, and what changed."""

    rule: str
    severity: str
    operation: str
    where: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _apply(level: str, pair: Pair, operation: str) -> Iterator[Change]:
    rule: Rule
    for rule in (r for r in RULES if r.level == level):
        for where, detail in rule.check(pair):
            if level == "service":  # the check names the operation; the change is the whole of it
                operation, where = where, "operation"
            yield Change(rule.id, rule.severity, operation, where, detail)


def flatten(doc: Document, schema: Any, depth: int = 0) -> dict[str, Any]:
    """SCHEMA dereferenced, with its ``allOf`` parts merged in (properties and required united)."""
    node = doc.deref(schema)
    if not isinstance(node, dict):
        return {}
    if "allOf" not in node or depth > MAX_DEPTH:
        return node
    merged: dict[str, Any] = {k: v for k, v in node.items() if k != "allOf"}
    properties = dict(merged.get("properties") or {})
    required = list(merged.get("required") or [])
    for part in node["allOf"]:
        flat = flatten(doc, part, depth + 1)
        for name, prop in (flat.get("properties") or {}).items():
            properties.setdefault(name, prop)
        required += [r for r in flat.get("required") or [] if r not in required]
        for key, value in flat.items():
            merged.setdefault(key, value)
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged


def _param_schema(param: dict[str, Any]) -> Any:
    """A parameter's schema: ``schema``, or that of its one ``content`` media type (the other form OpenAPI allows)."""
    if "schema" in param:
        return param["schema"]
    return next((media.get("schema") for media in (param.get("content") or {}).values()), None)


class _Walker:
    def __init__(self, old: Operation, new: Operation) -> None:
        self.old, self.new = old, new

    def schema(
        self, old: Any, new: Any, where: str, side: str, stack: tuple[tuple[int, int], ...] = ()
    ) -> Iterator[Change]:
        here = (id(self.old.doc.deref(old)), id(self.new.doc.deref(new)))
        if here in stack or len(stack) > MAX_DEPTH:  # a recursive schema: its own inside is not walked again
            return
        stack += (here,)
        o, n = flatten(self.old.doc, old), flatten(self.new.doc, new)
        yield from _apply("schema", Pair(o, n, where, side), self.old.key)
        old_props, new_props = visible_properties(o, side), visible_properties(n, side)
        for name in sorted(old_props.keys() & new_props.keys()):
            yield from self.schema(old_props[name], new_props[name], f"{where}.{name}", side, stack)
        if isinstance(o.get("items"), dict) and isinstance(n.get("items"), dict):
            yield from self.schema(o["items"], n["items"], f"{where}[]", side, stack)
        if isinstance(o.get("additionalProperties"), dict) and isinstance(n.get("additionalProperties"), dict):
            yield from self.schema(o["additionalProperties"], n["additionalProperties"], f"{where}.*", side, stack)
        for word in ("oneOf", "anyOf"):
            for i, (ov, nv) in enumerate(zip(o.get(word) or [], n.get(word) or [], strict=False)):
                yield from self.schema(ov, nv, f"{where}<{word}[{i}]>", side, stack)

    def content(self, old: dict[str, Any], new: dict[str, Any], where: str, side: str) -> Iterator[Change]:
        for media in sorted((old.get("content") or {}).keys() & (new.get("content") or {}).keys()):
            at = where if media.split(";")[0].strip() == "application/json" else f"{where}({media})"
            yield from self.schema(old["content"][media].get("schema"), new["content"][media].get("schema"), at, side)

    def operation(self) -> Iterator[Change]:
        old, new = self.old, self.new
        yield from _apply("operation", Pair(old, new, "", REQUEST), old.key)
        for key in sorted(old.params.keys() & new.params.keys()):
            yield from self.schema(_param_schema(old.params[key]), _param_schema(new.params[key]), key, REQUEST)
        if old.body is not None and new.body is not None:
            yield from self.content(old.body, new.body, "body", REQUEST)
        for status in sorted(old.responses.keys() & new.responses.keys()):
            o, n = old.responses[status], new.responses[status]
            yield from self.content(o, n, f"response.{status}", RESPONSE)
            oh = {k.lower(): old.doc.deref(v) for k, v in (o.get("headers") or {}).items()}
            nh = {k.lower(): new.doc.deref(v) for k, v in (n.get("headers") or {}).items()}
            for header in sorted(oh.keys() & nh.keys()):
                at = f"response.{status}.header.{header}"
                yield from self.schema(oh[header].get("schema"), nh[header].get("schema"), at, RESPONSE)


def compare(old: dict[str, Operation], new: dict[str, Operation]) -> list[Change]:
    """Every change between two sets of operations (breaking and safe), in a stable order."""
    changes = list(_apply("service", Pair(old, new), ""))
    for key in sorted(old.keys() & new.keys()):
        changes += _Walker(old[key], new[key]).operation()
    return changes
