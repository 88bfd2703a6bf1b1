"""The JSON bytes a request carries and the value an answer holds: what httpx and ``json`` make, made cheaper.

Split from the pipeline (base layer: it imports nothing of cloudsign's but the document scanner)."""

from __future__ import annotations

import json as jsonlib
from typing import Any

from .json_scan import scan_document

# Made once: json.dumps with any non-default option builds a new encoder per call.
_JSON = jsonlib.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _not_json(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# JSONEncoder.encode builds its C scanner anew on every call; this one is built once. It keeps no cycle markers
# (they would be shared between calls): a cyclic value recurses until RecursionError, which callers treat as too deep.
_make_c_encoder: Any = getattr(jsonlib.encoder, "c_make_encoder", None)  # private: tests/core/test_private_apis.py
_C_ENCODER: Any = (
    None
    if _make_c_encoder is None
    else _make_c_encoder(None, _not_json, jsonlib.encoder.encode_basestring, None, ":", ",", False, False, False)
)


# ``json.dumps``' own spelling (ASCII, ``", "`` and ``": "``, NaN allowed), with its C encoder built once too.
_C_DUMPS: Any = (
    None
    if _make_c_encoder is None
    else _make_c_encoder(None, _not_json, jsonlib.encoder.encode_basestring_ascii, None, ": ", ", ", False, False, True)
)


def dumps_bytes(value: Any) -> bytes:
    """``json.dumps(value).encode()``, byte for byte (what the emulators answer with)."""
    if _C_DUMPS is not None and value.__class__ in (dict, list):
        return "".join(_C_DUMPS(value, 0)).encode()
    return jsonlib.dumps(value).encode()


def encode_json(value: Any) -> bytes:
    """The bytes httpx sends for ``json=value`` (NaN and Infinity refused: they are not JSON)."""
    if _C_ENCODER is not None and value.__class__ in (dict, list):
        return "".join(_C_ENCODER(value, 0)).encode()
    return _JSON.encode(value).encode()


_DECODER = jsonlib.JSONDecoder()


def decode_json(content: bytes) -> Any:
    """``json.loads(content)``, with a shorter road for the usual answer: UTF-8 text that starts with ``{`` or
    ``[`` is scanned directly (``json.loads`` spends more on its checks than on a small body). Anything else, and
    any failure, goes through ``json.loads`` itself, so the result and the errors are always its own."""
    if content[:1] in (b"{", b"["):
        try:
            value = scan_document(_DECODER, content.decode())
            if value is not None:
                return value
        except ValueError:  # UnicodeDecodeError and JSONDecodeError: let json.loads decide and say why
            pass
    return jsonlib.loads(content)
