"""The benchmark's inline signers sign what cloudsign signs, so "ours / inline" compares the same work."""

from __future__ import annotations

import re

import pytest

from scripts.bench import inline, signing


def test_inline_signers_match_ours() -> None:
    signing.check_inline()


def test_check_inline_catches_a_different_rpc_query(monkeypatch: pytest.MonkeyPatch) -> None:
    real = inline.dataworks_rpc_query
    monkeypatch.setattr(inline, "dataworks_rpc_query", lambda *a: real(*a).replace("Format=JSON", "Format=XML"))
    with pytest.raises(AssertionError, match="RPC v1"):
        signing.check_inline()


# What each scheme puts on the request, from the vendors' documentation: a hex SHA-256 signature in the
# Authorization header (Huawei, ACS3) or a base64 HMAC-SHA1 ``Signature`` query parameter (RPC v1).
SIGNATURE_SHAPES = {
    "das": r"SDK-HMAC-SHA256 Access=BENCHAK\w+, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}",
    "dataworks": r"ACS3-HMAC-SHA256 Credential=LTAI\w+,SignedHeaders=[a-z0-9;-]+,Signature=[0-9a-f]{64}",
    "dataworks-rpc": r"[?&]Signature=[A-Za-z0-9%]{28,}(&|$|')",
}


def test_every_timed_case_signs_its_scheme() -> None:
    """Each timed case does the work its name says: the signature of its scheme comes out (three ways per API)."""
    cases = signing.cases()
    assert {name.split("/")[0] for name in cases} == set(SIGNATURE_SHAPES)
    for name, fn in cases.items():
        assert re.search(SIGNATURE_SHAPES[name.split("/")[0]], str(fn())), name
