"""The allowlist, and the two ways a result is told: markdown for people (stdout), JSON for tools (artifacts/).

The allowlist (``specs/breaking/allowlist.yaml``) names breaking changes made on purpose: each entry gives the
``rule``, the ``operation`` and the ``where`` of one change, as the report prints them, and a ``reason``. A listed
change is still reported, marked allowlisted, and does not fail the gate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diff import Change
from .pairs import BREAKING

KEYS = ("rule", "operation", "where")


class AllowlistError(Exception):
    """An allowlist that cannot be read; the message names the file and the entry."""


@dataclass(frozen=True)
class Accepted:
    rule: str
    operation: str
    where: str
    reason: str

    def matches(self, change: Change) -> bool:
        return (self.rule, self.operation, self.where) == (change.rule, change.operation, change.where)


def load_allowlist(path: Path) -> list[Accepted]:
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("accepted") if isinstance(data, dict) else None
    if not isinstance(entries, list | None):
        raise AllowlistError(f"{path}: expected `accepted:` with a list of entries")
    accepted = []
    for i, entry in enumerate(entries or []):
        if not isinstance(entry, dict) or set(entry) != {*KEYS, "reason"}:
            raise AllowlistError(f"{path}: entry {i + 1} must have exactly rule, operation, where and reason")
        if not all(isinstance(entry[k], str) and entry[k].strip() for k in (*KEYS, "reason")):
            raise AllowlistError(f"{path}: entry {i + 1}: every key needs a non-empty text (the reason too)")
        accepted.append(Accepted(entry["rule"], entry["operation"], entry["where"], entry["reason"].strip()))
    return accepted


@dataclass
class Result:
    """Everything one run found, and how it was found."""

    base: str
    specs_changed: bool
    new: str = "working tree"
    changes: list[Change] = field(default_factory=list)
    allowlist: list[Accepted] = field(default_factory=list)
    api_layer: str = "not run"  # what the generated-package layer did, in words
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds per phase

    def accepted_by(self, change: Change) -> Accepted | None:
        return next((a for a in self.allowlist if a.matches(change)), None)

    @property
    def failing(self) -> list[Change]:
        return [c for c in self.changes if c.severity == BREAKING and self.accepted_by(c) is None]

    @property
    def unused(self) -> list[Accepted]:
        return [a for a in self.allowlist if not any(a.matches(c) for c in self.changes)]

    def as_json(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "new": self.new,
            "specs_changed": self.specs_changed,
            "api_layer": self.api_layer,
            "seconds": round(self.seconds, 2),
            "phases": self.phases,
            "breaking": len([c for c in self.changes if c.severity == BREAKING]),
            "failing": len(self.failing),
            "changes": [
                {
                    **c.as_dict(),
                    "allowlisted": (a := self.accepted_by(c)) is not None,
                    "reason": a.reason if a else None,
                }
                for c in self.changes
            ],
            "unused_allowlist_entries": [a.__dict__ for a in self.unused],
        }


def _cell(text: str, limit: int = 200) -> str:
    """A table cell: one line, pipes escaped, long values (a pattern) cut (the JSON keeps them whole)."""
    text = text.replace("\n", " ")
    return (text if len(text) <= limit else text[: limit - 1] + "…").replace("|", "\\|")


def markdown(result: Result) -> str:
    breaking = [c for c in result.changes if c.severity == BREAKING]
    lines = [f"# Breaking-change check: {result.base} -> {result.new}", ""]
    if not result.specs_changed:
        lines += ["No change: specs/*.yaml and generator/ are the same at both ends.", ""]
    else:
        lines += [
            f"**{len(result.failing)} breaking change(s) not allowlisted**, {len(breaking) - len(result.failing)} "
            f"allowlisted, {len(result.changes) - len(breaking)} safe. Generated packages: {result.api_layer}.",
            "",
        ]
    if result.changes:
        lines += ["| verdict | operation | where | rule | change |", "|---|---|---|---|---|"]
        for c in sorted(result.changes, key=lambda c: (c.severity != BREAKING, c.operation, c.where, c.rule)):
            accepted = result.accepted_by(c)
            verdict = "safe" if c.severity != BREAKING else ("allowlisted" if accepted else "**BREAKING**")
            detail = c.detail + (f" (allowlisted: {accepted.reason})" if accepted else "")
            lines.append(f"| {verdict} | {_cell(c.operation)} | {_cell(c.where)} | {c.rule} | {_cell(detail)} |")
        lines.append("")
    for a in result.unused:
        lines.append(f"- allowlist entry not needed here: {a.rule} {a.operation} {a.where}")
    if result.failing:
        lines += [
            "",
            "Each BREAKING row breaks code written against the previous version. If it is meant, add it to "
            "specs/breaking/allowlist.yaml (rule, operation, where, reason) in the same commit.",
        ]
    phases = ", ".join(f"{name} {seconds:.1f}" for name, seconds in result.phases.items())
    lines.append(f"\n({result.seconds:.1f} s{': ' + phases if phases else ''})")
    return "\n".join(lines)


def write_json(result: Result, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result.as_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
