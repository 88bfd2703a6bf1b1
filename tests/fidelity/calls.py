"""Turn a vendor example into a whole request and send it with the generated client, for any operation: the
missing required parameters come from our spec's own examples, and the wire names are matched to the generated
function's arguments by name. Nothing here names an operation."""

from __future__ import annotations

import enum
import functools
import importlib
import inspect
import pkgutil
import re
import typing
from collections.abc import Mapping
from typing import Any

_NO_EXAMPLE = object()


def _example(param: Mapping[str, Any]) -> Any:
    schema = param.get("schema") or {}
    for value in (
        param.get("example", _NO_EXAMPLE),
        schema.get("const", _NO_EXAMPLE),
        schema.get("example", _NO_EXAMPLE),
    ):
        if value is not _NO_EXAMPLE:
            return value
    examples = param.get("examples") or {}
    return next(iter(examples.values()))["value"] if examples else _NO_EXAMPLE


def whole_request(op: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """``given`` (wire name -> value; ``body``), completed with the spec's example of every other required
    parameter and, when the body is required and not given, the spec's example body."""
    values = dict(given)
    for param in op.get("parameters") or []:
        if param["name"] not in values and param.get("required"):
            value = _example(param)
            assert value is not _NO_EXAMPLE, f"the spec gives no example for required {param['name']}"
            values[param["name"]] = value
    body = op.get("requestBody")
    if body and body.get("required") and "body" not in values:
        media = body["content"]["application/json"]
        values["body"] = next(iter(media["examples"].values()))["value"] if media.get("examples") else media["example"]
    return values


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@functools.cache
def generated_function(package: str, operation_id: str) -> Any:
    """The generated ``sync_detailed`` of an operation (module ``<package>.api.<tag>.<operation_id in snake>``)."""
    module_name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id).lower()
    api = importlib.import_module(package + ".api")
    for info in pkgutil.walk_packages(api.__path__, api.__name__ + "."):
        if info.name.rsplit(".", 1)[-1] == module_name:
            return importlib.import_module(info.name).sync_detailed
    raise LookupError(f"{package} has no module for {operation_id}")


def _convert(annotation: Any, value: Any) -> Any:
    """A JSON value as the generated function takes it: an enum member, a model built with ``from_dict``."""
    for kind in typing.get_args(annotation) or (annotation,):
        if inspect.isclass(kind) and issubclass(kind, enum.Enum):
            try:
                return kind(value)
            except ValueError:
                continue
        if inspect.isclass(kind) and hasattr(kind, "from_dict") and isinstance(value, dict):
            return kind.from_dict(value)
    return value


def call(client: Any, package: str, operation_id: str, values: Mapping[str, Any]) -> Any:
    function = generated_function(package, operation_id)
    hints = typing.get_type_hints(function)
    arguments = {_norm(name): name for name in inspect.signature(function).parameters if name != "client"}
    kwargs: dict[str, Any] = {}
    for wire, value in values.items():
        name = arguments.get(_norm(wire))
        assert name is not None, f"the generated {operation_id} takes no argument for {wire}"
        kwargs[name] = _convert(hints.get(name), value)
    return function(client=client, **kwargs)


def validator(service: str, document: str, operation_id: str, method: str, path: str, op: Mapping[str, Any]) -> Any:
    """The overlay's validator (what the client checks before sending and the emulator on arrival) for one
    operation of any document, also one in a temporary copy of specs/."""
    from cloudsign._core.registry import Operation

    return Operation(service, document, operation_id, method, path, dict(op)).validator
