"""The fault matrix, against each emulator over real HTTP: what is retried, what is raised, and the emulator's
record proving that nothing was created twice.

Retries live in the client the generated code calls, so every case runs through both generated entry points
(``call``, which raises the typed error, and ``sync_detailed``, which returns the final answer) on every sync
backend (stdlib, the default; urllib3 and httpx), and the async cases through ``acall``/``asyncio_detailed`` on
aiohttp and httpx. One emulator per cloud serves the matrix, reset before each case."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from cloudsign._core.errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ServerError,
    ServiceUnavailableError,
    ThrottlingError,
)
from cloudsign.alibabacloud import errors as alibaba_errors
from cloudsign.emulator.app import running
from cloudsign.emulator.faults import Fault
from cloudsign.huaweicloud import errors as huawei_errors

from .clouds import CLOUDS, DAS_BODY, Cloud

REAL_SLEEP = time.sleep


@dataclass(frozen=True)
class Way:
    """How a test calls: the generated entry point and the backend that sends the bytes."""

    entry: str  # "call" or "detailed" (sync_detailed); async: "acall" or "adetailed" (asyncio_detailed)
    backend: str

    def __str__(self) -> str:
        return f"{self.entry}-{self.backend}"


SYNC_WAYS = [Way(e, b) for e in ("call", "detailed") for b in ("stdlib", "urllib3", "httpx")]
ASYNC_WAYS = [Way(e, b) for e in ("acall", "adetailed") for b in ("aiohttp", "httpx")]


@dataclass
class Outcome:
    """The final answer: its status, the typed error ``call`` raised (None for ``sync_detailed``), and the parsed
    success model."""

    status: int
    error: APIStatusError | None
    value: Any


@pytest.fixture(scope="module", params=CLOUDS, ids=[c.name for c in CLOUDS])
def cloud(request: pytest.FixtureRequest) -> Cloud:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture(params=SYNC_WAYS, ids=str)
def way(request: pytest.FixtureRequest) -> Way:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def server(cloud: Cloud) -> Iterator[tuple[Any, str]]:
    """One emulator per cloud for the whole matrix (starting and stopping uvicorn costs more than a case)."""
    app = cloud.make_app()
    with running(app) as url:
        yield app, url


@pytest.fixture
def served(server: tuple[Any, str]) -> Iterator[tuple[Any, str]]:
    """The cloud's emulator with nothing recorded, no fault queued and no nonce remembered; a test that wraps its
    ASGI stack gets the original back afterwards."""
    app, url = server
    app.state.emulator.reset()
    stack = app.middleware_stack
    yield app, url
    app.middleware_stack = stack
    app.state.emulator.reset()


@pytest.fixture
def own_served(cloud: Cloud) -> Iterator[tuple[Any, str]]:
    """An emulator of its own, for a test that leaves a request in flight (its creation would land in the next
    test's record)."""
    app = cloud.make_app()
    with running(app) as url:
        yield app, url


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the backoff the sync client asks for instead of sleeping it."""
    asked: list[float] = []
    monkeypatch.setattr("cloudsign._core.sync_client._sleep", asked.append)
    assert time.sleep is REAL_SLEEP, "the seam is the client module's own; time.sleep stays the real one"
    return asked


@pytest.fixture
def asleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the backoff the async client asks for instead of sleeping it."""
    asked: list[float] = []

    async def record(seconds: float) -> None:
        asked.append(seconds)

    monkeypatch.setattr("cloudsign._core.async_client._sleep", record)
    return asked


def creations(app: Any) -> int:
    return len(app.state.emulator.creations.snapshot())


def inject(app: Any, **fault: Any) -> None:
    app.state.emulator.faults.add(Fault(**fault))


def client_for(cloud: Cloud, way: Way, url: str, **kw: Any) -> Any:
    backend = {"sync_backend": way.backend} if way.entry in ("call", "detailed") else {"async_backend": way.backend}
    return cloud.make_client(url, **backend, **kw)


def final(cloud: Cloud, way: Way, client: Any, **kw: Any) -> Outcome:
    """Run one call the way ``way`` says; transport failures and broken bodies propagate from either entry."""
    if way.entry == "call":
        try:
            return Outcome(200, None, cloud.call(client, **kw))
        except APIStatusError as exc:
            return Outcome(exc.status_code, exc, None)
    response = cloud.detailed(client, **kw)
    status = int(response.status_code)
    return Outcome(status, None, response.parsed if 200 <= status < 300 else None)


async def afinal(cloud: Cloud, way: Way, client: Any, **kw: Any) -> Outcome:
    if way.entry == "acall":
        try:
            return Outcome(200, None, await cloud.acall(client, **kw))
        except APIStatusError as exc:
            return Outcome(exc.status_code, exc, None)
    response = await cloud.adetailed(client, **kw)
    status = int(response.status_code)
    return Outcome(status, None, response.parsed if 200 <= status < 300 else None)


def test_throttled_then_success_is_retried_once_and_created_once(
    cloud: Cloud, way: Way, served: tuple[Any, str], sleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=429, retry_after=2)
    out = final(cloud, way, client_for(cloud, way, url))
    assert out.status == 200 and cloud.created_id(out.value) and creations(app) == 1
    assert sleeps == [2.0], "Retry-After must be honoured"


def test_a_long_retry_after_is_capped_at_60_seconds_by_default(
    cloud: Cloud, way: Way, served: tuple[Any, str], sleeps: list[float]
) -> None:
    """README: "a server's retry-after wins (capped at 60 s)", with the factory's default options."""
    app, url = served
    inject(app, status=429, retry_after=3600)
    out = final(cloud, way, client_for(cloud, way, url))
    assert out.status == 200 and creations(app) == 1
    assert sleeps == [60.0]


def test_throttled_beyond_max_attempts_raises_throttling(
    cloud: Cloud, way: Way, served: tuple[Any, str], sleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=429, count=5, retry_after=1)
    out = final(cloud, way, client_for(cloud, way, url, max_attempts=3))
    assert out.status == 429 and creations(app) == 0 and sleeps == [1.0, 1.0]
    if way.entry == "call":
        assert isinstance(out.error, ThrottlingError)
        assert out.error.retry_after == 1 and out.error.status_code == 429 and out.error.request_id


def test_503_is_retried(cloud: Cloud, way: Way, served: tuple[Any, str], sleeps: list[float]) -> None:
    app, url = served
    inject(app, status=503)
    out = final(cloud, way, client_for(cloud, way, url))
    assert out.status == 200 and creations(app) == 1 and len(sleeps) == 1


def test_503_per_call_max_attempts_one_raises(
    cloud: Cloud, way: Way, served: tuple[Any, str], sleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=503)
    client = client_for(cloud, way, url)
    out = final(cloud, way, client.with_options(max_attempts=1))
    assert out.status == 503 and creations(app) == 0 and sleeps == []
    assert way.entry != "call" or isinstance(out.error, ServiceUnavailableError)
    inject(app, status=503)
    assert final(cloud, way, client).status == 200, "the per-call option must not change the client"
    assert creations(app) == 1 and len(sleeps) == 1


def test_per_client_max_attempts_one_is_not_retried(
    cloud: Cloud, way: Way, served: tuple[Any, str], sleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=429, retry_after=0)
    out = final(cloud, way, client_for(cloud, way, url, max_attempts=1))
    assert out.status == 429 and creations(app) == 0 and sleeps == []


def test_500_after_processing_is_not_retried(
    cloud: Cloud, way: Way, served: tuple[Any, str], sleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=500, process=True)
    out = final(cloud, way, client_for(cloud, way, url))
    assert out.status == 500 and creations(app) == 1 and sleeps == []
    assert way.entry != "call" or isinstance(out.error, ServerError)


def test_500_retried_only_when_the_caller_opts_in(
    cloud: Cloud, way: Way, served: tuple[Any, str], sleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=500, process=True)
    out = final(cloud, way, client_for(cloud, way, url).with_options(retry_unsafe=True))
    assert out.status == 200 and creations(app) == 2 and len(sleeps) == 1  # the documented price of opting in


def test_500_retried_when_the_client_opts_in(
    cloud: Cloud, way: Way, served: tuple[Any, str], sleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=500, process=True, count=2)
    client = client_for(cloud, way, url, retry_unsafe=True)
    out = final(cloud, way, client.with_options(retry_unsafe=False))  # per call, switched off again
    assert out.status == 500 and creations(app) == 1 and sleeps == []
    out = final(cloud, way, client)
    assert out.status == 200 and creations(app) == 3 and len(sleeps) == 1


def test_reset_after_send_is_not_retried(cloud: Cloud, way: Way, served: tuple[Any, str], sleeps: list[float]) -> None:
    app, url = served
    inject(app, drop=True, process=True)
    with pytest.raises(APIConnectionError) as info:
        final(cloud, way, client_for(cloud, way, url))
    assert info.value.may_have_reached_server and creations(app) == 1 and sleeps == []


@pytest.mark.parametrize("away", ASYNC_WAYS, ids=str)
def test_reset_after_send_async_is_not_retried(
    cloud: Cloud, away: Way, served: tuple[Any, str], asleeps: list[float]
) -> None:
    app, url = served
    inject(app, drop=True, process=True)

    async def go() -> None:
        async with client_for(cloud, away, url) as client:
            await afinal(cloud, away, client)

    with pytest.raises(APIConnectionError) as info:
        asyncio.run(go())
    assert info.value.may_have_reached_server and creations(app) == 1 and asleeps == []


@pytest.mark.parametrize("away", ASYNC_WAYS, ids=str)
def test_async_throttled_then_success_and_503_are_retried(
    cloud: Cloud, away: Way, served: tuple[Any, str], asleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=429, retry_after=2)
    inject(app, status=503)

    async def go() -> Outcome:
        async with client_for(cloud, away, url) as client:
            return await afinal(cloud, away, client)

    out = asyncio.run(go())
    assert out.status == 200 and cloud.created_id(out.value) and creations(app) == 1
    assert len(asleeps) == 2 and asleeps[0] == 2.0


@pytest.mark.parametrize("away", ASYNC_WAYS, ids=str)
def test_async_options_per_client_and_per_call(
    cloud: Cloud, away: Way, served: tuple[Any, str], asleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=429, count=3, retry_after=0)
    inject(app, status=500, process=True)

    async def go() -> list[Outcome]:
        async with client_for(cloud, away, url, max_attempts=2) as client:
            return [
                await afinal(cloud, away, client),  # 429, 429: the client's two attempts
                await afinal(cloud, away, client.with_options(max_attempts=1)),  # 429: one attempt
                await afinal(cloud, away, client.with_options(retry_unsafe=True)),  # 500 processed, then success
            ]

    throttled, once, unsafe = asyncio.run(go())
    assert (throttled.status, once.status, unsafe.status) == (429, 429, 200)
    assert away.entry != "acall" or isinstance(throttled.error, ThrottlingError)
    assert len(asleeps) == 2 and creations(app) == 2


def test_slow_response_times_out_without_retry(
    cloud: Cloud, way: Way, own_served: tuple[Any, str], sleeps: list[float]
) -> None:
    app, url = own_served
    inject(app, status=200, latency=0.8, process=True)  # the answer cannot come before 0.8 s, whatever the load
    with pytest.raises(APITimeoutError) as info:
        final(cloud, way, client_for(cloud, way, url, timeout=0.2))
    assert info.value.may_have_reached_server and sleeps == []


def test_connection_refused_is_retried_as_not_sent(cloud: Cloud, way: Way, sleeps: list[float]) -> None:
    client = client_for(cloud, way, "http://127.0.0.1:9")
    with pytest.raises(APIConnectionError) as info:
        final(cloud, way, client.with_options(max_attempts=3))
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
    # The cloud's own class, as for every other answer of that cloud (DASError / DataWorksError mixed in).
    own = huawei_errors.DASError if cloud.name == "das" else alibaba_errors.DataWorksError
    assert isinstance(info.value, own), type(info.value).__mro__


@pytest.mark.parametrize("body", ["html", "truncated", "mismatch"])
def test_bodies_that_break_the_spec_are_not_retried_by_sync_detailed(
    cloud: Cloud, served: tuple[Any, str], body: str, sleeps: list[float]
) -> None:
    """sync_detailed hands the answer to the generated parser (which may choke on it), but never sends twice."""
    app, url = served
    inject(app, status=200, body=body, process=True)
    try:
        cloud.detailed(cloud.make_client(url))
    except (ValueError, KeyError, TypeError):  # the generated parser's own complaint about a broken body
        pass
    assert creations(app) == 1 and sleeps == []


def test_html_error_page_raises_validation_error(
    cloud: Cloud, way: Way, served: tuple[Any, str], sleeps: list[float]
) -> None:
    app, url = served
    inject(app, status=502, body="html")
    client = client_for(cloud, way, url)
    if way.entry == "call":
        with pytest.raises(APIResponseValidationError) as info:
            cloud.call(client)
        assert info.value.status_code == 502 and b"<html>" in info.value.body
    else:
        # The spec documents 502 with the gateway's JSON error body, so the generated parser reads it as JSON and
        # may choke on an HTML page (as on any broken body); either way the answer is not sent again.
        try:
            response = cloud.detailed(client)
        except ValueError as exc:  # the generated parser's own complaint about a body that is not JSON
            assert "Expecting value" in str(exc)
        else:
            assert response.status_code == 502 and b"<html>" in response.content
    assert sleeps == []  # a POST: a 502 may have been processed


def test_every_retry_is_signed_afresh(cloud: Cloud, way: Way, served: tuple[Any, str], sleeps: list[float]) -> None:
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
    client = client_for(cloud, way, url)
    if cloud.name == "das":
        # Huawei's scheme has no nonce and a date to the second: each retry is signed at the clock's time, which
        # here moves one second per backoff (as a Retry-After of 1 s would), so each attempt has its own signature.
        start = time.time()
        client.get_httpx_client().pipeline.signer._now = lambda: start + len(sleeps)
    assert final(cloud, way, client).status == 200
    assert len(seen) == 3 and creations(app) == 1
    assert len(set(seen)) == 3, seen


def test_integral_floats_go_on_the_wire_as_integers(cloud: Cloud, way: Way, served: tuple[Any, str]) -> None:
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
    client = client_for(cloud, way, url)
    if cloud.name == "das":
        assert final(cloud, way, client, body={**DAS_BODY, "port": 3413.0}).status == 200
        assert b'"port":3413' in seen[1] and b"3413.0" not in seen[1]
    else:
        assert final(cloud, way, client, project_id=3413.0, env_type=1.0).status == 200
        assert b"ProjectId=3413" in seen[0] and b"3413.0" not in seen[0] and b"EnvType=1&" in seen[0] + b"&"
    assert creations(app) == 1
