"""Percent-encoding and query parsing shared by both Alibaba signatures, so signer and verifier agree byte for byte."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

_UNRESERVED = re.compile(r"[A-Za-z0-9\-_.~]*")


def percent_encode(text: str) -> str:
    """RFC 3986: everything but ``A-Z a-z 0-9 - _ . ~`` becomes ``%XX`` of its UTF-8 bytes (space is ``%20``)."""
    return text if _UNRESERVED.fullmatch(text) else quote(text, safe="~")


def _decode(part: str) -> str:
    return unquote(part.replace("+", " ")) if "%" in part or "+" in part else part


def parse_query(raw_query: str) -> list[tuple[str, str]]:
    """Decode a wire query into pairs, keeping empty values and repeated keys (``+`` is a space, as servers read it).

    Same result as ``parse_qsl(raw_query, keep_blank_values=True)``, which runs on every signature; plain parts are
    not sent through ``unquote``."""
    pairs = []
    for part in raw_query.split("&"):
        if part:
            key, _, value = part.partition("=")
            pairs.append((_decode(key), _decode(value)))
    return pairs


def encode_query(pairs: list[tuple[str, str]]) -> str:
    """Put pairs on the wire in RFC 3986 form, so what is sent decodes to exactly what was signed."""
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in pairs)


def canonical_path(path: str) -> str:
    """Each segment decoded and re-encoded (RFC 3986); an empty path is ``/``. Equal for any spelling of a path."""
    if not path:
        return "/"
    return "/".join(percent_encode(unquote(segment)) for segment in path.split("/"))
