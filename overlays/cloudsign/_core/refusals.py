"""Typed refusals of what cannot be sent, each naming the field and the rule: found only once the cheap path has
failed (or, for headers, in one scan of what the caller gave), so a healthy call pays nothing for them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .errors import InvalidParameterError

# Gateways refuse longer request lines (and httpx refuses URLs over 64 KiB); a value this large belongs in a body.
MAX_URL_LENGTH = 32 * 1024
# What no header value may hold: it would end the header (request splitting) or is refused by every HTTP library.
_HEADER_BREAK = re.compile(r"[\r\n\x00]")
_NOT_UTF8 = "<not UTF-8>"
_UNICODE = "must be Unicode text (no lone surrogates)"


def _encodes(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def unencodable(pairs: list[tuple[str, str]]) -> InvalidParameterError:
    """The parameter whose text UTF-8 cannot encode (a lone surrogate)."""
    for key, value in pairs:
        if not (_encodes(key) and _encodes(value)):
            return InvalidParameterError(key, "encoding", _NOT_UTF8, _UNICODE)
    return InvalidParameterError("query", "encoding", _NOT_UTF8, "must be Unicode text")


def _unencodable_path(value: Any, path: str, depth: int = 0) -> str | None:
    if isinstance(value, str):
        return None if _encodes(value) else path
    if depth > 64:
        return None
    if isinstance(value, Mapping):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and not _encodes(key):
                return name
            found = _unencodable_path(item, name, depth + 1)
            if found is not None:
                return found
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = _unencodable_path(item, f"{path}[{index}]", depth + 1)
            if found is not None:
                return found
    return None


def unencodable_body(body: Any) -> InvalidParameterError:
    """The error naming the body field (``password``, ``a.b[0]``) whose text UTF-8 cannot encode."""
    return InvalidParameterError(_unencodable_path(body, "") or "body", "encoding", _NOT_UTF8, _UNICODE)


def too_long(pairs: list[tuple[str, str]], length: int) -> InvalidParameterError:
    name = max(pairs, key=lambda pair: len(pair[1]))[0] if pairs else "path"
    reason = f"makes the request URL {length} characters long, over the {MAX_URL_LENGTH} a gateway accepts"
    return InvalidParameterError(name, "maxUrlLength", "<too long>", reason)


def check_header_values(headers: Mapping[Any, Any]) -> None:
    """Refuse a header value with CR, LF or NUL (also with ``validate=False``): every backend would refuse it
    late and untyped, or worse, send it."""
    for key, value in headers.items():
        if isinstance(value, str) and _HEADER_BREAK.search(value):
            raise InvalidParameterError(str(key), "header", "<control characters>", "must not contain CR, LF or NUL")
