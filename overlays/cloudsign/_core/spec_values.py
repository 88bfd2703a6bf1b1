"""Values built from a spec: a minimal instance of a schema, a response's example, and the success answer of an
operation with fresh IDs. The emulators answer with these; nothing here names an operation."""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .registry import Operation

__all__ = [
    "SuccessTemplate",
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


def _is_id_name(name: str) -> bool:
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
    if fmt == "uuid" or _is_id_name(name):
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


def _fits(text: str, schema: Mapping[str, Any]) -> bool:
    if len(text) < int(schema.get("minLength", 0)) or len(text) > int(schema.get("maxLength", len(text))):
        return False
    pattern = schema.get("pattern")
    try:
        return pattern is None or re.search(pattern, text) is not None
    except re.error:
        return True


class SuccessTemplate:
    """The success answer of one operation, read from its spec once: the lowest documented 2xx status and, unless
    it is 204 or has no JSON content, the example (or a minimal instance of the schema).

    ``render`` copies the value with fresh IDs: a string with ``format: uuid`` or a name ending in id/Id/_id gets a
    new uuid4 (when the schema's length and pattern allow one), an integer with ``format: int64`` the next value of
    the emulator's counter (within its bounds), and ``request_id_field`` the request id."""

    def __init__(self, operation: Operation) -> None:
        statuses = operation.success_statuses()
        self.status = statuses[0] if statuses else 200
        response = (operation.spec.get("responses") or {}).get(str(self.status)) or {}
        media = json_media(response) if self.status != 204 else None
        self.has_body = media is not None
        self.schema: Mapping[str, Any] = (media or {}).get("schema") or {}
        found, value = spec_example(media) if media is not None else (False, None)
        self.value = value if found else minimal_instance(self.schema)
        self._properties: Mapping[str, Any] = merged(self.schema).get("properties") or {}

    def render(self, ids: Iterator[int], request_id: str, request_id_field: str | None) -> tuple[bytes, dict[str, Any]]:
        """(body, fresh): the JSON body, and the fresh top-level values (name -> value) it carries."""
        if not self.has_body:
            return b"", {}
        value, fresh = self.render_value(ids, request_id, request_id_field)
        return json.dumps(value).encode(), fresh

    def render_value(
        self, ids: Iterator[int], request_id: str, request_id_field: str | None
    ) -> tuple[Any, dict[str, Any]]:
        """``render`` before JSON encoding: the body's value (None without a body) and the fresh values."""
        if not self.has_body:
            return None, {}
        fresh: dict[str, Any] = {}
        value = self._freshen(self.value, self.schema, "", ids, fresh, 0)
        if isinstance(value, dict) and request_id_field is not None:
            if request_id_field in value or request_id_field in self._properties:
                value[request_id_field] = request_id
                fresh.pop(request_id_field, None)
        return value, fresh

    def _freshen(
        self, value: Any, schema: Mapping[str, Any], name: str, ids: Iterator[int], fresh: dict[str, Any], depth: int
    ) -> Any:
        """A fresh copy of ``value`` (the template is never changed): containers are built anew, scalars kept
        (immutable, as ``copy.deepcopy`` keeps them) unless they get a fresh ID."""
        schema = merged(schema)
        if isinstance(value, dict):
            properties = schema.get("properties") or {}
            out: dict[Any, Any] = {}
            for key, item in value.items():
                new = self._freshen(item, properties.get(key) or {}, key, ids, fresh, depth + 1)
                if depth == 0 and new is not item and not isinstance(new, (dict, list)):
                    fresh[key] = new
                out[key] = new
            return out
        if isinstance(value, list):
            items = schema.get("items") or {}
            return [self._freshen(item, items, name, ids, fresh, depth + 1) for item in value]
        if isinstance(value, str) and (schema.get("format") == "uuid" or _is_id_name(name)):
            drawn = uuid4_hex()  # the dashed form, else the hex when only that fits the schema
            dashed = f"{drawn[:8]}-{drawn[8:12]}-{drawn[12:16]}-{drawn[16:20]}-{drawn[20:]}"
            for candidate in (dashed, drawn):
                if _fits(candidate, schema):
                    return candidate
            return value
        if isinstance(value, int) and not isinstance(value, bool) and schema.get("format") == "int64":
            number = next(ids)
            low, high = schema.get("minimum"), schema.get("maximum")
            if (low is None or number >= low) and (high is None or number <= high):
                return number
        return value
