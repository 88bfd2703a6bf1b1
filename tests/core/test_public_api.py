"""The public names the README and other code rely on exist, and importing them stays light."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

import httpx
import pytest

REMOVED = {
    "cloudsign.huaweicloud": ("create_instance_connection", "acreate_instance_connection", "DASClient"),
    "cloudsign.alibabacloud": ("create_connection", "acreate_connection", "DataWorksClient"),
}


def test_contract_names() -> None:
    from cloudsign import alibabacloud, errors, huaweicloud, testing

    for name in ("Credentials", "das_client", "client", "errors", "DASAuth", "requests_auth"):
        assert hasattr(huaweicloud, name), name
    for name in ("Credentials", "dataworks_client", "client", "errors", "RdsContent", "MySQLContent"):
        assert hasattr(alibabacloud, name), name
    assert callable(huaweicloud.das_client) and callable(alibabacloud.dataworks_client)
    huaweicloud.das_client(region="cn-north-4", credentials=huaweicloud.Credentials("a", "b"))
    alibabacloud.dataworks_client(region="cn-shanghai", credentials=alibabacloud.Credentials("a", "b"))
    # the generic factories stay functions once their modules are imported
    assert inspect.isfunction(huaweicloud.client) and inspect.isfunction(alibabacloud.client)
    assert issubclass(huaweicloud.errors.ThrottlingError, errors.ThrottlingError)
    assert issubclass(alibabacloud.errors.ThrottlingError, errors.ThrottlingError)
    assert issubclass(huaweicloud.errors.APIGW0308Error, huaweicloud.errors.ThrottlingError)
    assert issubclass(huaweicloud.errors.DAS200100Error, huaweicloud.errors.BadRequestError)
    assert issubclass(alibabacloud.errors.InvalidTenantProjectNotExistsError, alibabacloud.errors.BadRequestError)
    assert issubclass(
        alibabacloud.errors.InvalidTenantUserIsNotProjectOwnerOrAdminError, alibabacloud.errors.PermissionDeniedError
    )
    assert issubclass(alibabacloud.errors.UnsuccessfulResponseError, alibabacloud.errors.DataWorksError)
    assert alibabacloud.RdsContent.connection_type == "rds"
    from cloudsign.emulator import app, faults

    assert testing.Fault is faults.Fault and testing.running is app.running  # the public faces


def test_pipeline_names() -> None:
    from cloudsign._core import async_client, pipeline, sync_client

    for name in ("Pipeline", "Options", "Call", "query_pairs", "encode_json", "RAISE_FOR_STATUS", "REQUEST_ID"):
        assert hasattr(pipeline, name), name
    assert issubclass(sync_client.SyncClient, httpx.Client)
    assert issubclass(async_client.AsyncClient, httpx.AsyncClient)
    assert set(inspect.signature(pipeline.Options).parameters) >= {"max_attempts", "retry_unsafe", "validate"}


@pytest.mark.parametrize(
    "module",
    ["das_client.api.connections.create_instance_connection", "dataworks_client.api.data_sources.create_connection"],
)
def test_every_generated_operation_has_every_entry_point(module: str) -> None:
    op = importlib.import_module(module)
    for name in ("sync_detailed", "sync", "call"):
        assert callable(getattr(op, name)) and not inspect.iscoroutinefunction(getattr(op, name)), name
    for name in ("asyncio_detailed", "asyncio", "acall"):
        assert inspect.iscoroutinefunction(getattr(op, name)), name
    sync_args = list(inspect.signature(op.sync).parameters)
    assert list(inspect.signature(op.call).parameters) == sync_args  # same arguments as sync
    assert list(inspect.signature(op.acall).parameters) == sync_args


@pytest.mark.parametrize(("module", "names"), REMOVED.items())
def test_the_hand_written_operations_are_gone(module: str, names: tuple[str, ...]) -> None:
    imported = importlib.import_module(module)
    for name in names:
        assert not hasattr(imported, name), name
    for gone in ("calling", "direct", "urllib3_client", "aiohttp_client"):
        with pytest.raises(ImportError):
            importlib.import_module(f"cloudsign._core.{gone}")


def test_importing_a_front_door_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\n"
        "import cloudsign.huaweicloud, cloudsign.alibabacloud, cloudsign.errors\n"
        "heavy = {'aiohttp', 'starlette', 'yaml', 'fastjsonschema', 'uvicorn', 'hypothesis', 'asyncio'}\n"
        "loaded = heavy & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
