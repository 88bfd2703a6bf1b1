"""Retry decisions (``Options.is_retryable`` / ``delay``): what provably was not processed is always retried; an
idempotent request (GET, HEAD, PUT, DELETE) also after 500/502/504 and read failures; anything else only when the
caller opts in with ``retry_unsafe``."""

from __future__ import annotations

import random

import httpx
import pytest

from cloudsign._core.call_options import IDEMPOTENT_RETRY_STATUSES
from cloudsign._core.errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    BadRequestError,
    ConfigurationError,
    ResponseTooLargeError,
    ServerError,
    ServiceUnavailableError,
    ThrottlingError,
)
from cloudsign._core.pipeline import Call, Options
from cloudsign._core.registry import IDEMPOTENT_METHODS
from cloudsign._core.retry import request_was_not_sent


def status(cls: type[APIStatusError], code: int) -> APIStatusError:
    return cls("x", status_code=code, code=None, request_id=None)


@pytest.mark.parametrize("idempotent", [False, True])
def test_safe_failures_are_always_retried(idempotent: bool) -> None:
    options = Options()
    assert options.is_retryable(status(ThrottlingError, 429), idempotent)
    assert options.is_retryable(status(ServiceUnavailableError, 503), idempotent)
    assert options.is_retryable(APIConnectionError("c", may_have_reached_server=False), idempotent)
    assert options.is_retryable(APITimeoutError("connect", may_have_reached_server=False), idempotent)
    assert not options.is_retryable(status(BadRequestError, 400), idempotent)


def test_unsafe_failures_are_not_retried_for_a_create() -> None:
    options = Options()
    assert not options.is_retryable(APIConnectionError("c", may_have_reached_server=True), False)
    assert not options.is_retryable(APITimeoutError("t", may_have_reached_server=True), False)
    for code in (500, 502, 504):
        assert not options.is_retryable(status(ServerError, code), False), code


def test_idempotent_requests_are_also_retried_after_500_502_504_and_read_failures() -> None:
    options = Options()
    assert {500, 502, 504} == IDEMPOTENT_RETRY_STATUSES
    for code in (500, 502, 504):
        assert options.is_retryable(status(ServerError, code), True), code
    for code in (501, 505, 507):  # not implemented, version, storage: sending again cannot help
        assert not options.is_retryable(status(ServerError, code), True), code
    assert options.is_retryable(APIConnectionError("reset", may_have_reached_server=True), True)
    assert options.is_retryable(APITimeoutError("read", may_have_reached_server=True), True)
    for code in (400, 401, 403, 404, 409):
        assert not options.is_retryable(status(BadRequestError, code), True), code


def test_opting_in_retries_unsafe_failures() -> None:
    options = Options().evolve(retry_unsafe=True)
    assert options.retry_unsafe and options.max_attempts == 3
    assert options.is_retryable(status(ServerError, 500), False)
    assert options.is_retryable(status(ServerError, 501), False)  # anything >= 500
    assert options.is_retryable(APITimeoutError("t", may_have_reached_server=True), False)
    assert not options.is_retryable(status(BadRequestError, 400), False)


def test_a_body_that_breaks_the_spec_is_not_retried_for_a_create() -> None:
    broken = APIResponseValidationError("html", status_code=200)
    assert not Options().is_retryable(broken, False)
    assert not Options(retry_unsafe=True).is_retryable(broken, True)


def test_idempotent_request_is_retried_on_a_gateway_html_502() -> None:
    assert Options().is_retryable(APIResponseValidationError("<html>502", status_code=502), True)


@pytest.mark.parametrize("code", [200, 400, 500, 502, 503, 504])
def test_an_answer_that_breaks_the_spec_follows_its_status(code: int) -> None:
    """README: retried after a 500/502/504 for idempotent methods, after any 5xx with retry_unsafe, else never
    (an HTML 503 is no cloud's documented "not processed" answer)."""
    broken = APIResponseValidationError("<html>", status_code=code)
    assert Options().is_retryable(broken, True) is (code in (500, 502, 504))
    assert Options().is_retryable(broken, False) is False
    assert Options(retry_unsafe=True).is_retryable(broken, False) is (code >= 500)


@pytest.mark.parametrize("code", [200, 500, 502, 503, 504])
def test_an_answer_too_large_is_never_retried(code: int) -> None:
    """README: "never, whatever its status". On the old code a too-large 5xx answer was retryable for idempotent
    methods and with retry_unsafe, like any invalid answer."""
    big = ResponseTooLargeError("too large", status_code=code)
    for options in (Options(), Options(retry_unsafe=True)):
        for idempotent in (False, True):
            assert not options.is_retryable(big, idempotent), (code, options.retry_unsafe, idempotent)


def test_idempotency_comes_from_the_method() -> None:
    assert {"GET", "HEAD", "PUT", "DELETE"} <= IDEMPOTENT_METHODS and "POST" not in IDEMPOTENT_METHODS
    assert "PATCH" not in IDEMPOTENT_METHODS

    def call(method: str) -> Call:
        return Call(
            operation=None,
            method=method,
            path="/x",
            url="http://h/x",
            pairs=[],
            headers={},
            body=b"",
            raise_for_status=False,
            options=Options(),
        )

    # A request no spec operation matches falls back on its method.
    assert call("GET").idempotent and call("PUT").idempotent and call("HEAD").idempotent
    assert not call("POST").idempotent and not call("PATCH").idempotent


def test_unrouted_delete_is_idempotent() -> None:
    call = Call(
        operation=None,
        method="DELETE",
        path="/x",
        url="http://h/x",
        pairs=[],
        headers={},
        body=b"",
        raise_for_status=False,
        options=Options(),
    )
    assert call.idempotent


def test_backoff_is_jittered_capped_and_honours_retry_after() -> None:
    options = Options(initial_backoff=0.5, max_backoff=2.0, max_retry_after=10)
    rng = random.Random(7)
    delays = [options.delay(n, status(ServerError, 500), rng) for n in range(1, 8) for _ in range(20)]
    assert all(0 <= d <= 2.0 for d in delays) and len(set(delays)) > 10
    first = [options.delay(1, status(ServerError, 500), rng) for _ in range(50)]
    assert all(0 <= d <= 0.5 for d in first)  # the cap grows from initial_backoff
    throttled = ThrottlingError("t", retry_after=3.0, status_code=429, code=None, request_id=None)
    assert options.delay(1, throttled) == 3.0
    throttled.retry_after = 3600
    assert options.delay(1, throttled) == 10
    throttled.retry_after = -5  # not a delay (RFC 9110): ignored, the ordinary backoff applies
    assert all(0 <= options.delay(1, throttled, rng) <= 0.5 for _ in range(20))


def test_default_options_cap_a_server_retry_after_at_60_seconds() -> None:
    """README: "a server's retry-after wins (capped at 60 s)"; backoff otherwise 0.5 s doubling, capped at 8 s."""
    throttled = ThrottlingError("t", retry_after=3600.0, status_code=429, code=None, request_id=None)
    assert Options().delay(1, throttled) == 60.0
    rng = random.Random(3)
    assert max(Options().delay(n, status(ServerError, 500), rng) for n in range(1, 12) for _ in range(50)) <= 8.0
    assert max(Options().delay(1, status(ServerError, 500), rng) for _ in range(50)) <= 0.5


def test_options_reject_nonsense() -> None:
    with pytest.raises(ConfigurationError, match="max_attempts"):
        Options(max_attempts=0)
    with pytest.raises(ValueError, match="max_attempts"):  # ConfigurationError is a ValueError
        Options().evolve(max_attempts=-1)
    with pytest.raises(ConfigurationError, match="backoff"):
        Options(initial_backoff=-1)


def test_evolve_keeps_what_is_not_given() -> None:
    base = Options(max_attempts=5, retry_unsafe=True, validate=False)
    assert base.evolve() == base
    assert base.evolve(max_attempts=1) == Options(max_attempts=1, retry_unsafe=True, validate=False)
    assert base.evolve(validate=True, retry_unsafe=False) == Options(max_attempts=5)


def test_not_sent_classification() -> None:
    assert request_was_not_sent(httpx.ConnectError("refused"))
    assert request_was_not_sent(httpx.ConnectTimeout("slow connect"))
    assert not request_was_not_sent(httpx.ReadTimeout("slow read"))
    assert not request_was_not_sent(httpx.RemoteProtocolError("peer closed"))


def test_aiohttp_failures_are_classified_once_by_the_transport() -> None:
    """httpx-aiohttp maps a disconnect after send to ConnectTimeout; the transport classifies aiohttp's own error
    (its cause) instead, so a reset after sending is never taken for "not sent" and the retry rules read the class."""
    import aiohttp

    from cloudsign._core.transport.aiohttp import map_error

    after_send = map_error(aiohttp.ServerDisconnectedError())
    assert not request_was_not_sent(after_send)
    refused = aiohttp.ClientConnectorError(
        aiohttp.client_reqrep.ConnectionKey("h", 1, False, True, None, None, None), OSError(111, "refused")
    )
    assert request_was_not_sent(map_error(refused))
    assert request_was_not_sent(map_error(aiohttp.ConnectionTimeoutError()))
    assert request_was_not_sent(map_error(aiohttp.InvalidUrlClientError("x")))
    assert not request_was_not_sent(map_error(aiohttp.ServerTimeoutError()))
    assert not request_was_not_sent(map_error(aiohttp.ClientPayloadError()))


def test_the_httpx_aiohttp_transport_reclassifies_its_lumped_connect_timeout() -> None:
    """httpx-aiohttp raises ConnectTimeout for a server that hung up after the request was sent; the async httpx
    transport hands on aiohttp's own error (the cause) classified by ``map_error``: sent, so never retried unsafely."""
    import asyncio

    import aiohttp

    from cloudsign._core.transport.base import Link
    from cloudsign._core.transport.httpx import AsyncHttpxTransport

    class HungUp:
        async def send(self, *args: object, **kwargs: object) -> object:
            try:
                raise aiohttp.ServerDisconnectedError()
            except aiohttp.ServerDisconnectedError as exc:
                raise httpx.ConnectTimeout("Server disconnected") from exc

    transport = AsyncHttpxTransport(Link("http://127.0.0.1:9"), {"transport": object()})
    transport.client = HungUp()

    async def go() -> None:
        await transport.send("POST", "http://127.0.0.1:9/x", {}, b"{}", httpx.Timeout(1.0), 1024)

    with pytest.raises(httpx.HTTPError) as info:
        asyncio.run(go())
    assert isinstance(info.value, httpx.RemoteProtocolError), type(info.value)
    assert not request_was_not_sent(info.value)
