"""Find and load the OpenAPI documents shipped with the package (a link to the repository's specs/), lazily.

Documents are found, not listed. A file name says where a document belongs:

* ``<cloud>-<service>.yaml`` is a service's main document, e.g. ``huaweicloud-das.yaml``;
* ``<cloud>-<service>.<Anything>.yaml`` is one more document of the same service, e.g. one more RPC action
  (``alibabacloud-dataworks.UpdateConnection.yaml``), since OpenAPI allows one POST per path.

All documents of a service generate into one package, ``<service>_client`` (``das_client``, ``dataworks_client``),
and one client of that package reaches every operation of every document. Only ``listdir`` runs until an operation
is needed; each YAML document is parsed once, on first use.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

SPEC_SUFFIX = ".yaml"


def spec_dir() -> Path:
    """Where the specs live: ``$CLOUDSIGN_SPECS_DIR`` if set, else the package's ``_specs`` folder."""
    override = os.environ.get("CLOUDSIGN_SPECS_DIR")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "_specs"


@dataclass(frozen=True, slots=True)
class ServiceFiles:
    """The documents of one service, as found on disk (the main document first)."""

    name: str  # "huaweicloud-das"
    cloud: str  # "huaweicloud"
    package: str  # "das_client"
    documents: tuple[str, ...]  # document names (file stems), main first

    @property
    def distribution(self) -> str:
        """The generated project's name and its folder under generated/ (``das-client``)."""
        return self.package.replace("_", "-")


def service_of(document: str) -> tuple[str, str, str]:
    """``alibabacloud-dataworks.UpdateConnection`` -> (service, cloud, package)."""
    service = document.split(".", 1)[0]
    cloud, sep, rest = service.partition("-")
    if not sep or not rest:
        raise ValueError(f"spec file {document}{SPEC_SUFFIX} is not named <cloud>-<service>[.<part>]{SPEC_SUFFIX}")
    return service, cloud, rest.replace("-", "_") + "_client"


@functools.cache
def _discover(directory: str) -> dict[str, ServiceFiles]:
    grouped: dict[str, list[str]] = {}
    for entry in sorted(os.listdir(directory)):
        if entry.endswith(SPEC_SUFFIX) and not entry.startswith("."):
            stem = entry[: -len(SPEC_SUFFIX)]
            grouped.setdefault(service_of(stem)[0], []).append(stem)
    found = {}
    for service, stems in grouped.items():
        _, cloud, package = service_of(service)
        stems.sort(key=lambda s: (s != service, s))  # the main document first
        found[service] = ServiceFiles(service, cloud, package, tuple(stems))
    return found


def services() -> dict[str, ServiceFiles]:
    """Every service in the spec folder, by name."""
    return _discover(str(spec_dir()))


def documents() -> list[str]:
    """Every document name, service by service."""
    return [doc for files in services().values() for doc in files.documents]


def spec_path(name: str) -> Path:
    return spec_dir() / f"{name}{SPEC_SUFFIX}"


# The first server URL of a document, in the block style the specs are written in (``servers:`` at the top level,
# then ``- url: ...``): read without parsing YAML, which a client built by region would otherwise pay for at start.
_FIRST_SERVER = re.compile(
    r"^servers:[ \t]*\n(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]+-[ \t]+url:[ \t]*(['\"]?)([^'\"\s#]+)\1", re.M
)


@functools.cache
def first_server_url(name: str) -> str | None:
    """``servers[0].url`` of a document, or None when it has none. Falls back to parsing the YAML when the block is
    written in another style."""
    text = spec_path(name).read_text(encoding="utf-8")
    found = _FIRST_SERVER.search(text)
    if found is not None:
        return found.group(2)
    if not re.search(r"^servers:", text, re.M):
        return None
    servers = load_spec(name).get("servers") or []
    return str(servers[0]["url"]) if servers else None


@functools.cache
def load_spec(name: str) -> dict[str, Any]:
    """Parse one document (YAML) and cache it for the life of the process."""
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


HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def operations_of(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, METHOD, operation) for every operation of a document, path-level parameters merged, refs inlined."""
    found = []
    for path, item in (spec.get("paths") or {}).items():
        item = resolve_refs(item, spec)
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                # An operation's own parameter overrides a path-level one with the same name and location.
                own = {(p["name"], p["in"]) for p in op.get("parameters", [])}
                inherited = [p for p in item.get("parameters", []) if (p["name"], p["in"]) not in own]
                found.append((path, method.upper(), {**op, "parameters": [*inherited, *op.get("parameters", [])]}))
    return found


def find_operation(spec: dict[str, Any], operation_id: str) -> tuple[str, str, dict[str, Any]]:
    """Return (path, method, operation) for an operationId, with path-level parameters merged in."""
    for path, method, op in operations_of(spec):
        if op.get("operationId") == operation_id:
            return path, method, op
    raise KeyError(operation_id)
