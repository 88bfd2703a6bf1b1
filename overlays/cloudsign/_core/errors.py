"""The exception hierarchy both clouds share; each cloud subclasses it in its own ``errors`` module.

Catch ``CloudSignError`` for everything, ``APIStatusError`` for any answer the cloud gave, or a cloud's own class
(``cloudsign.huaweicloud.errors.DASError``...) to tell the clouds apart. No message ever carries a secret.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from typing import Unpack


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
        super().__init__(f"{text}; got {_shown(value)}")


# The most of a rejected value a message shows.
_MAX_SHOWN = 200


def _shown(value: Any) -> str:
    """``repr(value)``, cut short; never an error of its own (an int of more than 4300 digits has no repr)."""
    try:
        text = repr(value)
    except ValueError:
        if isinstance(value, int):
            return f"<an integer of about {int(value.bit_length() * 0.30103) + 1} digits>"
        return f"<{type(value).__name__}>"
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "...(cut)"


class Where(TypedDict, total=False):
    """Which call an ``APIError`` is about, by keyword: its HTTP ``method`` and ``path`` (empty when unknown)."""

    method: str
    path: str


class APIError(CloudSignError):
    """Something went wrong while talking to the cloud."""

    def __init__(self, message: str, **call: Unpack[Where]) -> None:
        super().__init__(message)
        self.message = message
        self.method = call.get("method", "")
        self.path = call.get("path", "")


class APIConnectionError(APIError):
    """No usable answer arrived. ``may_have_reached_server`` tells whether the request could have been processed."""

    def __init__(self, message: str, *, may_have_reached_server: bool, **call: Unpack[Where]) -> None:
        super().__init__(message, **call)
        self.may_have_reached_server = may_have_reached_server


class APITimeoutError(APIConnectionError):
    """The connect, write or read timeout expired."""


class APIResponseValidationError(APIError):
    """The answer does not match the spec (an HTML error page, broken JSON, a missing or mistyped field)."""

    def __init__(
        self, message: str, *, status_code: int, request_id: str | None = None, body: bytes = b"", **call: Unpack[Where]
    ) -> None:
        super().__init__(message, **call)
        self.status_code = status_code
        self.request_id = request_id
        self.body = body[:2048]


class ResponseTooLargeError(APIResponseValidationError):
    """The answer is larger than the client's ``max_response_bytes`` (counted after decompression); reading stopped
    there, so memory stays bounded. Never retried, whatever its status: the same request would most likely get the
    same answer, and a retry would read it again."""


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
        **call: Unpack[Where],
    ) -> None:
        super().__init__(message, **call)
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


class DocumentedCodes:
    """The error codes a cloud's specs document (in the examples of their error responses), each with its own
    exception class, made on first use: a subclass of the class the cloud's rules pick for that status and code.

    ``Invalid.Tenant.ProjectNotExists`` becomes ``InvalidTenantProjectNotExistsError``; ``DAS.200100`` becomes
    ``DAS200100Error``. Nothing here names a code: adding an example to a spec adds its class."""

    def __init__(self, module: str, class_for: Any, codes: Callable[[], Iterable[tuple[str, int]]]) -> None:
        self.module = module
        self.class_for = class_for
        self.codes = codes  # (code, status) pairs, e.g. ``error_codes.documented_codes`` bound to a cloud
        self._table: dict[str, type[APIStatusError]] | None = None
        self._statuses: dict[str, set[int]] = {}

    @staticmethod
    def class_name(code: str) -> str:
        import re

        words = [w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", code) if w]
        name = "".join(words)
        return name if name.endswith("Error") else name + "Error"

    def _codes(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for code, status in self.codes():
            found.setdefault(code, status)
            self._statuses.setdefault(code, set()).add(status)
        return found

    @property
    def table(self) -> dict[str, type[APIStatusError]]:
        if self._table is None:
            table: dict[str, type[APIStatusError]] = {}
            for code, status in sorted(self._codes().items()):
                base = self.class_for(status, code)
                name = self.class_name(code)
                if name == base.__name__:  # ``ServiceUnavailable`` is the cloud's own ServiceUnavailableError
                    table[code] = base
                    continue
                doc = f"``{code}``, documented in specs/ (HTTP {status})."
                table[code] = type(name, (base,), {"__doc__": doc, "__module__": self.module})
            self._table = table
        return self._table

    def get(self, code: str, status: int) -> type[APIStatusError] | None:
        """The class of ``code`` when it came with a status the specs document for it (else the cloud's rules
        decide: a code seen under another status is not the documented error)."""
        cls = self.table.get(code)
        return cls if cls is not None and status in self._statuses.get(code, ()) else None

    def by_name(self, name: str) -> type[APIStatusError] | None:
        return next((cls for cls in self.table.values() if cls.__name__ == name), None)

    def attribute(self, name: str) -> type[APIStatusError]:
        """A cloud module's ``__getattr__``: the class of a documented code by its name (``DAS200100Error``)."""
        cls = self.by_name(name) if name.endswith("Error") else None
        if cls is None:
            raise AttributeError(f"module {self.module!r} has no attribute {name!r}")
        return cls

    def pick(self, code: str, status: int) -> type[APIStatusError]:
        """The class to raise for ``code`` under ``status``. The status decides the kind of error (a gateway code
        such as Huawei's APIGW.0202 comes with 502, where a create may have happened, and with 503, where it did
        not): the documented class only when it is of the kind the cloud's rules pick, else that kind."""
        kind: type[APIStatusError] = self.class_for(status, code)
        documented = self.get(code, status)
        return documented if documented is not None and issubclass(documented, kind) else kind


def status_error(
    cls: type[APIStatusError], message: str, *, retry_after: float | None, **kwargs: Any
) -> APIStatusError:
    """An instance of ``cls``; ``retry_after`` is passed on to throttling errors only."""
    if issubclass(cls, ThrottlingError):
        return cls(message, retry_after=retry_after, **kwargs)
    return cls(message, **kwargs)


# The exception classes both clouds share (``cloudsign.errors``); each cloud's ``errors`` module exports them too, its
# own subclasses in place of the status classes.
__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientError",
    "CloudSignError",
    "ConfigurationError",
    "CredentialsError",
    "InvalidParameterError",
    "NotFoundError",
    "PermissionDeniedError",
    "ResponseTooLargeError",
    "ServerError",
    "ServiceUnavailableError",
    "ThrottlingError",
]
