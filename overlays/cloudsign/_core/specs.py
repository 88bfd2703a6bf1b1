"""Load the OpenAPI documents shipped with the package (a link to the repository's specs/), once, lazily."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, cast

SPEC_FILES = {
    "huaweicloud-das": "huaweicloud-das.yaml",
    "alibabacloud-dataworks": "alibabacloud-dataworks.yaml",
}


def spec_dir() -> Path:
    """Where the specs live: ``$CLOUDSIGN_SPECS_DIR`` if set, else the package's ``_specs`` folder."""
    override = os.environ.get("CLOUDSIGN_SPECS_DIR")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "_specs"


def spec_path(name: str) -> Path:
    return spec_dir() / SPEC_FILES[name]


@functools.cache
def load_spec(name: str) -> dict[str, Any]:
    """Parse one spec (YAML) and cache it for the life of the process."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with spec_path(name).open("rb") as fh:
        return cast(dict[str, Any], yaml.load(fh, Loader=loader))  # noqa: S506 - a safe loader (C or Python)


def resolve_refs(node: Any, root: dict[str, Any], _seen: tuple[str, ...] = ()) -> Any:
    """Inline local ``$ref``s (``#/...``) so the result is a self-contained JSON value."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            if ref in _seen:
                raise ValueError(f"recursive $ref {ref}")
            target: Any = root
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            merged = {k: v for k, v in node.items() if k != "$ref"}
            resolved = resolve_refs(target, root, (*_seen, ref))
            return {**resolved, **merged} if merged else resolved
        return {k: resolve_refs(v, root, _seen) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve_refs(v, root, _seen) for v in node]
    return node


def find_operation(spec: dict[str, Any], operation_id: str) -> tuple[str, str, dict[str, Any]]:
    """Return (path, method, operation) for an operationId, with path-level parameters merged in."""
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                op = dict(op)
                op["parameters"] = [*item.get("parameters", []), *op.get("parameters", [])]
                return path, method.upper(), cast(dict[str, Any], resolve_refs(op, spec))
    raise KeyError(operation_id)
