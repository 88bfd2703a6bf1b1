"""Published examples, and the verifiers: accept what the signers make, reject any change to a signed byte."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from cloudsign._core.specs import find_operation, load_spec
from cloudsign.alibabacloud.acs3 import sign_acs3, verify_acs3
from cloudsign.alibabacloud.auth import Acs3Signer, RpcV1Signer
from cloudsign.alibabacloud.credentials import Credentials
from cloudsign.alibabacloud.endpoints import REGION_PATTERN
from cloudsign.alibabacloud.rejection import SignatureRejectedError
from cloudsign.alibabacloud.rpc_v1 import sign_rpc_v1, verify_rpc_v1

NOW = datetime(2024, 5, 1, 8, 0, 0, tzinfo=UTC)
KEYS = {"AK1": "secret-one"}


def test_acs3_published_runinstances_example() -> None:
    # Alibaba's "Request syntax and signature method V3" page; its example endpoint and RegionId are cn-shanghai.
    url = (
        "https://ecs.cn-shanghai.aliyuncs.com/"
        "?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai"
    )
    added = sign_acs3(
        "POST",
        url,
        {},
        b"",
        access_key_id="YourAccessKeyId",
        secret="YourAccessKeySecret",
        security_token=None,
        now=datetime(2023, 10, 26, 10, 22, 32, tzinfo=UTC),
        nonce="3156853299f313e23d1673dc12e1703d",
        action="RunInstances",
        version="2014-05-26",
    )
    assert added["Authorization"] == (
        "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,"
        "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
        "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
    )
    assert added["x-acs-date"] == "2023-10-26T10:22:32Z"
    assert added["x-acs-content-sha256"] == hashlib.sha256(b"").hexdigest()
    assert added["host"] == "ecs.cn-shanghai.aliyuncs.com"


def test_rpc_v1_published_describeregions_example() -> None:
    url = sign_rpc_v1(
        "GET",
        "http://ecs.aliyuncs.com/?Action=DescribeRegions&Version=2014-05-26&Format=XML",
        {},
        b"",
        access_key_id="testid",
        secret="testsecret",
        security_token=None,
        now=datetime(2016, 2, 23, 12, 46, 24, tzinfo=UTC),
        nonce="3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    )
    assert "Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D" in url
    assert "Format=XML" in url and "SecurityToken" not in url


def test_region_pattern_is_the_specs() -> None:
    _, _, op = find_operation(load_spec("alibabacloud-dataworks"), "CreateConnection")
    region = next(p for p in op["parameters"] if p["name"] == "RegionId")
    assert region["schema"]["pattern"] == REGION_PATTERN


def _acs3_request(body: bytes = b"", token: str | None = None) -> tuple[str, dict[str, str]]:
    signer = Acs3Signer(Credentials("AK1", "secret-one", token), clock=lambda: NOW, nonce=lambda: "n-1")
    url = "https://dataworks.cn-shanghai.aliyuncs.com/?Action=CreateConnection&Version=2020-05-18&Name=a%20b&P="
    headers = {"content-type": "application/json"} if body else {}
    signed = signer.sign("POST", url, headers, body)
    assert signed.url is not None
    return signed.url, {**headers, **signed.headers}


def test_acs3_verifier_accepts_and_moves_action_to_headers() -> None:
    url, headers = _acs3_request(b'{"x":1}', token="sts-token")
    assert "Action=" not in url and "Version=" not in url
    assert headers["x-acs-action"] == "CreateConnection" and headers["x-acs-version"] == "2020-05-18"
    assert "x-acs-security-token" in headers["Authorization"]
    verified = verify_acs3("POST", url, headers, b'{"x":1}', KEYS.get, now=NOW)
    assert verified.action == "CreateConnection" and verified.nonce == "n-1"


@pytest.mark.parametrize(
    "change",
    [
        "method",
        "path",
        "query-value",
        "query-added",
        "host",
        "content-type",
        "x-acs-action",
        "x-acs-version",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-security-token",
        "body",
        "signature",
    ],
)
def test_acs3_verifier_rejects_any_changed_signed_byte(change: str) -> None:
    body = b'{"x":1}'
    url, headers = _acs3_request(body, token="sts-token")
    method = "POST"
    if change == "method":
        method = "PUT"
    elif change == "path":
        url = url.replace(".com/?", ".com/x?")
    elif change == "query-value":
        url = url.replace("Name=a%20b", "Name=a%20c")
    elif change == "query-added":
        url += "&Extra=1"
    elif change == "body":
        body = b'{"x":2}'
    elif change == "signature":
        sig = headers["Authorization"]
        headers["Authorization"] = sig[:-1] + ("0" if sig[-1] != "0" else "1")
    elif change == "x-acs-date":
        headers[change] = (NOW + timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    else:
        headers[change] = headers[change] + "x"
    with pytest.raises(SignatureRejectedError) as info:
        verify_acs3(method, url, headers, body, KEYS.get, now=NOW)
    assert info.value.code == "SignatureDoesNotMatch" and info.value.status == 400


def test_acs3_verifier_rejects_unknown_key_skew_replay_and_incomplete() -> None:
    url, headers = _acs3_request()
    with pytest.raises(SignatureRejectedError) as info:
        verify_acs3("POST", url, headers, b"", dict[str, str]().get, now=NOW)
    assert (info.value.code, info.value.status) == ("InvalidAccessKeyId.NotFound", 404)
    with pytest.raises(SignatureRejectedError) as info:
        verify_acs3("POST", url, headers, b"", KEYS.get, now=NOW + timedelta(minutes=16))
    assert info.value.code == "InvalidTimeStamp.Expired"
    verify_acs3("POST", url, headers, b"", KEYS.get, now=NOW + timedelta(minutes=14))
    seen: set[str] = set()

    def replayed(nonce: str, valid_until: float) -> bool:
        assert valid_until == (NOW + timedelta(minutes=15)).timestamp()
        used = nonce in seen
        seen.add(nonce)
        return used

    verify_acs3("POST", url, headers, b"", KEYS.get, now=NOW, nonce_seen=replayed)
    with pytest.raises(SignatureRejectedError) as info:
        verify_acs3("POST", url, headers, b"", KEYS.get, now=NOW, nonce_seen=replayed)
    assert info.value.code == "SignatureNonceUsed"
    unsigned_extra = {**headers, "x-acs-extra": "1"}
    with pytest.raises(SignatureRejectedError) as info:
        verify_acs3("POST", url, unsigned_extra, b"", KEYS.get, now=NOW)
    assert info.value.code == "IncompleteSignature"
    with pytest.raises(SignatureRejectedError) as info:
        verify_acs3("POST", url, {k: v for k, v in headers.items() if k != "Authorization"}, b"", KEYS.get, now=NOW)
    assert info.value.code == "IncompleteSignature"


def _rpc_request(token: str | None = None) -> str:
    signer = RpcV1Signer(Credentials("AK1", "secret-one", token), clock=lambda: NOW, nonce=lambda: "n-2")
    url = "https://dataworks.cn-shanghai.aliyuncs.com/?Action=CreateConnection&Version=2020-05-18&Name=a%2Bb"
    signed = signer.sign("POST", url, {}, b"")
    assert signed.url is not None and signed.headers["x-acs-action"] == "CreateConnection"
    return signed.url


def test_rpc_verifier_accepts_and_rejects_each_changed_parameter() -> None:
    url = _rpc_request(token="sts-token")
    assert "SecurityToken=sts-token" in url and "Format=JSON" in url
    assert verify_rpc_v1("POST", url, {}, b"", KEYS.get, now=NOW).action == "CreateConnection"
    for old, new in [
        ("Name=a%2Bb", "Name=a%2Bc"),
        ("SecurityToken=sts-token", "SecurityToken=sts-tokem"),
        ("SignatureNonce=n-2", "SignatureNonce=n-3"),
        ("Action=CreateConnection", "Action=CreateConnectiom"),
        ("Format=JSON", "Format=XML"),
    ]:
        assert old in url
        with pytest.raises(SignatureRejectedError) as info:
            verify_rpc_v1("POST", url.replace(old, new), {}, b"", KEYS.get, now=NOW)
        assert info.value.code == "SignatureDoesNotMatch", old
    with pytest.raises(SignatureRejectedError):
        verify_rpc_v1("GET", url, {}, b"", KEYS.get, now=NOW)
    with pytest.raises(SignatureRejectedError) as info:
        verify_rpc_v1("POST", url + "&Extra=1", {}, b"", KEYS.get, now=NOW)
    assert info.value.code == "SignatureDoesNotMatch"


def test_rpc_verifier_rejects_unknown_key_skew_replay_and_missing_parts() -> None:
    url = _rpc_request()
    cases = [
        ({}, NOW, "InvalidAccessKeyId.NotFound", 404),
        (KEYS, NOW - timedelta(minutes=16), "InvalidTimeStamp.Expired", 400),
    ]
    for keys, now, code, status in cases:
        with pytest.raises(SignatureRejectedError) as info:
            verify_rpc_v1("POST", url, {}, b"", keys.get, now=now)
        assert (info.value.code, info.value.status) == (code, status)
    nonces: set[str] = set()

    def seen(nonce: str, valid_until: float) -> bool:
        assert valid_until == (NOW + timedelta(minutes=15)).timestamp()
        used = nonce in nonces
        nonces.add(nonce)
        return used

    verify_rpc_v1("POST", url, {}, b"", KEYS.get, now=NOW, nonce_seen=seen)
    with pytest.raises(SignatureRejectedError) as info:
        verify_rpc_v1("POST", url, {}, b"", KEYS.get, now=NOW, nonce_seen=seen)
    assert info.value.code == "SignatureNonceUsed"
    with pytest.raises(SignatureRejectedError) as info:
        verify_rpc_v1("POST", url.split("&Signature=")[0], {}, b"", KEYS.get, now=NOW)
    assert info.value.code == "IncompleteSignature"


def test_rpc_signs_form_body_parameters() -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    signed = sign_rpc_v1(
        "POST",
        "https://h/?Action=A&Version=1",
        headers,
        b"Body=1",
        access_key_id="AK1",
        secret="secret-one",
        security_token=None,
        now=NOW,
        nonce="n",
    )
    verify_rpc_v1("POST", signed, headers, b"Body=1", KEYS.get, now=NOW)
    with pytest.raises(SignatureRejectedError):
        verify_rpc_v1("POST", signed, headers, b"Body=2", KEYS.get, now=NOW)


def test_signers_fill_region_only_when_absent_and_never_show_secrets() -> None:
    creds = Credentials("AK1", "secret-one", "tok-en")
    for signer in (Acs3Signer(creds, region="cn-hangzhou"), RpcV1Signer(creds, region="cn-hangzhou")):
        filled = signer.sign("POST", "https://h/?Action=A&Version=1", {}, b"").url
        kept = signer.sign("POST", "https://h/?Action=A&Version=1&RegionId=cn-beijing", {}, b"").url
        assert filled is not None and "RegionId=cn-hangzhou" in filled
        assert kept is not None and "RegionId=cn-beijing" in kept and "cn-hangzhou" not in kept
        assert "secret-one" not in repr(signer) and "tok-en" not in repr(signer)
