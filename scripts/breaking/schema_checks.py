"""The checks of the rules table on one schema at both ends (dereferenced, ``allOf`` merged): types, formats, enums,
limits (request side only) and object fields (per side: readOnly fields never reach a request, writeOnly ones
never a response)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .pairs import REQUEST, Hit, Pair
from .pairs import show as _show


def types_of(schema: dict[str, Any]) -> frozenset[str]:
    """The JSON types a schema allows (``type`` as a string or list, OpenAPI 3.0's ``nullable``); empty: any."""
    declared = schema.get("type")
    found = {declared} if isinstance(declared, str) else set(declared or [])
    if schema.get("nullable") is True:
        found.add("null")
    return frozenset(found)


def _covers(new: frozenset[str], old: frozenset[str]) -> bool:
    if not new:
        return True
    return bool(old) and all(t in new or (t == "integer" and "number" in new) for t in old)  # "any" is not covered


def _spell_types(types: frozenset[str]) -> str:
    return " | ".join(sorted(types)) or "any"


def type_changed(p: Pair) -> Iterator[Hit]:
    old, new = types_of(p.old), types_of(p.new)
    if old != new and not (p.side == REQUEST and _covers(new, old)):
        yield p.where, f"type {_spell_types(old)} -> {_spell_types(new)}"


def type_widened(p: Pair) -> Iterator[Hit]:
    old, new = types_of(p.old), types_of(p.new)
    if old != new and p.side == REQUEST and _covers(new, old):
        yield p.where, f"type {_spell_types(old)} -> {_spell_types(new)}"


def format_changed(p: Pair) -> Iterator[Hit]:
    if p.old.get("format") != p.new.get("format"):
        yield p.where, f"format {p.old.get('format') or 'none'} -> {p.new.get('format') or 'none'}"


def _enum(schema: dict[str, Any]) -> dict[str, Any] | None:
    """The allowed values (``enum``, or ``const`` as an enum of one) by their JSON spelling; None: unrestricted."""
    if "const" in schema:
        return {_show(schema["const"]): schema["const"]}
    if isinstance(schema.get("enum"), list):
        return {_show(v): v for v in schema["enum"]}
    return None


def enum_narrowed(p: Pair) -> Iterator[Hit]:
    old, new = _enum(p.old), _enum(p.new)
    if new is not None and old is None:
        yield p.where, f"now restricted to {sorted(new)}"
    elif new is not None and old is not None and old.keys() - new.keys():
        yield p.where, f"enum value(s) {', '.join(sorted(old.keys() - new.keys()))} removed"


def enum_widened(p: Pair) -> Iterator[Hit]:
    old, new = _enum(p.old), _enum(p.new)
    if old is not None and new is None:
        yield p.where, "no longer restricted to a list of values"
    elif old is not None and new is not None and new.keys() - old.keys():
        yield p.where, f"enum value(s) {', '.join(sorted(new.keys() - old.keys()))} added"


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _lower(s: dict[str, Any]) -> tuple[float, int] | None:
    """The tightest lower bound as (value, 1 if exclusive else 0): a larger tuple is tighter."""
    found = []
    if _number(s.get("minimum")):
        found.append((s["minimum"], 1 if s.get("exclusiveMinimum") is True else 0))  # 3.0's boolean form too
    if _number(s.get("exclusiveMinimum")):
        found.append((s["exclusiveMinimum"], 1))
    return max(found) if found else None


def _upper(s: dict[str, Any]) -> tuple[float, int] | None:
    """The tightest upper bound as (-value, 1 if exclusive else 0): a larger tuple is tighter."""
    found = []
    if _number(s.get("maximum")):
        found.append((-s["maximum"], 1 if s.get("exclusiveMaximum") is True else 0))
    if _number(s.get("exclusiveMaximum")):
        found.append((-s["exclusiveMaximum"], 1))
    return max(found) if found else None


def _spell_bound(bound: tuple[float, int] | None, sign: int, word: str) -> str:
    if bound is None:
        return "none"
    return f"{'exclusive ' if bound[1] else ''}{word} {sign * bound[0]:g}"


def bound_tightened(which: str) -> Callable[[Pair], Iterator[Hit]]:
    bound, sign = (_lower, 1) if which == "minimum" else (_upper, -1)

    def check(p: Pair) -> Iterator[Hit]:
        old, new = bound(p.old), bound(p.new)
        if p.side == REQUEST and new is not None and (old is None or new > old):
            yield p.where, f"{_spell_bound(old, sign, which)} -> {_spell_bound(new, sign, which)}"

    return check


_SIZE_LIMITS = {"minLength": 1, "maxLength": -1, "minItems": 1, "maxItems": -1, "minProperties": 1, "maxProperties": -1}


def _size(s: dict[str, Any], word: str) -> float:
    value = s.get(word)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return 0.0 if _SIZE_LIMITS[word] > 0 else float("inf")


def size_tightened(word: str) -> Callable[[Pair], Iterator[Hit]]:
    def check(p: Pair) -> Iterator[Hit]:
        old, new = _size(p.old, word), _size(p.new, word)
        if p.side == REQUEST and (new - old) * _SIZE_LIMITS[word] > 0:
            yield p.where, f"{word} {p.old.get(word, 'none')} -> {p.new.get(word, 'none')}"

    return check


def pattern_changed(p: Pair) -> Iterator[Hit]:
    if p.side == REQUEST and "pattern" in p.new and p.old.get("pattern") != p.new["pattern"]:
        yield p.where, f"pattern {_show(p.old.get('pattern'))} -> {_show(p.new['pattern'])}"


def limits_loosened(p: Pair) -> Iterator[Hit]:
    if p.side != REQUEST:
        return
    loose = [w for w in _SIZE_LIMITS if (_size(p.new, w) - _size(p.old, w)) * _SIZE_LIMITS[w] < 0]
    for word, bound in (("minimum", _lower), ("maximum", _upper)):
        old, new = bound(p.old), bound(p.new)
        if old is not None and (new is None or new < old):
            loose.append(word)
    if "pattern" in p.old and "pattern" not in p.new:
        loose.append("pattern")
    if loose:
        yield p.where, f"{', '.join(loose)} loosened"


def visible_properties(schema: dict[str, Any], side: str) -> dict[str, dict[str, Any]]:
    """The properties a side sees: a request never carries readOnly ones, a response never writeOnly ones."""
    hidden = "readOnly" if side == REQUEST else "writeOnly"
    props = schema.get("properties") or {}
    return {name: prop for name, prop in props.items() if not (isinstance(prop, dict) and prop.get(hidden))}


def _fields(p: Pair) -> tuple[set[str], set[str], set[str], set[str]]:
    """(old names, new names, old required, new required) of an object schema pair on its side."""
    old = set(visible_properties(p.old, p.side)) | set(p.old.get("required") or [])
    new = set(visible_properties(p.new, p.side)) | set(p.new.get("required") or [])
    return old, new, set(p.old.get("required") or []) & old, set(p.new.get("required") or []) & new


FieldTest = Callable[[str, set[str], set[str], set[str], set[str]], bool]  # name, old, new, old required, new required


def field_rule(side: str, test: FieldTest, what: str) -> Callable[[Pair], Iterator[Hit]]:
    def check(p: Pair) -> Iterator[Hit]:
        if p.side != side:
            return
        old, new, old_req, new_req = _fields(p)
        for name in sorted(old | new):
            if test(name, old, new, old_req, new_req):
                yield f"{p.where}.{name}", f"{side} field {name} {what}"

    return check


def closed(p: Pair) -> Iterator[Hit]:
    if (
        p.side == REQUEST
        and p.new.get("additionalProperties") is False
        and p.old.get("additionalProperties") is not False
    ):
        yield p.where, "additionalProperties became false"


def variants_removed(p: Pair) -> Iterator[Hit]:
    for word in ("oneOf", "anyOf"):
        old, new = len(p.old.get(word) or []), len(p.new.get(word) or [])
        if new < old:
            yield p.where, f"{word} has {new} variant(s), had {old}"
