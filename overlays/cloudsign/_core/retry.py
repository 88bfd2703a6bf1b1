"""When a failed call may be sent again, and how long to wait first.

A create must never happen twice, so only failures that prove the request was not processed are retried:
a connection that failed before the request went out, throttling (429 or a throttling code), and 503, which both
clouds document as "not processed". Anything after the request may have reached the server (read timeout, reset
after send, 500) is retried only when the caller opts in with ``retry_unsafe=True``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

import httpx

from .errors import APIConnectionError, APIError, ServiceUnavailableError, ThrottlingError

# Raised before any byte of the request left this machine.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


# aiohttp errors that happen before the request is written. httpx-aiohttp maps every aiohttp connection error,
# a reset after the request was sent included, to httpx.ConnectTimeout, so its original cause decides.
_AIOHTTP_NOT_SENT = {"ClientConnectorError", "ConnectionTimeoutError", "NonHttpUrlClientError", "InvalidUrlClientError"}


def request_was_not_sent(exc: BaseException) -> bool:
    """True only when the failure proves the request never left this machine."""
    cause = exc.__cause__
    if cause is not None and type(cause).__module__.startswith("aiohttp"):
        return any(cls.__name__ in _AIOHTTP_NOT_SENT for cls in type(cause).__mro__)
    return isinstance(exc, _NOT_SENT)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``max_attempts`` counts the first try (3 = one try and two retries). Backoff is full-jitter exponential."""

    max_attempts: int = 3
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    retry_unsafe: bool = False

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be >= 1, got {self.max_attempts}")
        if self.initial_backoff < 0 or self.max_backoff < 0:
            raise ValueError("backoff times must be >= 0")

    def with_overrides(self, max_attempts: int | None = None, retry_unsafe: bool | None = None) -> RetryPolicy:
        if max_attempts is None and retry_unsafe is None:
            return self
        return replace(
            self,
            max_attempts=self.max_attempts if max_attempts is None else max_attempts,
            retry_unsafe=self.retry_unsafe if retry_unsafe is None else retry_unsafe,
        )

    def is_retryable(self, error: APIError) -> bool:
        if isinstance(error, ThrottlingError | ServiceUnavailableError):
            return True
        if isinstance(error, APIConnectionError):
            return self.retry_unsafe or not error.may_have_reached_server
        return self.retry_unsafe and getattr(error, "status_code", 0) >= 500

    def delay(self, attempt: int, error: APIError, rng: random.Random | None = None) -> float:
        """Seconds to sleep before attempt ``attempt + 1``; honours the server's retry-after, capped."""
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            return float(min(max(retry_after, 0.0), self.max_retry_after))
        cap = min(self.max_backoff, self.initial_backoff * (2 ** (attempt - 1)))
        return (rng or random).uniform(0, cap)
