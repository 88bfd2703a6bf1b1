"""Figures as the median of interleaved repeats with min..max, and ratios taken within each repeat."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Figure:
    """One measured quantity: ``samples`` holds one value per repeat (already aggregated within the repeat)."""

    section: str
    api: str
    contender: str
    label: str
    metric: str
    unit: str
    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(median=self.median, min=min(self.samples, default=None), max=max(self.samples, default=None))
        return out


@dataclass
class Ratio:
    """``numerator / denominator`` per repeat; ``target`` is a bound the median must meet (``<=`` or ``>=``)."""

    name: str
    section: str
    api: str
    samples: list[float]
    target: float | None = None
    direction: str = "<="  # "<=" (lower is better) or ">="
    unit: str = "x"  # "x" for a ratio, else the unit of an absolute figure (µs, ms, MiB)

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    @property
    def met(self) -> bool | None:
        if self.target is None or not self.samples:
            return None
        return self.median <= self.target if self.direction == "<=" else self.median >= self.target

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(
            median=self.median, min=min(self.samples, default=None), max=max(self.samples, default=None), met=self.met
        )
        return out


def paired(numerator: list[float], denominator: list[float]) -> list[float]:
    """Ratios within each repeat (same index = same repeat)."""
    return [n / d for n, d in zip(numerator, denominator, strict=True) if d]


def rotate(items: list[Any], shift: int) -> list[Any]:
    """The order of the contenders in repeat ``shift``: rotated, so nobody always runs first or last."""
    if not items:
        return items
    k = shift % len(items)
    return items[k:] + items[:k]
