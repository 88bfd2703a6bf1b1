"""Alibaba's canonical path and timestamp; the query encoding both clouds share lives in ``cloudsign._core.wire``."""

from __future__ import annotations

import functools
import time
from datetime import datetime
from urllib.parse import unquote

from .._core.wire import encode_query, parse_query, percent_encode

__all__ = ["canonical_path", "encode_query", "format_timestamp", "parse_query", "percent_encode"]

TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@functools.lru_cache(maxsize=4)
def _timestamp_of_second(second: int) -> str:
    return time.strftime(TIMESTAMP_FORMAT, time.gmtime(second))


def format_timestamp(now: datetime) -> str:
    """``x-acs-date`` / ``Timestamp`` (UTC, whole seconds) for ``now``; naive means local time, as ``astimezone``
    reads it. Formatted once per second: a busy client signs many requests within one."""
    return _timestamp_of_second(int(now.timestamp() // 1))


@functools.lru_cache(maxsize=256)
def canonical_path(path: str) -> str:
    """Each segment decoded and re-encoded (RFC 3986); an empty path is ``/``. Equal for any spelling of a path."""
    if not path:
        return "/"
    return "/".join(percent_encode(unquote(segment)) for segment in path.split("/"))
