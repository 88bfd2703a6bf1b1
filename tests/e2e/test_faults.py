"""The fault matrix, against each emulator over real HTTP: what is retried, what is raised, and the emulator's
record proving that nothing was created twice."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from cloudsign._core.emulation import Fault, running
from cloudsign._core.errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    ServerError,
    ServiceUnavailableError,
    ThrottlingError,
)

from .clouds import CLOUDS, DAS_BODY, Cloud


@pytest.fixture(params=CLOUDS, ids=[c.name for c in CLOUDS])
def cloud(request: pytest.FixtureRequest) -> Cloud:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def served(cloud: Cloud) -> Iterator[tuple[Any, str]]:
    app = cloud.make_app()
    with running(app) as url:
        yield app, url


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the backoff the wrapper asks for instead of sleeping it."""
    asked: list[float] = []
    monkeypatch.setattr("cloudsign._core.calling.time.sleep", asked.append)
    return asked


def creations(app: Any) -> int:
    return len(app.state.emulator.creations.snapshot())


def inject(app: Any, **fault: Any) -> None:
    app.state.emulator.faults.add(Fault(**fault))


def test_throttled_then_success_is_retried_once_and_created_once(
    cloud: Cloud, served: tuple[Any, str], sleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=429, retry_after=2)
    result = cloud.call(cloud.make_client(url))
    assert cloud.created_id(result) and creations(app) == 1
    assert sleeps == [2.0], "Retry-After must be honoured"


def test_throttled_beyond_max_attempts_raises_throttling(
    cloud: Cloud, served: tuple[Any, str], sleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=429, count=5, retry_after=1)
    with pytest.raises(ThrottlingError) as info:
        cloud.call(cloud.make_client(url, max_attempts=3))
    assert info.value.retry_after == 1 and info.value.status_code == 429 and info.value.request_id
    assert creations(app) == 0 and len(sleeps) == 2


def test_503_is_retried(cloud: Cloud, served: tuple[Any, str], sleeps: list[float]) -> None:
    app, url = served
    inject(app, status=503)
    cloud.call(cloud.make_client(url))
    assert creations(app) == 1 and len(sleeps) == 1


def test_503_per_call_max_attempts_one_raises(cloud: Cloud, served: tuple[Any, str], sleeps: list[float]) -> None:
    app, url = served
    inject(app, status=503)
    with pytest.raises(ServiceUnavailableError):
        cloud.call(cloud.make_client(url), max_attempts=1)
    assert creations(app) == 0 and sleeps == []


def test_500_after_processing_is_not_retried(cloud: Cloud, served: tuple[Any, str], sleeps: list[float]) -> None:
    app, url = served
    inject(app, status=500, process=True)
    with pytest.raises(ServerError) as info:
        cloud.call(cloud.make_client(url))
    assert info.value.status_code == 500 and creations(app) == 1 and sleeps == []


def test_500_retried_only_when_the_caller_opts_in(cloud: Cloud, served: tuple[Any, str], sleeps: list[float]) -> None:
    app, url = served
    inject(app, status=500, process=True)
    cloud.call(cloud.make_client(url), retry_unsafe=True)
    assert creations(app) == 2 and len(sleeps) == 1  # the documented price of opting in


def test_reset_after_send_is_not_retried(cloud: Cloud, served: tuple[Any, str], sleeps: list[float]) -> None:
    app, url = served
    inject(app, drop=True, process=True)
    with pytest.raises(APIConnectionError) as info:
        cloud.call(cloud.make_client(url))
    assert info.value.may_have_reached_server and creations(app) == 1 and sleeps == []


def test_reset_after_send_async_aiohttp_is_not_retried(cloud: Cloud, served: tuple[Any, str]) -> None:
    app, url = served
    inject(app, drop=True, process=True)

    async def go() -> None:
        client = cloud.make_client(url)
        async with client:
            await cloud.acall(client)

    with pytest.raises(APIConnectionError) as info:
        asyncio.run(go())
    assert info.value.may_have_reached_server and creations(app) == 1


def test_slow_response_times_out_without_retry(cloud: Cloud, served: tuple[Any, str], sleeps: list[float]) -> None:
    app, url = served
    inject(app, status=200, latency=1.5, process=True)
    with pytest.raises(APITimeoutError) as info:
        cloud.call(cloud.make_client(url, timeout=0.3))
    assert info.value.may_have_reached_server and sleeps == []


def test_connection_refused_is_retried_as_not_sent(cloud: Cloud, sleeps: list[float]) -> None:
    with pytest.raises(APIConnectionError) as info:
        cloud.call(cloud.make_client("http://127.0.0.1:9"), max_attempts=3)
    assert not info.value.may_have_reached_server and len(sleeps) == 2


@pytest.mark.parametrize("body", ["html", "truncated", "mismatch"])
def test_bodies_that_break_the_spec_raise_validation_errors(
    cloud: Cloud, served: tuple[Any, str], body: str, sleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=200, body=body, process=True)
    with pytest.raises(APIResponseValidationError) as info:
        cloud.call(cloud.make_client(url))
    assert info.value.status_code == 200 and creations(app) == 1 and sleeps == []


def test_html_error_page_raises_validation_error(cloud: Cloud, served: tuple[Any, str], sleeps: list[float]) -> None:
    app, url = served
    inject(app, status=502, body="html")
    with pytest.raises(APIResponseValidationError) as info:
        cloud.call(cloud.make_client(url))
    assert info.value.status_code == 502 and b"<html>" in info.value.body


def test_every_retry_is_signed_afresh(cloud: Cloud, served: tuple[Any, str], sleeps: list[float]) -> None:
    """Two 429s then success: three distinct signatures reached the server, and the emulator's replay protection
    (nonces, where the scheme has them) did not refuse the retries."""
    app, url = served
    seen: list[str] = []
    inner = app.middleware_stack

    async def recorder(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/_emulator"):
            headers = dict(scope["headers"])
            seen.append((headers.get(b"authorization") or scope.get("query_string", b"")).decode())
        await (inner or app.build_middleware_stack())(scope, receive, send)

    app.middleware_stack = recorder
    inject(app, status=429, count=2, retry_after=0)
    cloud.call(cloud.make_client(url))
    assert len(seen) == 3 and creations(app) == 1
    if not cloud.name.startswith("das"):  # Huawei's date has 1 s resolution and no nonce
        assert len(set(seen)) == 3


def test_integral_floats_go_on_the_wire_as_integers(cloud: Cloud, served: tuple[Any, str]) -> None:
    """3413.0 is a valid JSON integer; the request carries 3413, not 3413.0."""
    app, url = served
    seen: list[bytes] = []
    inner = app.build_middleware_stack()

    async def recorder(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/_emulator"):
            seen.append(scope["query_string"])

            async def body() -> Any:
                message = await receive()
                seen.append(message.get("body", b""))
                return message

            await inner(scope, body, send)
            return
        await inner(scope, receive, send)

    app.middleware_stack = recorder
    if cloud.name == "das":
        cloud.call(cloud.make_client(url), body={**DAS_BODY, "port": 3413.0})
        assert b'"port":3413' in seen[1] and b"3413.0" not in seen[1]
    else:
        cloud.call(cloud.make_client(url), project_id=3413.0, env_type=1.0)
        assert b"ProjectId=3413" in seen[0] and b"3413.0" not in seen[0] and b"EnvType=1&" in seen[0] + b"&"
    assert creations(app) == 1
