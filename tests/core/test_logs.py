"""httpx's own INFO line must not carry query secrets once cloudsign's filter is installed."""

from __future__ import annotations

import logging

import httpx
import pytest

from cloudsign._core.logs import install_httpx_redaction, redact_headers, redact_url


def test_redact_url_masks_all_but_safe_keys() -> None:
    url = "https://dw.example/?Action=CreateConnection&Content=%7B%22password%22%3A%22pw%22%7D&SecurityToken=tok&Signature=sig"
    out = redact_url(url)
    assert "Action=CreateConnection" in out
    assert "pw" not in out and "tok" not in out and "sig" not in out


def test_redact_headers() -> None:
    out = redact_headers({"Authorization": "SDK-HMAC-SHA256 Access=a, Signature=s", "X-Sdk-Date": "d"})
    assert out == {"Authorization": "***", "X-Sdk-Date": "d"}


def test_httpx_log_line_is_redacted(caplog: pytest.LogCaptureFixture) -> None:
    install_httpx_redaction()
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    with caplog.at_level(logging.INFO, logger="httpx"), httpx.Client(transport=transport) as client:
        client.post("http://127.0.0.1:1/?Action=CreateConnection&Content=TopSecretPw1")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "HTTP Request" in text and "Action=CreateConnection" in text
    assert "TopSecretPw1" not in text
    assert logging.getLogger("httpx").propagate is True


def test_debug_shows_headers_with_secrets_masked(caplog: pytest.LogCaptureFixture) -> None:
    from cloudsign._core.auth import Signed, SigningAuth

    class FakeSigner:
        def sign(self, method: str, url: str, headers: object, body: bytes) -> Signed:
            return Signed(headers={"Authorization": "ACS3 Credential=AK,Signature=TopSecretSig", "X-Trace": "t1"})

    transport = httpx.MockTransport(lambda request: httpx.Response(200, headers={"X-Request-Id": "rid-1"}))
    with (
        caplog.at_level(logging.DEBUG, logger="cloudsign"),
        httpx.Client(transport=transport, auth=SigningAuth(FakeSigner())) as client,
    ):
        client.post("http://127.0.0.1:1/?Content=TopSecretPw2")
    text = caplog.text
    assert "x-trace" in text.lower() and "rid-1" in text and "authorization" in text.lower()
    assert "TopSecretSig" not in text and "TopSecretPw2" not in text
