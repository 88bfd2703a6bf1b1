"""The verifier accepts what the signer produced and rejects any changed signed byte, skew and unknown keys."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cloudsign.huaweicloud.signer import SHA256, SM3, VerificationError, format_date, sign, verify

from .conftest import AK, SK, TOKEN

NOW = datetime(2026, 1, 20, 8, 0, 0, tzinfo=UTC).timestamp()
URL = "https://das.cn-north-4.myhuaweicloud.com/v3/p1/instances/i%20x/create-connection?b=2&a=%2B&a=&c"
HEADERS = {"Content-Type": "application/json", "X-Language": "en-us", "User-Agent": "anything"}
BODY = b'{"engine_type": "mysql"}'


def secrets(ak: str) -> str | None:
    return {AK: SK}.get(ak)


def signed(algorithm: str = SHA256, **overrides: Any) -> dict[str, Any]:
    r: dict[str, Any] = {"method": "POST", "url": URL, "headers": dict(HEADERS), "body": BODY}
    r.update(overrides)
    added = sign(
        r["method"], r["url"], r["headers"], r["body"], AK, SK, format_date(NOW),
        project_id="p1", security_token=TOKEN, algorithm=algorithm,
    )  # fmt: skip
    r["headers"] = {**r["headers"], **added, "Host": "das.cn-north-4.myhuaweicloud.com"}
    return r


def check(r: dict[str, Any], now: float = NOW) -> str:
    return verify(r["method"], r["url"], r["headers"], r["body"], secrets, now)


@pytest.mark.parametrize("algorithm", [SHA256, SM3])
def test_accepts_what_the_signer_produced(algorithm: str) -> None:
    assert check(signed(algorithm)) == AK


def test_signs_fixed_set_not_user_agent() -> None:
    auth = signed()["headers"]["Authorization"]
    assert "SignedHeaders=content-type;host;x-language;x-project-id;x-sdk-date;x-security-token," in auth
    assert SK not in auth


def test_unsigned_headers_may_change() -> None:
    r = signed()
    r["headers"]["User-Agent"] = "a proxy rewrote me"
    assert check(r) == AK


MUTATIONS = {
    "method": lambda r: {**r, "method": "PUT"},
    "path": lambda r: {**r, "url": r["url"].replace("/p1/", "/p2/")},
    "path-encoding": lambda r: {**r, "url": r["url"].replace("i%20x", "i%2520x")},
    "query-value": lambda r: {**r, "url": r["url"].replace("b=2", "b=3")},
    "query-added": lambda r: {**r, "url": r["url"] + "&d=1"},
    "body": lambda r: {**r, "body": r["body"] + b" "},
    "content-type": lambda r: {**r, "headers": {**r["headers"], "Content-Type": "text/plain"}},
    "host": lambda r: {**r, "headers": {**r["headers"], "Host": "evil.example.com"}},
    "x-language": lambda r: {**r, "headers": {**r["headers"], "X-Language": "zh-cn"}},
    "project-id": lambda r: {**r, "headers": {**r["headers"], "X-Project-Id": "p2"}},
    "token": lambda r: {**r, "headers": {**r["headers"], "X-Security-Token": TOKEN + "x"}},
    "date": lambda r: {**r, "headers": {**r["headers"], "X-Sdk-Date": format_date(NOW + 1)}},
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_rejects_each_changed_signed_part(name: str) -> None:
    with pytest.raises(VerificationError) as info:
        check(MUTATIONS[name](signed()))
    assert info.value.reason == "mismatch"


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(st.binary(min_size=1, max_size=64), st.data())
def test_rejects_any_flipped_body_byte(body: bytes, data: st.DataObject) -> None:
    r = signed(body=body)
    i = data.draw(st.integers(0, len(body) - 1))
    flipped = body[:i] + bytes([body[i] ^ data.draw(st.integers(1, 255))]) + body[i + 1 :]
    assert check(r) == AK
    with pytest.raises(VerificationError, match="mismatch"):
        check({**r, "body": flipped})


@pytest.mark.parametrize("skew", [-901, 901, 3600])
def test_rejects_skewed_clock(skew: int) -> None:
    with pytest.raises(VerificationError) as info:
        check(signed(), now=NOW + skew)
    assert info.value.reason == "expired"


def test_accepts_within_window() -> None:
    assert check(signed(), now=NOW + 899) == AK


def test_rejects_unknown_key_and_wrong_secret() -> None:
    r = signed()
    with pytest.raises(VerificationError) as info:
        verify(r["method"], r["url"], r["headers"], r["body"], lambda ak: None, NOW)
    assert info.value.reason == "unknown_key"
    with pytest.raises(VerificationError) as info:
        verify(r["method"], r["url"], r["headers"], r["body"], lambda ak: "other", NOW)
    assert info.value.reason == "mismatch"
    assert SK not in str(info.value)


@pytest.mark.parametrize(
    "auth",
    [None, "", "Bearer x", "SDK-HMAC-MD5 Access=a, SignedHeaders=host, Signature=00", "SDK-HMAC-SHA256 Access=a"],
)
def test_rejects_missing_or_malformed_authorization(auth: str | None) -> None:
    r = signed()
    headers = {k: v for k, v in r["headers"].items() if k != "Authorization"}
    if auth is not None:
        headers["Authorization"] = auth
    with pytest.raises(VerificationError) as info:
        check({**r, "headers": headers})
    assert info.value.reason in ("missing", "malformed")


def test_rejects_signed_headers_without_date() -> None:
    r = signed()
    auth = r["headers"]["Authorization"].replace(";x-sdk-date", "")
    with pytest.raises(VerificationError, match="malformed"):
        check({**r, "headers": {**r["headers"], "Authorization": auth}})
