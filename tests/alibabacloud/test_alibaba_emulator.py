"""The DataWorks emulator over real HTTP on 127.0.0.1, driven by the official client and by plain httpx with the
overlay's signing adapters (the generated ``_get_kwargs`` builds the request): signatures, rejections, validation,
the success body from the spec, the record of calls and fault injection."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from alibabacloud_dataworks_public20200518 import models as official_models
from alibabacloud_dataworks_public20200518.client import Client as OfficialClient
from alibabacloud_tea_openapi import models as openapi_models
from starlette.applications import Starlette

from cloudsign._core.auth import SigningAuth
from cloudsign.alibabacloud import Credentials
from cloudsign.alibabacloud.auth import Acs3Signer, RpcV1Signer
from cloudsign.emulator.alibabacloud import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, create_app, default_keys
from cloudsign.emulator.faults import Fault
from dataworks_client.api.data_sources.create_connection import _get_kwargs

AK, SK = "LTAItestAccessKeyId", "test-secret-Zq81vX"  # the keys conftest gives the emulator
CREDS = Credentials(AK, SK)
SIGNERS = [Acs3Signer, RpcV1Signer]
PASSWORD = "db-pass-Q7"
CONTENT = json.dumps(
    {"instanceName": "rm-1", "database": "db", "username": "u", "password": PASSWORD, "rdsOwnerId": "1"}
)
ARGS: dict[str, Any] = {"connection_type": "rds", "content": CONTENT, "env_type": 1, "name": "conn", "project_id": 42}
Signer = type[Acs3Signer] | type[RpcV1Signer]


def _creations(app: Starlette) -> list[dict[str, Any]]:
    return app.state.emulator.creations.snapshot()  # type: ignore[no-any-return]


def _fault(app: Starlette, **fault: Any) -> None:
    app.state.emulator.faults.add(Fault.from_json(fault))


def _client(url: str, signer: Signer = Acs3Signer, creds: Credentials = CREDS, **kwargs: Any) -> httpx.Client:
    return httpx.Client(base_url=url, auth=SigningAuth(signer(creds, region="cn-shanghai")), **kwargs)


def _create(client: httpx.Client, **overrides: Any) -> httpx.Response:
    return client.request(**_get_kwargs(**{**ARGS, **overrides}))


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
            connection_type="rds", content=CONTENT, env_type=1, name="official", project_id=7
        )
        return OfficialClient(config).create_connection(request)

    body = official(SK).body
    assert body.success is True and isinstance(body.data, int)
    made = _creations(emulator_app)
    assert [c["Name"] for c in made] == ["official"]
    assert made[0]["Id"] == body.data and made[0]["AccessKeyId"] == AK
    assert "RegionId" not in made[0]  # the official client never sends it
    with pytest.raises(Exception) as info:
        official("wrong-secret")
    assert "SignatureDoesNotMatch" in str(info.value)
    assert len(_creations(emulator_app)) == 1


@pytest.mark.parametrize("signer", SIGNERS)
def test_sync_and_async_calls_get_the_spec_example_with_fresh_ids(
    emulator_url: str, emulator_app: Starlette, signer: Signer
) -> None:
    with _client(emulator_url, signer) as client:
        first = _create(client)
    assert first.status_code == 200, first.text
    body = first.json()
    # The spec's example (HttpStatusCode 200, Success true) with the request id and a fresh int64 Data.
    assert body["Success"] is True and body["HttpStatusCode"] == 200
    assert body["RequestId"] == first.headers["x-acs-request-id"]
    assert uuid.UUID(body["RequestId"]) and body["Data"] != 123

    async def run() -> httpx.Response:
        auth = SigningAuth(signer(CREDS, region="cn-shanghai"))
        async with httpx.AsyncClient(base_url=emulator_url, auth=auth) as aclient:
            return await aclient.request(**_get_kwargs(**ARGS, region_id="cn-hangzhou"))

    second = asyncio.run(run())
    assert second.status_code == 200, second.text
    made = _creations(emulator_app)
    assert [c["Id"] for c in made] == [body["Data"], second.json()["Data"]]
    assert body["Data"] != second.json()["Data"]
    assert [c["RegionId"] for c in made] == ["cn-shanghai", "cn-hangzhou"]
    assert [c["operation"] for c in made] == ["CreateConnection"] * 2
    assert {c["Action"] for c in made} == {"CreateConnection"} and {c["Version"] for c in made} == {"2020-05-18"}
    assert made[0]["ProjectId"] == 42 and made[0]["EnvType"] == 1  # validated in the declared types
    # Content carries a password (format: password in its contentSchema): masked in the record.
    assert made[0]["Content"] == "***"
    listed = httpx.get(emulator_url + "/_emulator/creations").json()
    assert listed["count"] == 2 and PASSWORD not in json.dumps(listed)
    for item in made:  # the RPC common parameters are the gateway's, not the service's
        assert not {"Signature", "SignatureNonce", "SignatureMethod", "Timestamp"} & set(item)


@pytest.mark.parametrize("signer", SIGNERS)
def test_wrong_secret_and_unknown_key_are_refused(emulator_url: str, emulator_app: Starlette, signer: Signer) -> None:
    with _client(emulator_url, signer, Credentials(AK, "nope")) as client:
        wrong = _create(client)
    assert (wrong.status_code, wrong.json()["Code"]) == (400, "SignatureDoesNotMatch")
    with _client(emulator_url, signer, Credentials("LTAIx", "y")) as client:
        unknown = _create(client)
    assert (unknown.status_code, unknown.json()["Code"]) == (404, "InvalidAccessKeyId.NotFound")
    for r in (wrong, unknown):
        assert r.json()["RequestId"] == r.headers["x-acs-request-id"]
        assert set(r.json()) == {"RequestId", "HostId", "Code", "Message", "Recommend"}
    assert _creations(emulator_app) == []


def _raw_post(url: str, signer: Acs3Signer | RpcV1Signer, query: str, tamper: Any = None) -> httpx.Response:
    signed = signer.sign("POST", f"{url}/?{query}", {"host": url.split("//")[1]}, b"")
    assert signed.url is not None
    target, headers = signed.url, dict(signed.headers)
    if tamper is not None:
        target, headers = tamper(target, headers)
    return httpx.post(target, headers=headers)


QUERY = "Action=CreateConnection&Version=2020-05-18&ConnectionType=rds&Content=%7B%7D&EnvType=1&Name=n&ProjectId=1"


@pytest.mark.parametrize("signer_cls", SIGNERS)
def test_emulator_rejects_replay_skew_tamper_and_bad_parameters(
    emulator_url: str, emulator_app: Starlette, signer_cls: Signer
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


@pytest.mark.parametrize("signer_cls", SIGNERS)
def test_unknown_action_and_wrong_version(emulator_url: str, emulator_app: Starlette, signer_cls: Signer) -> None:
    unknown = _raw_post(emulator_url, signer_cls(CREDS), QUERY.replace("CreateConnection", "NoSuchAction"))
    assert (unknown.status_code, unknown.json()["Code"]) == (404, "InvalidAction.NotFound")
    assert unknown.json()["RequestId"] == unknown.headers["x-acs-request-id"]
    old = _raw_post(emulator_url, signer_cls(CREDS), QUERY.replace("2020-05-18", "2017-12-12"))
    assert (old.status_code, old.json()["Code"]) == (400, "InvalidParameter") and '"Version"' in old.json()["Message"]
    assert _creations(emulator_app) == []


def test_emulator_default_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_keys({}) == {DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET}
    env = {"ALIBABA_CLOUD_ACCESS_KEY_ID": "e", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "s"}
    assert default_keys(env)["e"] == "s"
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "e2")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s2")
    assert create_app().state.keys["e2"] == "s2"


@pytest.mark.parametrize("signer", SIGNERS)
def test_throttling_is_not_processed(emulator_url: str, emulator_app: Starlette, signer: Signer) -> None:
    _fault(emulator_app, status=429, count=2, retry_after=1.5)
    with _client(emulator_url, signer) as client:
        throttled = [_create(client) for _ in range(2)]
        assert _creations(emulator_app) == []
        assert _create(client).status_code == 200
    for r in throttled:
        assert (r.status_code, r.json()["Code"]) == (429, "Throttling.User")
        assert r.headers["Retry-After"] == "2" and r.headers["x-acs-retry-after"] == "1500"
        assert r.json()["RequestId"] == r.headers["x-acs-request-id"]
    assert len(_creations(emulator_app)) == 1


def test_503_is_not_processed_500_with_process_is(emulator_url: str, emulator_app: Starlette) -> None:
    _fault(emulator_app, status=503, count=1)
    _fault(emulator_app, status=500, process=True)
    with _client(emulator_url) as client:
        unavailable = _create(client)
        assert _creations(emulator_app) == []
        failed = _create(client)
    assert (unavailable.status_code, unavailable.json()["Code"]) == (503, "ServiceUnavailable")
    assert (failed.status_code, failed.json()["Code"]) == (500, "InternalError")
    assert len(_creations(emulator_app)) == 1  # the 500 was processed


def test_drop_after_processing(emulator_url: str, emulator_app: Starlette) -> None:
    _fault(emulator_app, status=200, drop=True, process=True)
    with _client(emulator_url) as client, pytest.raises(httpx.RemoteProtocolError):
        _create(client)
    assert len(_creations(emulator_app)) == 1


def test_async_drop_after_processing(emulator_url: str, emulator_app: Starlette) -> None:
    _fault(emulator_app, status=200, drop=True, process=True)

    async def run() -> None:
        auth = SigningAuth(Acs3Signer(CREDS))
        async with httpx.AsyncClient(base_url=emulator_url, auth=auth) as client:
            with pytest.raises(httpx.RemoteProtocolError):
                await client.request(**_get_kwargs(**ARGS))

    asyncio.run(run())
    assert len(_creations(emulator_app)) == 1


def test_slow_success(emulator_url: str, emulator_app: Starlette) -> None:
    _fault(emulator_app, status=200, latency=1.0)
    with _client(emulator_url, timeout=httpx.Timeout(0.2)) as client, pytest.raises(httpx.ReadTimeout):
        _create(client)
    assert len(_creations(emulator_app)) == 1


@pytest.mark.parametrize("body", ["html", "truncated", "mismatch"])
def test_html_truncated_and_mismatched_bodies(emulator_url: str, emulator_app: Starlette, body: str) -> None:
    for status in (200, 500):
        _fault(emulator_app, status=status, body=body, process=True)
        with _client(emulator_url) as client:
            r = _create(client)
        assert r.status_code == status
        if body == "html":
            assert r.headers["content-type"].startswith("text/html") and r.text.startswith("<html>")
        elif body == "truncated":
            with pytest.raises(ValueError):
                r.json()
        else:
            assert all(isinstance(v, list) for v in r.json().values())
    assert len(_creations(emulator_app)) == 2


@pytest.mark.parametrize("signer", SIGNERS)
def test_business_parameters_in_a_form_body(emulator_url: str, emulator_app: Starlette, signer: Signer) -> None:
    form = {"ConnectionType": "rds", "Content": CONTENT, "EnvType": "0", "Name": "form", "ProjectId": "5"}
    action = {"Action": "CreateConnection", "Version": "2020-05-18"}
    with _client(emulator_url, signer) as client:
        r = client.post("/", params=action, data=form)
        assert r.status_code == 200, r.text
        bad = client.post("/", params=action, data={**form, "EnvType": "9"})
    assert (bad.status_code, bad.json()["Code"]) == (400, "InvalidParameter")
    (item,) = _creations(emulator_app)
    assert (item["Name"], item["EnvType"], item["ProjectId"], item["Id"]) == ("form", 0, 5, r.json()["Data"])
