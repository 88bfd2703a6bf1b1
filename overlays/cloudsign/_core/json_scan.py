"""The short road to a JSON document's value, shared by the pipeline's body decoding and strict parameter JSON."""

from __future__ import annotations

import json
from typing import Any


def scan_document(decoder: json.JSONDecoder, text: str) -> Any:
    """The value of ``text`` when it is one object or array from its first character (JSON whitespace after it
    allowed), scanned with ``decoder.raw_decode`` (``decode`` adds two whitespace matches, ``json.loads`` more
    checks); None when it is not, for the caller's full road to decide and say why. Raises what ``raw_decode``
    raises (a ``parse_constant`` hook's error included)."""
    if text[:1] not in ("{", "["):
        return None
    value, end = decoder.raw_decode(text)
    if end == len(text) or not text[end:].strip(" \t\n\r"):
        return value
    return None
