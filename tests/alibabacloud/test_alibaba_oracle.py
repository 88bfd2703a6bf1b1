"""Property tests: our signatures equal the official SDKs' over random requests.

ACS3 is checked against ``alibabacloud_tea_openapi.utils.Utils.get_authorization`` (the signer the official
DataWorks client uses); RPC v1 against ``aliyunsdkcore``'s RPC composer and against tea-openapi's
``get_rpcsignature``. Both oracles take the query as a dict, so repeated keys are covered by the sign/verify round
trip instead; tea-openapi's ACS3 signer does not percent-encode query names, so ACS3 names use RFC 3986 unreserved
characters (where encoding is the identity) while values are arbitrary Unicode.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import pytest
from alibabacloud_tea_openapi.utils import Utils as TeaUtils
from aliyunsdkcore.auth.algorithm import sha_hmac1
from aliyunsdkcore.auth.composer import rpc_signature_composer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cloudsign.alibabacloud._encoding import encode_query, parse_query
from cloudsign.alibabacloud.acs3 import sign_acs3, verify_acs3
from cloudsign.alibabacloud.rpc_v1 import sign_rpc_v1, string_to_sign, verify_rpc_v1

# 1 000 random requests per scheme in `make test` (its time budget); 20 000 in `make test-slow`.
EXAMPLES = 20_000 if os.environ.get("CLOUDSIGN_SLOW") == "1" else 1_000
SETTINGS = settings(
    max_examples=EXAMPLES, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
AGREED: dict[str, int] = {"acs3": 0, "rpc": 0}

text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)
special = st.sampled_from(["", " ", "+", "*", "~", "/", "%", "%20", "a b", "ü", "漢字", "=&", "'\"", "😀"])
values = st.one_of(text, special, st.lists(special, max_size=4).map("".join))
unreserved_names = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~", min_size=1, max_size=10
)
methods = st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"])
header_values = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\r\n"), max_size=20
)
path_segments = st.lists(st.one_of(text, special), max_size=4)
secrets = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=20)
NOW = datetime(2024, 5, 1, 8, 0, 0, tzinfo=UTC)


@SETTINGS
@given(
    method=methods,
    segments=path_segments,
    query=st.dictionaries(unreserved_names, values, max_size=6),
    extra_headers=st.dictionaries(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8).map(lambda s: "x-acs-" + s),
        header_values,
        max_size=3,
    ),
    content_type=st.one_of(st.none(), header_values),
    body=st.binary(max_size=64),
    secret=secrets,
    token=st.one_of(st.none(), st.text(alphabet="abcXYZ019+/=", min_size=1, max_size=16)),
    nonce=st.text(alphabet="0123456789abcdef", min_size=1, max_size=32),
)
def acs3_agrees(
    method: str,
    segments: list[str],
    query: dict[str, str],
    extra_headers: dict[str, str],
    content_type: str | None,
    body: bytes,
    secret: str,
    token: str | None,
    nonce: str,
) -> None:
    wire_path = quote("/" + "/".join(segments), safe="/~")
    url = f"https://dataworks.cn-shanghai.aliyuncs.com{wire_path}?{encode_query(list(query.items()))}"
    headers = dict(extra_headers)
    if content_type is not None:
        headers["content-type"] = content_type
    added = sign_acs3(
        method,
        url,
        headers,
        body,
        access_key_id="AK",
        secret=secret,
        security_token=token,
        now=NOW,
        nonce=nonce,
        action="CreateConnection",
        version="2020-05-18",
    )
    signed = {**headers, **{k: v for k, v in added.items() if k != "Authorization"}}
    request = SimpleNamespace(method=method, pathname=wire_path, query=dict(query), headers=signed)
    payload = hashlib.sha256(body).hexdigest()
    expected = TeaUtils.get_authorization(request, "ACS3-HMAC-SHA256", payload, "AK", secret)
    assert added["Authorization"] == expected
    verify_acs3(method, url, {**signed, "Authorization": added["Authorization"]}, body, {"AK": secret}.get, now=NOW)
    AGREED["acs3"] += 1


@SETTINGS
@given(
    method=methods,
    query=st.dictionaries(st.one_of(text, special).filter(bool).map(lambda k: "Q" + k), values, max_size=6),
    form=st.dictionaries(st.one_of(text, special).filter(bool).map(lambda k: "B" + k), values, max_size=3),
    secret=secrets,
    token=st.one_of(st.none(), text.filter(bool)),
    nonce=st.uuids().map(str),
)
def rpc_v1_agrees(
    method: str, query: dict[str, str], form: dict[str, str], secret: str, token: str | None, nonce: str
) -> None:
    url = "https://dataworks.aliyuncs.com/?" + encode_query([("Action", "CreateConnection"), *query.items()])
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if form else {}
    body = encode_query(list(form.items())).encode()
    signed_url = sign_rpc_v1(
        method,
        url,
        headers,
        body,
        access_key_id="AK",
        secret=secret,
        security_token=token,
        now=NOW,
        nonce=nonce,
        version="2020-05-18",
    )
    params = dict(parse_query(signed_url.split("?", 1)[1]))
    ours = params.pop("Signature")
    signed_params: dict[str, Any] = {**params, **form}
    compose = getattr(rpc_signature_composer, "__compose_string_to_sign")
    oracle_string = compose(method, signed_params)
    assert string_to_sign(method, list(signed_params.items())) == oracle_string
    assert ours == sha_hmac1.get_sign_string(oracle_string, secret + "&")
    assert ours == TeaUtils.get_rpcsignature(signed_params, method, secret)
    verify_rpc_v1(method, signed_url, headers, body, {"AK": secret}.get, now=NOW)
    AGREED["rpc"] += 1


@pytest.mark.parametrize(("scheme", "agrees"), [("acs3", acs3_agrees), ("rpc", rpc_v1_agrees)])
def test_signature_equals_official_signers(scheme: str, agrees: Any) -> None:
    """Every generated example went through the comparison with the official signers (ACS3: Tea OpenAPI; RPC v1:
    aliyun-python-sdk-core and Tea OpenAPI): the count of agreements is compared with the number of examples."""
    before = AGREED[scheme]
    agrees()
    agreed = AGREED[scheme] - before
    print(f"{scheme}: {agreed} oracle examples agreed")
    assert agreed >= EXAMPLES


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    pairs=st.lists(st.tuples(st.sampled_from(["A", "B", "a b", "ü"]), values), max_size=6),
    method=methods,
)
def test_repeated_keys_round_trip(pairs: list[tuple[str, str]], method: str) -> None:
    """No oracle takes repeated keys; ours sorts them by value, and signer and verifier agree."""
    url = "https://h/?" + encode_query(pairs)
    added = sign_acs3(
        method, url, {}, b"", access_key_id="AK", secret="s", security_token=None, now=NOW, nonce="n", action="A",
        version="1",
    )  # fmt: skip
    verify_acs3(method, url, added, b"", {"AK": "s"}.get, now=NOW)
    rpc_url = sign_rpc_v1(method, url, {}, b"", access_key_id="AK", secret="s", security_token=None, now=NOW, nonce="n")
    verify_rpc_v1(method, rpc_url, {}, b"", {"AK": "s"}.get, now=NOW)


@settings(SETTINGS, max_examples=EXAMPLES // 4)
@given(
    method=methods,
    segments=path_segments,
    first=st.dictionaries(unreserved_names, values, max_size=4),
    second=st.dictionaries(unreserved_names, values, max_size=4),
    content_type=st.one_of(st.none(), header_values),
    bodies=st.tuples(st.binary(max_size=32), st.binary(max_size=32)),
    secrets_=st.tuples(secrets, secrets),
    token=st.one_of(st.none(), st.text(alphabet="abcXYZ019+/=", min_size=1, max_size=16)),
    seconds=st.integers(min_value=0, max_value=10**6),
)
def test_acs3_kept_frame_equals_tea_openapi(
    method: str,
    segments: list[str],
    first: dict[str, str],
    second: dict[str, str],
    content_type: str | None,
    bodies: tuple[bytes, bytes],
    secrets_: tuple[str, str],
    token: str | None,
    seconds: int,
) -> None:
    """The same request shape signed twice (its frame is kept after the first) with another query, body, secret,
    date and nonce: the second signature is still the official signer's."""
    from datetime import timedelta

    from cloudsign.alibabacloud import acs3

    wire_path = quote("/" + "/".join(segments), safe="/~")
    headers = {} if content_type is None else {"content-type": content_type}
    for query, body, secret, now, nonce in (
        (first, bodies[0], secrets_[0], NOW, "1" * 32),
        (second, bodies[1], secrets_[1], NOW + timedelta(seconds=seconds), "2" * 32),
    ):
        url = f"https://dataworks.cn-shanghai.aliyuncs.com{wire_path}?{encode_query(list(query.items()))}"
        added = sign_acs3(
            method, url, headers, body, access_key_id="AK", secret=secret, security_token=token, now=now,
            nonce=nonce, action="CreateConnection", version="2020-05-18",
        )  # fmt: skip
        signed = {**headers, **{k: v for k, v in added.items() if k != "Authorization"}}
        request = SimpleNamespace(method=method, pathname=wire_path, query=dict(query), headers=signed)
        payload = hashlib.sha256(body).hexdigest()
        assert added["Authorization"] == TeaUtils.get_authorization(request, "ACS3-HMAC-SHA256", payload, "AK", secret)
    assert 0 < len(acs3._FRAMES) <= acs3._FRAMES_KEPT
