"""Values built from a spec: a minimal instance of a schema and a response's example. The emulators answer with
these (``cloudsign.emulator.answers``); nothing here names an operation."""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

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


def uuid4_hex() -> str:
    """A random UUID (version 4, RFC 4122 variant) as 32 hex digits, what ``uuid.uuid4().hex`` gives, a third of
    the cost: the same 16 bytes from the OS with the version and variant bits set, no ``UUID`` object built."""
    drawn = bytearray(os.urandom(16))
    drawn[6] = drawn[6] & 0x0F | 0x40
    drawn[8] = drawn[8] & 0x3F | 0x80
    return drawn.hex()


def uuid4_text() -> str:
    """A random UUID in its dashed form, what ``str(uuid.uuid4())`` gives."""
    h = uuid4_hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


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


def _minimal_string(schema: Mapping[str, Any], name: str) -> str:
    fmt = schema.get("format")
    if fmt == "uuid" or is_id_name(name):
        return uuid4_text()
    if fmt == "date-time":
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if fmt == "date":
        return datetime.now(UTC).strftime("%Y-%m-%d")
    if fmt == "email":
        return "user@example.com"
    if fmt in ("uri", "url"):
        return "https://example.com/"
    text = "string"
    minimum, maximum = int(schema.get("minLength", 0)), schema.get("maxLength")
    text += "x" * max(0, minimum - len(text))
    return text[: int(maximum)] if maximum is not None else text


def _minimal_number(schema: Mapping[str, Any], integer: bool) -> int | float:
    low = schema.get("minimum")
    if low is None and schema.get("exclusiveMinimum") is not None:
        low = schema["exclusiveMinimum"] + (1 if integer else 0.5)
    value = low if low is not None else 0
    high = schema.get("maximum")
    if high is not None and value > high:
        value = high
    return int(value) if integer else float(value)


def minimal_instance(schema: Mapping[str, Any], name: str = "") -> Any:
    """A small value the schema accepts: its ``const``, first ``enum`` value, ``default`` or example; else, by
    type, the required properties of an object, ``minItems`` items, a string of the allowed length, the minimum."""
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
