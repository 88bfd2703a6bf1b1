"""Run a generated ``*_detailed`` call with validation, retries, typed errors and one log line per attempt.

The flow stays one way: the caller's arguments are validated against the spec, the generated function builds and
sends the request through the signed httpx client, and the generated ``Response`` is turned into the parsed success
value or an exception. Every attempt goes through the generated function again, so it is signed afresh.
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

import httpx

from .errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
)
from .retry import RetryPolicy, request_was_not_sent

logger = logging.getLogger("cloudsign")
T = TypeVar("T")

# The last response httpx received in this thread or task; lets a failed parse still report status and request id.
last_response: contextvars.ContextVar[httpx.Response | None] = contextvars.ContextVar(
    "cloudsign_last_response", default=None
)


def remember_response(response: httpx.Response) -> None:
    """httpx response event hook installed on the clients cloudsign builds."""
    last_response.set(response)


async def aremember_response(response: httpx.Response) -> None:
    last_response.set(response)


class GeneratedResponse(Protocol):
    status_code: int
    content: bytes
    headers: Any
    parsed: Any


class ErrorParser(Protocol):
    def __call__(
        self, status_code: int, headers: Mapping[str, str], content: bytes, *, method: str, path: str
    ) -> APIError: ...


@dataclass(frozen=True, slots=True)
class OperationSpec(Generic[T]):
    """What the wrapper needs to know about one generated operation."""

    method: str
    path: str
    success_type: type[T]
    parse_error: ErrorParser
    request_id_header: str
    # Checks a 2xx body against the spec's response schema (types, required fields, patterns); raises ValueError.
    check_success: Callable[[bytes], None] | None = None


def _connection_error(exc: httpx.HTTPError, method: str, path: str) -> APIConnectionError:
    not_sent = request_was_not_sent(exc)
    kind = type(exc).__name__
    text = f"{kind} while calling {method} {path}" + (" (request not sent)" if not_sent else "")
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    return cls(text, may_have_reached_server=not not_sent, method=method, path=path)


def _outcome(op: OperationSpec[T], result: GeneratedResponse | None, exc: BaseException | None) -> T | APIError:
    """Turn what the generated call returned or raised into the success value or an APIError."""
    if isinstance(exc, httpx.HTTPError):
        return _connection_error(exc, op.method, op.path)
    if exc is not None:  # the generated parser choked: broken JSON, missing field, wrong type
        raw = last_response.get()
        status = raw.status_code if raw is not None else 0
        body = raw.content if raw is not None else b""
        rid = raw.headers.get(op.request_id_header) if raw is not None else None
        return APIResponseValidationError(
            f"response to {op.method} {op.path} does not match the spec: {type(exc).__name__}",
            status_code=status,
            request_id=rid,
            body=body,
            method=op.method,
            path=op.path,
        )
    assert result is not None
    status = int(result.status_code)
    problem = ""
    if 200 <= status < 300 and isinstance(result.parsed, op.success_type):
        if op.check_success is None:
            return result.parsed
        try:
            op.check_success(result.content)
            return result.parsed
        except ValueError as exc:
            problem = f": {exc}"
    if 200 <= status < 300:
        return APIResponseValidationError(
            f"{status} response to {op.method} {op.path} is not a valid {op.success_type.__name__}{problem}",
            status_code=status,
            request_id=result.headers.get(op.request_id_header),
            body=result.content,
            method=op.method,
            path=op.path,
        )
    return op.parse_error(status, result.headers, result.content, method=op.method, path=op.path)


def _log(op: OperationSpec[Any], outcome: object, attempt: int, policy: RetryPolicy, started: float) -> None:
    if not logger.isEnabledFor(logging.INFO):
        return
    status: object = getattr(outcome, "status_code", 200 if not isinstance(outcome, APIError) else "-")
    rid = getattr(outcome, "request_id", None) or "-"
    if not isinstance(outcome, APIError):
        raw = last_response.get()
        rid = (raw.headers.get(op.request_id_header) if raw is not None else None) or rid
    logger.info(
        "%s %s status=%s request_id=%s attempt=%d/%d duration_ms=%.1f",
        op.method,
        op.path,
        status,
        rid,
        attempt,
        policy.max_attempts,
        (time.perf_counter() - started) * 1000,
    )


def call_sync(op: OperationSpec[T], send: Callable[[], GeneratedResponse], policy: RetryPolicy) -> T:
    """Call ``send`` (a generated ``sync_detailed`` with its arguments bound) until success or a final error."""
    attempt = 0
    while True:
        attempt += 1
        started = time.perf_counter()
        last_response.set(None)
        try:
            outcome = _outcome(op, send(), None)
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            outcome = _outcome(op, None, exc)
        _log(op, outcome, attempt, policy, started)
        if not isinstance(outcome, APIError):
            return outcome
        if attempt >= policy.max_attempts or not policy.is_retryable(outcome):
            raise outcome
        time.sleep(policy.delay(attempt, outcome))


async def call_async(op: OperationSpec[T], send: Callable[[], Awaitable[GeneratedResponse]], policy: RetryPolicy) -> T:
    """The async twin of ``call_sync``."""
    attempt = 0
    while True:
        attempt += 1
        started = time.perf_counter()
        last_response.set(None)
        try:
            outcome = _outcome(op, await send(), None)
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            outcome = _outcome(op, None, exc)
        _log(op, outcome, attempt, policy, started)
        if not isinstance(outcome, APIError):
            return outcome
        if attempt >= policy.max_attempts or not policy.is_retryable(outcome):
            raise outcome
        import asyncio  # here, not at the top: importing asyncio costs ~10 ms of cold start a sync user never needs

        await asyncio.sleep(policy.delay(attempt, outcome))
