"""The operations of a service, read from its spec documents, and the lookup from a request to its operation.

A request that names its operation (every generated function's does) is found by id: ``Service.by_id``. Any other
request (a raw httpx call on a client; what an emulator receives) is routed by method and path, then (when several
operations share a path, as RPC actions share ``/``) by the query parameters the spec pins with ``const``
(``Action``, ``Version``), compared for each operation on that path in turn. The path lookup is compiled on first
use: a dict for literal paths and a segment trie for templated ones, so it costs O(path depth), whatever the number
of operations. The clients and the emulators use the same registry.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from .memo import keep
from .specs import ServiceFiles, load_spec, operations_of, services

if TYPE_CHECKING:
    from .validation import OperationValidator

# Methods that may be sent twice without doing twice what they do (RFC 9110 9.2.2).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
_TEMPLATE = re.compile(r"^\{([^}/]+)\}$")


@dataclass(eq=False)
class Operation:
    """One operation of one document: what routing, validation, retries and the emulator need to know."""

    service: str
    document: str
    operation_id: str
    method: str
    path: str
    spec: dict[str, Any] = field(repr=False)
    # Query parameters pinned with ``const`` (an RPC action's Action and Version).
    constants: dict[str, Any] = field(default_factory=dict)

    @property
    def idempotent(self) -> bool:
        return self.method in IDEMPOTENT_METHODS

    @functools.cached_property
    def pinned_text(self) -> tuple[tuple[str, str | None], ...]:
        """``constants`` as (name, text) pairs: what a query must carry to be routed here, spelled once."""
        return tuple((name, _text(value)) for name, value in self.constants.items())

    @functools.cached_property
    def validator(self) -> OperationValidator:
        from .validation import OperationValidator

        return OperationValidator.for_operation(self.path, self.method, self.spec)

    def success_statuses(self) -> list[int]:
        return sorted(int(s) for s in self.spec.get("responses", {}) if s.isdigit() and 200 <= int(s) < 300)

    def __repr__(self) -> str:
        return f"Operation({self.operation_id}: {self.method} {self.path})"


@dataclass
class _Node:
    literal: dict[str, _Node] = field(default_factory=dict)
    variable: _Node | None = None
    names: tuple[str, ...] = ()  # parameter names along the path, when an operation ends here
    ops: list[Operation] = field(default_factory=list)


# Distinct (method, path) routes remembered per service (paths carry IDs, so the set is bounded).
_WALKS_KEPT = 1024


class Service:
    """Every operation of one service (all its documents), routed by method, path and pinned query parameters."""

    def __init__(self, files: ServiceFiles) -> None:
        self.files = files
        self.name = files.name
        self.cloud = files.cloud
        self.package = files.package

    @functools.cached_property
    def operations(self) -> list[Operation]:
        found: list[Operation] = []
        for document in self.files.documents:
            for path, method, op in operations_of(load_spec(document)):
                constants = {
                    p["name"]: p["schema"]["const"]
                    for p in op.get("parameters", [])
                    if p.get("in") == "query" and "const" in (p.get("schema") or {})
                }
                oid = op.get("operationId") or f"{method} {path}"
                found.append(Operation(self.name, document, oid, method, path, op, constants))
        return found

    @functools.cached_property
    def by_id(self) -> dict[str, Operation]:
        """operationId -> operation: how a request that names its operation (the generated functions' do) finds
        it, with no route walk. An id written twice (which the generator refuses) keeps its first operation."""
        found: dict[str, Operation] = {}
        for op in self.operations:
            found.setdefault(op.operation_id, op)
        return found

    def operation(self, operation_id: str) -> Operation:
        try:
            return self.by_id[operation_id]
        except KeyError:
            raise KeyError(f"{self.name} has no operation {operation_id!r}") from None

    @functools.cached_property
    def _walked(self) -> dict[tuple[str, str], tuple[list[Operation], dict[str, str]]]:
        """(method, path) -> what ``_walk`` found, so a client calling the same paths walks each once."""
        return {}

    def _walk(self, method: str, path: str) -> tuple[list[Operation], dict[str, str]]:
        """The operations whose path template matches, and the path's values; ([], {}) when none does."""
        literal, tries = self._routes
        candidates = literal.get((method, path))
        if candidates is not None:
            return candidates, {}
        node = tries.get(method)
        found: list[str] = []
        for segment in path.split("/"):
            if node is None:
                return [], {}
            nxt = node.literal.get(segment)
            if nxt is None and node.variable is not None:  # an empty value routes, then fails validation
                found.append(unquote(segment))
                nxt = node.variable
            node = nxt
        if node is None or not node.ops:
            return [], {}
        return node.ops, dict(zip(node.names, found, strict=True))

    @functools.cached_property
    def _routes(self) -> tuple[dict[tuple[str, str], list[Operation]], dict[str, _Node]]:
        literal: dict[tuple[str, str], list[Operation]] = {}
        tries: dict[str, _Node] = {}
        for op in self.operations:
            segments = op.path.split("/")
            if not any(_TEMPLATE.match(s) for s in segments):
                literal.setdefault((op.method, op.path), []).append(op)
                continue
            node = tries.setdefault(op.method, _Node())
            names: list[str] = []
            for segment in segments:
                match = _TEMPLATE.match(segment)
                if match:
                    names.append(match.group(1))
                    node.variable = node.variable or _Node()
                    node = node.variable
                else:
                    node = node.literal.setdefault(segment, _Node())
            node.names = tuple(names)
            node.ops.append(op)
        return literal, tries

    def route(
        self, method: str, path: str, params: Mapping[str, Any] | None = None
    ) -> tuple[Operation, dict[str, str]] | None:
        """The operation a request is for, and its path parameters (decoded, shared: do not mutate); None when no
        operation matches.

        ``path`` is the request path without the query; ``params`` the query parameters (for pinned values)."""
        walked = self._walked.get((method, path))
        if walked is None:
            walked = keep(self._walked, (method, path), self._walk(method, path), _WALKS_KEPT)
        candidates, values = walked
        given = params or {}
        for op in candidates:
            for name, pinned in op.pinned_text:
                if _text(given.get(name)) != pinned:
                    break
            else:
                return op, values
        return None


def _text(value: Any) -> str | None:
    if value.__class__ is str:  # what a query holds: compared as it is
        return value
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@functools.cache
def service(name: str) -> Service:
    """The service called ``name`` (``huaweicloud-das``); KeyError when no document of it is in specs/."""
    return Service(services()[name])


@functools.cache
def service_for_package(package: str) -> Service:
    """The service whose documents generate ``package`` (``das_client``)."""
    for files in services().values():
        if files.package == package:
            return service(files.name)
    raise KeyError(f"no spec in specs/ generates the package {package!r}")


def clear_caches() -> None:
    """Forget every document, service and server URL read so far, so the next lookup reads specs/ again (after
    ``$CLOUDSIGN_SPECS_DIR`` changed, as tests that extend a copy of specs/ do)."""
    from . import specs

    for cached in (specs._discover, specs.load_spec, specs.first_server_url, service, service_for_package):
        cached.cache_clear()


def services_of_cloud(cloud: str) -> list[Service]:
    return [service(name) for name, files in services().items() if files.cloud == cloud]


def owner_elsewhere(
    own: Service, method: str, path: str, params: Mapping[str, Any] | None = None
) -> tuple[Service, Operation] | None:
    """The service and operation of another package a request routes to, when it does not route in ``own``: a
    generated function of one package called with a client of another. Asked only for requests ``own`` cannot
    route, so a modelled call never pays for it."""
    for name in services():
        other = service(name)
        if other is own:
            continue
        routed = other.route(method, path, params)
        if routed is not None:
            return other, routed[0]
    return None
