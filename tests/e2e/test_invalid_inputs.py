"""Inputs that break the spec, built with hypothesis from the spec's own constraints, are refused before any byte
is sent: each raises InvalidParameterError naming the field, and the emulator sees zero requests."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cloudsign._core.emulation import running
from cloudsign._core.errors import InvalidParameterError
from cloudsign._core.specs import find_operation, load_spec

from .clouds import CLOUDS, DAS_BODY, Cloud

EXAMPLES = 300
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.lists(st.text(max_size=5), max_size=3),
)


def near_misses(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values just outside the schema's bounds, derived from the schema itself."""
    picks: list[Any] = []
    for key, delta in (("minimum", -1), ("maximum", 1)):
        if key in schema:
            picks.append(schema[key] + delta)
    if "maxLength" in schema:
        picks.append("a" * (schema["maxLength"] + 1))
    if "minLength" in schema and schema["minLength"] > 0:
        picks.append("a" * (schema["minLength"] - 1))
    if "enum" in schema:
        picks += [str(v) + "x" for v in schema["enum"]]
    if "pattern" in schema:
        picks.append("!" * max(schema.get("minLength", 1), 1))
    return st.sampled_from(picks) if picks else st.nothing()


def fields(spec: str, operation: str) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(name, schema, required) for every parameter and body property; names as the spec spells them."""
    _, _, op = find_operation(load_spec(spec), operation)
    for p in op["parameters"]:
        if p["in"] != "header" and "const" not in p["schema"]:
            yield p["name"], p["schema"], bool(p.get("required"))
    body = (op.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema")
    if body:
        for name, schema in body["properties"].items():
            yield name, schema, name in body.get("required", [])


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _breaks(validator: Any, value: Any) -> bool:
    return not validator.is_valid(value)


def _named(name: str, value: Any) -> tuple[str, Any]:
    return name, value


def invalid_call(cloud: Cloud) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """(field, call kwargs) where exactly one field breaks its schema or a required field is missing."""
    if cloud.name == "das":
        spec, op = "huaweicloud-das", "CreateInstanceConnection"
    else:
        spec, op = "alibabacloud-dataworks", "CreateConnection"
    options: list[st.SearchStrategy[tuple[str, Any]]] = []
    for name, schema, required in fields(spec, op):
        validator = jsonschema.Draft202012Validator(schema)
        bad: st.SearchStrategy[Any] = st.one_of(JUNK, near_misses(schema)).filter(functools.partial(_breaks, validator))
        if name == "Content":
            bad = st.one_of(st.text(max_size=20), st.just("[1]"), st.just('"s"')).filter(
                lambda v: not v.startswith("{")
            )
        options.append(bad.map(functools.partial(_named, name)))
        if required and cloud.name == "das" and name in DAS_BODY:
            options.append(st.just((name, KeyError)))
    return st.one_of(options).map(lambda nv: (nv[0], kwargs_for(cloud, nv[0], nv[1])))


def kwargs_for(cloud: Cloud, name: str, value: Any) -> dict[str, Any]:
    if cloud.name != "das":
        return {snake(name): value}
    if name in DAS_BODY or name in ("node_ids", "port", "database_name"):
        body = dict(DAS_BODY)
        if value is KeyError:
            del body[name]
        else:
            body[name] = value
        return {"body": body}
    return {"_path": (name, value)}


@pytest.mark.parametrize("cloud", CLOUDS, ids=[c.name for c in CLOUDS])
def test_invalid_inputs_never_leave_the_machine(cloud: Cloud) -> None:
    app = cloud.make_app()
    seen: list[str] = []
    inner = app.build_middleware_stack()

    async def recorder(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            seen.append(scope["path"])
        await inner(scope, receive, send)

    app.middleware_stack = recorder
    refused: list[str] = []
    with running(app) as url:
        client = cloud.make_client(url)

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
        )
        @given(invalid_call(cloud))
        def check(case: tuple[str, dict[str, Any]]) -> None:
            field, kwargs = case
            path = kwargs.pop("_path", None)
            with pytest.raises(InvalidParameterError) as info:
                if path is not None:
                    from cloudsign import huaweicloud

                    ids = {
                        "project_id": "052041494800d57c2f02c00275b4c247",
                        "instance_id": "bcfa975193f1402fa11a6d4fd6baf5fbin01",
                        path[0]: path[1],
                    }
                    huaweicloud.create_instance_connection(client, ids["project_id"], ids["instance_id"], body=DAS_BODY)
                else:
                    cloud.call(client, **kwargs)
            assert info.value.field.split("[")[0] == field, (info.value.field, field)
            refused.append(field)

        check()
    assert seen == [], f"{len(seen)} request(s) reached the emulator"
    assert len(set(refused)) >= 5, set(refused)
