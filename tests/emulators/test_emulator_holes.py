"""Issue 22 L3 and LM1, the emulators' side: what the real gateway refuses is refused here too (an RPC token only
in an unsigned header, an empty ACS3 nonce, a date that is not zero-padded, an expired temporary key), hostile
bodies get a 400 error envelope instead of a bare 500, and the nonce cache stays bounded and amortised O(log n).
Requests are signed by the official signers (tea-openapi, huaweicloudsdkcore)."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import httpx
import pytest
from alibabacloud_tea_openapi.utils import Utils as TeaUtils

from cloudsign.emulator.alibabacloud import create_app as alibaba_app
from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud import create_app as huawei_app
from cloudsign.emulator.nonces import NonceCache
from tests.emulators.test_strict_gateways import ALI_AK, ALI_SK, ALI_TMP, BUSINESS, HW_AK, HW_SK, HW_TMP, _huawei_send

# Every component below 10, so a date that is not zero-padded differs from one that is.
START = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
EXPIRES = START + timedelta(minutes=30)
PADDED, UNPADDED = "2026-01-02T03:04:05Z", "2026-1-2T3:4:5Z"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def alibaba(clock: Clock) -> Iterator[str]:
    temporary = [(*ALI_TMP, EXPIRES.timestamp())]
    with running(alibaba_app(credentials={ALI_AK: ALI_SK}, temporary_credentials=temporary, clock=clock)) as url:
        yield url


def _rpc(
    url: str,
    *,
    ak: str = ALI_AK,
    sk: str = ALI_SK,
    stamp: str = PADDED,
    nonce: str = "nonce-1",
    token: str | None = None,
    headers: dict[str, str] | None = None,
    business: dict[str, str] | None = None,
    form: bool = False,
) -> httpx.Response:
    """A CreateConnection signed by tea-openapi's RPC v1 signer; ``form`` moves the business parameters to a form
    body (the signature covers them there too)."""
    business = dict(BUSINESS if business is None else business)
    common = {"Action": "CreateConnection", "Version": "2020-05-18", "Format": "JSON", "AccessKeyId": ak,
              "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "SignatureNonce": nonce, "Timestamp": stamp,
              **({"SecurityToken": token} if token else {})}  # fmt: skip
    signature = TeaUtils.get_rpcsignature({**common, **business}, "POST", sk)
    query = {**common, "Signature": signature, **({} if form else business)}
    return httpx.post(url + "/", params=query, data=business if form else None, headers=headers, timeout=10)


def _acs3(url: str, *, stamp: str = PADDED, nonce: str = "nonce-1", token: str | None = None,
          ak: str = ALI_AK, sk: str = ALI_SK) -> httpx.Response:  # fmt: skip
    """A CreateConnection signed by tea-openapi's ACS3 signer."""
    headers = {
        "host": url.split("//", 1)[1],
        "x-acs-action": "CreateConnection",
        "x-acs-version": "2020-05-18",
        "x-acs-date": stamp,
        "x-acs-signature-nonce": nonce,
        "x-acs-content-sha256": hashlib.sha256(b"").hexdigest(),
        **({"x-acs-security-token": token} if token else {}),
    }
    from types import SimpleNamespace

    request = SimpleNamespace(method="POST", pathname="/", query=dict(BUSINESS), headers=headers)
    auth = TeaUtils.get_authorization(request, "ACS3-HMAC-SHA256", headers["x-acs-content-sha256"], ak, sk)
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in BUSINESS.items())
    return httpx.post(f"{url}/?{query}", headers={**headers, "Authorization": auth}, timeout=10)


def _code(response: httpx.Response) -> tuple[int, str]:
    assert response.headers["content-type"].startswith("application/json"), response.text[:200]
    data = response.json()
    assert data["RequestId"] == response.headers["x-acs-request-id"]
    return response.status_code, data.get("Code", "OK" if response.status_code == 200 else "")


def test_rpc_token_only_in_an_unsigned_header_is_refused(alibaba: str) -> None:
    ak, sk, token = ALI_TMP
    assert _rpc(alibaba, ak=ak, sk=sk, token=token).status_code == 200  # signed, in the query
    unsigned = _rpc(alibaba, ak=ak, sk=sk, nonce="n2", headers={"x-acs-security-token": token})
    assert _code(unsigned) == (400, "MissingSecurityToken")


def test_acs3_empty_nonce_is_refused(alibaba: str) -> None:
    assert _acs3(alibaba, nonce="n1").status_code == 200
    assert _code(_acs3(alibaba, nonce="")) == (400, "IncompleteSignature")


def test_dates_must_be_zero_padded(alibaba: str) -> None:
    assert _code(_rpc(alibaba, stamp=UNPADDED)) == (400, "InvalidTimeStamp.Format")
    assert _code(_acs3(alibaba, stamp=UNPADDED)) == (400, "InvalidTimeStamp.Format")
    assert _rpc(alibaba, stamp=PADDED, nonce="n3").status_code == 200
    assert _acs3(alibaba, stamp=PADDED, nonce="n4").status_code == 200


def test_temporary_keys_expire(alibaba: str, clock: Clock) -> None:
    ak, sk, token = ALI_TMP
    assert _rpc(alibaba, ak=ak, sk=sk, token=token, nonce="n5").status_code == 200
    assert _acs3(alibaba, ak=ak, sk=sk, token=token, nonce="n6").status_code == 200
    clock.now = EXPIRES + timedelta(seconds=1)
    stamp = clock.now.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert _code(_rpc(alibaba, ak=ak, sk=sk, token=token, stamp=stamp, nonce="n7")) == (
        400,
        "InvalidSecurityToken.Expired",
    )
    assert _code(_acs3(alibaba, ak=ak, sk=sk, token=token, stamp=stamp, nonce="n8")) == (
        400,
        "InvalidSecurityToken.Expired",
    )
    assert _rpc(alibaba, stamp=stamp, nonce="n9").status_code == 200  # permanent keys do not expire


def test_a_form_body_that_is_not_utf8_gets_a_400_envelope(alibaba: str) -> None:
    common = {
        "Action": "CreateConnection",
        "Version": "2020-05-18",
        "Format": "JSON",
        "AccessKeyId": ALI_AK,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "SignatureNonce": "utf8",
        "Timestamp": PADDED,
    }
    common["Signature"] = TeaUtils.get_rpcsignature(dict(common), "POST", ALI_SK)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    response = httpx.post(
        alibaba + "/", params=common, content=b"Name=\xff\xfe&Content=%7B%7D", headers=form, timeout=10
    )
    assert _code(response) == (400, "InvalidParameter")


def test_alibaba_deep_json_parameter_gets_a_400_envelope(alibaba: str) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    response = _rpc(alibaba, nonce="deep", business={**BUSINESS, "Content": deep}, form=True)
    status, code = _code(response)
    assert status == 400 and code.startswith("InvalidParameter"), response.text[:300]


@pytest.mark.parametrize("shape", ["array", "object"])
def test_huawei_deep_json_body_gets_a_400_envelope(shape: str) -> None:
    depth = 100_000 if shape == "array" else 5_000
    body = ("[" * depth + "]" * depth) if shape == "array" else ('{"a":' * depth + "1" + "}" * depth)
    with running(huawei_app(credentials={HW_AK: HW_SK})) as url:
        response = _huawei_send(url, body=body.encode())
    assert response.status_code == 400, response.text[:300]
    data = response.json()
    assert data["error_code"] and data["error_msg"] and data["request_id"] == response.headers["X-Request-Id"]


def test_the_nonce_cache_is_bounded_and_its_work_amortised() -> None:
    cache = NonceCache(ttl=60, max_entries=50_000)
    now = 1_000_000.0
    calls = 0
    for n in range(120_000):  # more than max_entries, all still valid: the oldest are forgotten first
        assert cache.seen(f"n{n}", now=now + n * 0.001) is False
        calls += 1
    assert len(cache) == 50_000 and cache.evicted == 70_000
    assert cache.seen("n119999", now=now + 120) is True  # a replay inside its window is still caught
    calls += 1
    later = now + 10_000  # everything has expired: forgotten on the next call, each entry looked at once
    assert cache.seen("fresh", now=later) is False
    calls += 1
    assert len(cache) == 1
    assert cache.examined <= 2 * calls, f"{cache.examined} entries examined for {calls} calls"


def test_a_replayed_nonce_is_still_refused_after_many_others() -> None:
    cache = NonceCache(ttl=60)
    assert cache.seen("target", now=0.0) is False
    for n in range(1000):
        cache.seen(f"n{n}", now=float(n) / 100)
    assert cache.seen("target", now=30.0) is True
    assert cache.seen("target", now=61.0) is True  # the replay at 30 s extended it to 90 s
    assert cache.seen("target", now=200.0) is False


def test_huawei_temporary_keys_expire() -> None:
    ak, sk, token = HW_TMP
    now = [time.time()]
    app = huawei_app(
        credentials={HW_AK: HW_SK}, temporary_credentials=[(ak, sk, token, now[0] + 60)], clock=lambda: now[0]
    )
    with running(app) as url:
        assert _huawei_send(url, ak=ak, sk=sk, headers={"X-Security-Token": token}).status_code == 200
        now[0] += 120  # past the key's expiry, still inside the signature's 15-minute window
        refused = _huawei_send(url, ak=ak, sk=sk, headers={"X-Security-Token": token})
        assert refused.status_code == 401 and "security token expires" in refused.json()["error_msg"]
        assert _huawei_send(url).status_code == 200  # permanent keys do not expire
