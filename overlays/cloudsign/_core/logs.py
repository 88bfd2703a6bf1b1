"""Logging without secrets: the ``cloudsign`` logger, and filters that mask query values in the log lines of
httpx (INFO) and urllib3 (DEBUG), and secret response headers (IAM's ``X-Subject-Token``) in httpcore's DEBUG trace.

httpx logs every request at INFO with its full URL; a DataWorks URL carries ``Content`` (with the database
password) and, under RPC v1, ``SecurityToken`` and ``Signature``. The filter rewrites those records in place.
Nothing here sets ``propagate``: records reach the application's handlers as usual.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .secrets import MASK, SAFE_QUERY_KEYS, SECRET_HEADERS

__all__ = ["MASK", "SAFE_QUERY_KEYS", "SECRET_HEADERS", "logger", "redact_headers", "redact_url"]

logger = logging.getLogger("cloudsign")


def redact_url(url: str) -> str:
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = [(k, v if k in SAFE_QUERY_KEYS else MASK) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    return urlunsplit(parts._replace(query=urlencode(pairs, safe="*")))


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: (MASK if k.lower() in SECRET_HEADERS else v) for k, v in headers.items()}


class RedactURLs(logging.Filter):
    """Masks query values of any URL argument of a log record (httpx passes ``httpx.URL`` objects)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(self._clean(a) for a in record.args)
        return True

    @staticmethod
    def _clean(arg: Any) -> Any:
        text = str(arg) if type(arg).__name__ == "URL" else arg
        if isinstance(text, str) and "?" in text and ("://" in text or text.startswith("/")):
            return redact_url(text)
        return arg


# httpcore's DEBUG trace prints response headers as ``(b'name', b'value')`` pairs in a preformatted message.
_HEADER_PAIR = re.compile(r"\(b(['\"])([A-Za-z0-9-]+)\1, b(['\"]).*?\3\)")


class RedactHeaderPairs(logging.Filter):
    """Masks the values of secret headers in httpcore's trace lines (``receive_response_headers.complete ...``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and "(b" in record.msg:
            record.msg = _HEADER_PAIR.sub(self._mask, record.msg)
        return True

    @staticmethod
    def _mask(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"(b'{name}', b'{MASK}')" if name.lower() in SECRET_HEADERS else match.group(0)


_installed = False


# The libraries that print request URLs: httpx at INFO, urllib3's pool (the urllib3 backend, and the route through a
# proxy or to another origin) at DEBUG.
URL_LOGGERS = ("httpx", "urllib3.connectionpool")
# httpcore's trace loggers, which print response headers at DEBUG.
HEADER_LOGGERS = ("httpcore.http11", "httpcore.http2")


def install_httpx_redaction() -> None:
    """Attach the filter to the loggers that print request URLs, once per process (idempotent)."""
    global _installed
    if not _installed:
        for name in URL_LOGGERS:
            logging.getLogger(name).addFilter(RedactURLs())
        for name in HEADER_LOGGERS:
            logging.getLogger(name).addFilter(RedactHeaderPairs())
        _installed = True
