"""Every example the vendor documents, found where the vendor wrote it:

* the official Alibaba SDK's request models: a comment that lists one JSON example per ``*   <label>`` bullet
  (CreateConnection's ``Content``, one per connection type). The label is sent in the request field whose
  "Valid values" list names most of the labels (``ConnectionType``);
* the seeds (/work/shared/seeds, copied to specs/seeds): a Huawei page's "Example Requests" (method, URL and
  JSON body) and an Alibaba page's request table (the Example column of every row).
Nothing here names an operation or a field.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .alibaba_side import AlibabaVendor, comments
from .compare import ROOT, VENDORS, SpecOperation, covered, vendor_fields

SEEDS = ROOT / "specs" / "seeds"
_BULLET = re.compile(r"^\*\s+(\S+)\s*$", re.M)


@dataclass(frozen=True)
class Example:
    service: str
    operation: str
    name: str  # where it was found, e.g. "SDK CreateConnectionRequest.content: rds"
    values: Mapping[str, Any] = field(hash=False)  # wire name -> value (``body`` for a JSON body)
    repaired: str = ""  # how the text as written had to be read to be JSON, when it was not

    @property
    def ident(self) -> str:
        return f"{self.service} {self.operation} {self.name}"


def _json_object(text: str) -> tuple[str, str] | None:
    """The first JSON object in ``text``, as text: (as written, "") or, when it does not parse as written but does
    with each doubled backslash read as one (how the SDK's comments spell a JSON escape), (repaired, note)."""
    start = text.find("{")
    if start < 0:
        return None
    decoder = json.JSONDecoder()
    for candidate, note in (
        (text[start:], ""),
        (text[start:].replace("\\\\", "\\"), "doubled backslashes read as one"),
    ):
        try:
            _, end = decoder.raw_decode(candidate)
        except ValueError:
            continue
        return candidate[:end], note
    return None


def sdk_examples(vendor: AlibabaVendor, operation: SpecOperation) -> Iterator[Example]:
    cls = getattr(vendor.models, operation.operation_id + "Request")
    fields = vendor_fields(operation.service, operation.operation_id)
    notes = comments(cls)
    for attr, note in notes.items():
        parts = _BULLET.split(note)
        labels, bodies = parts[1::2], parts[2::2]
        found: list[tuple[str, tuple[str, str]]] = []
        for label, body in zip(labels, bodies, strict=True):
            obj = _json_object(body)
            if obj is not None:
                found.append((label, obj))
        if not found:
            continue
        wire = vendor._wire(cls, attr, vendor._params(cls)[attr])
        names = {label for label, _ in found}
        label_field = max(
            (f for f in fields.values() if f.enum and f.direction == "request" and f.name != wire),
            key=lambda f: len(names & f.enum),  # type: ignore[operator]
            default=None,
        )
        if label_field is not None and label_field.enum is not None and len(names & label_field.enum) * 2 < len(names):
            label_field = None
        for label, (text, note_) in found:
            values = {wire: text}
            if label_field is not None:
                values[label_field.name] = label
            yield Example(
                operation.service, operation.operation_id, f"SDK {cls.__name__}.{attr}: {label}", values, note_
            )


def _seed_huawei(text: str) -> tuple[str, str, dict[str, Any]] | None:
    """(method, path, body) of a Huawei page's first example request."""
    found = re.search(r"Example Requests.*?^(GET|POST|PUT|PATCH|DELETE) https?://[^/\s]+(/\S*)\s*$", text, re.S | re.M)
    if not found:
        return None
    obj = _json_object(text[found.end() :].split("Example Responses", 1)[0])
    return found.group(1), found.group(2), json.loads(obj[0]) if obj else {}


_ROW = re.compile(r"^(\w+) (String|Integer|Long|Boolean|Float|Double) (Required|Yes|No|Optional) (\S.*)$", re.M)
_CASTS: dict[str, Callable[[str], Any]] = {
    "Integer": int,
    "Long": int,
    "Float": float,
    "Double": float,
    "Boolean": lambda v: v == "true",
    "String": str,
}


def _seed_alibaba(text: str) -> dict[str, Any] | None:
    """Wire name -> the Example column of an Alibaba page's request table."""
    table = text.split("Request parameters", 1)[-1].split("Response parameters", 1)[0]
    rows = {name: _CASTS[kind](example.strip()) for name, kind, _, example in _ROW.findall(table)}
    return rows or None


def _path_match(template: str, path: str) -> dict[str, str] | None:
    names = re.findall(r"\{(\w+)\}", template)
    regex = "^" + re.sub(r"\\\{\w+\\\}", "([^/]+)", re.escape(template)) + "$"
    found = re.match(regex, path)
    return dict(zip(names, found.groups(), strict=True)) if found else None


def seed_examples(operations: list[SpecOperation], seeds: Path = SEEDS) -> Iterator[Example]:
    for seed in sorted(seeds.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        huawei = _seed_huawei(text)
        alibaba = None if huawei else _seed_alibaba(text)
        for operation in operations:
            if huawei:
                method, path, body = huawei
                bound = _path_match(operation.path, path)
                if bound is not None and operation.method == method:
                    yield Example(
                        operation.service, operation.operation_id, f"seed {seed.name}", {**bound, "body": body}
                    )
            elif alibaba and alibaba.get("Action") == operation.operation_id:
                yield Example(operation.service, operation.operation_id, f"seed {seed.name}", alibaba)


@functools.cache
def all_examples() -> tuple[Example, ...]:
    both, _ = covered()
    found: list[Example] = []
    for operation in both:
        vendor = VENDORS[operation.service]
        if isinstance(vendor, AlibabaVendor):
            found += sdk_examples(vendor, operation)
    found += seed_examples(both)
    return tuple(found)
