"""Values built from a spec: a minimal instance of a schema and a response's example. The emulators answer with
these (``cloudsign.emulator.answers``); nothing here names an operation."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from .ids import uuid4_hex, uuid4_text

__all__ = [
    "is_id_name",
    "json_media",
    "merged",
    "minimal_instance",
    "spec_example",
    "type_of",
    "uuid4_hex",
    "uuid4_text",
]


_ID_SUFFIXES = ("Id", "_id", "ID", "-id")


def is_id_name(name: str) -> bool:
    """A property named like an identifier (``id``, ``...Id``, ``..._id``): it gets a fresh value per answer."""
    return name.lower() == "id" or name.endswith(_ID_SUFFIXES)


def json_media(response: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The JSON media type object of a response (``application/json`` or any ``+json``), if it has one."""
    content = response.get("content") or {}
    for media_type, media in content.items():
        base = media_type.split(";", 1)[0].strip().lower()
        if (base == "application/json" or base.endswith("+json")) and isinstance(media, Mapping):
            return media
    return None


def spec_example(media: Mapping[str, Any]) -> tuple[bool, Any]:
    """(found, value): the media type's ``example``, its first ``examples`` value, then the schema's."""
    if "example" in media:
        return True, media["example"]
    for example in (media.get("examples") or {}).values():
        if isinstance(example, Mapping) and "value" in example:
            return True, example["value"]
    schema = media.get("schema") or {}
    if "example" in schema:
        return True, schema["example"]
    if schema.get("examples"):
        return True, schema["examples"][0]
    return False, None


def merged(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """``allOf`` folded into one schema; ``oneOf``/``anyOf`` resolved to their first branch."""
    parts = schema.get("allOf")
    choice = schema.get("oneOf") or schema.get("anyOf")
    if not parts and not choice:
        return schema
    out: dict[str, Any] = {k: v for k, v in schema.items() if k not in ("allOf", "oneOf", "anyOf")}
    for part in [*(parts or []), *(choice[:1] if choice else [])]:
        part = merged(part)
        for key, value in part.items():
            if key == "properties":
                out["properties"] = {**out.get("properties", {}), **value}
            elif key == "required":
                out["required"] = [*out.get("required", []), *value]
            else:
                out.setdefault(key, value)
    return out


def type_of(schema: Mapping[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind is None:
        if "properties" in schema or "required" in schema:
            return "object"
        if "items" in schema:
            return "array"
    return kind if isinstance(kind, str) else None


_FORMATS: dict[str, Callable[[], str]] = {
    "date-time": lambda: datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "date": lambda: datetime.now(UTC).strftime("%Y-%m-%d"),
    "email": lambda: "user@example.com",
    "uri": lambda: "https://example.com/",
    "url": lambda: "https://example.com/",
    "hostname": lambda: "example.com",
    "ipv4": lambda: "192.0.2.1",
}


def _minimal_string(schema: Mapping[str, Any], name: str) -> str:
    """The first of these the schema's length and ``pattern`` allow: a UUID (``format: uuid`` or an id's name), the
    format's example, ``string`` (padded or cut to length), a few one-alphabet strings, a bare UUID; else a string
    drawn from the pattern (with hypothesis, when installed), else the first."""
    low, high = int(schema.get("minLength", 0)), schema.get("maxLength")
    fmt = schema.get("format")
    candidates = [uuid4_text()] if fmt == "uuid" or is_id_name(name) else []
    if fmt in _FORMATS:
        candidates.append(_FORMATS[fmt]())
    text = "string" + "x" * max(0, low - 6)
    candidates.append(text[: int(high)] if high is not None else text)
    width = max(low, min(int(high) if high is not None else 8, 8))
    candidates += [(alphabet * width)[:width] for alphabet in ("abcdef0123456789", "0123456789", "a", "A")]
    candidates.append(uuid4_hex())
    pattern = schema.get("pattern")
    for candidate in candidates:
        if _fits(candidate, low, high, pattern):
            return candidate
    if pattern is not None:
        try:
            from hypothesis import find
            from hypothesis import strategies as st
        except ImportError:
            return candidates[0]
        top = int(high) if high is not None else 1 << 16
        return str(find(st.from_regex(pattern, fullmatch=True), lambda s: low <= len(s) <= top))
    return candidates[0]


def _fits(text: str, low: int, high: Any, pattern: str | None) -> bool:
    if len(text) < low or (high is not None and len(text) > int(high)):
        return False
    try:
        return pattern is None or re.search(pattern, text) is not None
    except re.error:
        return True


def _minimal_number(schema: Mapping[str, Any], integer: bool) -> int | float:
    """The minimum (or just above an exclusive one), else 0; within the maximum; a multiple of ``multipleOf``."""
    low = schema.get("minimum")
    if low is None and schema.get("exclusiveMinimum") is not None:
        low = schema["exclusiveMinimum"] + (1 if integer else 0.5)
    value = low if low is not None else 0
    high = schema.get("maximum")
    if high is not None and value > high:
        value = high
    step = schema.get("multipleOf")
    if step:
        value = -(-value // step) * step
    return int(value) if integer else float(value)


def minimal_instance(schema: Mapping[str, Any], name: str = "") -> Any:
    """A small value the schema accepts: its ``const``, first ``enum`` value, ``default`` or example; else, by
    type, the required properties of an object, ``minItems`` items, a string of the allowed length and pattern, the
    minimum. The one example-value generator: the emulators' answers and ``make run``'s arguments both use it."""
    schema = merged(schema)
    if "const" in schema:
        return copy.deepcopy(schema["const"])
    if schema.get("enum"):
        return copy.deepcopy(schema["enum"][0])
    if "default" in schema:
        return copy.deepcopy(schema["default"])
    if "example" in schema:
        return copy.deepcopy(schema["example"])
    if schema.get("examples"):
        return copy.deepcopy(schema["examples"][0])
    kind = type_of(schema)
    if kind == "object":
        properties = schema.get("properties") or {}
        return {key: minimal_instance(properties[key], key) for key in schema.get("required", []) if key in properties}
    if kind == "array":
        return [minimal_instance(schema.get("items") or {}, name) for _ in range(int(schema.get("minItems", 0)))]
    if kind == "string":
        return _minimal_string(schema, name)
    if kind in ("integer", "number"):
        return _minimal_number(schema, kind == "integer")
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return {}
