"""Every operation of a specs folder, keyed by what a user calls it, with its parts ready to compare.

Documents are found as ``scripts/generate_merge.py`` finds them (every ``*.yaml`` directly in the folder;
``<cloud>-<service>[.<part>].yaml``), so an operation belongs to a service, not to a file: DataWorks' RPC actions
(each ``POST /`` in a document of its own, ``Action`` pinned by ``const``) may move between documents, be split or
merged, without a change being seen. An operation is keyed ``<service>:<operationId>`` (its ``Action`` const when it
has no operationId, else ``METHOD path``). ``$ref``s are resolved within the operation's own document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SPEC_SUFFIX = ".yaml"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

Node = dict[str, Any]


class SpecError(Exception):
    """A specs folder that cannot be compared (unreadable, an operation defined twice, a broken $ref)."""


@dataclass(frozen=True)
class Document:
    """One parsed document: resolves its own ``#/...`` references."""

    name: str
    data: Node

    def deref(self, node: Any) -> Any:
        """NODE with ``$ref`` chains followed (internal references only; a cycle or a dangling one is an error)."""
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen or not ref.startswith("#/"):
                raise SpecError(f"{self.name}: cannot resolve $ref {ref!r}")
            seen.add(ref)
            target: Any = self.data
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or part not in target:
                    raise SpecError(f"{self.name}: dangling $ref {ref!r}")
                target = target[part]
            node = target
        return node


@dataclass
class Operation:
    """The parts of one operation that a caller depends on; everything else (descriptions, examples) is left out."""

    key: str  # "huaweicloud-das:CreateInstanceConnection"
    doc: Document
    method: str
    path: str
    params: dict[str, Node] = field(default_factory=dict)  # "query.limit" -> the (dereferenced) parameter
    body: Node | None = None  # the dereferenced requestBody
    responses: dict[str, Node] = field(default_factory=dict)  # "200" -> the dereferenced response
    security: list[Node] = field(default_factory=list)  # requirement objects, the operation's or the document's

    @property
    def endpoint(self) -> str:
        return f"{self.method.upper()} {self.path}"


def service_of(stem: str) -> str:
    """``alibabacloud-dataworks.UpdateConnection`` -> ``alibabacloud-dataworks``."""
    return stem.split(".", 1)[0]


def _param_key(doc: Document, param: Any) -> tuple[str, Node]:
    p = doc.deref(param)
    if not isinstance(p, dict) or "name" not in p or "in" not in p:
        raise SpecError(f"{doc.name}: a parameter without name or in: {param!r}")
    name = str(p["name"]).lower() if p["in"] == "header" else str(p["name"])
    return f"{p['in']}.{name}", p


def _action_const(doc: Document, params: dict[str, Node]) -> str | None:
    action = params.get("query.Action")
    schema = doc.deref(action.get("schema")) if action else None
    return str(schema["const"]) if isinstance(schema, dict) and "const" in schema else None


def _operations_of(doc: Document, service: str) -> list[Operation]:
    found = []
    for path, item in sorted((doc.data.get("paths") or {}).items()):
        item = doc.deref(item)
        shared = dict(_param_key(doc, p) for p in item.get("parameters") or [])
        for method in METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            params = {**shared, **dict(_param_key(doc, p) for p in op.get("parameters") or [])}
            name = op.get("operationId") or _action_const(doc, params) or f"{method.upper()} {path}"
            body = doc.deref(op["requestBody"]) if "requestBody" in op else None
            responses = {str(code): doc.deref(r) for code, r in (op.get("responses") or {}).items()}
            security = op["security"] if "security" in op else doc.data.get("security") or []
            found.append(Operation(f"{service}:{name}", doc, method, path, params, body, responses, list(security)))
    return found


def load_operations(specs: Path) -> dict[str, Operation]:
    """Every operation of every document directly in SPECS, by key; an empty dict when SPECS does not exist."""
    operations: dict[str, Operation] = {}
    if not specs.is_dir():
        return operations
    for path in sorted(specs.iterdir()):
        if not (path.is_file() and path.name.endswith(SPEC_SUFFIX) and not path.name.startswith(".")):
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise SpecError(f"{path}: {exc}") from exc
        if not isinstance(data, dict):
            raise SpecError(f"{path}: not an OpenAPI document")
        doc = Document(path.name, data)
        for op in _operations_of(doc, service_of(path.name[: -len(SPEC_SUFFIX)])):
            if op.key in operations:
                raise SpecError(f"{op.key} is defined twice: in {operations[op.key].doc.name} and {doc.name}")
            operations[op.key] = op
    return operations
