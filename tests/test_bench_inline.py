"""The benchmark's inline signers sign what cloudsign signs, so "ours / inline" compares the same work."""

from __future__ import annotations

import pytest

from scripts.bench import inline, signing


def test_inline_signers_match_ours() -> None:
    signing.check_inline()


def test_check_inline_catches_a_different_rpc_query(monkeypatch: pytest.MonkeyPatch) -> None:
    real = inline.dataworks_rpc_query
    monkeypatch.setattr(inline, "dataworks_rpc_query", lambda *a: real(*a).replace("Format=JSON", "Format=XML"))
    with pytest.raises(AssertionError, match="RPC v1"):
        signing.check_inline()


def test_every_timed_case_runs() -> None:
    for name, fn in signing.cases().items():
        assert fn() is not None, name
