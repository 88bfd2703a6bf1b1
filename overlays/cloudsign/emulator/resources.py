"""The emulators' resources: what a create operation made is shown, listed, changed and deleted by the other
operations of the same resource, per account and project, as each operation's spec extension says.

An operation takes part when its spec carries ``x-cloudsign-resource`` (nothing here names an operation):

``name``
    the resource kind; operations of one service with the same name share their resources.
``role``
    ``create``, ``read``, ``list``, ``update`` or ``delete``.
``id``
    a JSON pointer: into the success answer for ``create`` (``/<id property>``), else into the checked request
    values (path and query parameters by name, the JSON body under ``/body``); ``*`` walks every item of an array
    (``/body/<list>/*/<id property>``: a batch).
``id_field``
    the property that holds the id in the resource as it is shown.
``project``
    the parameter that scopes resources within an account (a project). An operation without
    it finds a resource in any project of the account.
``rename``
    request field -> shown property, a name or ``{field: name, values: {sent: shown}}``; other fields keep
    their names. A resource is shown with the properties of its schema only, so write-only fields never are.
``item`` (read), ``items`` and ``total`` (list)
    pointers into the success answer: where the resource, the page of resources and the total count go.
``paging`` (list)
    ``{skip: <param>, take: <param>}`` or ``{page: <param from 1>, size: <param>, page_out: <pointer>,
    size_out: <pointer>}``; a parameter left out takes its schema's ``default``.
``filters`` / ``contains`` (list)
    parameter -> shown property (equality; a ``{field, values}`` maps the sent value first) / parameter -> list
    of properties, one of which must contain the sent text (case-insensitive).
``all`` (delete)
    a pointer to a boolean that deletes every resource in scope.
``missing``
    ``{status, code, message}``: how an unknown or deleted id is answered (the gateway wraps it in the cloud's
    envelope). A batch naming one unknown id is refused as a whole: nothing is deleted.

Resources are kept as their fields (secret fields masked here, ``kept_fields``) and shown over the operation's own
success example, so every property the spec documents is present.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._core.secrets import MASK
from .._core.spec_values import merged

if TYPE_CHECKING:
    from .._core.registry import Operation

__all__ = [
    "EXTENSION",
    "Missing",
    "ResourceRule",
    "ResourceStore",
    "flat_fields",
    "kept_fields",
    "rule_of",
    "serve_resource",
]

EXTENSION = "x-cloudsign-resource"
ROLES = frozenset({"create", "read", "list", "update", "delete"})


@dataclass(frozen=True, slots=True)
class Missing:
    """The answer to an unknown or deleted id: the status and error code the spec chose."""

    status: int
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class ResourceRule:
    """An operation's ``x-cloudsign-resource``, read once (see the module docstring)."""

    name: str
    role: str
    id_field: str
    id: str | None = None
    project: str | None = None
    item: str | None = None
    items: str | None = None
    total: str | None = None
    all: str | None = None
    paging: Mapping[str, Any] = field(default_factory=dict)
    filters: Mapping[str, Any] = field(default_factory=dict)
    contains: Mapping[str, list[str]] = field(default_factory=dict)
    rename: Mapping[str, Any] = field(default_factory=dict)
    missing: Missing | None = None

    @classmethod
    def from_spec(cls, data: Mapping[str, Any]) -> ResourceRule:
        role = data.get("role")
        if role not in ROLES or not data.get("name") or not data.get("id_field"):
            raise ValueError(f"{EXTENSION} needs name, id_field and a role among {sorted(ROLES)}: {dict(data)!r}")
        missing = data.get("missing")
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data and k != "missing"}
        return cls(
            **known, missing=Missing(int(missing["status"]), missing["code"], missing["message"]) if missing else None
        )


@functools.cache
def rule_of(operation: Operation) -> ResourceRule | None:
    """The operation's resource rule, or None when it takes no part."""
    data = operation.spec.get(EXTENSION)
    return ResourceRule.from_spec(data) if isinstance(data, Mapping) else None


# ---------------------------------------------------------------------------------------------------------------
# JSON pointers (RFC 6901, plus ``*`` for every item of an array)


@functools.lru_cache(maxsize=256)
def _parts(pointer: str) -> tuple[str, ...]:
    """A pointer's unescaped parts, worked out once per pointer (they come from the specs)."""
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]) if pointer else ()


def pointer_values(document: Any, pointer: str) -> list[Any]:
    """Every value the pointer reaches (one without ``*``; none when a part is missing)."""
    found = [document]
    for part in _parts(pointer):
        nxt: list[Any] = []
        for node in found:
            if part == "*" and isinstance(node, list):
                nxt.extend(node)
            elif (node.__class__ is dict or isinstance(node, Mapping)) and part in node:
                nxt.append(node[part])
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                nxt.append(node[int(part)])
        found = nxt
    return found


def pointer_set(document: Any, pointer: str, value: Any) -> None:
    """Put ``value`` where the pointer says, making objects on the way."""
    parts = _parts(pointer)
    node = document
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def pointer_replace(document: Any, pointer: str, value: Any) -> int:
    """Replace every value the pointer reaches (``*`` walks arrays) that exists; the number replaced."""
    parts = _parts(pointer)
    if not parts:
        return 0
    count = 0
    parent_pointer = "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts[:-1])
    for parent in pointer_values(document, parent_pointer):
        last = parts[-1]
        if isinstance(parent, dict) and last in parent:
            parent[last] = value
            count += 1
        elif isinstance(parent, list) and last == "*":
            parent[:] = [value] * len(parent)
            count += len(parent)
    return count


def _schema_at(schema: Mapping[str, Any], pointer: str) -> Mapping[str, Any]:
    node = merged(schema)
    for part in _parts(pointer):
        node = (
            merged(node.get("items") or {}) if part == "*" else merged((node.get("properties") or {}).get(part) or {})
        )
    return node


# ---------------------------------------------------------------------------------------------------------------
# The store


@dataclass(slots=True)
class _Resource:
    project: str | None
    fields: dict[str, Any]


Key = tuple[str, str, str]  # (service, resource name, account)


class ResourceStore:
    """Resources by service, kind and account, each with its project; in creation order."""

    def __init__(self) -> None:
        self._kinds: dict[Key, dict[str, _Resource]] = {}
        self.lock = threading.Lock()

    def kind(self, key: Key) -> dict[str, _Resource]:
        return self._kinds.setdefault(key, {})

    def count(self) -> int:
        with self.lock:
            return sum(len(kind) for kind in self._kinds.values())

    def snapshot(self) -> list[dict[str, Any]]:
        """Every resource kept: service, kind, account, project and fields (already masked)."""
        with self.lock:
            return [
                {"service": key[0], "resource": key[1], "account": key[2], "project": r.project, **r.fields}
                for key, kind in self._kinds.items()
                for r in kind.values()
            ]

    def clear(self) -> None:
        with self.lock:
            self._kinds.clear()


def flat_fields(operation: Operation, values: Mapping[str, Any]) -> dict[str, Any]:
    """The request's fields, unmasked: parameters other than headers, the JSON body's fields flattened in (a body
    that is not an object is left out). Made once per call: the resource and the record both start from it."""
    locations = operation.validator.locations
    out = {k: v for k, v in values.items() if k != "body" and locations.get(k) != "header"}
    body = values.get("body")
    if isinstance(body, dict) or (body is not None and isinstance(body, Mapping)):
        out.update(body)
    return out


def kept_fields(
    operation: Operation, values: Mapping[str, Any], flat: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The request's fields as a resource keeps them (``flat_fields``, given or made here), the operation's secret
    fields masked (only those: a boolean named like a password stays)."""
    out = flat_fields(operation, values) if flat is None else flat
    secret = operation.validator.secret_fields
    if not secret:
        return dict(out)
    return {k: (MASK if k in secret else v) for k, v in out.items()}


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _mapped(spec: Any, name: str, value: Any) -> tuple[str, Any]:
    """(shown property, shown value) for a request field under a ``rename`` / ``filters`` entry."""
    if isinstance(spec, Mapping):
        values = spec.get("values") or {}
        return str(spec.get("field", name)), values.get(_text(value), value)
    return (str(spec) if spec else name), value


def _shown(rule: ResourceRule, fields: Mapping[str, Any]) -> dict[str, Any]:
    rename = rule.rename
    if not rename:
        return dict(fields)
    out: dict[str, Any] = {}
    for name, value in fields.items():
        spec = rename.get(name)
        if spec is None:  # kept under its own name (most fields)
            out[name] = value
        else:
            target, shown = _mapped(spec, name, value)
            out[target] = shown
    return out


def _in_scope(resource: _Resource, project: str | None) -> bool:
    return project is None or resource.project is None or resource.project == project


def _render(base: Any, schema: Mapping[str, Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    """The resource shown over the example ``base``: only properties the schema (or the example) has."""
    shown = dict(base) if isinstance(base, Mapping) else {}
    allowed = set(schema.get("properties") or {}) or set(shown)
    shown.update({k: v for k, v in fields.items() if k in allowed})
    return shown


def _default(operation: Operation, name: str) -> Any:
    for param in operation.spec.get("parameters", []):
        if param.get("name") == name:
            return (param.get("schema") or {}).get("default")
    return None


def _page(
    rule: ResourceRule, operation: Operation, values: Mapping[str, Any], found: list[Any]
) -> tuple[list[Any], dict[str, int]]:
    paging = rule.paging
    if "page" in paging:
        number = int(values.get(paging["page"], _default(operation, paging["page"]) or 1))
        size = int(values.get(paging["size"], _default(operation, paging["size"]) or len(found) or 1))
        out = {p: v for p, v in ((paging.get("page_out"), number), (paging.get("size_out"), size)) if p}
        return found[(number - 1) * size : number * size], out
    if "skip" in paging:
        skip = int(values.get(paging["skip"], _default(operation, paging["skip"]) or 0))
        take = values.get(paging["take"], _default(operation, paging["take"]))
        return found[skip : None if take is None else skip + int(take)], {}
    return found, {}


def _matches(rule: ResourceRule, values: Mapping[str, Any], shown: Mapping[str, Any]) -> bool:
    for param, spec in rule.filters.items():
        if param in values:
            target, wanted = _mapped(spec, param, values[param])
            if _text(shown.get(target)) != _text(wanted):
                return False
    for param, targets in rule.contains.items():
        if param in values:
            text = _text(values[param]).lower()
            if not any(text in _text(shown.get(t, "")).lower() for t in targets):
                return False
    return True


def serve_resource(
    store: ResourceStore,
    operation: Operation,
    values: Mapping[str, Any],
    account: str,
    body: Any,
    schema: Mapping[str, Any],
    flat: Mapping[str, Any] | None = None,
) -> Any:
    """Carry out the operation's part in its resource's life and return the answer's body (``body`` changed in
    place for a read or a list), or ``Missing``. ``values`` are the checked request values, ``schema`` the success
    answer's schema, ``flat`` their ``flat_fields`` when the caller has them."""
    rule = rule_of(operation)
    if rule is None:
        return body
    business = kept_fields(operation, values, flat)
    project = _text(values[rule.project]) if rule.project and rule.project in values else None
    key = (operation.service, rule.name, account)
    with store.lock:
        kind = store.kind(key)
        if rule.role == "create":
            for new_id in pointer_values(body, rule.id or ""):
                fields = _shown(rule, business)
                fields[rule.id_field] = new_id
                kind[_text(new_id)] = _Resource(project, fields)
            return body
        if rule.role == "list":
            return _list(rule, operation, values, kind, project, body, schema)
        ids = [_text(v) for v in pointer_values(values, rule.id or "")]
        everything = rule.all is not None and True in pointer_values(values, rule.all)
        found = [kind.get(i) for i in ids]
        if any(r is None or not _in_scope(r, project) for r in found) or (not ids and not everything):
            return rule.missing or Missing(404, "NotFound", "The resource does not exist.")
        if rule.role == "read":
            pointer = rule.item or ""
            base = next(iter(pointer_values(body, pointer)), None)
            shown = _render(base, _schema_at(schema, pointer), found[0].fields if found[0] else {})
            if pointer:
                pointer_set(body, pointer, shown)
                return body
            return shown
        if rule.role == "update":
            changes = {k: v for k, v in _shown(rule, business).items() if k not in (rule.id_field, rule.project)}
            for resource in found:
                if resource is not None:
                    resource.fields.update(changes)
            return body
        doomed: Iterable[str] = ids
        if everything:
            doomed = [i for i, r in kind.items() if _in_scope(r, project)]
        for i in list(doomed):
            kind.pop(i, None)
        return body


def _list(
    rule: ResourceRule,
    operation: Operation,
    values: Mapping[str, Any],
    kind: Mapping[str, _Resource],
    project: str | None,
    body: Any,
    schema: Mapping[str, Any],
) -> Any:
    pointer = rule.items or ""
    examples = next(iter(pointer_values(body, pointer)), None)
    base = examples[0] if isinstance(examples, list) and examples else None
    item_schema = _schema_at(schema, pointer + "/*")
    shown = [_render(base, item_schema, r.fields) for r in kind.values() if _in_scope(r, project)]
    shown = [s for s in shown if _matches(rule, values, s)]
    page, extra = _page(rule, operation, values, shown)
    if not pointer:
        return page
    pointer_set(body, pointer, page)
    if rule.total:
        pointer_set(body, rule.total, len(shown))
    for where, number in extra.items():
        pointer_set(body, where, number)
    return body
