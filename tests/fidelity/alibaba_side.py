"""The facts the official Alibaba Cloud SDK (alibabacloud_<product><version>) states about one RPC action, read
from its models and its client, never restated here:

* wire names: each model's ``to_map()``, called with one attribute set at a time;
* types: the ``__init__`` annotations (``str``, ``int``, ``List[...]``, ``main_models.<Model>``);
* location: the client's ``<action>_with_options(request, runtime)`` runs with ``call_api`` replaced by a
  recorder; each probe's wire name is found in the request's query, body or headers. ``Action`` and ``Version``
  come from the ``Params`` it builds (an RPC-style action carries them in the query);
* required: the comment above the attribute ("This parameter is required.") or a ``validate_required`` call in
  ``validate()``; the response models mark nothing, so for responses only such a mark is a fact;
* enums: a comment's "Valid values:" list (inline, ``0 and 1``, or one ``*   value`` bullet per line).
The models give no integer widths and no secrets.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import re
from typing import Any

from .facts import Field, child

_PRIMITIVES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}
_REQUIRED = "This parameter is required."


@functools.cache
def comments(cls: type) -> dict[str, str]:
    """attribute -> the comment block written above ``self.<attribute> = <attribute>`` in ``__init__``."""
    out: dict[str, str] = {}
    block: list[str] = []
    for line in inspect.getsource(cls.__init__).splitlines():  # type: ignore[misc]
        text = line.strip()
        if text.startswith("#"):
            block.append(text[2:] if text.startswith("# ") else text[1:])
            continue
        assigned = re.match(r"self\.(\w+) = (\w+)$", text)
        if assigned and assigned.group(1) == assigned.group(2):
            out[assigned.group(1)] = "\n".join(block)
        block = []
    return out


def _cast(token: str, types: frozenset[str] | None) -> Any:
    if types == frozenset({"integer"}):
        return int(token)
    if types == frozenset({"boolean"}):
        return {"true": True, "false": False}[token.lower()]
    return token


def valid_values(comment: str, types: frozenset[str] | None) -> frozenset[Any] | None:
    """The values a "Valid values:" comment lists, cast to the field's type; None when there is no such list or
    it does not read as one (prose, or values that are not of the field's type)."""
    found = re.search(r"Valid values:[ \t]*([^\n]*)", comment)
    if not found:
        return None
    inline = found.group(1).strip()
    tokens: list[str]
    if inline:
        head = re.split(r"\.(?:\s|$)", inline, maxsplit=1)[0]
        tokens = [t for t in re.split(r",\s*|\s+and\s+|\s+or\s+", head) if t]
    else:
        tokens = []
        for line in comment[found.end() :].splitlines():
            if not line.strip() and not tokens:
                continue
            bullet = re.match(r"\*\s+`?([^`\s:,]+)`?", line.strip())
            if not bullet:
                break
            tokens.append(bullet.group(1))
    tokens = [t.strip("`'\".") for t in tokens]
    if not tokens or any(not re.fullmatch(r"[\w.-]+", t) for t in tokens):
        return None
    try:
        return frozenset(_cast(t, types) for t in tokens)
    except (ValueError, KeyError):
        return None


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


class _Recorder:
    """Stands in for ``call_api``: keeps what the client would send, answers an empty success."""

    def __init__(self) -> None:
        self.params: Any = None
        self.request: Any = None

    def __call__(self, params: Any, request: Any, runtime: Any) -> dict[str, Any]:
        self.params, self.request = params, request
        return {"body": {}, "headers": {}, "statusCode": 200}


class AlibabaVendor:
    """One Alibaba SDK product package, e.g. ``alibabacloud_dataworks_public20200518``."""

    def __init__(self, package: str) -> None:
        self.package = package

    @functools.cached_property
    def models(self) -> Any:
        return importlib.import_module(self.package + ".models")

    @functools.cached_property
    def client_class(self) -> Any:
        return importlib.import_module(self.package + ".client").Client

    def _method(self, action: str) -> Any:
        method = getattr(self.client_class, _snake(action) + "_with_options", None)
        if method is not None and f"action = '{action}'" in inspect.getsource(method):
            return method
        return None

    def defines(self, operation: str) -> bool:
        return hasattr(self.models, operation + "Request") and self._method(operation) is not None

    def _call(self, operation: str, request: Any) -> _Recorder:
        from darabonba.runtime import RuntimeOptions

        client = self.client_class.__new__(self.client_class)
        recorder = _Recorder()
        client.call_api = recorder
        self._method(operation)(client, request, RuntimeOptions())
        return recorder

    def _kind(self, annotation: str) -> tuple[frozenset[str] | None, Any]:
        """(JSON types, what is inside: a model class, or the item annotation of a list)."""
        annotation = annotation.strip()
        if annotation in _PRIMITIVES:
            return frozenset({_PRIMITIVES[annotation]}), None
        if annotation.startswith("List["):
            return frozenset({"array"}), annotation[5:-1]
        if annotation.startswith("Dict["):
            return frozenset({"object"}), None
        if annotation.startswith("main_models."):
            return frozenset({"object"}), getattr(self.models, annotation.split(".", 1)[1])
        return None, None

    def _sample(self, annotation: str, depth: int = 0) -> Any:
        types, inner = self._kind(annotation)
        if types == frozenset({"array"}):
            return [self._sample(inner, depth + 1)]
        if isinstance(inner, type):
            return self._filled(inner, depth + 1)
        return {"string": "probe", "integer": 7, "number": 1.5, "boolean": True}.get(next(iter(types or {"x"})), {})

    def _filled(self, cls: type, depth: int) -> Any:
        instance = cls()
        if depth < 6:
            for name, param in self._params(cls).items():
                setattr(instance, name, self._sample(param, depth))
        return instance

    @staticmethod
    def _params(cls: type) -> dict[str, str]:
        signature = inspect.signature(cls.__init__)  # type: ignore[misc]
        return {n: str(p.annotation) for n, p in signature.parameters.items() if n != "self"}

    def _wire(self, cls: type, attr: str, annotation: str) -> str:
        baseline = cls().to_map()  # some models always write a list member, empty
        instance = cls()
        setattr(instance, attr, self._sample(annotation))
        (key,) = [k for k, v in instance.to_map().items() if k not in baseline or baseline[k] != v]
        return str(key)

    def _required(self, cls: type) -> set[str]:
        marked = {a for a, text in comments(cls).items() if _REQUIRED in text}
        validate = inspect.getsource(cls.validate)  # type: ignore[attr-defined]
        return marked | set(re.findall(r"validate_required\(self\.(\w+)", validate))

    def fields(self, operation: str) -> dict[tuple[str, str, str], Field]:
        request_cls = getattr(self.models, operation + "Request")
        out: list[Field] = []
        params = self._params(request_cls)
        required = self._required(request_cls)
        notes = comments(request_cls)
        recorder = self._call(operation, request_cls())
        if str(recorder.params.style).upper() == "RPC":
            for name in ("Action", "Version"):
                value = getattr(recorder.params, name.lower())
                out.append(
                    Field("request", "query", name, frozenset({"string"}), required=True, enum=frozenset([value]))
                )
        for attr, annotation in params.items():
            request = request_cls()
            sample = self._sample(annotation)
            setattr(request, attr, sample)
            wire = self._wire(request_cls, attr, annotation)
            sent = self._call(operation, request).request
            places = {"query": sent.query or {}, "body": sent.body or {}, "header": sent.headers or {}}
            where = [
                loc
                for loc, got in places.items()
                if isinstance(got, dict) and any(k == wire or k.startswith(wire + ".") for k in got)
            ]
            assert len(where) == 1, f"{operation}.{attr}: the client puts {wire} in {where or 'no place'}"
            location = where[0]
            flag = attr in required
            structured = isinstance(sample, (list, dict)) or hasattr(sample, "to_map")
            if structured and isinstance(places[location].get(wire), str):
                # sent as JSON text (the SDK's "shrink" form): a string on the wire, whatever the model holds
                out.append(Field("request", location, wire, frozenset({"string"}), required=flag))
                continue
            out += self._typed("request", location, wire, annotation, flag, notes.get(attr, ""), response=False)
        response_cls = self._response_body(operation)
        out.append(Field("response", "body", "", frozenset({"object"})))
        out += self._members("response", "body", "", response_cls, response=True)
        return {f.key: f for f in out}

    def _response_body(self, operation: str) -> type:
        wrapper = getattr(self.models, operation + "Response")
        _, inner = self._kind(self._params(wrapper)["body"])
        return inner  # type: ignore[no-any-return]

    def _members(
        self, direction: str, location: str, prefix: str, cls: type, *, response: bool, depth: int = 0
    ) -> list[Field]:
        out: list[Field] = []
        if depth > 8:
            return out
        required = self._required(cls)
        notes = comments(cls)
        for attr, annotation in self._params(cls).items():
            wire = self._wire(cls, attr, annotation)
            flag: bool | None = attr in required
            if response and not flag:
                flag = None
            out += self._typed(
                direction,
                location,
                child(prefix, wire),
                annotation,
                flag,
                notes.get(attr, ""),
                response=response,
                depth=depth,
            )
        return out

    def _typed(
        self,
        direction: str,
        location: str,
        name: str,
        annotation: str,
        required: bool | None,
        note: str,
        *,
        response: bool,
        depth: int = 0,
    ) -> list[Field]:
        types, inner = self._kind(annotation)
        out = [Field(direction, location, name, types, required=required, enum=valid_values(note, types))]
        if types == frozenset({"array"}):
            out += self._typed(direction, location, name + "[]", inner, None, "", response=response, depth=depth + 1)
        elif isinstance(inner, type):
            out += self._members(direction, location, name, inner, response=response, depth=depth + 1)
        return out
