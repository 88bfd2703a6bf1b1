"""The holes of issue 11, each closed in the emulators' gateways and proven with requests signed by the official
signers wherever they can express the request (huaweicloudsdkcore's Signer, tea-openapi's ACS3 and RPC signers,
the official DAS and DataWorks clients). Our own signer is used only where no official one can: repeated query
parameters (the official signers take the query as a dict)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from alibabacloud_dataworks_public20200518 import models as dataworks_models
from alibabacloud_dataworks_public20200518.client import Client as DataWorksClient
from alibabacloud_tea_openapi import models as openapi_models
from alibabacloud_tea_openapi.utils import Utils as TeaUtils

from cloudsign.alibabacloud import Credentials as AlibabaCredentials
from cloudsign.alibabacloud.auth import Acs3Signer, RpcV1Signer
from cloudsign.emulator.alibabacloud import create_app as alibaba_app
from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud import create_app as huawei_app

# Huawei: one permanent and one temporary key (AK, SK, security token).
HW_AK, HW_SK = "HPUAPERMANENTAK00001", "permanent-sk-never-printed-0123"
HW_TMP = ("HPUATEMPORARYAK00001", "temporary-sk-never-printed-4567", "hw-sts-token-never-printed-89ab")
PROJECT = "052041494800d57c2f02c00275b4c247"
OTHER_PROJECT = "f" * 32
INSTANCE = "bcfa975193f1402fa11a6d4fd6baf5fbin01"
PATH = f"/v3/{PROJECT}/instances/{INSTANCE}/create-connection"
BODY = {
    "engine_type": "mysql",
    "network_type": "rds",
    "username": "root",
    "is_save_password": True,
    "password": "Gauss_2345",
}
# Alibaba: the same pair of kinds.
ALI_AK, ALI_SK = "LTAIpermanentKey0001", "permanent-secret-never-printed"
ALI_TMP = ("STS.temporaryKey0001", "temporary-secret-never-printed", "ali-sts-token-never-printed")
ALI_OTHER_TMP = ("STS.temporaryKey0002", "other-temporary-secret", "ali-other-sts-token")
BUSINESS = {"ConnectionType": "rds", "Content": "{}", "EnvType": "1", "Name": "conn", "ProjectId": "1"}
SECRETS = (HW_SK, HW_TMP[1], HW_TMP[2], ALI_SK, ALI_TMP[1], ALI_TMP[2])


def _no_secret_in(response: httpx.Response) -> None:
    assert not any(s in response.text for s in SECRETS)


# ---------------------------------------------------------------------------------------------------------------
# Huawei, signed by huaweicloudsdkcore's Signer


@pytest.fixture
def huawei() -> Iterator[tuple[str, Any]]:
    app = huawei_app(credentials={HW_AK: HW_SK}, temporary_credentials=[HW_TMP])
    with running(app) as url:
        yield url, app.state.emulator


def _huawei_send(
    url: str,
    *,
    ak: str = HW_AK,
    sk: str = HW_SK,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    after: dict[str, str] | None = None,
    swap_body: bytes | None = None,
    path: str = PATH,
) -> httpx.Response:
    """Sign with the official signer (every header given is signed), then optionally add headers / swap the body."""
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.sdk_request import SdkRequest
    from huaweicloudsdkcore.signer.signer import Signer

    host = url.split("//", 1)[1]
    content = json.dumps(BODY).encode() if body is None else body
    params = {"Host": host, "Content-Type": "application/json", **(headers or {})}
    request = SdkRequest(
        method="POST", schema="http", host=host, resource_path=path, query_params=[], header_params=params, body=content
    )
    signed = Signer(BasicCredentials(ak, sk)).sign(request)
    sent = {k: str(v) for k, v in signed.header_params.items() if k != "Host"}
    sent.update(after or {})
    return httpx.post(url + path, headers=sent, content=content if swap_body is None else swap_body, timeout=10)


def _refused_401(r: httpx.Response) -> None:
    assert r.status_code == 401, r.text
    assert r.json()["error_code"] == "APIGW.0301" and r.json()["request_id"] == r.headers["X-Request-Id"]
    _no_secret_in(r)


def test_huawei_pinned_payload_hash_must_match_the_body(huawei: tuple[str, Any]) -> None:
    url, state = huawei
    original = json.dumps(BODY).encode()
    pinned = {"X-Sdk-Content-Sha256": hashlib.sha256(original).hexdigest()}
    assert _huawei_send(url, headers=pinned, body=original).status_code == 200
    swapped = json.dumps({**BODY, "username": "attacker"}).encode()
    _refused_401(_huawei_send(url, headers=pinned, body=original, swap_body=swapped))
    assert [c["username"] for c in state.creations.snapshot()] == ["root"]


def test_huawei_unsigned_payload_stays_allowed(huawei: tuple[str, Any]) -> None:
    url, state = huawei
    r = _huawei_send(url, headers={"X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD"})
    assert r.status_code == 200, r.text
    assert len(state.creations.snapshot()) == 1


def test_huawei_temporary_key_needs_its_own_token(huawei: tuple[str, Any]) -> None:
    url, state = huawei
    ak, sk, token = HW_TMP
    assert _huawei_send(url, ak=ak, sk=sk, headers={"X-Security-Token": token}).status_code == 200
    _refused_401(_huawei_send(url, ak=ak, sk=sk))  # no token
    _refused_401(_huawei_send(url, ak=ak, sk=sk, headers={"X-Security-Token": "garbage"}))
    _refused_401(_huawei_send(url, headers={"X-Security-Token": token}))  # a token on a permanent key
    assert len(state.creations.snapshot()) == 1


def test_huawei_identity_headers_must_be_signed(huawei: tuple[str, Any]) -> None:
    url, state = huawei
    ak, sk, token = HW_TMP
    _refused_401(_huawei_send(url, ak=ak, sk=sk, after={"X-Security-Token": token}))
    _refused_401(_huawei_send(url, after={"X-Project-Id": PROJECT}))
    assert _huawei_send(url, headers={"X-Project-Id": PROJECT}).status_code == 200
    assert len(state.creations.snapshot()) == 1


def test_huawei_project_header_must_match_the_path(huawei: tuple[str, Any]) -> None:
    url, state = huawei
    r = _huawei_send(url, headers={"X-Project-Id": OTHER_PROJECT})
    _refused_401(r)
    assert "X-Project-Id" in r.json()["error_msg"]
    assert state.creations.snapshot() == []


def test_huawei_official_client_with_a_temporary_key(huawei: tuple[str, Any]) -> None:
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkdas.v3 import CreateInstanceConnectionReq, CreateInstanceConnectionRequest, DasClient

    url, state = huawei
    ak, sk, token = HW_TMP

    def create(security_token: str) -> Any:
        config = HttpConfig.get_default_config()
        config.timeout = (5, 10)
        credentials = BasicCredentials(ak, sk, PROJECT).with_security_token(security_token)
        client = DasClient.new_builder().with_http_config(config).with_credentials(credentials)
        request = CreateInstanceConnectionRequest(instance_id=INSTANCE, body=CreateInstanceConnectionReq(**BODY))
        return client.with_endpoints([url]).build().create_instance_connection(request)

    assert uuid.UUID(create(token).connection_id)
    with pytest.raises(ClientRequestException) as info:
        create(token + "-forged")
    assert (info.value.status_code, info.value.error_code) == (401, "APIGW.0301")
    assert len(state.creations.snapshot()) == 1


def test_huawei_replay_within_the_window_is_accepted_as_by_the_real_gateway(huawei: tuple[str, Any]) -> None:
    """SDK-HMAC-SHA256 has no nonce: the real gateway accepts the same signed request again within 15 minutes,
    and so does the emulator (documented in the README)."""
    url, state = huawei
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.sdk_request import SdkRequest
    from huaweicloudsdkcore.signer.signer import Signer

    host = url.split("//", 1)[1]
    content = json.dumps(BODY).encode()
    request = SdkRequest(
        method="POST", schema="http", host=host, resource_path=PATH, query_params=[],
        header_params={"Host": host, "Content-Type": "application/json"}, body=content,
    )  # fmt: skip
    headers = {k: str(v) for k, v in Signer(BasicCredentials(HW_AK, HW_SK)).sign(request).header_params.items()}
    headers.pop("Host")
    for _ in range(2):
        assert httpx.post(url + PATH, headers=headers, content=content).status_code == 200
    assert len(state.creations.snapshot()) == 2


def test_huawei_default_keys_read_the_security_token(monkeypatch: pytest.MonkeyPatch) -> None:
    ak, sk, token = HW_TMP
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", ak)
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", sk)
    monkeypatch.setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", token)
    with running(huawei_app()) as url:
        assert _huawei_send(url, ak=ak, sk=sk, headers={"X-Security-Token": token}).status_code == 200
        _refused_401(_huawei_send(url, ak=ak, sk=sk))


# ---------------------------------------------------------------------------------------------------------------
# Alibaba, signed by tea-openapi (ACS3 and RPC v1) and the official DataWorks client


class _Clock:
    """The emulator's clock, settable (handed to ``create_app(clock=...)``)."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> _Clock:
    return _Clock()


@pytest.fixture
def alibaba(clock: _Clock) -> Iterator[tuple[str, Any]]:
    app = alibaba_app(credentials={ALI_AK: ALI_SK}, temporary_credentials=[ALI_TMP, ALI_OTHER_TMP], clock=clock)
    with running(app) as url:
        yield url, app.state.emulator


def _acs3(url: str, at: datetime, nonce: str, ak: str = ALI_AK, sk: str = ALI_SK) -> httpx.Response:
    """A CreateConnection signed by tea-openapi's ACS3 signer, dated ``at``."""
    host = url.split("//", 1)[1]
    headers = {
        "host": host,
        "x-acs-action": "CreateConnection",
        "x-acs-version": "2020-05-18",
        "x-acs-date": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "x-acs-signature-nonce": nonce,
        "x-acs-content-sha256": hashlib.sha256(b"").hexdigest(),
    }
    request = SimpleNamespace(method="POST", pathname="/", query=dict(BUSINESS), headers=headers)
    auth = TeaUtils.get_authorization(request, "ACS3-HMAC-SHA256", headers["x-acs-content-sha256"], ak, sk)
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in BUSINESS.items())
    return httpx.post(f"{url}/?{query}", headers={**headers, "Authorization": auth})


def _rpc(url: str, at: datetime, nonce: str, ak: str = ALI_AK, sk: str = ALI_SK) -> httpx.Response:
    """A CreateConnection signed by tea-openapi's RPC v1 signer, dated ``at``."""
    params = {
        **BUSINESS,
        "Action": "CreateConnection",
        "Version": "2020-05-18",
        "Format": "JSON",
        "AccessKeyId": ak,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "SignatureNonce": nonce,
        "Timestamp": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    params["Signature"] = TeaUtils.get_rpcsignature(params, "POST", sk)
    return httpx.post(url + "/", params=params)


@pytest.mark.parametrize("send", [_acs3, _rpc], ids=["acs3", "rpc_v1"])
def test_alibaba_nonce_is_remembered_while_the_request_is_valid(
    alibaba: tuple[str, Any], clock: _Clock, send: Any
) -> None:
    url, state = alibaba
    future = clock.now + timedelta(minutes=10)  # the gateway accepts up to 15 minutes ahead
    nonce = uuid.uuid4().hex
    assert send(url, future, nonce).status_code == 200
    clock.now += timedelta(minutes=16)  # the first use is 16 minutes old, the request still 6 minutes in its window
    replay = send(url, future, nonce)
    assert (replay.status_code, replay.json()["Code"]) == (400, "SignatureNonceUsed")
    clock.now += timedelta(minutes=10)  # the request itself has expired now
    assert send(url, future, nonce).json()["Code"] == "InvalidTimeStamp.Expired"
    assert len(state.creations.snapshot()) == 1


@pytest.mark.parametrize("signer_cls", [Acs3Signer, RpcV1Signer])
def test_alibaba_duplicated_business_parameter_is_refused(alibaba: tuple[str, Any], signer_cls: Any) -> None:
    """No official signer takes a repeated key: signed by ours, which sorts the copies as the gateway does."""
    url, state = alibaba
    signer = signer_cls(AlibabaCredentials(ALI_AK, ALI_SK))
    query = "Action=CreateConnection&Version=2020-05-18&ConnectionType=rds&Content=%7B%7D&EnvType=1&ProjectId=1"
    for names in ("Name=second&Name=first", "Name=first&Name=second"):
        signed = signer.sign("POST", f"{url}/?{query}&{names}", {"host": url.split("//")[1]}, b"")
        assert signed.url is not None
        r = httpx.post(signed.url, headers=dict(signed.headers))
        assert (r.status_code, r.json()["Code"]) == (400, "InvalidParameter"), r.text
        assert '"Name"' in r.json()["Message"]
    assert state.creations.snapshot() == []


@pytest.mark.parametrize("signer_cls", [Acs3Signer, RpcV1Signer])
def test_alibaba_duplicated_action_is_refused(alibaba: tuple[str, Any], signer_cls: Any) -> None:
    url, state = alibaba
    signer = signer_cls(AlibabaCredentials(ALI_AK, ALI_SK))
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in BUSINESS.items())
    target = f"{url}/?Action=CreateConnection&Action=DeleteConnection&Version=2020-05-18&{query}"
    signed = signer.sign("POST", target, {"host": url.split("//")[1]}, b"")
    assert signed.url is not None
    r = httpx.post(signed.url, headers=dict(signed.headers))
    assert (r.status_code, r.json()["Code"]) == (400, "InvalidParameter"), r.text
    assert '"Action"' in r.json()["Message"]
    assert state.creations.snapshot() == []


def _official(url: str, algorithm: str | None, ak: str, sk: str, token: str | None) -> Any:
    config = openapi_models.Config(
        access_key_id=ak,
        access_key_secret=sk,
        security_token=token,
        endpoint=url.split("//", 1)[1],
        protocol="http",
        signature_algorithm=algorithm,
    )
    request = dataworks_models.CreateConnectionRequest(
        connection_type="rds", content="{}", env_type=1, name="official", project_id=7
    )
    return DataWorksClient(config).create_connection(request)


@pytest.mark.parametrize("algorithm", [None, "v2"], ids=["acs3", "rpc_v1"])
def test_alibaba_temporary_key_needs_its_own_token(alibaba: tuple[str, Any], algorithm: str | None) -> None:
    url, state = alibaba
    ak, sk, token = ALI_TMP
    assert _official(url, algorithm, ak, sk, token).body.success is True
    cases = [
        (ak, sk, None, "MissingSecurityToken"),
        (ak, sk, "garbage", "InvalidSecurityToken.Malformed"),
        (ak, sk, ALI_OTHER_TMP[2], "InvalidSecurityToken.MismatchWithAccessKey"),
        (ALI_AK, ALI_SK, "garbage", "InvalidSecurityToken.Malformed"),  # a token on a permanent key
    ]
    for key, secret, sent, code in cases:
        with pytest.raises(Exception) as info:
            _official(url, algorithm, key, secret, sent)
        assert code in str(info.value), (sent, str(info.value)[:300])
        assert not any(s in str(info.value) for s in SECRETS)
    assert [c["AccessKeyId"] for c in state.creations.snapshot()] == [ak]
    assert _official(url, algorithm, ALI_AK, ALI_SK, None).body.success is True


def test_alibaba_default_keys_read_the_security_token(monkeypatch: pytest.MonkeyPatch) -> None:
    ak, sk, token = ALI_TMP
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", ak)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", sk)
    monkeypatch.setenv("ALIBABA_CLOUD_SECURITY_TOKEN", token)
    with running(alibaba_app()) as url:
        assert _official(url, None, ak, sk, token).body.success is True
        with pytest.raises(Exception, match="MissingSecurityToken"):
            _official(url, None, ak, sk, None)
