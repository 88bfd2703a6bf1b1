"""The facts the official Huawei Cloud SDK (huaweicloudsdk<service>) states about one operation, read from its
models and its client, never restated here:

* wire names: each model's ``attribute_map``;
* types: ``openapi_types`` (``str``, ``int``, ``list[str]``, a nested model's name, ...);
* location: the client's ``_<operation>_http_info(request)`` is called with one probe value per request
  attribute, and the probe is found in its ``path_params``, ``query_params``, ``header_params`` or ``body``;
  ``resource_path`` placeholders the request does not carry (``{project_id}``) are filled by the SDK from the
  credentials: path parameters, required;
* required: the model's ``__init__`` assigns a required attribute unconditionally and an optional one under
  ``if x is not None`` (read from its syntax tree). The response models assign every member conditionally
  whatever the API guarantees, so for responses only an unconditional assignment is a fact;
* secrets: ``sensitive_list`` (a listed member is a fact; an unlisted one says nothing).
The models give no enums (their descriptions are prose) and no integer widths.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import re
import textwrap
from typing import Any

from .facts import Field, child

_PRIMITIVES: dict[str, tuple[str, str | None]] = {
    "str": ("string", None),
    "int": ("integer", None),
    "float": ("number", None),
    "bool": ("boolean", None),
    "datetime": ("string", "date-time"),
    "date": ("string", "date"),
}


class _Probe:
    """A value no API would send: found by identity wherever the SDK's client puts it."""


@functools.cache
def _init_assignments(cls: Any) -> dict[str, bool]:
    """attribute -> True when ``__init__`` assigns it unconditionally, False when under an ``if``."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls.__init__)))
    fn = tree.body[0]
    assert isinstance(fn, ast.FunctionDef)
    out: dict[str, bool] = {}

    def visit(statements: list[ast.stmt], unconditional: bool) -> None:
        for stmt in statements:
            if isinstance(stmt, ast.If):
                visit(stmt.body, False)
                visit(stmt.orelse, False)
            elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Name):
                for target in stmt.targets:
                    if isinstance(target, ast.Attribute) and target.attr == stmt.value.id:
                        out[target.attr] = unconditional

    visit(fn.body, True)
    return out


class HuaweiVendor:
    """One Huawei SDK service package, e.g. ``huaweicloudsdkdas.v3`` with its ``DasClient``."""

    def __init__(self, package: str, client: str) -> None:
        self.package = package
        self.client_name = client

    @functools.cached_property
    def module(self) -> Any:
        return importlib.import_module(self.package)

    @functools.cached_property
    def _http_infos(self) -> dict[str, Any]:
        """Operation name (``CreateInstanceConnection``) -> the client's ``_..._http_info`` classmethod, found by
        the ``response_type`` each one names."""
        client = getattr(self.module, self.client_name)
        found = {}
        for attr in dir(client):
            if attr.startswith("_") and attr.endswith("_http_info"):
                source = inspect.getsource(getattr(client, attr))
                named = re.search(r'"response_type":\s*"(\w+)Response"', source)
                if named:
                    found[named.group(1)] = getattr(client, attr)
        return found

    def defines(self, operation: str) -> bool:
        return operation in self._http_infos and hasattr(self.module, operation + "Request")

    def model(self, name: str) -> Any:
        return getattr(self.module, name)

    def fields(self, operation: str) -> dict[tuple[str, str, str], Field]:
        http_info = self._http_infos[operation]
        request_cls = self.model(operation + "Request")
        assigned = _init_assignments(request_cls)
        out: list[Field] = []
        path_seen: set[str] = set()
        info: dict[str, Any] = http_info(request_cls())
        for attr, kind in request_cls.openapi_types.items():
            request = request_cls()
            probe = _Probe()
            setattr(request, attr, probe)
            info = http_info(request)
            required = assigned.get(attr)
            sensitive = True if attr in request_cls.sensitive_list else None
            if info["body"] is probe:
                out += self._typed("request", "body", "", kind, required, sensitive, response=False)
                continue
            where = [(loc, name) for loc, name in self._places(info) if name[1] is probe]
            assert len(where) == 1, f"{operation}.{attr}: the client puts the probe in {where or 'no place'}"
            location, (wire, _) = where[0]
            if location == "path":
                path_seen.add(wire)
            out += self._typed("request", location, wire, kind, required, sensitive, response=False)
        for name in re.findall(r"\{(\w+)\}", info.get("resource_path", "")):
            if name not in path_seen:  # filled by the SDK from the credentials (project_id)
                out.append(Field("request", "path", name, required=True))
        response_cls = self.model(info["response_type"])
        headers = set(info.get("response_headers") or ())
        out += self._response(response_cls, headers)
        return {f.key: f for f in out}

    @staticmethod
    def _places(info: dict[str, Any]) -> list[tuple[str, tuple[str, Any]]]:
        places: list[tuple[str, tuple[str, Any]]] = [("path", item) for item in info["path_params"].items()]
        places += [("query", (name, value)) for name, value in info["query_params"]]
        places += [("header", item) for item in info["header_params"].items()]
        places += [("formData", item) for item in (info.get("post_params") or {}).items()]
        return places

    def _response(self, cls: Any, headers: set[str]) -> list[Field]:
        assigned = _init_assignments(cls)
        out: list[Field] = []
        members = dict(cls.openapi_types)
        if set(members) == {"body"} and cls.attribute_map["body"] == "body":
            return self._typed("response", "body", "", members["body"], None, None, response=True)
        out.append(Field("response", "body", "", types=frozenset({"object"})))
        for attr, kind in members.items():
            wire = cls.attribute_map[attr]
            required = True if assigned.get(attr) else None
            sensitive = True if attr in cls.sensitive_list else None
            location = "header" if wire in headers else "body"
            out += self._typed("response", location, wire, kind, required, sensitive, response=True)
        return out

    def _typed(
        self,
        direction: str,
        location: str,
        name: str,
        kind: str,
        required: bool | None,
        sensitive: bool | None,
        *,
        response: bool,
        depth: int = 0,
    ) -> list[Field]:
        if kind.startswith("list["):
            out = [Field(direction, location, name, frozenset({"array"}), required=required, sensitive=sensitive)]
            return out + self._typed(
                direction, location, name + "[]", kind[5:-1], None, None, response=response, depth=depth
            )
        if kind.startswith("dict("):
            return [Field(direction, location, name, frozenset({"object"}), required=required, sensitive=sensitive)]
        if kind == "object":
            return [Field(direction, location, name, None, required=required, sensitive=sensitive)]
        if kind in _PRIMITIVES:
            types, fmt = _PRIMITIVES[kind]
            return [Field(direction, location, name, frozenset({types}), fmt, required=required, sensitive=sensitive)]
        cls = self.model(kind)
        out = [Field(direction, location, name, frozenset({"object"}), required=required, sensitive=sensitive)]
        if depth > 8:  # a model that contains itself
            return out
        assigned = _init_assignments(cls)
        for attr, sub in cls.openapi_types.items():
            flag = assigned.get(attr)
            needed = (True if flag else None) if response else flag
            secret = True if attr in cls.sensitive_list else None
            wire = cls.attribute_map[attr]
            out += self._typed(
                direction, location, child(name, wire), sub, needed, secret, response=response, depth=depth + 1
            )
        return out
