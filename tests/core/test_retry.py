"""Retry decisions: only what provably was not processed is retried unless the caller opts in."""

from __future__ import annotations

import random

import httpx
import pytest

from cloudsign._core.errors import (
    APIConnectionError,
    APITimeoutError,
    BadRequestError,
    ServerError,
    ServiceUnavailableError,
    ThrottlingError,
)
from cloudsign._core.retry import RetryPolicy, request_was_not_sent


def status(cls: type[ServerError] | type[ThrottlingError] | type[BadRequestError], code: int) -> ServerError:
    return cls("x", status_code=code, code=None, request_id=None)  # type: ignore[return-value]


def test_safe_failures_are_retried_and_unsafe_are_not() -> None:
    policy = RetryPolicy()
    assert policy.is_retryable(status(ThrottlingError, 429))
    assert policy.is_retryable(status(ServiceUnavailableError, 503))
    assert policy.is_retryable(APIConnectionError("c", may_have_reached_server=False))
    assert not policy.is_retryable(APIConnectionError("c", may_have_reached_server=True))
    assert not policy.is_retryable(APITimeoutError("t", may_have_reached_server=True))
    assert not policy.is_retryable(status(ServerError, 500))
    assert not policy.is_retryable(status(BadRequestError, 400))


def test_opting_in_retries_unsafe_failures() -> None:
    policy = RetryPolicy().with_overrides(retry_unsafe=True)
    assert policy.is_retryable(status(ServerError, 500))
    assert policy.is_retryable(APITimeoutError("t", may_have_reached_server=True))
    assert not policy.is_retryable(status(BadRequestError, 400))


def test_backoff_is_jittered_capped_and_honours_retry_after() -> None:
    policy = RetryPolicy(initial_backoff=0.5, max_backoff=2.0, max_retry_after=10)
    rng = random.Random(7)
    delays = [policy.delay(n, status(ServerError, 500), rng) for n in range(1, 8) for _ in range(20)]
    assert all(0 <= d <= 2.0 for d in delays) and len(set(delays)) > 10
    throttled = ThrottlingError("t", retry_after=3.0, status_code=429, code=None, request_id=None)
    assert policy.delay(1, throttled) == 3.0
    throttled.retry_after = 3600
    assert policy.delay(1, throttled) == 10


def test_policy_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=0)


def test_not_sent_classification() -> None:
    assert request_was_not_sent(httpx.ConnectError("refused"))
    assert request_was_not_sent(httpx.ConnectTimeout("slow connect"))
    assert not request_was_not_sent(httpx.ReadTimeout("slow read"))
    assert not request_was_not_sent(httpx.RemoteProtocolError("peer closed"))


def test_aiohttp_causes_decide() -> None:
    """httpx-aiohttp maps a disconnect after send to ConnectTimeout; its cause must keep it unsafe."""
    import aiohttp

    after_send = httpx.ConnectTimeout("disconnected")
    after_send.__cause__ = aiohttp.ServerDisconnectedError()
    assert not request_was_not_sent(after_send)
    before_send = httpx.ConnectError("refused")
    before_send.__cause__ = aiohttp.ClientConnectorError(
        aiohttp.client_reqrep.ConnectionKey("h", 1, False, True, None, None, None), OSError(111, "refused")
    )
    assert request_was_not_sent(before_send)
