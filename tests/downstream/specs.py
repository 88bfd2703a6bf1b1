"""Every document in specs/ and the examples it carries, read straight from specs/ so the tests follow every edit.

Documents are found, not listed: ``SPECS`` maps each document's service name (its file name after the cloud prefix:
``huaweicloud-das.yaml`` -> ``das``) to its path, and every operation of a document is visited. The seeds'
own checks (the vendor examples through other generators) name their operation by ``SEED_OPERATIONS``."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]


def discover(folder: Path) -> dict[str, Path]:
    """Every document in ``folder``, by service name (the file name after the cloud prefix)."""
    return {path.stem.split("-", 1)[-1]: path for path in sorted(folder.glob("*.yaml"))}


SPECS = discover(ROOT / "specs")
# The operation each seed document was written for (the facts the seed-specific tests check).
SEED_OPERATIONS = {"das": "CreateInstanceConnection", "dataworks": "CreateConnection"}


def load(name: str) -> dict[str, Any]:
    """The parsed spec (cached: treat it as read-only)."""
    return _read(SPECS[name])


@cache
def _read(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(path.read_text())
    return doc


def resolve(doc: dict[str, Any], node: Any) -> Any:
    """Follow a local `$ref` (one level is all these specs use)."""
    if isinstance(node, dict) and "$ref" in node:
        target: Any = doc
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return target
    return node


def operations(name: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) of every operation in the document."""
    return [
        (path, method, op)
        for path, item in load(name)["paths"].items()
        for method, op in item.items()
        if method in ("get", "put", "post", "delete", "options", "head", "patch", "trace")
    ]


def operation(name: str, operation_id: str | None = None) -> tuple[str, str, dict[str, Any]]:
    """(path, method, operation) of ``operation_id`` (default: the seed's operation, or the document's first)."""
    wanted = operation_id or SEED_OPERATIONS.get(name)
    found = operations(name)
    return next(op for op in found if op[2].get("operationId") == wanted) if wanted else found[0]


def parameters(name: str, operation_id: str | None = None) -> list[dict[str, Any]]:
    """Path-level and operation-level parameters of the operation (default: the seed's), refs resolved."""
    doc = load(name)
    path, _, op = operation(name, operation_id)
    return [resolve(doc, p) for p in [*doc["paths"][path].get("parameters", []), *op.get("parameters", [])]]


def media_labels(op: dict[str, Any]) -> list[str]:
    """The labels ``media_examples`` gives an operation's bodies: '<operationId> request', '... response 200'."""
    labels = ["request"] if "requestBody" in op else []
    return [f"{op['operationId']} {label}" for label in [*labels, *(f"response {code}" for code in op["responses"])]]


def media_examples(name: str) -> Iterator[tuple[str, str, Any]]:
    """(where, schema name, value) for every request and response example of every operation."""
    doc = load(name)
    for _, _, op in operations(name):
        bodies = [op["requestBody"]] if "requestBody" in op else []
        bodies += [resolve(doc, r) for r in op["responses"].values()]
        for label, body in zip(media_labels(op), bodies, strict=True):
            for media in body.get("content", {}).values():
                schema = media["schema"]["$ref"].rsplit("/", 1)[-1]
                for key, ex in media.get("examples", {}).items():
                    yield f"{label} {key}", schema, resolve(doc, ex)["value"]


def schema_examples(name: str) -> Iterator[tuple[str, str, Any]]:
    """(where, schema name, value) for every `examples` entry of components/schemas."""
    for schema, body in load(name)["components"]["schemas"].items():
        for i, value in enumerate(body.get("examples", [])):
            yield f"schema {schema}[{i}]", schema, value


def example(name: str, where: str) -> Any:
    """The seed operation's media example whose label starts with `where`, e.g. 'response 200'."""
    prefix = f"{SEED_OPERATIONS[name]} {where}"
    return next(v for w, _, v in media_examples(name) if w.startswith(prefix))
