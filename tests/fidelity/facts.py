"""One field of one operation as a source states it, on either side: our spec or an official SDK's models.

A fact a source does not state is ``None`` and is not compared (the Alibaba models give no integer width, the
Huawei models no enums, neither side's response models say which members are always present)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# (direction, location, wire path): ``("request", "query", "Content")``, ``("request", "body", "node_ids[]")``,
# ``("response", "body", "Data.Connections[].Id")``; the whole JSON body is ``("request", "body", "")``.
Key = tuple[str, str, str]


@dataclass(frozen=True)
class Field:
    direction: str
    location: str
    name: str
    types: frozenset[str] | None = None  # JSON Schema types; None: not stated
    format: str | None = None
    required: bool | None = None
    enum: frozenset[Any] | None = None
    sensitive: bool | None = None

    @property
    def key(self) -> Key:
        return (self.direction, self.location, self.name)


ATTRIBUTES = ("types", "format", "required", "enum", "sensitive")


def child(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def shown(value: Any) -> Any:
    """A fact as YAML can hold it and a reader can compare: sets become sorted lists."""
    if isinstance(value, frozenset):
        return sorted(value, key=repr)
    return value
