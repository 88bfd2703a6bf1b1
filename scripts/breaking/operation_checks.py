"""The checks of the rules table on whole operations: which exist, their parameters, bodies, statuses, security."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .operations import Operation
from .pairs import Hit, Pair
from .pairs import show as _show


def ops_removed(p: Pair) -> Iterator[Hit]:
    for key in sorted(p.old.keys() - p.new.keys()):
        yield key, f"operation {key} ({p.old[key].endpoint}) removed"


def ops_added(p: Pair) -> Iterator[Hit]:
    for key in sorted(p.new.keys() - p.old.keys()):
        yield key, f"operation {key} ({p.new[key].endpoint}) added"


def endpoint_changed(p: Pair) -> Iterator[Hit]:
    if p.old.endpoint != p.new.endpoint:
        yield "endpoint", f"{p.old.endpoint} -> {p.new.endpoint}"


def _required(param: dict[str, Any]) -> bool:
    return bool(param.get("required")) or param.get("in") == "path"


def _kind(param: dict[str, Any]) -> str:
    return f"{'required' if _required(param) else 'optional'} {param['in']} parameter {param['name']}"


def params_removed(p: Pair) -> Iterator[Hit]:
    for key in sorted(p.old.params.keys() - p.new.params.keys()):
        yield key, f"{_kind(p.old.params[key])} removed"


def params_added(required: bool) -> Callable[[Pair], Iterator[Hit]]:
    def check(p: Pair) -> Iterator[Hit]:
        for key in sorted(p.new.params.keys() - p.old.params.keys()):
            if _required(p.new.params[key]) == required:
                yield key, f"{_kind(p.new.params[key])} added"

    return check


def params_flipped(to_required: bool) -> Callable[[Pair], Iterator[Hit]]:
    def check(p: Pair) -> Iterator[Hit]:
        for key in sorted(p.old.params.keys() & p.new.params.keys()):
            old, new = _required(p.old.params[key]), _required(p.new.params[key])
            if old != new and new == to_required:
                yield key, f"parameter {p.new.params[key]['name']} became {'required' if new else 'optional'}"

    return check


def param_style_changed(p: Pair) -> Iterator[Hit]:
    for key in sorted(p.old.params.keys() & p.new.params.keys()):
        old, new = p.old.params[key], p.new.params[key]
        for word in ("style", "explode", "allowReserved"):
            if old.get(word) != new.get(word):
                yield key, f"{word} {_show(old.get(word))} -> {_show(new.get(word))}"


def body_removed(p: Pair) -> Iterator[Hit]:
    if p.old.body is not None and p.new.body is None:
        yield "body", "request body removed"


def body_required(p: Pair) -> Iterator[Hit]:
    was = p.old.body is not None and bool(p.old.body.get("required"))
    if p.new.body is not None and p.new.body.get("required") and not was:
        yield "body", "request body " + ("became required" if p.old.body is not None else "added as required")


def body_added(p: Pair) -> Iterator[Hit]:
    if p.old.body is None and p.new.body is not None and not p.new.body.get("required"):
        yield "body", "optional request body added"


def media_removed(p: Pair) -> Iterator[Hit]:
    if p.old.body is not None and p.new.body is not None:
        for media in sorted((p.old.body.get("content") or {}).keys() - (p.new.body.get("content") or {}).keys()):
            yield "body", f"request media type {media} removed"
    for status in sorted(p.old.responses.keys() & p.new.responses.keys()):
        old, new = p.old.responses[status].get("content") or {}, p.new.responses[status].get("content") or {}
        for media in sorted(old.keys() - new.keys()):
            yield f"response.{status}", f"response media type {media} removed"


def status_removed(p: Pair) -> Iterator[Hit]:
    for status in sorted(p.old.responses.keys() - p.new.responses.keys()):
        yield f"response.{status}", f"response status {status} removed"


def status_added(p: Pair) -> Iterator[Hit]:
    for status in sorted(p.new.responses.keys() - p.old.responses.keys()):
        yield f"response.{status}", f"response status {status} added"


def header_removed(p: Pair) -> Iterator[Hit]:
    for status in sorted(p.old.responses.keys() & p.new.responses.keys()):
        old = {h.lower() for h in p.old.responses[status].get("headers") or {}}
        new = {h.lower() for h in p.new.responses[status].get("headers") or {}}
        for header in sorted(old - new):
            yield f"response.{status}.header.{header}", f"response header {header} removed"


def _alternatives(op: Operation) -> set[frozenset[tuple[str, tuple[str, ...]]]]:
    """The security requirement alternatives, each a set of (scheme, scopes); no security is one empty one."""
    found = {frozenset((name, tuple(sorted(scopes or []))) for name, scopes in req.items()) for req in op.security}
    return found or {frozenset()}


def _spell(alternative: frozenset[tuple[str, tuple[str, ...]]]) -> str:
    return " + ".join(f"{name}{list(scopes) if scopes else ''}" for name, scopes in sorted(alternative)) or "none"


def security_removed(p: Pair) -> Iterator[Hit]:
    for alt in sorted(_alternatives(p.old) - _alternatives(p.new), key=_spell):
        yield "security", f"security requirement {_spell(alt)} removed"


def security_added(p: Pair) -> Iterator[Hit]:
    for alt in sorted(_alternatives(p.new) - _alternatives(p.old), key=_spell):
        yield "security", f"security requirement {_spell(alt)} added"


def _without_descriptions(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_descriptions(v) for k, v in node.items() if k != "description" and not k.startswith("x-")}
    return node


def _scheme(op: Operation, name: str) -> Any:
    schemes = (op.doc.data.get("components") or {}).get("securitySchemes") or {}
    return _without_descriptions(op.doc.deref(schemes.get(name)))


def scheme_changed(p: Pair) -> Iterator[Hit]:
    used = {n for alt in _alternatives(p.old) for n, _ in alt} & {n for alt in _alternatives(p.new) for n, _ in alt}
    for name in sorted(used):
        old, new = _scheme(p.old, name), _scheme(p.new, name)
        if old != new:
            yield f"security.{name}", f"security scheme {name}: {_show(old)} -> {_show(new)}"
