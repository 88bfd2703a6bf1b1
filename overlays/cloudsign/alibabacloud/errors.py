"""Alibaba's answers as exceptions: the shared hierarchy with ``DataWorksError`` mixed in (as Huawei's errors mix in
``DASError``), so ``except cloudsign._core.errors.ThrottlingError`` and ``except DataWorksError`` both work.

Every error code the specs document (in their error examples) has its own class, made on first use.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any, Final

from .._core import errors as core
from .._core.error_codes import documented_codes
from .._core.errors import APIConnectionError as APIConnectionError
from .._core.errors import APIError, CloudSignError, DocumentedCodes
from .._core.errors import APITimeoutError as APITimeoutError
from .._core.errors import ConfigurationError as ConfigurationError
from .._core.errors import CredentialsError as CredentialsError
from .._core.errors import InvalidParameterError as InvalidParameterError
from .._core.retry import retry_after_value

REQUEST_ID_HEADER: Final = "x-acs-request-id"
AUTH_CODES: Final = frozenset(
    {
        "IncompleteSignature",
        "SignatureDoesNotMatch",
        "SignatureNonceUsed",
        "InvalidAccessKeyId.NotFound",
        "InvalidAccessKeyId.Inactive",
        "InvalidTimeStamp.Expired",
        "InvalidTimeStamp.Format",
        "InvalidSecurityToken.Expired",
        "InvalidSecurityToken.MismatchWithAccessKey",
        "InvalidSecurityToken.Malformed",
        "MissingSecurityToken",
    }
)


class DataWorksError(CloudSignError):
    """Mixed into every error the Alibaba Cloud (DataWorks) side answered; ``code`` is Alibaba's error code on
    the status errors."""


class APIStatusError(core.APIStatusError, DataWorksError):
    """Any other error status."""


class ClientError(core.ClientError, APIStatusError):
    """Another 4xx."""


class BadRequestError(core.BadRequestError, ClientError):
    """400: missing or invalid parameters, or a documented business error."""


class AuthenticationError(core.AuthenticationError, ClientError):
    """The signature, AccessKey, nonce, timestamp or token was refused (400 or 404 at Alibaba's gateway)."""


class PermissionDeniedError(core.PermissionDeniedError, ClientError):
    """403."""


class NotFoundError(core.NotFoundError, ClientError):
    """404."""


class ThrottlingError(core.ThrottlingError, ClientError):
    """429 or a ``Throttling*`` code; ``retry_after`` in seconds from ``x-acs-retry-after`` (ms) or ``Retry-After``."""


class ServerError(core.ServerError, APIStatusError):
    """5xx: the request may have been processed."""


class ServiceUnavailableError(core.ServiceUnavailableError, ServerError):
    """503 (``ServiceUnavailable``): documented as not processed, so retried."""


class UnsuccessfulResponseError(APIStatusError):
    """HTTP 200 whose body says ``Success: false``: the call did not do what was asked."""


class APIResponseValidationError(core.APIResponseValidationError, DataWorksError):
    """An answer that is neither Alibaba's error envelope nor the documented success body (HTML page, broken JSON,
    missing fields)."""


class ResponseTooLargeError(core.ResponseTooLargeError, APIResponseValidationError):
    """An answer over ``max_response_bytes``; never retried."""


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """``x-acs-retry-after`` is milliseconds, ``Retry-After`` seconds; the former wins."""
    lowered = {k.lower(): v for k, v in headers.items()}
    for name, scale in (("x-acs-retry-after", 1000.0), ("retry-after", 1.0)):
        value = retry_after_value(lowered.get(name), scale)
        if value is not None:
            return value
    return None


def _class_for(status: int, code: str) -> type[core.APIStatusError]:
    if status == 429 or code.startswith("Throttling"):
        return ThrottlingError
    if code in AUTH_CODES:
        return AuthenticationError
    if status == 503 or code == "ServiceUnavailable":
        return ServiceUnavailableError
    if status >= 500:
        return ServerError
    by_status: dict[int, type[core.APIStatusError]] = {
        400: BadRequestError,
        403: PermissionDeniedError,
        404: NotFoundError,
    }
    return by_status.get(status, ClientError if status >= 400 else UnsuccessfulResponseError)


DOCUMENTED = DocumentedCodes(__name__, _class_for, functools.partial(documented_codes, "alibabacloud", "Code"))


def __getattr__(name: str) -> type[core.APIStatusError]:
    """The class of a documented error code, by name (``InvalidTenantProjectNotExistsError``): see
    ``cloudsign._core.errors.DocumentedCodes``."""
    return DOCUMENTED.attribute(name)


def error_from_body(
    status_code: int, headers: Mapping[str, str], body: Mapping[str, Any], *, method: str, path: str
) -> core.APIStatusError:
    """Build the exception for an error envelope that has a ``Code``."""
    code = str(body["Code"])
    return core.status_error(
        DOCUMENTED.pick(code, status_code),
        str(body.get("Message") or code),
        retry_after=retry_after_seconds(headers),
        status_code=status_code,
        code=code,
        request_id=body.get("RequestId"),
        headers=dict(headers),
        body=dict(body),
        method=method,
        path=path,
    )


def parse_error(status_code: int, headers: Mapping[str, str], content: bytes, *, method: str, path: str) -> APIError:
    """``Cloud.parse_error`` (``cloudsign._core.pipeline``) for DataWorks: the envelope becomes a typed error; HTML,
    broken JSON or a body without ``Code`` becomes ``APIResponseValidationError``."""
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):  # RecursionError: nested too deeply for the parser
        body = None
    if not isinstance(body, dict) or not body.get("Code"):
        lowered = {k.lower(): v for k, v in headers.items()}
        rid = body.get("RequestId") if isinstance(body, dict) else lowered.get(REQUEST_ID_HEADER)
        return APIResponseValidationError(
            f"HTTP {status_code} answer to {method} {path} is not Alibaba's error envelope",
            status_code=status_code,
            request_id=rid,
            body=content,
            method=method,
            path=path,
        )
    return error_from_body(status_code, headers, body, method=method, path=path)


__all__ = [
    "DOCUMENTED",
    "DataWorksError",
    "UnsuccessfulResponseError",
    "error_from_body",
    "parse_error",
    "retry_after_seconds",
]
__all__ += core.__all__  # the shared classes, its own status classes in their place
