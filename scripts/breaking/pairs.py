"""What every check of the rules table works on: a ``Pair`` (the old and the new of one thing, where it is, and on
which side of the wire), and what it yields: ``(where, detail)`` hits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

BREAKING = "breaking"
SAFE = "safe"
REQUEST, RESPONSE = "request", "response"

Hit = tuple[str, str]  # (where, detail)


@dataclass(frozen=True)
class Pair:
    old: Any
    new: Any
    where: str = ""
    side: str = REQUEST


def show(value: Any) -> str:
    """A value as JSON, the way the report spells values."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
