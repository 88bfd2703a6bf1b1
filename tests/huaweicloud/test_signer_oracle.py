"""Our SDK-HMAC-SHA256 / SDK-HMAC-SM3 signatures equal huaweicloudsdkcore's over random requests (the oracle is
given exactly the headers we sign, so both sign the same set)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cloudsign.huaweicloud.signer import SHA256, SM3, format_date, host_of, sign

# 1 000 random requests per scheme in `make test` (its time budget); 20 000 in `make test-slow`.
EXAMPLES = 20_000 if os.environ.get("CLOUDSIGN_SLOW") == "1" else 1_000
ORACLE_SETTINGS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None)
NO_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
NO_SURROGATES_OR_CONTROLS: tuple[Literal["Cs"], Literal["Cc"]] = ("Cs", "Cc")
CONTROLS: tuple[Literal["Cc"]] = ("Cc",)
SECRET_CHARS = st.characters(codec="ascii", exclude_categories=CONTROLS)
SPECIALS = " +*~/%?&=#;:,@!$'()[]éü中文😀\t"
text = st.text(
    alphabet=st.one_of(st.sampled_from(SPECIALS), st.characters(exclude_categories=NO_SURROGATES)), max_size=12
)
header_text = st.text(
    alphabet=st.one_of(st.sampled_from(" +*~/%é中😀"), st.characters(exclude_categories=NO_SURROGATES_OR_CONTROLS)),
    max_size=16,
)
hosts = st.sampled_from(
    ["das.cn-north-4.myhuaweicloud.com", "127.0.0.1:18780", "localhost:8443", "das.ap-southeast-1.myhuaweicloud.com"]
)
methods = st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "post", "get"])
content_types = st.sampled_from(
    ["application/json", "application/json;charset=UTF-8", "application/json; charset=utf-8 "]
)
dates = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31))


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    segments = draw(st.lists(text, min_size=1, max_size=5))
    path = "/" + "/".join(quote(s, safe="") for s in segments)
    if draw(st.booleans()):
        path += "/"
    keys = draw(st.lists(text, max_size=3))
    pairs = draw(st.lists(st.tuples(st.sampled_from(keys) if keys else text, text), max_size=6))
    pairs += [(k, "") for k in draw(st.lists(text, max_size=2))]  # empty values
    repeat = draw(st.booleans())
    if pairs and repeat:
        pairs.append(pairs[0])  # repeated key and value
    headers = {"Content-Type": draw(content_types)}
    if draw(st.booleans()):
        headers["X-Language"] = draw(header_text)
    return {
        "method": draw(methods),
        "host": draw(hosts),
        "path": path,
        "pairs": pairs,
        "headers": headers,
        "project_id": draw(st.one_of(st.none(), header_text.filter(lambda v: v.strip() != ""))),
        "token": draw(st.one_of(st.none(), header_text.filter(lambda v: v.strip() != ""))),
        "body": draw(st.binary(max_size=64)),
        "date": format_date(draw(dates).replace(tzinfo=UTC)),
        "ak": draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=20)),
        "sk": draw(st.text(alphabet=SECRET_CHARS, min_size=1, max_size=40)),
    }


def ours(r: dict[str, Any], algorithm: str) -> str:
    query = "&".join(f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in r["pairs"])
    url = f"https://{r['host']}{r['path']}" + (f"?{query}" if query else "")
    assert host_of(url) == r["host"]
    added = sign(
        r["method"],
        url,
        r["headers"],
        r["body"],
        r["ak"],
        r["sk"],
        r["date"],
        project_id=r["project_id"],
        security_token=r["token"],
        algorithm=algorithm,
    )
    return added["Authorization"]


def theirs(r: dict[str, Any], algorithm: str) -> str:
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.sdk_request import SdkRequest
    from huaweicloudsdkcore.signer.signer import Signer, SM3Signer

    headers = {"Host": r["host"], "X-Sdk-Date": r["date"], **r["headers"]}
    if r["project_id"]:
        headers["X-Project-Id"] = r["project_id"]
    if r["token"]:
        headers["X-Security-Token"] = r["token"]
    request = SdkRequest(
        method=r["method"],
        schema="https",
        host=r["host"],
        resource_path=r["path"],
        query_params=list(r["pairs"]),
        header_params=headers,
        body=r["body"],
    )
    signer_cls = Signer if algorithm == SHA256 else SM3Signer
    signed = signer_cls(BasicCredentials(r["ak"], r["sk"])).sign(request)
    return str(signed.header_params["Authorization"])


@pytest.mark.parametrize("algorithm", [SHA256, SM3])
def test_signature_equals_official_signer(algorithm: str) -> None:
    agreed = 0

    @ORACLE_SETTINGS
    @given(requests())
    def check(r: dict[str, Any]) -> None:
        nonlocal agreed
        assert ours(r, algorithm) == theirs(r, algorithm)
        agreed += 1

    check()
    print(f"{algorithm}: {agreed} oracle examples agreed")
    assert agreed >= EXAMPLES


def test_oracle_detects_a_difference() -> None:
    """The comparison can fail: a different SK gives a different Authorization."""
    r: dict[str, Any] = {
        "method": "POST",
        "host": "das.cn-north-4.myhuaweicloud.com",
        "path": "/v3/p/instances/i/create-connection",
        "pairs": [],
        "headers": {"Content-Type": "application/json"},
        "project_id": None,
        "token": None,
        "body": b"{}",
        "date": "20240101T000000Z",
        "ak": "AK",
        "sk": "one",
    }
    assert ours(r, SHA256) == theirs(r, SHA256)
    assert ours(r, SHA256) != theirs({**r, "sk": "two"}, SHA256)


def test_a_kept_frame_signs_what_the_official_signer_signs() -> None:
    """A request shape signed again (its canonical frame is kept between calls) with another body, date and key
    pair still gets the oracle's signature: nothing of one call's body, date or keys is reused for the next."""
    from cloudsign.huaweicloud import signer

    compared = 0

    @settings(ORACLE_SETTINGS, max_examples=EXAMPLES // 4)
    @given(requests(), st.binary(max_size=64), dates, st.text(alphabet=SECRET_CHARS, min_size=1, max_size=40))
    def check(r: dict[str, Any], body: bytes, when: datetime, sk: str) -> None:
        nonlocal compared
        ours(r, SHA256)  # keeps the frame of this shape
        frames = len(signer._FRAMES)
        again = {**r, "body": body, "date": format_date(when.replace(tzinfo=UTC)), "sk": sk, "ak": r["ak"] + "X"}
        assert ours(again, SHA256) == theirs(again, SHA256)
        assert len(signer._FRAMES) in (frames, 1)  # the same frame served the second call (or the memo was reset)
        compared += 1

    check()
    assert compared >= EXAMPLES // 4
    assert len(signer._FRAMES) <= signer._FRAMES_KEPT
