"""Percent-encoding and query parsing shared by both Alibaba signatures, so signer and verifier agree byte for byte."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote


def percent_encode(text: str) -> str:
    """RFC 3986: everything but ``A-Z a-z 0-9 - _ . ~`` becomes ``%XX`` of its UTF-8 bytes (space is ``%20``)."""
    return quote(text, safe="~")


def parse_query(raw_query: str) -> list[tuple[str, str]]:
    """Decode a wire query into pairs, keeping empty values and repeated keys (``+`` is a space, as servers read it)."""
    return parse_qsl(raw_query, keep_blank_values=True)


def encode_query(pairs: list[tuple[str, str]]) -> str:
    """Put pairs on the wire in RFC 3986 form, so what is sent decodes to exactly what was signed."""
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in pairs)


def canonical_path(path: str) -> str:
    """Each segment decoded and re-encoded (RFC 3986); an empty path is ``/``. Equal for any spelling of a path."""
    if not path:
        return "/"
    return "/".join(percent_encode(unquote(segment)) for segment in path.split("/"))
