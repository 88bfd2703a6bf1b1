"""End to end over real HTTP on 127.0.0.1: the official client and ours against the emulator, its rejections,
validation, and fault injection (retries that never create twice)."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from alibabacloud_dataworks_public20200518 import models as official_models
from alibabacloud_dataworks_public20200518.client import Client as OfficialClient
from alibabacloud_tea_openapi import models as openapi_models
from starlette.applications import Starlette

from cloudsign._core import errors as core
from cloudsign.alibabacloud import Credentials, RdsContent, acreate_connection, create_connection, dataworks_client
from cloudsign.alibabacloud import errors as ali_errors
from cloudsign.alibabacloud.auth import Acs3Signer, RpcV1Signer
from cloudsign.alibabacloud.client import DataWorksClient
from cloudsign.alibabacloud.emulator import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, create_app, default_keys

AK, SK = "LTAItestAccessKeyId", "test-secret-Zq81vX"  # the keys conftest gives the emulator
CREDS = Credentials(AK, SK)
SCHEMES = ["ACS3-HMAC-SHA256", "HMAC-SHA1"]
CONTENT = RdsContent(instance_name="rm-1", database="db", username="u", password="db-pass-Q7", rds_owner_id="1")
ARGS: dict[str, Any] = {"content": CONTENT, "env_type": 1, "name": "conn", "project_id": 42}


def _creations(app: Starlette) -> list[dict[str, Any]]:
    return app.state.emulator.creations.snapshot()  # type: ignore[no-any-return]


def _fault(app: Starlette, **fault: Any) -> None:
    from cloudsign._core.emulation import Fault

    app.state.emulator.faults.add(Fault.from_json(fault))


def _client(url: str, scheme: str = "ACS3-HMAC-SHA256", **kwargs: Any) -> DataWorksClient:
    return dataworks_client(endpoint=url, region="cn-shanghai", credentials=CREDS, signature=scheme, **kwargs)


@pytest.mark.parametrize("algorithm", [None, "v2"])
def test_official_client_is_accepted_and_wrong_secret_rejected(
    emulator_url: str, emulator_app: Starlette, algorithm: str | None
) -> None:
    def official(secret: str) -> Any:
        config = openapi_models.Config(
            access_key_id=AK,
            access_key_secret=secret,
            endpoint=emulator_url.split("//", 1)[1],
            protocol="http",
            signature_algorithm=algorithm,
        )
        request = official_models.CreateConnectionRequest(
            connection_type="rds", content=CONTENT.to_json(), env_type=1, name="official", project_id=7
        )
        return OfficialClient(config).create_connection(request)

    body = official(SK).body
    assert body.success is True and isinstance(body.data, int)
    assert [c["Name"] for c in _creations(emulator_app)] == ["official"]
    assert "RegionId" not in _creations(emulator_app)[0]  # the official client never sends it
    with pytest.raises(Exception) as info:
        official("wrong-secret")
    assert "SignatureDoesNotMatch" in str(info.value)
    assert len(_creations(emulator_app)) == 1


@pytest.mark.parametrize("scheme", SCHEMES)
def test_our_client_sync_and_async_fill_region(emulator_url: str, emulator_app: Starlette, scheme: str) -> None:
    with _client(emulator_url, scheme) as client:
        body = create_connection(client, **ARGS)
    assert body.success is True and body.data is not None

    async def run() -> int:
        async with _client(emulator_url, scheme) as aclient:
            assert type(aclient.get_async_httpx_client()).__name__ == "AiohttpSignedClient"
            assert "aiohttp" in sys.modules
            result = await acreate_connection(aclient, **ARGS, region_id="cn-hangzhou")
            assert isinstance(result.data, int)
            return result.data

    second = asyncio.run(run())
    made = _creations(emulator_app)
    assert [c["Id"] for c in made] == [body.data, second]
    assert [c["RegionId"] for c in made] == ["cn-shanghai", "cn-hangzhou"]
    assert json.loads(made[0]["Content"])["password"] == "db-pass-Q7"


def test_aiohttp_is_imported_only_by_the_first_async_call() -> None:
    code = (
        "import sys\n"
        "from cloudsign.alibabacloud import Credentials, dataworks_client\n"
        "c = dataworks_client(region='cn-shanghai', credentials=Credentials('a', 'b'))\n"
        "c.get_httpx_client()\n"
        "assert 'aiohttp' not in sys.modules, 'aiohttp imported early'\n"
        "c.get_async_httpx_client()\n"
        "assert 'aiohttp' not in sys.modules, 'building the async client must not import aiohttp'\n"
        "import asyncio\n"
        "from cloudsign.alibabacloud import acreate_connection\n"
        "from cloudsign._core.errors import APIConnectionError\n"
        "c2 = dataworks_client(region='cn-shanghai', endpoint='http://127.0.0.1:9',"
        " credentials=Credentials('a', 'b'))\n"
        "async def go():\n"
        "    try:\n"
        "        await acreate_connection(c2, connection_type='rds', content='{}', env_type=1, name='n', project_id=1,"
        " max_attempts=1)\n"
        "    except APIConnectionError:\n"
        "        pass\n"
        "asyncio.run(go())\n"
        "assert 'aiohttp' in sys.modules, 'the first async call imports aiohttp'\n"
    )
    import subprocess

    subprocess.run([sys.executable, "-c", code], check=True)


def test_wrong_secret_unknown_key_raise_typed_errors(emulator_url: str, emulator_app: Starlette) -> None:
    for creds, code in [(Credentials(AK, "nope"), "SignatureDoesNotMatch"), (Credentials("LTAIx", "y"), None)]:
        with dataworks_client(endpoint=emulator_url, credentials=creds) as client:
            with pytest.raises(ali_errors.AuthenticationError) as info:
                create_connection(client, **ARGS)
        assert info.value.code == (code or "InvalidAccessKeyId.NotFound")
        assert info.value.status_code == (400 if code else 404) and info.value.request_id
    assert _creations(emulator_app) == []


def _raw_post(url: str, signer: Acs3Signer | RpcV1Signer, query: str, tamper: Any = None) -> httpx.Response:
    signed = signer.sign("POST", f"{url}/?{query}", {"host": url.split("//")[1]}, b"")
    assert signed.url is not None
    target, headers = signed.url, dict(signed.headers)
    if tamper is not None:
        target, headers = tamper(target, headers)
    return httpx.post(target, headers=headers)


QUERY = "Action=CreateConnection&Version=2020-05-18&ConnectionType=rds&Content=%7B%7D&EnvType=1&Name=n&ProjectId=1"


@pytest.mark.parametrize("signer_cls", [Acs3Signer, RpcV1Signer])
def test_emulator_rejects_replay_skew_tamper_and_bad_parameters(
    emulator_url: str, emulator_app: Starlette, signer_cls: type[Acs3Signer] | type[RpcV1Signer]
) -> None:
    fixed = signer_cls(CREDS, nonce=lambda: "same-nonce")
    assert _raw_post(emulator_url, fixed, QUERY).status_code == 200
    replay = _raw_post(emulator_url, fixed, QUERY)
    assert (replay.status_code, replay.json()["Code"]) == (400, "SignatureNonceUsed")
    skewed = signer_cls(CREDS, clock=lambda: datetime.now(UTC) - timedelta(minutes=16))
    assert _raw_post(emulator_url, skewed, QUERY).json()["Code"] == "InvalidTimeStamp.Expired"
    fresh = signer_cls(CREDS)
    tampered = _raw_post(emulator_url, fresh, QUERY, lambda u, h: (u.replace("Name=n", "Name=m"), h))
    assert (tampered.status_code, tampered.json()["Code"]) == (400, "SignatureDoesNotMatch")
    envelope = tampered.json()
    assert set(envelope) == {"RequestId", "HostId", "Code", "Message", "Recommend"}
    missing = _raw_post(emulator_url, fresh, QUERY.replace("&Name=n", ""))
    assert (missing.status_code, missing.json()["Code"]) == (400, "MissingParameter")
    assert '"Name"' in missing.json()["Message"]
    invalid = _raw_post(emulator_url, fresh, QUERY.replace("EnvType=1", "EnvType=3"))
    assert invalid.json()["Code"] == "InvalidParameter" and '"EnvType"' in invalid.json()["Message"]
    not_json = _raw_post(emulator_url, fresh, QUERY.replace("Content=%7B%7D", "Content=nope"))
    assert not_json.json()["Code"] == "InvalidParameter" and '"Content"' in not_json.json()["Message"]
    unsigned = httpx.post(f"{emulator_url}/?{QUERY}")
    assert (unsigned.status_code, unsigned.json()["Code"]) == (400, "IncompleteSignature")
    assert len(_creations(emulator_app)) == 1


def test_emulator_default_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_keys({}) == {DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET}
    env = {"ALIBABA_CLOUD_ACCESS_KEY_ID": "e", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "s"}
    assert default_keys(env)["e"] == "s"
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "e2")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s2")
    assert create_app().state.keys["e2"] == "s2"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_throttled_then_success_creates_once(emulator_url: str, emulator_app: Starlette, scheme: str) -> None:
    _fault(emulator_app, status=429, count=2, retry_after=0)
    with _client(emulator_url, scheme) as client:
        body = create_connection(client, **ARGS)
    assert body.success and len(_creations(emulator_app)) == 1
    _fault(emulator_app, status=429, count=1, retry_after=0.001)
    with _client(emulator_url, scheme, max_attempts=1) as client:
        with pytest.raises(ali_errors.ThrottlingError) as info:
            create_connection(client, **ARGS)
    assert info.value.code == "Throttling.User" and info.value.retry_after == 0.001
    assert len(_creations(emulator_app)) == 1


def test_503_is_retried_500_is_not(emulator_url: str, emulator_app: Starlette) -> None:
    _fault(emulator_app, status=503, count=1, retry_after=0)
    with _client(emulator_url) as client:
        assert create_connection(client, **ARGS).success
        assert len(_creations(emulator_app)) == 1
        _fault(emulator_app, status=500, process=True)
        with pytest.raises(ali_errors.ServerError) as info:
            create_connection(client, **ARGS)
        assert info.value.code == "InternalError"
    assert len(_creations(emulator_app)) == 2  # the 500 was processed once and never retried


def test_reset_after_send_is_not_retried(emulator_url: str, emulator_app: Starlette) -> None:
    _fault(emulator_app, status=200, drop=True, process=True)
    with _client(emulator_url) as client:
        with pytest.raises(core.APIConnectionError) as info:
            create_connection(client, **ARGS)
    assert info.value.may_have_reached_server
    assert len(_creations(emulator_app)) == 1


def test_async_reset_after_send_is_not_retried(emulator_url: str, emulator_app: Starlette) -> None:
    _fault(emulator_app, status=200, drop=True, process=True)

    async def run() -> None:
        async with _client(emulator_url) as client:
            with pytest.raises(core.APIConnectionError):
                await acreate_connection(client, **ARGS)

    asyncio.run(run())
    assert len(_creations(emulator_app)) == 1


def test_slow_success_beyond_timeout_is_not_retried(emulator_url: str, emulator_app: Starlette) -> None:
    _fault(emulator_app, status=200, latency=1.0)
    with _client(emulator_url, timeout=httpx.Timeout(0.2)) as client:
        with pytest.raises(core.APITimeoutError):
            create_connection(client, **ARGS)
    assert len(_creations(emulator_app)) == 1


@pytest.mark.parametrize("body", ["html", "truncated"])
def test_html_and_truncated_bodies(emulator_url: str, emulator_app: Starlette, body: str) -> None:
    for status in (200, 500):
        _fault(emulator_app, status=status, body=body, process=True)
        with _client(emulator_url) as client:
            with pytest.raises(core.APIResponseValidationError) as info:
                create_connection(client, **ARGS)
        assert info.value.status_code == status
    assert len(_creations(emulator_app)) == 2


def test_success_false_raises() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = {"RequestId": "r", "Success": False, "Code": "Invalid.Tenant.ProjectNotExists", "Message": "m"}
        return httpx.Response(200, json=body)

    client = _client("http://127.0.0.1:9")
    client.set_httpx_client(httpx.Client(base_url="http://127.0.0.1:9", transport=httpx.MockTransport(handler)))
    with pytest.raises(ali_errors.ProjectNotExistsError):
        create_connection(client, **ARGS)

    def plain(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"RequestId": "r", "Success": False})

    client.set_httpx_client(httpx.Client(base_url="http://127.0.0.1:9", transport=httpx.MockTransport(plain)))
    with pytest.raises(ali_errors.UnsuccessfulResponseError):
        create_connection(client, **ARGS)


def test_success_body_breaking_the_spec_is_a_validation_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"RequestId": "r", "Success": True, "Data": "not-an-int"})

    client = _client("http://127.0.0.1:9")
    client.set_httpx_client(httpx.Client(base_url="http://127.0.0.1:9", transport=httpx.MockTransport(handler)))
    with pytest.raises(core.APIResponseValidationError, match="Data"):
        create_connection(client, **ARGS)
