"""The one request pipeline every generated operation goes through: find, validate, sign, send, retry, log.

The generated functions call ``client.get_httpx_client().request(method, url, params=..., json=..., headers=...,
extensions={OPERATION: (package, operationId, path values)})``; cloudsign's clients (``sync_client``,
``async_client``) answer that call with this pipeline, whatever backend sends the bytes. This module is sans-IO: it
turns the generated code's arguments into one ``Call`` (its spec operation found by id, or routed when the request
does not name one, validated, encoded once), signs each attempt afresh, classifies each answer with the cloud's
rules, and decides whether and when to try again. The outcome travels with the response (``response.extensions``)
or is raised.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast

import httpx

from .auth import Signer
from .call_options import Options as Options
from .errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    ConfigurationError,
    InvalidParameterError,
    ResponseTooLargeError,
)
from .failures import connection_error
from .json_codec import decode_json, encode_json
from .logs import logger, redact_headers, redact_url
from .refusals import MAX_URL_LENGTH, check_header_values, too_long, unencodable, unencodable_body
from .registry import IDEMPOTENT_METHODS, owner_elsewhere, service_for_package
from .responses import REQUEST_ID, ReadResponse
from .wire import encode_query, parse_query, query_pairs, spellings

if TYPE_CHECKING:
    from http.client import HTTPMessage

    from .registry import Operation, Service

# The extension a caller sets to have the final error raised instead of the response returned (``call``/``acall``).
RAISE_FOR_STATUS = "raise_for_status"
# The extension the generated functions name their operation with: (package, operationId, {path parameter: value as
# given}). The operation is then a dict lookup, and the path values are the caller's (never unquoted from the URL).
OPERATION = "openapi_operation"


class Cloud(Protocol):
    """What the pipeline needs from a cloud: its request-id header and how its answers become errors."""

    name: str
    request_id_header: str

    @property
    def invalid_response(self) -> type[APIResponseValidationError]:
        """The cloud's own class for an answer that does not match the spec (a subclass of the shared one)."""
        ...

    @property
    def too_large(self) -> type[ResponseTooLargeError]:
        """The cloud's own class for an answer over ``max_response_bytes`` (a subclass of the shared one)."""
        ...

    def parse_error(
        self, status: int, headers: Mapping[str, str], content: bytes, *, method: str, path: str
    ) -> APIError:
        """The typed error for a non-2xx answer (or ``APIResponseValidationError`` when it is no error body)."""
        ...

    def unsuccessful(self, response: httpx.Response, body: Any, *, method: str, path: str) -> APIError | None:
        """An error for a 2xx answer whose envelope (``body``, already parsed) says it failed (Alibaba's
        ``Success: false``), else None. Read ``response.headers`` only when needed: they are built on first use."""
        ...


@dataclass(slots=True, repr=False)
class Call:
    """One request, routed, validated and encoded once; each attempt only signs it."""

    operation: Operation | None
    method: str
    path: str  # the path relative to the endpoint, as the generated code formatted it
    url: str  # endpoint + path + encoded query (no query when the signer builds the wire URL: ``builds_url``)
    pairs: list[tuple[str, str]]  # the query, decoded, in wire order (signers with ``sign_pairs`` take these)
    headers: dict[str, str]  # lowercase names
    body: bytes
    raise_for_status: bool
    options: Options
    # Each value's RFC 3986 spelling, made once here and reused by signers that re-sort the pairs.
    known: dict[str, str] = field(default_factory=dict, repr=False)
    cloud: Cloud | None = None  # whose error classes a backend raises (``too_large``)

    @property
    def name(self) -> str:
        return self.operation.operation_id if self.operation is not None else f"{self.method} {self.path}"

    def __repr__(self) -> str:
        # Error trackers print the locals of failing frames: the query values, headers and body may hold secrets.
        return f"Call({self.name}, {self.method} {self.path}, query and body not shown)"

    @property
    def idempotent(self) -> bool:
        return self.operation.idempotent if self.operation is not None else self.method in IDEMPOTENT_METHODS


class Pipeline:
    """The sans-IO half of a client: one per sync or async client (built when the client is), copied by
    ``with_options`` views."""

    def __init__(
        self,
        *,
        service: Service | None,
        cloud: Cloud,
        signer: Signer,
        base_url: str,
        options: Options,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        self.service = service
        self.cloud = cloud
        self.signer = signer
        self.base = base_url.rstrip("/")
        self.options = options
        self.default_headers = {k.lower(): v for k, v in (default_headers or {}).items()}
        # A signer whose ``sign_pairs`` returns the wire URL itself (Alibaba's) spells the query: prepare does not.
        self._spells_query = not signer.builds_url

    def with_options(self, options: Options) -> Pipeline:
        copy = Pipeline.__new__(Pipeline)
        copy.__dict__.update(self.__dict__)
        copy.options = options
        return copy

    # -- before the first byte ------------------------------------------------------------------------------------

    def prepare(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> Call:
        """Find the operation, validate (raising ``InvalidParameterError``) and encode the request once."""
        verb = method.upper()
        path, _, inline_query = url.partition("?")
        merged = dict(self.default_headers)
        if headers:
            check_header_values(headers)
            for key, value in headers.items():
                merged[key.lower() if key.__class__ is str else str(key).lower()] = value
        params = dict(params) if params else {}
        named = extensions.get(OPERATION) if extensions else None
        operation, path_values = self._operation(verb, path, params, named)
        if operation is not None and self.options.validate:
            params, json = self._validate(operation, path_values, params, json, merged)
        if json is not None:
            try:
                body = encode_json(json)
            except (TypeError, ValueError, RecursionError) as exc:  # UnicodeEncodeError is a ValueError
                if isinstance(exc, UnicodeEncodeError):
                    raise unencodable_body(json) from None
                reason = "is nested too deeply" if isinstance(exc, RecursionError) else str(exc)
                raise InvalidParameterError("body", "JSON", "<not JSON>", reason) from None
            merged.setdefault("content-type", "application/json")
        else:
            body = content or b""
        pairs = [*parse_query(inline_query), *query_pairs(params)] if inline_query else query_pairs(params)
        known: dict[str, str] = {}
        full = self.base + path
        if pairs:
            try:
                known = spellings(pairs)
                if self._spells_query:
                    full += "?" + encode_query(pairs, known)
            except UnicodeEncodeError:
                raise unencodable(pairs) from None
        wanted = bool(extensions and extensions.get(RAISE_FOR_STATUS))
        return Call(operation, verb, path, full, pairs, merged, body, wanted, self.options, known, self.cloud)

    def _operation(
        self, method: str, path: str, params: Mapping[str, Any], named: tuple[str, str, Mapping[str, Any]] | None
    ) -> tuple[Operation | None, Mapping[str, str]]:
        """The operation a request is for, and its path values. Named by the request (the generated functions
        pass ``OPERATION``): found by id. Else routed by method, path and pinned query parameters; a request no
        operation of this service models is sent as it is, with no operation (a raw httpx call). Either way, an
        operation of another package, whose generated function was handed this client, is refused."""
        service = self.service
        if service is None:
            return None, {}
        if named is not None:
            package, operation_id, values = named
            if package != service.package:
                raise self._foreign(package, operation_id)
            operation = service.by_id.get(operation_id)
            if operation is not None:  # else: generated from other specs than these; routed below
                for value in values.values():  # validated as the text the URL carries (``_segment``: ``str``)
                    if value.__class__ is not str:
                        return operation, {k: str(v) for k, v in values.items()}
                return operation, values
        routed = service.route(method, path, params)
        if routed is not None:
            return routed
        found = owner_elsewhere(service, method, path, params)
        if found is not None:
            raise self._foreign(found[0].package, found[1].operation_id)
        return None, {}

    def _foreign(self, package: str, operation_id: str) -> ConfigurationError:
        mine = cast("Service", self.service)
        try:
            other = service_for_package(package)
        except KeyError:  # a package generated from documents these specs do not hold
            return ConfigurationError(
                f"{operation_id} is an operation of {package}, but this client was made for {mine.package} "
                f"({mine.name})"
            )
        return ConfigurationError(
            f"{operation_id} is an operation of {other.package} ({other.name}), but this client was made for "
            f"{mine.package} ({mine.name}): build one with cloudsign.{other.cloud}.client({other.package}.Client, ...)"
        )

    @staticmethod
    def _validate(
        operation: Operation,
        path_values: Mapping[str, str],
        params: dict[str, Any],
        json: Any,
        headers: Mapping[str, str],
    ) -> tuple[dict[str, Any], Any]:
        validator = operation.validator
        values: dict[str, Any] = validator.coerce_query(path_values) if path_values else {}
        values.update(params)
        for name, lowered in validator.header_params:
            if lowered in headers:
                values[name] = headers[lowered]
        if json is not None:
            values["body"] = json
        checked = validator.validate(values)
        if params and checked is not values:  # validate hands ``values`` back when it turned no float into an int
            params = {k: checked.get(k, v) for k, v in params.items()}
        return params, checked.get("body", json)

    # -- each attempt ---------------------------------------------------------------------------------------------

    def sign(self, call: Call) -> tuple[str, dict[str, str]]:
        """The URL and headers of one attempt, freshly signed (new date and nonce)."""
        signed = self.signer.sign_pairs(
            call.method, self.base + call.path, call.pairs, call.headers, call.body, call.known
        )
        headers = {**call.headers, **signed.headers}
        url = signed.url or call.url
        if len(url) > MAX_URL_LENGTH:  # checked here, on what goes on the wire: a signer may add to the query
            raise too_long(call.pairs, len(url))
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("request %s %s headers=%s", call.method, redact_url(url), redact_headers(headers))
        return url, headers

    def request_id(self, headers: Mapping[str, str] | HTTPMessage) -> str | None:
        return headers.get(self.cloud.request_id_header)

    def classify(self, call: Call, response: httpx.Response) -> APIError | None:
        """None when the answer is a success that matches the spec; otherwise the error it stands for. The body
        parsed here is handed to the response, so the generated parser does not parse it again."""
        cloud = self.cloud
        status, content = response.status_code, response.content
        if not 200 <= status < 300:
            error = cloud.parse_error(status, response.headers, content, method=call.method, path=call.path)
            parsed = getattr(error, "body", None)
            if parsed.__class__ is dict and isinstance(response, ReadResponse):
                response.share_json(parsed)  # the generated parser's error model reads it: parsed once
            return error
        operation = call.operation
        try:
            body: Any = decode_json(content) if content else None
        except (ValueError, RecursionError):  # RecursionError: nested too deeply for the parser
            body = None
            if operation is not None and operation.validator.success_schema is not None:
                return self._invalid(call, status, response.headers, content, "the body is not JSON")
        if isinstance(response, ReadResponse) and body is not None:
            response.share_json(body)
        if operation is not None:
            try:
                operation.validator.check_parsed(body)
            except ValueError as exc:
                return self._invalid(call, status, response.headers, content, str(exc))
        return cloud.unsuccessful(response, body, method=call.method, path=call.path)

    def _invalid(
        self, call: Call, status: int, headers: Mapping[str, str], content: bytes, problem: str
    ) -> APIResponseValidationError:
        return self.cloud.invalid_response(
            f"{status} response to {call.name} does not match the spec: {problem}",
            status_code=status,
            request_id=self.request_id(headers),
            body=content,
            method=call.method,
            path=call.path,
        )

    def connection_error(self, call: Call, exc: httpx.HTTPError) -> APIConnectionError:
        return connection_error(call.name, call.method, call.path, exc)

    def next_delay(self, call: Call, error: APIError, attempt: int) -> float | None:
        """Seconds to wait before trying again, or None when this error is final."""
        opts = call.options
        if attempt >= opts.max_attempts or not opts.is_retryable(error, call.idempotent):
            return None
        return opts.delay(attempt, error)

    def settle(
        self, call: Call, attempt: int, started: float, outcome: httpx.Response | httpx.HTTPError
    ) -> httpx.Response | float:
        """After one attempt: the response to hand back, or the seconds to wait before the next attempt. Raises
        the final error: always for a transport failure, for an error answer when the caller asked for it."""
        if isinstance(outcome, httpx.HTTPError):
            failure = self.connection_error(call, outcome)
            self.log(call, "-", None, attempt, started)
            delay = self.next_delay(call, failure, attempt)
            if delay is None:
                raise failure  # its __cause__ is a scrubbed copy of ``outcome`` (see ``failures``)
            return delay
        if logger.isEnabledFor(logging.INFO):
            self.log(call, outcome.status_code, outcome.extensions.get(REQUEST_ID), attempt, started)
        error = self.classify(call, outcome)
        if error is None:
            return outcome
        delay = self.next_delay(call, error, attempt)
        if delay is not None:
            return delay
        if call.raise_for_status:
            raise error
        return outcome

    def log(self, call: Call, status: object, request_id: str | None, attempt: int, started: float) -> None:
        """One line per attempt, never a secret (no query values, no headers)."""
        if logger.isEnabledFor(logging.INFO):
            logger.info(
                "%s %s %s status=%s request_id=%s attempt=%d/%d duration_ms=%.1f",
                call.name,
                call.method,
                call.path if call.operation is None else call.operation.path,
                status,
                request_id or "-",
                attempt,
                call.options.max_attempts,
                (time.perf_counter() - started) * 1000,
            )


def too_large(call: Call, status: int, request_id: str | None) -> ResponseTooLargeError:
    limit = call.options.max_response_bytes
    cls = call.cloud.too_large if call.cloud is not None else ResponseTooLargeError
    return cls(
        f"the answer to {call.name} is larger than max_response_bytes={limit} (decompressed); reading stopped there. "
        "Raise it with client.with_options(max_response_bytes=...) if such answers are expected.",
        status_code=status,
        request_id=request_id,
        method=call.method,
        path=call.path,
    )
