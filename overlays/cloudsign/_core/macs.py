"""HMAC with the key schedule done once per secret: signers sign with the same secret call after call, so the keyed
state is kept (a few secrets at most, so rotated ones fall out) and copied per signature.

The keyed state is OpenSSL's own HMAC object when CPython exposes it (``_hashlib.hmac_new``): copying it costs half
of what ``hmac.HMAC.copy`` does, which wraps the same object in Python. Elsewhere the stdlib ``hmac`` is used. A
private API, kept for that saving (0.3-1 µs per signature, measured against the signing target);
tests/core/test_private_apis.py fails loudly if CPython drops it."""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable
from typing import Any

_new: Callable[..., Any]
try:  # CPython with OpenSSL: the C object behind hmac.HMAC
    from _hashlib import hmac_new as _new
except ImportError:  # pragma: no cover - other interpreters
    _new = hmac.new


@functools.lru_cache(maxsize=8)
def _keyed(key: bytes, digest: str) -> Any:
    return _new(key, digestmod=digest)


def hmac_digest(key: bytes, text: bytes, digest: str) -> bytes:
    """``hmac.new(key, text, digest).digest()``, without re-deriving the key's inner and outer pads."""
    mac = _keyed(key, digest).copy()
    mac.update(text)
    result: bytes = mac.digest()
    return result
