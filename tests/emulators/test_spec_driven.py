"""The emulators serve what the specs say, with no code per operation: in a copy of specs/ extended the way a user
would (``tests/spec_extensions.py``: DAS ListConnections and DeleteConnection, DataWorks UpdateConnection as one
more document), the new operations are routed, authenticated, validated and answered from their spec.

Requests are signed by the overlay's httpx adapters (``DASAuth``, ``SigningAuth(Acs3Signer)``) and, for the seed
operations, built by the generated ``_get_kwargs``; the official DataWorks client calls the new action too."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import yaml

from cloudsign._core import registry, specs
from cloudsign._core.auth import SigningAuth
from cloudsign.alibabacloud import Credentials as AlibabaCredentials
from cloudsign.alibabacloud.auth import Acs3Signer, RpcV1Signer
from cloudsign.emulator.alibabacloud import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET
from cloudsign.emulator.alibabacloud import create_app as dataworks_app
from cloudsign.emulator.app import running
from cloudsign.emulator.faults import Fault
from cloudsign.emulator.huaweicloud import DEMO_AK, DEMO_SK
from cloudsign.emulator.huaweicloud import create_app as das_app
from cloudsign.huaweicloud import Credentials as HuaweiCredentials
from cloudsign.huaweicloud.auth import DASAuth
from das_client.api.connections.create_instance_connection import _get_kwargs as das_create_kwargs
from das_client.models.create_instance_connection_request_body import CreateInstanceConnectionRequestBody
from dataworks_client.api.data_sources.create_connection import _get_kwargs as dataworks_create_kwargs

from ..spec_extensions import write_extended_specs

PROJECT = "052041494800d57c2f02c00275b4c247"
INSTANCE = "bcfa975193f1402fa11a6d4fd6baf5fbin01"
CONNECTION = "99af0766-c3f4-4e4e-a95e-14a1b070188e"
PASSWORD = "Upd4te-pw-9x"
CONTENT = json.dumps({"jdbcUrl": "jdbc:mysql://h:3306/db", "username": "u", "password": PASSWORD})
DAS_BODY = {
    "engine_type": "mysql",
    "network_type": "rds",
    "username": "root",
    "is_save_password": True,
    "password": "Gauss_2345",
}
ALIBABA = AlibabaCredentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)
UPDATE: dict[str, str | int] = {
    "Action": "UpdateConnection",
    "Version": "2020-05-18",
    "ConnectionId": 123,
    "Content": CONTENT,
    "EnvType": 1,
}


def _clear_caches() -> None:
    registry.clear_caches()


@pytest.fixture
def extended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """specs/ copied and extended, and every spec cache pointed at the copy (and cleared again afterwards)."""
    folder = write_extended_specs(tmp_path / "specs")
    _clear_caches()
    monkeypatch.setenv("CLOUDSIGN_SPECS_DIR", str(folder))
    try:
        yield folder
    finally:
        monkeypatch.delenv("CLOUDSIGN_SPECS_DIR")
        _clear_caches()


def _success_schema(document: str, path: str, method: str, status: str = "200") -> dict[str, Any]:
    spec = specs.load_spec(document)
    operation = specs.resolve_refs(spec["paths"][path][method], spec)
    schema: dict[str, Any] = operation["responses"][status]["content"]["application/json"]["schema"]
    return schema


def _conforms(instance: Any, schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(instance)


@pytest.fixture
def das(extended: Path) -> Iterator[tuple[httpx.Client, Any]]:
    app = das_app(credentials={DEMO_AK: DEMO_SK})
    with running(app) as url, httpx.Client(base_url=url, auth=_das_auth(), timeout=10) as client:
        yield client, app


def _das_auth() -> httpx.Auth:
    return DASAuth(HuaweiCredentials(DEMO_AK, DEMO_SK, project_id=PROJECT))


def test_das_list_connections_is_served_from_its_spec(das: tuple[httpx.Client, Any]) -> None:
    client, app = das
    r = client.get(f"/v3/{PROJECT}/connections", params={"limit": 10, "offset": 0})
    assert r.status_code == 200, r.text
    _conforms(r.json(), _success_schema("huaweicloud-das", "/v3/{project_id}/connections", "get"))
    assert r.json()["total_count"] == 1
    fresh = r.json()["connections"][0]["connection_id"]
    assert fresh != CONNECTION and uuid.UUID(fresh).version == 4  # the example's id, made fresh
    assert r.headers["X-Request-Id"]
    again = client.get(f"/v3/{PROJECT}/connections").json()["connections"][0]["connection_id"]
    assert again != fresh
    (item, _) = app.state.emulator.creations.snapshot()
    assert item["operation"] == "ListConnections"
    assert (item["project_id"], item["limit"], item["offset"]) == (PROJECT, 10, 0)  # in the declared types
    assert item["request_id"] == r.headers["X-Request-Id"]


@pytest.mark.parametrize(("query", "field"), [("limit=1000", "limit"), ("limit=0", "limit"), ("limit=ten", "limit")])
def test_das_list_connections_refuses_what_the_spec_refuses(
    das: tuple[httpx.Client, Any], query: str, field: str
) -> None:
    client, app = das
    r = client.get(f"/v3/{PROJECT}/connections?{query}")
    assert r.status_code == 400, r.text
    assert r.json()["error_code"] == "DAS.200100" and field in r.json()["error_msg"]
    assert r.json()["request_id"] == r.headers["X-Request-Id"]
    # Signed without X-Project-Id (a signed one naming another project is refused first, with 401).
    short = httpx.get(f"{client.base_url}/v3/short/connections", auth=DASAuth(HuaweiCredentials(DEMO_AK, DEMO_SK)))
    assert short.status_code == 400 and "project_id" in short.json()["error_msg"]
    assert client.get("/v3/short/connections").status_code == 401
    assert app.state.emulator.creations.snapshot() == []


def test_das_delete_connection_is_served_without_a_body(das: tuple[httpx.Client, Any]) -> None:
    client, app = das
    r = client.delete(f"/v3/{PROJECT}/connections/{CONNECTION}")
    assert r.status_code == 200, r.text  # the lowest documented 2xx (200 and 204 are documented, neither with a body)
    assert r.content == b"" and r.headers["X-Request-Id"]
    (item,) = app.state.emulator.creations.snapshot()
    assert item["operation"] == "DeleteConnection"
    assert (item["project_id"], item["connection_id"]) == (PROJECT, CONNECTION)
    bad = client.delete(f"/v3/{PROJECT}/connections/not-a-uuid")
    assert bad.status_code == 400 and "connection_id" in bad.json()["error_msg"]
    assert client.put(f"/v3/{PROJECT}/connections/{CONNECTION}").json()["error_code"] == "APIGW.0101"


def test_das_new_operations_keep_the_gateway_quirks(das: tuple[httpx.Client, Any]) -> None:
    client, app = das
    unsigned = httpx.get(f"{client.base_url}/v3/{PROJECT}/connections")
    assert (unsigned.status_code, unsigned.json()["error_code"]) == (401, "APIGW.0301")
    wrong = DASAuth(HuaweiCredentials(DEMO_AK, "wrong", project_id=PROJECT))
    for _ in range(5):
        assert client.delete(f"/v3/{PROJECT}/connections/{CONNECTION}", auth=wrong).status_code == 401
    locked = client.get(f"/v3/{PROJECT}/connections")
    assert locked.status_code == 401 and "AK access failed to reach the limit" in locked.json()["error_msg"]
    assert client.post("/_emulator/reset").status_code == 200
    app.state.emulator.faults.add(Fault(status=429, retry_after=1))
    throttled = client.get(f"/v3/{PROJECT}/connections")
    assert (throttled.status_code, throttled.json()["error_code"]) == (429, "APIGW.0308")
    assert throttled.headers["Retry-After"] == "1"
    app.state.emulator.faults.add(Fault(status=500, process=True))
    failed = client.delete(f"/v3/{PROJECT}/connections/{CONNECTION}")
    assert (failed.status_code, failed.json()["error_code"]) == (500, "DAS.100000")
    assert [c["operation"] for c in app.state.emulator.creations.snapshot()] == ["DeleteConnection"]
    assert client.get("/v3/nothing").json()["error_code"] == "APIGW.0101"


def test_das_seed_operation_still_served(das: tuple[httpx.Client, Any]) -> None:
    client, app = das
    kwargs = das_create_kwargs(PROJECT, INSTANCE, body=CreateInstanceConnectionRequestBody.from_dict(DAS_BODY))
    r = client.request(**kwargs)
    assert r.status_code == 200, r.text
    path = "/v3/{project_id}/instances/{instance_id}/create-connection"
    _conforms(r.json(), _success_schema("huaweicloud-das", path, "post"))
    (item,) = app.state.emulator.creations.snapshot()
    assert item["connection_id"] == r.json()["connection_id"] and item["password"] == "***"
    assert (item["project_id"], item["instance_id"], item["operation"]) == (
        PROJECT,
        INSTANCE,
        "CreateInstanceConnection",
    )


@pytest.fixture
def dataworks(extended: Path) -> Iterator[tuple[str, Any]]:
    app = dataworks_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET})
    with running(app) as url:
        yield url, app


@pytest.mark.parametrize("signer", [Acs3Signer, RpcV1Signer])
def test_dataworks_update_connection_is_served_from_its_document(
    dataworks: tuple[str, Any], signer: type[Acs3Signer] | type[RpcV1Signer]
) -> None:
    url, app = dataworks
    with httpx.Client(base_url=url, auth=SigningAuth(signer(ALIBABA)), timeout=10) as client:
        r = client.post("/", params=UPDATE)
        assert r.status_code == 200, r.text
        body = r.json()
        _conforms(body, _success_schema("alibabacloud-dataworks.UpdateConnection", "/", "post"))
        assert body == {"RequestId": r.headers["x-acs-request-id"], "Success": True, "Data": True}
        (item,) = app.state.emulator.creations.snapshot()
        assert item["operation"] == "UpdateConnection" and item["Action"] == "UpdateConnection"
        assert (item["ConnectionId"], item["EnvType"], item["AccessKeyId"]) == (123, 1, DEMO_ACCESS_KEY_ID)
        assert item["Content"] == "***" and item["Id"] is None  # a secret-bearing parameter; nothing new made

        invalid = client.post("/", params={**UPDATE, "EnvType": 3})
        assert (invalid.status_code, invalid.json()["Code"]) == (400, "InvalidParameter")
        assert '"EnvType"' in invalid.json()["Message"]
        missing = client.post("/", params={k: v for k, v in UPDATE.items() if k != "ConnectionId"})
        assert (missing.status_code, missing.json()["Code"]) == (400, "MissingParameter")
        assert '"ConnectionId"' in missing.json()["Message"]
        not_json = client.post("/", params={**UPDATE, "Content": "nope"})
        assert not_json.json()["Code"] == "InvalidParameter" and PASSWORD not in not_json.text
        unknown = client.post("/", params={**UPDATE, "Action": "DeleteConnection"})
        assert (unknown.status_code, unknown.json()["Code"]) == (404, "InvalidAction.NotFound")

        created = client.request(
            **dataworks_create_kwargs(connection_type="rds", content=CONTENT, env_type=0, name="n", project_id=1)
        )
        assert created.status_code == 200, created.text
        _conforms(created.json(), _success_schema("alibabacloud-dataworks", "/", "post"))
    made = app.state.emulator.creations.snapshot()
    assert [c["operation"] for c in made] == ["UpdateConnection", "CreateConnection"]
    assert made[1]["Id"] == created.json()["Data"]
    assert PASSWORD not in json.dumps(made)


def _official_update(url: str) -> Any:
    from alibabacloud_dataworks_public20200518 import models as official_models
    from alibabacloud_dataworks_public20200518.client import Client as OfficialClient
    from alibabacloud_tea_openapi import models as openapi_models

    config = openapi_models.Config(
        access_key_id=DEMO_ACCESS_KEY_ID,
        access_key_secret=DEMO_ACCESS_KEY_SECRET,
        endpoint=url.split("//", 1)[1],
        protocol="http",
    )
    request = official_models.UpdateConnectionRequest(connection_id=7, content=CONTENT, env_type=0, description="d")
    return OfficialClient(config).update_connection(request).body


def test_dataworks_update_connection_method_comes_from_the_spec(extended: Path) -> None:
    """The official client sends UpdateConnection with PUT. Against a document that says POST, PUT is refused
    like any undocumented method (405, Allow); once the document says PUT it is served, with no code."""
    app = dataworks_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET})
    with running(app) as url:
        with pytest.raises(Exception, match="UnsupportedHTTPMethod"):
            _official_update(url)
        trace = httpx.request("TRACE", url + "/")
        assert (trace.status_code, trace.headers["Allow"]) == (405, "POST")
    document = extended / "alibabacloud-dataworks.UpdateConnection.yaml"
    spec = yaml.safe_load(document.read_text(encoding="utf-8"))
    spec["paths"]["/"] = {"put": spec["paths"]["/"]["post"]}
    document.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    _clear_caches()
    app = dataworks_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET})
    with running(app) as url:
        body = _official_update(url)
        assert httpx.request("TRACE", url + "/").headers["Allow"] == "POST, PUT"
    assert body.success is True and body.data is True and body.request_id
    (item,) = app.state.emulator.creations.snapshot()
    assert (item["operation"], item["ConnectionId"], item["Description"]) == ("UpdateConnection", 7, "d")


def _served(app: Any) -> set[str]:
    return {op.operation_id for service in app.state.gateway.services for op in service.operations}


def test_the_copy_is_what_the_emulators_serve(extended: Path) -> None:
    assert {"CreateInstanceConnection", "DeleteConnection", "ListConnections"} <= _served(das_app())
    assert {"CreateConnection", "UpdateConnection"} <= _served(dataworks_app())


def test_the_caches_are_back_on_the_shipped_specs() -> None:
    """Runs after the tests above in the same process: the shipped specs have neither sketch (DAS' sketched
    DeleteConnection, and the vendor's lifecycle operations the copy leaves out, tell them apart)."""
    assert "DeleteConnection" not in _served(das_app())
    assert {"ShowConnectionDetail", "BatchDeleteConnectionNew"} <= _served(das_app())
    assert {"ListConnections", "DeleteConnection"} <= _served(dataworks_app())
