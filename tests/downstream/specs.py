"""The two specs and the examples they carry, read straight from specs/ so the tests follow every edit."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SPECS = {"das": ROOT / "specs/huaweicloud-das.yaml", "dataworks": ROOT / "specs/alibabacloud-dataworks.yaml"}


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed spec (cached: treat it as read-only)."""
    doc: dict[str, Any] = yaml.safe_load(SPECS[name].read_text())
    return doc


def resolve(doc: dict[str, Any], node: Any) -> Any:
    """Follow a local `$ref` (one level is all these specs use)."""
    if isinstance(node, dict) and "$ref" in node:
        target: Any = doc
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return target
    return node


def only_operation(name: str) -> tuple[str, str, dict[str, Any]]:
    """(path, method, operation) of the single operation each spec holds."""
    ((path, item),) = load(name)["paths"].items()
    ((method, op),) = ((m, o) for m, o in item.items() if m != "parameters")
    return path, method, op


def parameters(name: str) -> list[dict[str, Any]]:
    """Path-level and operation-level parameters of the operation, refs resolved."""
    doc = load(name)
    path, _, op = only_operation(name)
    return [resolve(doc, p) for p in [*doc["paths"][path].get("parameters", []), *op.get("parameters", [])]]


def media_examples(name: str) -> Iterator[tuple[str, str, Any]]:
    """(where, schema name, value) for every request and response example of the operation."""
    doc = load(name)
    _, _, op = only_operation(name)
    bodies = [("request", op["requestBody"])] if "requestBody" in op else []
    bodies += [(f"response {code}", resolve(doc, r)) for code, r in op["responses"].items()]
    for where, body in bodies:
        for media in body.get("content", {}).values():
            schema = media["schema"]["$ref"].rsplit("/", 1)[-1]
            for key, ex in media.get("examples", {}).items():
                yield f"{where} {key}", schema, resolve(doc, ex)["value"]


def schema_examples(name: str) -> Iterator[tuple[str, str, Any]]:
    """(where, schema name, value) for every `examples` entry of components/schemas."""
    for schema, body in load(name)["components"]["schemas"].items():
        for i, value in enumerate(body.get("examples", [])):
            yield f"schema {schema}[{i}]", schema, value


def example(name: str, where: str) -> Any:
    """The media example whose label starts with `where`, e.g. 'response 200'."""
    return next(v for w, _, v in media_examples(name) if w.startswith(where))
