"""The success answer of an operation, built from its spec once and rendered with fresh IDs for every call."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .._core.spec_values import is_id_name, json_media, merged, minimal_instance, spec_example, uuid4_hex

if TYPE_CHECKING:
    from .._core.registry import Operation

__all__ = ["SuccessTemplate"]


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
        if isinstance(value, str) and (schema.get("format") == "uuid" or is_id_name(name)):
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
