"""A generated function names its operation (the ``openapi_operation`` request extension: package, id, path values
as given). The pipeline finds it by id, with no route walk, and validates the path values it was handed (never
unquoted from the URL again); one of another package is refused naming both. A request that names no operation (a
raw httpx call) is routed as before."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest

from cloudsign import alibabacloud, huaweicloud
from cloudsign._core import pipeline as pipeline_module
from cloudsign._core import registry
from cloudsign._core.errors import ConfigurationError, InvalidParameterError
from cloudsign._core.pipeline import OPERATION

from ..e2e.clouds import DAS_BODY, DAS_INSTANCE, DAS_PROJECT, DW_CONTENT, das_body

NAMED = re.compile(r'"openapi_operation": \(\s*"(\w+)",\s*"([^"]+)"')


def _ids_named_by(package: str) -> dict[str, str]:
    """Each generated operation module of PACKAGE -> the id its requests carry."""
    api = importlib.import_module(f"{package}.api")
    found = {}
    for info in pkgutil.walk_packages(api.__path__, f"{package}.api."):
        module = importlib.import_module(info.name)
        if not info.ispkg and module.__file__:
            match = NAMED.search(Path(module.__file__).read_text(encoding="utf-8"))
            assert match is not None and match.group(1) == package, info.name
            found[info.name] = match.group(2)
    return found


@pytest.mark.parametrize("package", ["das_client", "dataworks_client"])
def test_every_operation_of_the_spec_is_named_by_exactly_one_generated_module(package: str) -> None:
    named = _ids_named_by(package)
    assert sorted(named.values()) == sorted(registry.service_for_package(package).by_id)


@pytest.fixture
def no_route_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a named request was routed")

    monkeypatch.setattr(registry.Service, "route", refuse)
    monkeypatch.setattr(pipeline_module, "owner_elsewhere", refuse)


def _das() -> Any:
    return huaweicloud.das_client(endpoint="http://127.0.0.1:9", credentials=huaweicloud.Credentials("ak", "sk"))


def _dataworks() -> Any:
    creds = alibabacloud.Credentials("ak", "sk")
    return alibabacloud.dataworks_client(region="cn-shanghai", endpoint="http://127.0.0.1:9", credentials=creds)


def _das_kwargs(**kw: Any) -> dict[str, Any]:
    from das_client.api.connections import create_instance_connection

    args = {"project_id": DAS_PROJECT, "instance_id": DAS_INSTANCE, "body": das_body(DAS_BODY), **kw}
    return create_instance_connection._get_kwargs(**args)


def _dataworks_kwargs() -> dict[str, Any]:
    from dataworks_client.api.data_sources import create_connection

    return create_connection._get_kwargs(connection_type="rds", content=DW_CONTENT, env_type=1, name="n", project_id=1)


@pytest.mark.usefixtures("no_route_walk")
def test_a_named_request_is_found_by_id_without_a_route_walk() -> None:
    das = _das().get_httpx_client().pipeline.prepare(**_das_kwargs())
    assert das.operation is not None and das.operation.operation_id == "CreateInstanceConnection"
    dataworks = _dataworks().get_httpx_client().pipeline.prepare(**_dataworks_kwargs())
    assert dataworks.operation is not None and dataworks.operation.operation_id == "CreateConnection"


@pytest.mark.usefixtures("no_route_walk")
def test_the_path_values_validated_are_the_ones_handed_over_not_the_urls() -> None:
    """The extension's values are what is checked: a bad project id is refused even where the URL (no longer read
    for it) says something else."""
    prepare = _das().get_httpx_client().pipeline.prepare
    kwargs = _das_kwargs(project_id="short")
    with pytest.raises(InvalidParameterError) as info:
        prepare(**{**kwargs, "url": _das_kwargs()["url"]})
    assert info.value.field == "project_id"


@pytest.mark.usefixtures("no_route_walk")
@pytest.mark.parametrize("mix", ["das function, dataworks client", "dataworks function, das client"])
def test_a_named_operation_of_another_package_is_refused_naming_both(mix: str) -> None:
    client, kwargs = (_dataworks(), _das_kwargs()) if mix.startswith("das") else (_das(), _dataworks_kwargs())
    with pytest.raises(ConfigurationError) as caught:
        client.get_httpx_client().pipeline.prepare(**kwargs)
    assert "das_client" in str(caught.value) and "dataworks_client" in str(caught.value)


def test_a_name_the_specs_do_not_hold_is_routed_as_an_unnamed_request() -> None:
    """Generated code newer than the specs it runs with: the request is routed as a raw call would be."""
    kwargs = _dataworks_kwargs()
    kwargs["extensions"] = {OPERATION: ("dataworks_client", "NotInTheseSpecs", {})}
    call = _dataworks().get_httpx_client().pipeline.prepare(**kwargs)
    assert call.operation is not None and call.operation.operation_id == "CreateConnection"
    unnamed = _dataworks().get_httpx_client().pipeline.prepare(**{**kwargs, "extensions": None})
    assert unnamed.operation is call.operation
