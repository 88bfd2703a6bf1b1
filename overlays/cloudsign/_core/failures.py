"""Transport failures as cloudsign's errors, with nothing secret reachable from them.

The libraries' own exceptions carry the request: aiohttp's ``ClientResponseError`` its ``request_info`` (the signed
URL and every header), httpx's errors ``.request``, urllib3's ``.url`` and ``.pool``, and their messages often quote
the URL. A DataWorks URL holds the password, the security token and the signature. So the error a caller sees has
as its ``__cause__`` a fresh exception of the same httpx class whose text names each exception of the original chain
with every URL query masked, and nothing else: no request, no original chain (``__context__`` suppressed)."""

from __future__ import annotations

import re

import httpx

from .errors import APIConnectionError, APITimeoutError
from .retry import request_was_not_sent
from .secrets import MASK

# A query (``?a=b&...``) anywhere in a message, up to a quote, a blank or a bracket.
_QUERY = re.compile(r"\?[^\s'\"<>()\[\]{}]*")
# ``Signature=...``, ``Credential=...``, ``Access=...`` pieces of an Authorization header quoted in a message.
_SIGNED_PIECE = re.compile(r"(?i)\b(signature|credential|access|accesskeyid|securitytoken|token)=([^\s,&'\"]+)")
# The most of a message kept: enough to tell what failed, never a whole answer.
_MAX_TEXT = 600


def safe_text(text: str) -> str:
    """``text`` with every URL query and signed piece masked, cut to a bounded length."""
    text = _QUERY.sub("?" + MASK, text)
    return _SIGNED_PIECE.sub(lambda m: f"{m.group(1)}={MASK}", text)[:_MAX_TEXT]


def safe_copy(exc: BaseException) -> httpx.HTTPError:
    """An exception of ``exc``'s httpx class (or ``httpx.TransportError``) that tells what failed, down the whole
    chain, without the request, the URL's query or the original objects."""
    seen: list[str] = []
    link: BaseException | None = exc
    while link is not None and len(seen) < 4:
        seen.append(f"{type(link).__name__}: {link}" if str(link) else type(link).__name__)
        link = link.__cause__ or (None if link.__suppress_context__ else link.__context__)
    text = safe_text(" <- ".join(seen))
    cls = type(exc) if isinstance(exc, httpx.HTTPError) else httpx.TransportError
    try:
        copy = cls(text)
    except TypeError:  # an httpx class that needs more arguments (none of those a backend raises)
        copy = httpx.TransportError(text)
    copy.__suppress_context__ = True
    return copy


def connection_error(name: str, method: str, path: str, exc: httpx.HTTPError) -> APIConnectionError:
    """The ``APIConnectionError`` (or ``APITimeoutError``) for a transport failure of the call ``name``; whether
    the request may have been processed is read from the original chain before it is let go."""
    not_sent = request_was_not_sent(exc)
    text = f"{type(exc).__name__} while calling {name}" + (" (request not sent)" if not_sent else "")
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    error = cls(text, may_have_reached_server=not not_sent, method=method, path=path)
    error.__cause__ = safe_copy(exc)
    return error
