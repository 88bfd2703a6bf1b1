"""The success answer of an operation, built from its spec once and rendered with fresh IDs for every call."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._core.ids import dashed, uuid4_hex
from .._core.spec_values import is_id_name, json_media, merged, minimal_instance, spec_example

if TYPE_CHECKING:
    from .._core.registry import Operation

__all__ = ["SuccessTemplate"]


Path = tuple[Any, ...]  # keys and list indexes from the body's root


@dataclass(frozen=True, slots=True)
class _Place:
    """A place in the example that gets a fresh ID per answer (see ``SuccessTemplate``), with what its schema asks
    of a string there (length bounds, the pattern compiled once; None for a pattern Python cannot compile) or of a
    number (bounds)."""

    path: Path
    text: bool  # a string (a UUID goes there), else an integer (the next id)
    low: Any = None
    high: Any = None
    pattern: re.Pattern[str] | None = None

    @classmethod
    def of(cls, path: Path, schema: Mapping[str, Any], text: bool) -> _Place:
        if not text:
            return cls(path, False, schema.get("minimum"), schema.get("maximum"))
        compiled = None
        if schema.get("pattern") is not None:
            try:
                compiled = re.compile(schema["pattern"])
            except re.error:  # a pattern Python cannot read is not held against an ID
                compiled = None
        return cls(path, True, int(schema.get("minLength", 0)), schema.get("maxLength"), compiled)

    def fits(self, text: str) -> bool:
        high = self.high
        if len(text) < self.low or (high is not None and len(text) > int(high)):
            return False
        return self.pattern is None or self.pattern.search(text) is not None


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
        self._plan: list[_Place] = []
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
        for place in self._plan:  # the places a fresh ID goes, worked out once, in document order
            path = place.path
            if path and path[0] == request_id_field and len(path) == 1 and place.text:
                continue  # the request id goes there below (a string place draws no number from ``ids``)
            new = _fresh_value(place, ids)
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


def _plan(value: Any, schema: Mapping[str, Any], name: str, path: Path, out: list[_Place]) -> None:
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
        out.append(_Place.of(path, schema, True))
    elif isinstance(value, int) and not isinstance(value, bool) and schema.get("format") == "int64":
        out.append(_Place.of(path, schema, False))


def _fresh_value(place: _Place, ids: Iterator[int]) -> Any:
    """The fresh ID for one planned place, or None when none fits its schema (the example's value stays)."""
    if place.text:
        drawn = uuid4_hex()  # the dashed form, else the hex when only that fits the schema
        text = dashed(drawn)
        if place.fits(text):
            return text
        return drawn if place.fits(drawn) else None
    number = next(ids)
    low, high = place.low, place.high
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


def path_put(value: Any, path: Path, new: Any) -> None:
    for part in path[:-1]:
        value = value[part]
    value[path[-1]] = new
