"""The three private APIs the request path leans on, kept because each saves measurable time per call, each with a
public fallback. Should one disappear (a new CPython or httpx), the fallback would silently take over and calls would
only get slower: these tests fail loudly instead, naming what went away.

- ``_hashlib.hmac_new`` (``_core/macs.py``): copying OpenSSL's keyed HMAC costs less than ``hmac.HMAC.copy``.
- ``json.encoder.c_make_encoder`` (``_core/json_codec.py``): a C encoder built once, not per ``encode`` call.
- ``httpx.URL._uri_reference`` (``_core/auth.py``): a signed DataWorks URL copied, not re-parsed (tens of µs).
"""

from __future__ import annotations

import json
import platform

import httpx
import pytest

from cloudsign._core import auth, json_codec, macs

CPYTHON = platform.python_implementation() == "CPython"


@pytest.mark.skipif(not CPYTHON, reason="CPython's _hashlib")
def test_hmac_uses_openssls_own_object() -> None:
    import _hashlib

    assert hasattr(_hashlib, "hmac_new"), "_hashlib.hmac_new is gone: macs.py falls back to hmac.new (slower)"
    assert macs._new is _hashlib.hmac_new
    import hashlib
    import hmac

    key, text = b"secret", b"text to sign"
    assert macs.hmac_digest(key, text, "sha256") == hmac.new(key, text, hashlib.sha256).digest()


@pytest.mark.skipif(not CPYTHON, reason="CPython's _json")
def test_json_uses_the_c_encoder_built_once() -> None:
    assert getattr(json.encoder, "c_make_encoder", None) is not None, "json.encoder.c_make_encoder is gone"
    assert json_codec._C_ENCODER is not None
    value = {"a": [1, 2.5, None, True], "é": "\u2028"}
    assert json_codec.encode_json(value) == httpx.Request("POST", "http://h/", json=value).content


def test_signed_urls_are_copied_through_httpxs_uri_reference() -> None:
    current = httpx.URL("http://h.example/?Action=A")
    reference = getattr(current, "_uri_reference", None)
    assert reference is not None and hasattr(reference, "_replace"), "httpx.URL._uri_reference is gone"
    query = "Action=A&Content=%7B%22a%22%3A1%7D&Signature=abc%3D"
    made = auth._with_url(current, str(current), f"http://h.example/?{query}")
    # The fast path ran: the parsed reference was copied (its host is the very same object), not parsed again.
    assert made._uri_reference.query == query and made._uri_reference.host is reference.host
    assert made == httpx.URL(f"http://h.example/?{query}") and str(made) == f"http://h.example/?{query}"
