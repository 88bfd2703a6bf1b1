"""URL pieces both clouds' signers and verifiers must agree on byte for byte: the Host header of a URL, RFC 3986
percent-encoding, query parsing and the sorted canonical query, and the query pairs a request's ``params`` make
(as httpx spells them). One copy, so the clouds cannot drift apart."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from .memo import keep

_UNRESERVED = re.compile(r"[A-Za-z0-9\-_.~]*")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Each byte's RFC 3986 spelling, indexed by the byte: one C-level map per string instead of urllib's per-byte loop.
_SPELLING = tuple(
    chr(b) if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "-_.~") else f"%{b:02X}" for b in range(256)
)
# The same for ASCII text as a str.translate table (one C pass, no UTF-8 step): JSON in a query is mostly ASCII.
_ASCII_SPELLING = _SPELLING[:128]


def host_of(url: str) -> str:
    """The Host header a client sends for ``url``: IPv6 literals keep their brackets, a default port is left out."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    return host if port is None or port == _DEFAULT_PORTS.get(parts.scheme) else f"{host}:{port}"


@functools.lru_cache(maxsize=256)
def split_url(url: str) -> tuple[str, str, str]:
    """(Host header, path, raw query) of ``url``; cached, as a client signs the same few URLs over and over."""
    parts = urlsplit(url)
    return host_of(url), parts.path, parts.query


def percent_encode(text: str) -> str:
    """RFC 3986: everything but ``A-Z a-z 0-9 - _ . ~`` becomes ``%XX`` of its UTF-8 bytes (space is ``%20``)."""
    if text.isascii():
        if text.isalnum() or _UNRESERVED.fullmatch(text):  # isalnum: a C scan, 3x cheaper than the pattern
            return text
        return text.translate(_ASCII_SPELLING)
    return "".join(map(_SPELLING.__getitem__, text.encode()))


def _decode(part: str) -> str:
    """``urllib.parse.unquote`` (``+`` a space first) of one query part, in C for a plain ASCII part: each ``%XX``
    becomes a ``\\xXX`` escape that ``unicode_escape`` reads as that byte, and the bytes are read as UTF-8 (invalid
    sequences replaced, as ``unquote`` does). A part with a backslash or a malformed escape goes to ``unquote``. An
    emulator reads every query a client sends, often JSON in RPC parameters."""
    if "+" in part:
        part = part.replace("+", " ")
    if "%" not in part:
        return part
    if part.isascii() and "\\" not in part:
        try:
            escaped = part.replace("%", "\\x").encode("ascii").decode("unicode_escape")
            return escaped.encode("latin-1").decode("utf-8", "replace")
        except UnicodeDecodeError:  # a ``%`` not followed by two hex digits: kept as it is, as unquote keeps it
            pass
    return unquote(part)


def parse_query(raw_query: str) -> list[tuple[str, str]]:
    """Decode a wire query into pairs, keeping empty values and repeated keys (``+`` is a space, as servers read it).

    Same result as ``parse_qsl(raw_query, keep_blank_values=True)``; plain parts are not sent through ``unquote``."""
    pairs = []
    for part in raw_query.split("&"):
        if part:
            key, _, value = part.partition("=")
            pairs.append((_decode(key), _decode(value)))
    return pairs


# Parameter names come from a spec, so a client sees a few dozen at most: each is encoded once. Values are not
# cached (they vary, and may be secrets).
_encode_name = functools.lru_cache(maxsize=1024)(percent_encode)


def encode_query(pairs: list[tuple[str, str]], known: Mapping[str, str] | None = None) -> str:
    """Put pairs on the wire in RFC 3986 form, so what is sent decodes to exactly what was signed. ``known`` maps
    values to their encoding, made once per call by the pipeline (a signer re-sorting the same pairs then encodes
    nothing twice)."""
    if known:
        return "&".join([f"{_encode_name(k)}={known.get(v) or percent_encode(v)}" for k, v in pairs])
    return "&".join([f"{_encode_name(k)}={percent_encode(v)}" for k, v in pairs])


def spellings(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """The RFC 3986 spelling of each value in ``pairs``, made once per call and shared (``encode_query``'s
    ``known``); raises UnicodeEncodeError as ``encode_query`` does."""
    return {v: percent_encode(v) for _, v in pairs}


def canonical_query(raw_query: str) -> str:
    """Decoded pairs re-encoded per RFC 3986, sorted by name then value; ``k=`` for empty values (both clouds)."""
    if not raw_query:  # most signed requests with a body have no query
        return ""
    return encode_query(sorted(parse_query(raw_query)))


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


# Header name -> its lowercase latin-1 bytes: the few names a client or an emulator uses, each encoded once.
_HEADER_NAMES: dict[str, bytes] = {}


def header_name_bytes(name: str) -> bytes:
    """``name`` as header names are compared on the wire (ASGI, h11): lowercase latin-1 bytes. A memo of at
    most 256 names (``memo.keep``)."""
    found = _HEADER_NAMES.get(name)
    if found is None:
        found = keep(_HEADER_NAMES, name, name.lower().encode("latin-1"), 256)
    return found
