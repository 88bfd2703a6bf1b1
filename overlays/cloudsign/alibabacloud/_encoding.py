"""Alibaba's canonical path; the query encoding both clouds share lives in ``cloudsign._core.wire``."""

from __future__ import annotations

from urllib.parse import unquote

from .._core.wire import encode_query, parse_query, percent_encode

__all__ = ["canonical_path", "encode_query", "parse_query", "percent_encode"]


def canonical_path(path: str) -> str:
    """Each segment decoded and re-encoded (RFC 3986); an empty path is ``/``. Equal for any spelling of a path."""
    if not path:
        return "/"
    return "/".join(percent_encode(unquote(segment)) for segment in path.split("/"))
