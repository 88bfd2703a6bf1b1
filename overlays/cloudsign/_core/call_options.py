"""The options of a client, decided here once: ``Options`` (what the pipeline reads per call), and the keyword
arguments the factories and ``with_options`` take, typed from the same lists.

``CallOptions`` are the ``Options`` a caller may change (the factories and ``with_options`` take them);
``ClientOptions`` adds what is fixed when a client is built (backends, timeout, TLS, proxy, httpx arguments). A
test keeps ``CallOptions`` equal to the fields of ``Options`` minus the backoff tuning.
"""

from __future__ import annotations

import math
import random
import ssl
from dataclasses import dataclass, replace
from typing import Any, TypedDict

import httpx

from .errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    ConfigurationError,
    ResponseTooLargeError,
    ServiceUnavailableError,
    ThrottlingError,
)

# The largest answer read (after decompression) unless the client says otherwise: far above any documented answer,
# far below what would hurt a process.
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
# Statuses an idempotent request may be retried on besides 429/503 (the server may have failed before acting).
IDEMPOTENT_RETRY_STATUSES = frozenset({500, 502, 504})


@dataclass(frozen=True, slots=True)
class Options:
    """Per-client settings, overridable per call with ``client.with_options(...)``.

    ``max_attempts`` counts the first try (3 = one try and two retries); backoff is full-jitter exponential,
    capped, and a server's retry-after wins. ``validate=False`` sends what the caller gave without checking it
    against the spec; ``retry_unsafe=True`` also retries non-idempotent requests that may have been processed."""

    max_attempts: int = 3
    retry_unsafe: bool = False
    validate: bool = True
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES

    def __post_init__(self) -> None:
        for name in ("max_attempts", "max_response_bytes"):
            value = getattr(self, name)
            if value.__class__ is not int or value < 1:  # (True is an int: refused too)
                raise ConfigurationError(f"{name} must be an integer >= 1, got {value!r}")
        for name in ("initial_backoff", "max_backoff", "max_retry_after"):
            value = getattr(self, name)
            if value.__class__ not in (int, float) or not 0 <= value < math.inf:
                raise ConfigurationError(f"{name} must be a finite number of seconds >= 0, got {value!r}")
        for name in ("retry_unsafe", "validate"):
            if getattr(self, name).__class__ is not bool:
                raise ConfigurationError(f"{name} must be True or False, got {getattr(self, name)!r}")

    def evolve(self, **changes: Any) -> Options:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def is_retryable(self, error: APIError, idempotent: bool) -> bool:
        """Safe to send again: throttled, 503 (documented as not processed), never sent; and for idempotent
        requests (or with ``retry_unsafe``) also 500/502/504 and failures after the request went out. An answer that
        does not match the spec follows its status (a gateway's HTML 502 is a 502); one over ``max_response_bytes``
        is never retried: the cap bounds what a call reads, and the same request would most likely get the same
        answer again."""
        if isinstance(error, ThrottlingError | ServiceUnavailableError):
            return True
        if isinstance(error, ResponseTooLargeError):
            return False
        if isinstance(error, APIConnectionError):
            return not error.may_have_reached_server or idempotent or self.retry_unsafe
        if isinstance(error, APIStatusError | APIResponseValidationError):  # a gateway's HTML 502 is the latter
            status = error.status_code
            return (idempotent and status in IDEMPOTENT_RETRY_STATUSES) or (self.retry_unsafe and status >= 500)
        return False

    def delay(self, attempt: int, error: APIError, rng: random.Random | None = None) -> float:
        """Seconds to wait before attempt ``attempt + 1``; honours the server's retry-after, capped."""
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None and 0 <= retry_after < math.inf:  # (NaN fails both): never sleep past the cap
            return float(min(retry_after, self.max_retry_after))
        cap = min(self.max_backoff, self.initial_backoff * (2 ** (attempt - 1)))
        return (rng or random).uniform(0, cap)


class CallOptions(TypedDict, total=False):
    """The ``Options`` a caller sets, at build time or per call (``with_options``); absent keeps the default."""

    max_attempts: int
    retry_unsafe: bool
    validate: bool
    max_response_bytes: int


class ClientOptions(CallOptions, total=False):
    """Everything a factory takes besides region, endpoint, credentials and its cloud's own arguments."""

    timeout: float | httpx.Timeout | None
    sync_backend: str
    async_backend: str
    verify: bool | str | ssl.SSLContext
    httpx_args: dict[str, Any] | None
    proxy: str | None


CALL_OPTIONS = CallOptions.__required_keys__ | CallOptions.__optional_keys__
BACKENDS = ("sync_backend", "async_backend")


def split_options(given: ClientOptions) -> tuple[Options, dict[str, Any], dict[str, Any]]:
    """(the ``Options``, the backends for ``Settings``, the rest for ``cloud_client``) of a factory's arguments."""
    call: dict[str, Any] = {k: v for k, v in given.items() if k in CALL_OPTIONS}
    backends = {k: v for k, v in given.items() if k in BACKENDS}
    rest = {k: v for k, v in given.items() if k not in CALL_OPTIONS and k not in BACKENDS}
    return Options(**call), backends, rest
