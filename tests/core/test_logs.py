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


def test_only_the_rpc_common_parameters_are_shown() -> None:
    out = redact_url("https://dw.example/?Action=CreateConnection&EnvType=1&RegionId=cn-shanghai&Name=secret-name")
    assert "Action=CreateConnection" in out and "RegionId=cn-shanghai" in out
    assert "EnvType=***" in out and "EnvType=1" not in out and "secret-name" not in out


def _mock(answers: list[httpx.Response]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        return answers.pop(0)

    return httpx.MockTransport(handler)


@pytest.mark.parametrize("entry", ["call", "sync_detailed"])
def test_one_info_line_per_attempt_without_secrets(
    entry: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every generated function logs one line per attempt: the operation, its path template, the status, the
    request id and the attempt; never a parameter value."""
    from cloudsign import alibabacloud
    from dataworks_client.api.data_sources import create_connection as op

    monkeypatch.setattr("cloudsign._core.sync_client._sleep", lambda seconds: None)
    throttled = httpx.Response(
        429,
        json={"RequestId": "rid-429", "Code": "Throttling.User", "Message": "slow down"},
        headers={"x-acs-request-id": "rid-429"},
    )
    ok = httpx.Response(
        200,
        json={"RequestId": "rid-200", "Success": True, "Data": 7, "HttpStatusCode": 200},
        headers={"x-acs-request-id": "rid-200"},
    )
    client = alibabacloud.dataworks_client(
        endpoint="http://dw.test",
        credentials=alibabacloud.Credentials("ak", "sk-TopSecret3"),
        httpx_args={"transport": _mock([throttled, ok])},
    )
    with caplog.at_level(logging.DEBUG):
        getattr(op, entry)(
            client=client,
            connection_type="rds",
            content='{"password":"TopSecretPw3"}',
            env_type=1,
            name="TopSecretName3",
            project_id=1,
        )
    lines = [r.getMessage() for r in caplog.records if r.name == "cloudsign" and r.levelno == logging.INFO]
    assert len(lines) == 2, lines
    assert lines[0].startswith("CreateConnection POST / status=429 request_id=rid-429 attempt=1/3 duration_ms=")
    assert lines[1].startswith("CreateConnection POST / status=200 request_id=rid-200 attempt=2/3 duration_ms=")
    for secret in ("TopSecretPw3", "TopSecretName3", "sk-TopSecret3"):
        assert secret not in caplog.text
