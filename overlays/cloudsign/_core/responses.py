"""The answer a backend hands the generated code: an ``httpx.Response`` already read whole, built without httpx's
stream machinery, whose JSON body is parsed once and shared between the pipeline's success check and the generated
parser.

``httpx.Response(...)`` builds a stream object, content headers and a read loop for every answer; this one builds
none of them. It keeps the contract the generated code relies on: ``status_code``,
``headers``, ``content``, ``text``, ``json()``, ``extensions``, iteration, ``raise_for_status`` (no request: it
raises RuntimeError as any detached response does)."""

from __future__ import annotations

import json as jsonlib
import logging
from typing import Any

import httpx

from .logs import logger, redact_headers

# The extension the pipeline sets on every response it returns: the cloud's request id, or None.
REQUEST_ID = "request_id"
_UNSET: Any = object()


class ReadResponse(httpx.Response):
    """See the module docstring. ``share_json`` hands over a body parsed elsewhere; the first ``json()`` without
    arguments returns it, later calls parse afresh (so a caller who mutates one result never sees it again)."""

    # What every read response starts with, held by the class: an instance gets its own on first assignment.
    _headers: httpx.Headers | None = None
    _request = None
    next_request = None
    is_closed = True
    is_stream_consumed = True
    default_encoding = "utf-8"
    _shared_json: Any = _UNSET

    def __init__(self, status_code: int, headers: Any, content: bytes, request_id: str | None) -> None:
        # Deliberately not super().__init__(): every attribute httpx.Response defines is set here or above, except
        # ``headers``, built from the raw pairs on first use (the generated ``call()`` never reads them).
        self.status_code = status_code
        self._raw_headers = headers
        self.extensions = {REQUEST_ID: request_id}
        self.history = []
        self._content = content
        self._num_bytes_downloaded = len(content)

    @property
    def stream(self) -> Any:
        """The body as httpx's byte stream, built on first use (httpx's ``close()`` reads it; the generated code
        does not)."""
        made = self.__dict__.get("_stream")
        if made is None:
            made = self.__dict__["_stream"] = httpx.ByteStream(self._content)
        return made

    @stream.setter
    def stream(self, value: Any) -> None:
        self.__dict__["_stream"] = value

    @property
    def headers(self) -> httpx.Headers:
        if self._headers is None:
            # Content-Encoding is dropped: the body is already decoded.
            self._headers = httpx.Headers([(k, v) for k, v in self._raw_headers if _name(k) != "content-encoding"])
        return self._headers

    @headers.setter
    def headers(self, value: Any) -> None:
        self._headers = httpx.Headers(value)

    def share_json(self, value: Any) -> None:
        self._shared_json = value

    def json(self, **kwargs: Any) -> Any:
        shared = self._shared_json
        if shared is not _UNSET and not kwargs:
            self._shared_json = _UNSET
            return shared
        return jsonlib.loads(self._content, **kwargs)


def _name(key: str | bytes) -> str:
    return key.lower() if isinstance(key, str) else key.lower().decode("latin-1")


def response_for(status: int, headers: Any, content: bytes, request_id: str | None) -> ReadResponse:
    """The response for what a backend read: ``headers`` are (name, value) pairs, str or bytes."""
    response = ReadResponse(status, headers, content, request_id)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("response %s headers=%s", status, redact_headers(response.headers))
    return response
