"""Inputs that break the spec, built with hypothesis from the spec's own constraints, are refused before any byte
is sent: each raises InvalidParameterError naming the field, and the emulator sees zero requests."""

from __future__ import annotations

import asyncio
import functools
import re
from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cloudsign._core.errors import InvalidParameterError
from cloudsign._core.specs import find_operation, load_spec
from cloudsign.emulator.app import running

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


def fields(spec: str, operation: str) -> Iterator[tuple[str, dict[str, Any], bool, str]]:
    """(name, schema, required, location) for every parameter and body property; names as the spec spells them."""
    _, _, op = find_operation(load_spec(spec), operation)
    for p in op["parameters"]:
        if p["in"] != "header" and "const" not in p["schema"]:
            yield p["name"], p["schema"], bool(p.get("required")), p["in"]
    body = (op.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema")
    if body:
        for name, schema in body["properties"].items():
            yield name, schema, name in body.get("required", []), "body"


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
    for name, schema, required, location in fields(spec, op):
        validator = jsonschema.Draft202012Validator(schema)
        bad: st.SearchStrategy[Any] = st.one_of(JUNK, near_misses(schema)).filter(functools.partial(_breaks, validator))
        if location == "query" and not required:
            # The generated function leaves a None query parameter out, as if it were not given: nothing invalid
            # is sent, so None is no invalid input here.
            bad = bad.filter(lambda v: v is not None)
        if location == "path":
            # An empty path parameter is covered by test_empty_path_parameter_is_refused_before_sending.
            bad = bad.filter(lambda v: v != "")
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


@pytest.mark.parametrize("entry", ["call", "detailed"])
@pytest.mark.parametrize("cloud", CLOUDS, ids=[c.name for c in CLOUDS])
def test_invalid_inputs_never_leave_the_machine(cloud: Cloud, entry: str) -> None:
    """Through the generated ``call`` and ``sync_detailed`` alike: validation lives in the client they call."""
    app = cloud.make_app()
    seen: list[str] = []
    inner = app.build_middleware_stack()

    async def recorder(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            seen.append(scope["path"])
        await inner(scope, receive, send)

    app.middleware_stack = recorder
    refused: list[str] = []
    send = cloud.call if entry == "call" else cloud.detailed
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
            if path is not None:  # a DAS path parameter: the generated function formats it into the URL
                kwargs = {path[0]: path[1]}
            with pytest.raises(InvalidParameterError) as info:
                send(client, **kwargs)
            assert info.value.field.split("[")[0] == field, (info.value.field, field)
            refused.append(field)

        check()
    assert seen == [], f"{len(seen)} request(s) reached the emulator"
    assert len(set(refused)) >= 5, set(refused)


def creations(url: str) -> int:
    return int(httpx.get(url + "/_emulator/creations").json()["count"])


def recording(app: Any) -> list[str]:
    """The paths of every request that reaches ``app`` from now on."""
    seen: list[str] = []
    inner = app.build_middleware_stack()

    async def recorder(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/_emulator"):
            seen.append(scope["path"])
        await inner(scope, receive, send)

    app.middleware_stack = recorder
    return seen


SEED_CASES = [
    (cloud, kwargs, field)
    for cloud in CLOUDS
    for kwargs, field in (
        [({"body": {**DAS_BODY, "port": 70000}}, "port")]
        if cloud.name == "das"
        else [({"env_type": 7}, "EnvType"), ({"content": "not json"}, "Content")]
    )
]


@pytest.mark.parametrize("backend", ["stdlib", "urllib3", "httpx"])  # stdlib: the default
@pytest.mark.parametrize(("cloud", "kwargs", "field"), SEED_CASES, ids=[f"{c.name}-{f}" for c, _, f in SEED_CASES])
def test_generated_detailed_functions_validate_before_sending(
    cloud: Cloud, kwargs: dict[str, Any], field: str, backend: str
) -> None:
    """``sync_detailed`` and ``asyncio_detailed`` refuse what the spec forbids before a byte is sent; with
    validation switched off (per call or per client) the same input is sent, and the emulator's own check refuses
    it; the client that validates is left as it was."""
    app = cloud.make_app()
    seen = recording(app)
    with running(app) as url:
        client = cloud.make_client(
            url, sync_backend=backend, async_backend="httpx" if backend == "httpx" else "aiohttp"
        )

        async def refused_async() -> InvalidParameterError:
            async with cloud.make_client(url, async_backend="aiohttp" if backend == "urllib3" else "httpx") as aclient:
                with pytest.raises(InvalidParameterError) as ainfo:
                    await cloud.adetailed(aclient, **kwargs)
            return ainfo.value

        with pytest.raises(InvalidParameterError) as info:
            cloud.detailed(client, **kwargs)
        assert info.value.field == field
        with pytest.raises(InvalidParameterError):
            cloud.call(client, **kwargs)
        assert asyncio.run(refused_async()).field == field
        assert seen == [] and creations(url) == 0, "nothing may reach the emulator"

        per_call = cloud.detailed(client.with_options(validate=False), **kwargs)
        per_client = cloud.detailed(cloud.make_client(url, sync_backend=backend, validate=False), **kwargs)
        assert (per_call.status_code, per_client.status_code) == (400, 400)  # sent: the emulator refused it
        assert len(seen) == 2
        with pytest.raises(InvalidParameterError):
            cloud.detailed(client, **kwargs)
        assert len(seen) == 2 and creations(url) == 0


def test_empty_path_parameter_is_refused_before_sending() -> None:
    from cloudsign import huaweicloud
    from das_client.api.connections import create_instance_connection
    from das_client.models import CreateInstanceConnectionRequestBody

    client = huaweicloud.das_client(
        endpoint="http://127.0.0.1:9", credentials=huaweicloud.Credentials("a", "b"), max_attempts=1
    )
    body = CreateInstanceConnectionRequestBody.from_dict(DAS_BODY)
    with pytest.raises(InvalidParameterError) as info:  # refused before any connection to the closed port
        create_instance_connection.sync_detailed("", "bcfa975193f1402fa11a6d4fd6baf5fbin01", client=client, body=body)
    assert info.value.field == "project_id"
