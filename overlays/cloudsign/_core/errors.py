"""The exception hierarchy both clouds share; each cloud subclasses it in its own ``errors`` module.

Catch ``CloudSignError`` for everything, ``APIStatusError`` for any answer the cloud gave, or a cloud's own class
(``cloudsign.huaweicloud.errors.DASError``...) to tell the clouds apart. No message ever carries a secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class CloudSignError(Exception):
    """Base of every error raised by cloudsign."""


class ConfigurationError(CloudSignError, ValueError):
    """A region, endpoint or option that cannot work (raised when the client is built)."""


class CredentialsError(CloudSignError):
    """No usable credentials were found; the message names every place that was looked at."""


class InvalidParameterError(CloudSignError, ValueError):
    """A request parameter breaks a rule of the spec; raised before any byte is sent.

    ``value`` is masked (``'***'``) for secret-bearing fields.
    """

    def __init__(self, field: str, rule: str, value: Any, detail: str = "") -> None:
        self.field = field
        self.rule = rule
        self.value = value
        self.detail = detail
        text = f"invalid parameter {field!r}: breaks rule {rule!r}"
        if detail:
            text += f" ({detail})"
        super().__init__(f"{text}; got {value!r}")


class APIError(CloudSignError):
    """Something went wrong while talking to the cloud."""

    def __init__(self, message: str, *, method: str = "", path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path


class APIConnectionError(APIError):
    """No usable answer arrived. ``may_have_reached_server`` tells whether the request could have been processed."""

    def __init__(self, message: str, *, may_have_reached_server: bool, method: str = "", path: str = "") -> None:
        super().__init__(message, method=method, path=path)
        self.may_have_reached_server = may_have_reached_server


class APITimeoutError(APIConnectionError):
    """The connect, write or read timeout expired."""


class APIResponseValidationError(APIError):
    """The answer does not match the spec (an HTML error page, broken JSON, a missing or mistyped field)."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        request_id: str | None = None,
        body: bytes = b"",
        method: str = "",
        path: str = "",
    ) -> None:
        super().__init__(message, method=method, path=path)
        self.status_code = status_code
        self.request_id = request_id
        self.body = body[:2048]


class APIStatusError(APIError):
    """The cloud answered with an error status and (usually) its error body."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: str | None,
        request_id: str | None,
        headers: Mapping[str, str] | None = None,
        body: Any = None,
        method: str = "",
        path: str = "",
    ) -> None:
        super().__init__(message, method=method, path=path)
        self.status_code = status_code
        self.code = code
        self.request_id = request_id
        self.headers = dict(headers or {})
        self.body = body

    def __str__(self) -> str:
        return f"HTTP {self.status_code} {self.code or '-'}: {self.message} (request id {self.request_id or '-'})"


class ClientError(APIStatusError):
    """4xx: the request was wrong; do not retry it unchanged."""


class BadRequestError(ClientError):
    """400."""


class AuthenticationError(ClientError):
    """The signature, key, token or timestamp was not accepted."""


class PermissionDeniedError(ClientError):
    """403: authenticated, but not allowed."""


class NotFoundError(ClientError):
    """404."""


class ThrottlingError(ClientError):
    """429 or a throttling code; ``retry_after`` is in seconds when the cloud said."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(APIStatusError):
    """5xx: the cloud failed; a create may or may not have happened."""


class ServiceUnavailableError(ServerError):
    """503: the cloud documents the request as not processed, so it is safe to retry."""
