"""Hostile servers on 127.0.0.1 against every backend and both clouds (issue 22, issue 28): a redirect to another
host, a ``Retry-After`` that is not a finite number, a JSON answer nested too deeply to parse, and a proxy the
environment names for a loopback endpoint."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import attrs
import pytest

from cloudsign._core.errors import APIResponseValidationError, APIStatusError, CloudSignError, ThrottlingError
from cloudsign._core.pipeline import Options
from cloudsign.emulator.app import running

from ..e2e.clouds import CLOUDS, Cloud
from .hostile import answer, hostile

TOKEN = "STS-token-redirect-31c7"
BACKENDS = [("sync", "stdlib"), ("sync", "urllib3"), ("sync", "httpx"), ("async", "aiohttp"), ("async", "httpx")]
IDS = [f"{m}-{b}" for m, b in BACKENDS]
CLOUD_IDS = [c.name for c in CLOUDS]


def _kind(mode: str, backend: str) -> dict[str, str]:
    return {"sync_backend" if mode == "sync" else "async_backend": backend}


def _run(cloud: Cloud, client: Any, mode: str, **kw: Any) -> Any:
    if mode == "sync":
        return cloud.call(client, **kw)
    return asyncio.run(asyncio.wait_for(cloud.acall(client, **kw), 10))


def _raised(cloud: Cloud, client: Any, mode: str) -> BaseException:
    try:
        _run(cloud, client, mode)
    except BaseException as exc:
        return exc
    raise AssertionError("the hostile answer was accepted")


# -- redirects ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["constructor", "attrs.evolve"])
@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("cloud", CLOUDS, ids=CLOUD_IDS)
def test_no_setting_makes_a_redirect_followable(cloud: Cloud, mode: str, how: str) -> None:
    with hostile(lambda _r: answer("200 OK", b"{}")) as (elsewhere, seen_elsewhere):
        moved = answer("307 Temporary Redirect", b"", (("Location", elsewhere + "/stolen"),))
        with hostile(lambda _r: moved) as (url, seen):
            made = cloud.make_client(url, token=TOKEN, max_attempts=1)
            if how == "attrs.evolve":
                client = attrs.evolve(made, follow_redirects=True)
            else:
                client = type(made)(base_url=url, follow_redirects=True, cloudsign=made.cloudsign)
            assert client._follow_redirects is True  # the setting is really there
            exc = _raised(cloud, client, mode)
    assert len(seen.requests) == 1
    assert seen_elsewhere.requests == [], "the request (token, body) was carried to another host"
    assert isinstance(exc, APIResponseValidationError | APIStatusError) and exc.status_code == 307


# -- Retry-After that is not a finite number -----------------------------------------------------------------------


def _throttled(cloud: Cloud, value: str) -> bytes:
    if cloud.name == "das":
        body = {"error_code": "APIGW.0308", "error_msg": "throttled"}
    else:
        body = {"Code": "Throttling.User", "Message": "throttled", "RequestId": "r-1"}
    return answer("429 Too Many Requests", json.dumps(body).encode(), (("Retry-After", value),))


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "soon", "1e400"])
@pytest.mark.parametrize(("mode", "backend"), BACKENDS, ids=IDS)
@pytest.mark.parametrize("cloud", CLOUDS, ids=CLOUD_IDS)
def test_a_retry_after_that_is_no_finite_number_is_ignored(cloud: Cloud, mode: str, backend: str, value: str) -> None:
    with hostile(lambda _r: _throttled(cloud, value)) as (url, seen):
        client = cloud.make_client(url, max_attempts=2, **_kind(mode, backend))
        exc = _raised(cloud, client, mode)  # async: bounded by wait_for (an uncapped sleep would time out)
    assert isinstance(exc, ThrottlingError), f"{type(exc).__name__}: {exc}"
    assert exc.retry_after is None
    assert len(seen.requests) == 2  # retried after the ordinary backoff


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -1.0])
def test_the_delay_never_passes_the_cap(value: float) -> None:
    options = Options()
    error = ThrottlingError("x", retry_after=value, status_code=429, code=None, request_id=None)
    assert 0 <= options.delay(1, error) <= options.max_backoff


# -- deep JSON -----------------------------------------------------------------------------------------------------

DEEP = b"[" * 100_000 + b"]" * 100_000  # 200 KB


@pytest.mark.parametrize("status", [200, 400, 500])
@pytest.mark.parametrize(("mode", "backend"), BACKENDS, ids=IDS)
@pytest.mark.parametrize("cloud", CLOUDS, ids=CLOUD_IDS)
def test_a_deeply_nested_answer_is_a_typed_error(cloud: Cloud, mode: str, backend: str, status: int) -> None:
    reply = answer(f"{status} X", DEEP, (("Content-Type", "application/json"),))
    with hostile(lambda _r: reply) as (url, _):
        exc = _raised(cloud, cloud.make_client(url, max_attempts=1, **_kind(mode, backend)), mode)
    assert isinstance(exc, APIResponseValidationError), f"{type(exc).__name__}"
    assert exc.status_code == status


# -- loopback endpoints go direct ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("mode", "backend"), BACKENDS, ids=IDS)
@pytest.mark.parametrize("cloud", CLOUDS, ids=CLOUD_IDS)
def test_a_loopback_endpoint_goes_direct_whatever_the_proxy_variables_say(
    cloud: Cloud, mode: str, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with hostile(lambda _r: answer("502 Bad Gateway", b"proxy")) as (proxy, proxied), running(cloud.make_app()) as url:
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"):
            monkeypatch.setenv(name, proxy)
        result = _run(cloud, cloud.make_client(url, **_kind(mode, backend)), mode)
    assert proxied.requests == [], "a call to 127.0.0.1 went to the proxy"
    assert cloud.created_id(result)


def test_an_explicit_proxy_still_applies_to_loopback() -> None:
    cloud = CLOUDS[0]
    with hostile(lambda _r: answer("502 Bad Gateway", b"proxy")) as (proxy, proxied):
        client = cloud.make_client("http://127.0.0.1:9", proxy=proxy, sync_backend="httpx", max_attempts=1)
        with pytest.raises(CloudSignError):
            cloud.call(client)
    assert len(proxied.requests) == 1
