"""The emulator behaves like Huawei's API gateway in front of DAS: it verifies signatures over the request's own
SignedHeaders, enforces the 15-minute window and the lock-out, validates from the spec, and creates."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud import DEMO_AK, DEMO_SK, LOCK_SECONDS, create_app
from cloudsign.huaweicloud import Credentials
from cloudsign.huaweicloud.auth import HuaweiSigner

from .conftest import AK, EXAMPLE_BODY, INSTANCE_ID, PROJECT_ID, SK, Clock, official_client, official_request

PATH = f"/v3/{PROJECT_ID}/instances/{INSTANCE_ID}/create-connection"


@pytest.fixture
def clock() -> Clock:
    return Clock(time.time())


@pytest.fixture
def served(clock: Clock) -> Iterator[tuple[str, Any]]:
    app = create_app(credentials={AK: SK}, clock=clock)
    with running(app) as url:
        yield url, app.state.emulator


def post(
    url: str,
    body: Any = EXAMPLE_BODY,
    *,
    path: str = PATH,
    sk: str = SK,
    ak: str = AK,
    now: float | None = None,
    headers: dict[str, str] | None = None,
    tamper: Any = None,
) -> httpx.Response:
    """Sign a request with our signer, optionally change it after signing, and send it."""
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    req: dict[str, Any] = {
        "method": "POST",
        "url": url + path,
        "headers": {"Content-Type": "application/json", **(headers or {})},
    }
    signer = HuaweiSigner(Credentials(ak, sk, project_id=PROJECT_ID), now=lambda: time.time() if now is None else now)
    added = signer.sign(req["method"], req["url"], req["headers"], content).headers
    req["headers"] = {**req["headers"], **added}
    req["content"] = content
    if tamper:
        req = tamper(req)
    return httpx.request(req["method"], req["url"], headers=req["headers"], content=req["content"], timeout=10)


def test_seed_example_is_accepted(served: tuple[str, Any]) -> None:
    url, state = served
    r = post(url)
    assert r.status_code == 200, r.text
    assert uuid.UUID(r.json()["connection_id"]).version == 4
    assert r.headers["X-Request-Id"]
    listed = httpx.get(url + "/_emulator/creations").json()
    assert listed["count"] == 1
    assert listed["items"][0]["password"] == "***"
    assert "Gauss_2345" not in json.dumps(listed)
    assert state.creations.snapshot()[0]["connection_id"] == r.json()["connection_id"]


def test_integral_float_port_is_accepted(served: tuple[str, Any]) -> None:
    url, state = served
    r = post(url, json.dumps({**EXAMPLE_BODY, "port": 3413.0}).encode())
    assert r.status_code == 200, r.text
    assert state.creations.snapshot()[0]["port"] == 3413


def _flip_last(auth: str) -> str:
    return auth[:-1] + ("0" if auth[-1] != "0" else "1")


TAMPERS = {
    "body": lambda q: {**q, "content": q["content"].replace(b"root", b"rooT")},
    "path": lambda q: {**q, "url": q["url"].replace("in01", "in02")},
    "query": lambda q: {**q, "url": q["url"] + "?x=1"},
    "method": lambda q: {**q, "method": "PUT"},
    "content-type": lambda q: {**q, "headers": {**q["headers"], "Content-Type": "application/json; charset=x"}},
    "project-id": lambda q: {**q, "headers": {**q["headers"], "X-Project-Id": "0" * 32}},
    "date": lambda q: {**q, "headers": {**q["headers"], "X-Sdk-Date": "20000101T000000Z"}},
    "signature": lambda q: {
        **q,
        "headers": {**q["headers"], "Authorization": _flip_last(q["headers"]["Authorization"])},
    },
}


@pytest.mark.parametrize("name", sorted(TAMPERS))
def test_tampered_request_is_rejected(served: tuple[str, Any], name: str) -> None:
    url, state = served
    r = post(url, tamper=TAMPERS[name])
    assert r.status_code in (401, 404), r.text
    if r.status_code == 401:
        assert r.json()["error_code"] == "APIGW.0301"
        assert r.json()["request_id"] == r.headers["X-Request-Id"]
    assert state.creations.snapshot() == []


def test_wrong_secret_is_rejected_with_gateway_body(served: tuple[str, Any]) -> None:
    url, _ = served
    r = post(url, sk="wrong")
    assert r.status_code == 401
    assert r.json()["error_code"] == "APIGW.0301"
    assert r.json()["error_msg"] == "Incorrect IAM authentication information: verify aksk signature fail"


@pytest.mark.parametrize("skew", [-16 * 60, 16 * 60])
def test_skewed_clock_is_rejected(served: tuple[str, Any], clock: Clock, skew: int) -> None:
    url, _ = served
    r = post(url, now=clock.now + skew)
    assert r.status_code == 401
    assert "signature expired" in r.json()["error_msg"]
    assert post(url, now=clock.now + 14 * 60).status_code == 200


def test_unknown_ak_and_missing_auth(served: tuple[str, Any]) -> None:
    url, _ = served
    r = post(url, ak="UNKNOWNAK", sk="x")
    assert r.status_code == 401 and "ak not exist" in r.json()["error_msg"]
    r = httpx.post(url + PATH, json=EXAMPLE_BODY)
    assert r.status_code == 401 and r.json()["error_code"] == "APIGW.0301"


def test_lock_out_after_five_failures(served: tuple[str, Any], clock: Clock) -> None:
    url, state = served
    for _ in range(5):
        assert post(url, sk="wrong", now=clock.now).status_code == 401
    r = post(url, now=clock.now)
    assert r.status_code == 401
    assert "AK access failed to reach the limit" in r.json()["error_msg"]
    clock.now += LOCK_SECONDS - 1
    assert post(url, now=clock.now).status_code == 401
    clock.now += 2
    assert post(url, now=clock.now).status_code == 200
    assert len(state.creations.snapshot()) == 1


def test_success_resets_failure_count(served: tuple[str, Any], clock: Clock) -> None:
    url, _ = served
    for _ in range(4):
        post(url, sk="wrong", now=clock.now)
    assert post(url, now=clock.now).status_code == 200
    for _ in range(4):
        post(url, sk="wrong", now=clock.now)
    assert post(url, now=clock.now).status_code == 200


@pytest.mark.parametrize(
    ("body", "path", "headers", "field"),
    [
        ({**EXAMPLE_BODY, "engine_type": "oracle"}, PATH, {}, "engine_type"),
        ({**EXAMPLE_BODY, "port": 0}, PATH, {}, "port"),
        ({**EXAMPLE_BODY, "port": 3413.5}, PATH, {}, "port"),
        ({**EXAMPLE_BODY, "node_ids": ["short"]}, PATH, {}, "node_ids[0]"),
        ({k: v for k, v in EXAMPLE_BODY.items() if k != "password"}, PATH, {}, "password"),
        ({**EXAMPLE_BODY, "is_save_password": "yes"}, PATH, {}, "is_save_password"),
        (EXAMPLE_BODY, PATH.replace(INSTANCE_ID, "x" * 37), {}, "instance_id"),
        (EXAMPLE_BODY, PATH, {"X-Language": "fr-fr"}, "X-Language"),
        (b"not json", PATH, {}, "body"),
        (b"", PATH, {}, "body"),
    ],
)
def test_invalid_request_gets_400_naming_the_parameter(
    served: tuple[str, Any], body: Any, path: str, headers: dict[str, str], field: str
) -> None:
    url, state = served
    r = post(url, body, path=path, headers=headers)
    assert r.status_code == 400, r.text
    assert r.json()["error_code"] == "DAS.200100"
    assert field in r.json()["error_msg"]
    assert r.json()["request_id"] == r.headers["X-Request-Id"]
    assert state.creations.snapshot() == []


def test_malformed_path_project_is_400_without_a_project_header(served: tuple[str, Any]) -> None:
    """With X-Project-Id (signed) naming another project the gateway refuses first (401, see
    tests/emulators/test_strict_gateways.py); without it the service names the malformed path parameter."""
    url, state = served
    content = json.dumps(EXAMPLE_BODY).encode()
    target = url + PATH.replace(PROJECT_ID, "short")
    headers = {"Content-Type": "application/json"}
    headers.update(HuaweiSigner(Credentials(AK, SK)).sign("POST", target, headers, content).headers)
    r = httpx.post(target, headers=headers, content=content, timeout=10)
    assert (r.status_code, r.json()["error_code"]) == (400, "DAS.200100"), r.text
    assert "project_id" in r.json()["error_msg"]
    assert state.creations.snapshot() == []
    assert post(url, path=PATH.replace(PROJECT_ID, "short")).status_code == 401


def test_password_is_masked_in_400(served: tuple[str, Any]) -> None:
    url, _ = served
    r = post(url, {**EXAMPLE_BODY, "password": 12345678})
    assert r.status_code == 400
    assert "12345678" not in r.text


def test_unknown_path_is_404(served: tuple[str, Any]) -> None:
    url, _ = served
    r = httpx.get(url + "/v3/nothing")
    assert r.status_code == 404 and r.json()["error_code"] == "APIGW.0101"


def test_official_client_is_accepted_and_wrong_sk_rejected(served: tuple[str, Any]) -> None:
    from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

    url, state = served
    response = official_client(url).create_instance_connection(official_request(EXAMPLE_BODY, x_language="en-us"))
    assert uuid.UUID(response.connection_id)
    with pytest.raises(ClientRequestException) as info:
        official_client(url, sk="wrong-" + SK).create_instance_connection(official_request(EXAMPLE_BODY))
    assert info.value.status_code == 401
    assert info.value.error_code == "APIGW.0301"
    assert len(state.creations.snapshot()) == 1


def test_default_credentials_are_demo_keys_and_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", "ENVAK")
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", "env-sk")
    with running(create_app()) as url:
        assert post(url, ak=DEMO_AK, sk=DEMO_SK).status_code == 200
        assert post(url, ak="ENVAK", sk="env-sk").status_code == 200
        assert post(url, ak=AK, sk=SK).status_code == 401


def test_reset_clears_creations_and_lockouts(served: tuple[str, Any], clock: Clock) -> None:
    url, state = served
    assert post(url, now=clock.now).status_code == 200
    for _ in range(5):
        post(url, sk="wrong", now=clock.now)
    assert post(url, now=clock.now).status_code == 401
    assert httpx.post(url + "/_emulator/reset").status_code == 200
    assert state.creations.snapshot() == []
    assert post(url, now=clock.now).status_code == 200
