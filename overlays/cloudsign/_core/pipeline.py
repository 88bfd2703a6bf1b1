"""The one request pipeline every generated operation goes through: route, validate, sign, send, retry, log.

The generated functions call ``client.get_httpx_client().request(method, url, params=..., json=..., headers=...)``;
cloudsign's clients (``sync_client``, ``async_client``) answer that call with this pipeline, whatever backend sends
the bytes. This module is sans-IO: it turns the generated code's arguments into one ``Call`` (routed to its spec
operation, validated, encoded once), signs each attempt afresh, classifies each answer with the cloud's rules, and
decides whether and when to try again. The outcome travels with the response (``response.extensions``) or is raised.
"""

from __future__ import annotations

import json as jsonlib
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import httpx

from .auth import Signer
from .call_options import DEFAULT_MAX_RESPONSE_BYTES as DEFAULT_MAX_RESPONSE_BYTES
from .call_options import IDEMPOTENT_RETRY_STATUSES as IDEMPOTENT_RETRY_STATUSES
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
from .json_scan import scan_document
from .logs import logger, redact_headers, redact_url
from .refusals import MAX_URL_LENGTH, check_header_values, too_long, unencodable, unencodable_body
from .registry import IDEMPOTENT_METHODS, owner_elsewhere
from .responses import REQUEST_ID, ReadResponse
from .wire import encode_query, parse_query, spellings

if TYPE_CHECKING:
    from http.client import HTTPMessage

    from .registry import Operation, Service

# The extension a caller sets to have the final error raised instead of the response returned (``call``/``acall``).
RAISE_FOR_STATUS = "raise_for_status"


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


def _text(value: Any) -> str:
    """httpx's primitive_value_to_str: JSON-style booleans, None as empty."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "" if value is None else str(value)


# Built once: ``list | tuple`` written inside a function makes a new union object on every call.
_SEQUENCES = (list, tuple)


def query_pairs(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (name, text) pairs httpx would send for ``params``: lists repeat the name, booleans are true/false."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if value.__class__ is str:  # the common case, spelled as it is
            pairs.append((str(key), value))
        elif isinstance(value, _SEQUENCES):
            pairs.extend([(str(key), _text(item)) for item in value])
        else:
            pairs.append((str(key), _text(value)))
    return pairs


# Made once: json.dumps with any non-default option builds a new encoder per call.
_JSON = jsonlib.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _not_json(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# JSONEncoder.encode builds its C scanner anew on every call; this one is built once. It keeps no cycle markers
# (they would be shared between calls): a cyclic value recurses until RecursionError, which callers treat as too deep.
_make_c_encoder: Any = getattr(jsonlib.encoder, "c_make_encoder", None)  # private: tests/core/test_private_apis.py
_C_ENCODER: Any = (
    None
    if _make_c_encoder is None
    else _make_c_encoder(None, _not_json, jsonlib.encoder.encode_basestring, None, ":", ",", False, False, False)
)


def encode_json(value: Any) -> bytes:
    """The bytes httpx sends for ``json=value`` (NaN and Infinity refused: they are not JSON)."""
    if _C_ENCODER is not None and value.__class__ in (dict, list):
        return "".join(_C_ENCODER(value, 0)).encode()
    return _JSON.encode(value).encode()


_DECODER = jsonlib.JSONDecoder()


def decode_json(content: bytes) -> Any:
    """``json.loads(content)``, with a shorter road for the usual answer: UTF-8 text that starts with ``{`` or
    ``[`` is scanned directly (``json.loads`` spends more on its checks than on a small body). Anything else, and
    any failure, goes through ``json.loads`` itself, so the result and the errors are always its own."""
    if content[:1] in (b"{", b"["):
        try:
            value = scan_document(_DECODER, content.decode())
            if value is not None:
                return value
        except ValueError:  # UnicodeDecodeError and JSONDecodeError: let json.loads decide and say why
            pass
    return jsonlib.loads(content)


class Pipeline:
    """The sans-IO half of a client: shared by the sync and async clients of one generated ``Client``."""

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
        """Route, validate (raising ``InvalidParameterError``) and encode the request once."""
        verb = method.upper()
        path, _, inline_query = url.partition("?")
        merged = dict(self.default_headers)
        if headers:
            check_header_values(headers)
            for key, value in headers.items():
                merged[key.lower() if key.__class__ is str else str(key).lower()] = value
        params = dict(params) if params else {}
        routed = self.service.route(verb, path, params) if self.service is not None else None
        operation = routed[0] if routed is not None else self._unrouted(verb, path, params)
        if operation is not None and self.options.validate:
            params, json = self._validate(operation, routed[1] if routed else {}, params, json, merged)
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

    def _unrouted(self, method: str, path: str, params: Mapping[str, Any]) -> Operation | None:
        """A request this client's service does not model: sent as it is, with no operation (a raw httpx call),
        unless it is an operation of another package, whose generated function was handed this client."""
        if self.service is None:
            return None
        found = owner_elsewhere(self.service, method, path, params)
        if found is not None:
            other, operation = found
            mine = self.service
            raise ConfigurationError(
                f"{operation.operation_id} is an operation of {other.package} ({other.name}), but this client was "
                f"made for {mine.package} ({mine.name}): build one with cloudsign.{other.cloud}.client("
                f"{other.package}.Client, ...)"
            )
        return None

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
            return cloud.parse_error(status, response.headers, content, method=call.method, path=call.path)
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
