"""Alibaba's canonical path and timestamp, and the key and stamp both signatures take; the query encoding both clouds
share lives in ``cloudsign._core.wire``."""

from __future__ import annotations

import functools
import time
from datetime import datetime
from typing import TypedDict
from urllib.parse import unquote

from .._core.wire import encode_query, parse_query, percent_encode

__all__ = [
    "SigningKey",
    "canonical_path",
    "encode_query",
    "format_seconds",
    "format_timestamp",
    "parse_query",
    "percent_encode",
]


class SigningKey(TypedDict):
    """What ACS3 and RPC v1 both sign with, by keyword: the AccessKey pair and STS token, and the time and nonce of
    this one signature (pure functions: the caller reads the clock and draws the nonce)."""

    access_key_id: str
    secret: str
    security_token: str | None
    now: datetime
    nonce: str


TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@functools.lru_cache(maxsize=4)
def _timestamp_of_second(second: int) -> str:
    return time.strftime(TIMESTAMP_FORMAT, time.gmtime(second))


def format_timestamp(now: datetime) -> str:
    """``x-acs-date`` / ``Timestamp`` (UTC, whole seconds) for ``now``; naive means local time, as ``astimezone``
    reads it. Formatted once per second: a busy client signs many requests within one."""
    return format_seconds(now.timestamp())


def format_seconds(seconds: float) -> str:
    """``format_timestamp`` of a POSIX time (``time.time()``), without building a datetime."""
    return _timestamp_of_second(int(seconds // 1))


@functools.lru_cache(maxsize=256)
def canonical_path(path: str) -> str:
    """Each segment decoded and re-encoded (RFC 3986); an empty path is ``/``. Equal for any spelling of a path."""
    if not path:
        return "/"
    return "/".join(percent_encode(unquote(segment)) for segment in path.split("/"))
