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
        self._plan: list[tuple[Path, Mapping[str, Any]]] = []
        if self.has_body:
            _plan(self.value, self.schema, "", (), self._plan)

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
        value = _copy(self.value)  # the template is never changed: containers are built anew, scalars kept
        for path, schema in self._plan:  # the places a fresh ID goes, worked out once, in document order
            new = _fresh_value(path_get(value, path), schema, ids)
            if new is None:
                continue
            if not path:  # the whole body is one ID
                value = new
                continue
            path_put(value, path, new)
            if len(path) == 1 and not isinstance(new, (dict, list)):
                fresh[path[0]] = new
        if isinstance(value, dict) and request_id_field is not None:
            if request_id_field in value or request_id_field in self._properties:
                value[request_id_field] = request_id
                fresh.pop(request_id_field, None)
        return value, fresh


Path = tuple[Any, ...]  # keys and list indexes from the body's root


def _plan(
    value: Any, schema: Mapping[str, Any], name: str, path: Path, out: list[tuple[Path, Mapping[str, Any]]]
) -> None:
    """Every place in the example that gets a fresh ID per answer (see ``SuccessTemplate``), in document order:
    a string under ``format: uuid`` or an id-like name, an integer under ``format: int64``."""
    schema = merged(schema)
    if isinstance(value, dict):
        properties = schema.get("properties") or {}
        for key, item in value.items():
            _plan(item, properties.get(key) or {}, key, (*path, key), out)
    elif isinstance(value, list):
        items = schema.get("items") or {}
        for index, item in enumerate(value):
            _plan(item, items, name, (*path, index), out)
    elif isinstance(value, str) and (schema.get("format") == "uuid" or is_id_name(name)):
        out.append((path, schema))
    elif isinstance(value, int) and not isinstance(value, bool) and schema.get("format") == "int64":
        out.append((path, schema))


def _fresh_value(value: Any, schema: Mapping[str, Any], ids: Iterator[int]) -> Any:
    """The fresh ID for one planned place, or None when none fits its schema (the example's value stays)."""
    if isinstance(value, str):
        drawn = uuid4_hex()  # the dashed form, else the hex when only that fits the schema
        dashed = f"{drawn[:8]}-{drawn[8:12]}-{drawn[12:16]}-{drawn[16:20]}-{drawn[20:]}"
        for candidate in (dashed, drawn):
            if _fits(candidate, schema):
                return candidate
        return None
    number = next(ids)
    low, high = schema.get("minimum"), schema.get("maximum")
    if (low is None or number >= low) and (high is None or number <= high):
        return number
    return None


def _copy(value: Any) -> Any:
    """A copy of a JSON value with every container new (what ``copy.deepcopy`` makes of one, faster)."""
    if isinstance(value, dict):
        return {k: _copy(v) if isinstance(v, (dict, list)) else v for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) if isinstance(v, (dict, list)) else v for v in value]
    return value


def path_get(value: Any, path: Path) -> Any:
    for part in path:
        value = value[part]
    return value


def path_put(value: Any, path: Path, new: Any) -> None:
    for part in path[:-1]:
        value = value[part]
    value[path[-1]] = new
