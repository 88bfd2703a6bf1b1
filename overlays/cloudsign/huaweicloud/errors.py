"""Huawei Cloud errors: the shared hierarchy with ``DASError`` mixed in, and the parser of Huawei error bodies.

Huawei answers ``{"error_code", "error_msg"}`` and the gateway adds ``request_id`` (also in ``X-Request-Id``).
Catch ``DASError`` to catch anything this cloud answered; the shared classes still work for both clouds.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

from cloudsign._core import errors as core
from cloudsign._core.error_codes import documented_codes
from cloudsign._core.errors import APIConnectionError as APIConnectionError
from cloudsign._core.errors import APIError, CloudSignError, DocumentedCodes
from cloudsign._core.errors import APITimeoutError as APITimeoutError
from cloudsign._core.errors import ConfigurationError as ConfigurationError
from cloudsign._core.errors import CredentialsError as CredentialsError
from cloudsign._core.errors import InvalidParameterError as InvalidParameterError
from cloudsign._core.retry import retry_after_value

REQUEST_ID_HEADER = "X-Request-Id"
AUTH_CODES = frozenset({"APIGW.0301", "APIG.0301", "APIGW.0303", "APIG.0303", "APIGW.0305", "APIG.0305"})
THROTTLING_CODES = frozenset({"APIGW.0308", "APIG.0308"})


class DASError(CloudSignError):
    """Mixed into every error the Huawei Cloud (DAS) side answered."""


class APIStatusError(core.APIStatusError, DASError):
    """Any other error status."""


class ClientError(core.ClientError, APIStatusError):
    """Another 4xx."""


class BadRequestError(core.BadRequestError, ClientError):
    """400, e.g. DAS.200100 Parameter error."""


class AuthenticationError(core.AuthenticationError, ClientError):
    """401 / APIGW.0301: bad signature, unknown AK, clock skew or a locked AK."""


class PermissionDeniedError(core.PermissionDeniedError, ClientError):
    """403."""


class NotFoundError(core.NotFoundError, ClientError):
    """404 (APIGW.0101: the API does not exist)."""


class ThrottlingError(core.ThrottlingError, ClientError):
    """429 / APIGW.0308; ``retry_after`` from the Retry-After header."""


class ServerError(core.ServerError, APIStatusError):
    """5xx."""


class ServiceUnavailableError(core.ServiceUnavailableError, ServerError):
    """503: not processed; safe to retry."""


class APIResponseValidationError(core.APIResponseValidationError, DASError):
    """An answer that is not a Huawei error body or success body (HTML page, broken JSON, missing fields)."""


class ResponseTooLargeError(core.ResponseTooLargeError, APIResponseValidationError):
    """An answer over ``max_response_bytes``; never retried."""


_BY_STATUS: dict[int, type[core.APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: ThrottlingError,
    503: ServiceUnavailableError,
}


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:
        lowered = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lowered), None)
    return value


def retry_after(headers: Mapping[str, str]) -> float | None:
    return retry_after_value(_header(headers, "Retry-After"))


def _class_for(status: int, code: str) -> type[core.APIStatusError]:
    if code in THROTTLING_CODES:
        return ThrottlingError
    if code in AUTH_CODES:
        return AuthenticationError
    cls = _BY_STATUS.get(status)
    if cls is not None:
        return cls
    if 400 <= status < 500:
        return ClientError
    if status >= 500:
        return ServerError
    return APIStatusError


DOCUMENTED = DocumentedCodes(__name__, _class_for, functools.partial(documented_codes, "huaweicloud", "error_code"))


def __getattr__(name: str) -> type[core.APIStatusError]:
    """The class of a documented error code, by name (``DAS200100Error``): see ``DocumentedCodes``."""
    return DOCUMENTED.attribute(name)


def parse_error(status_code: int, headers: Mapping[str, str], content: bytes, *, method: str, path: str) -> APIError:
    """Turn an error answer into the matching exception (``Cloud.parse_error`` of ``cloudsign._core.pipeline``)."""
    header_rid = _header(headers, REQUEST_ID_HEADER)
    try:
        body: Any = json.loads(content)
    except (ValueError, RecursionError):  # RecursionError: nested too deeply for the parser
        body = None
    code = body.get("error_code") if isinstance(body, dict) else None
    msg = body.get("error_msg") if isinstance(body, dict) else None
    if not isinstance(code, str) or not isinstance(msg, str):
        what = "not JSON" if body is None else "not a Huawei error body (error_code, error_msg)"
        return APIResponseValidationError(
            f"HTTP {status_code} answer to {method} {path} is {what}",
            status_code=status_code,
            request_id=header_rid,
            body=content,
            method=method,
            path=path,
        )
    rid = body.get("request_id") if isinstance(body.get("request_id"), str) else header_rid
    return core.status_error(
        DOCUMENTED.pick(code, status_code),
        msg,
        retry_after=retry_after(headers),
        status_code=status_code,
        code=code,
        request_id=rid,
        headers=headers,
        body=body,
        method=method,
        path=path,
    )


__all__ = [
    "DOCUMENTED",
    "DASError",
    "parse_error",
]
__all__ += core.__all__  # the shared classes, its own status classes in their place
