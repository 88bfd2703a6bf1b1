"""The pipeline's JSON codec is the json module's: ``decode_json`` agrees with ``json.loads`` on every input (same
value, or a ValueError from both) and ``encode_json`` writes what ``json.dumps`` writes with httpx's settings."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cloudsign._core.errors import InvalidParameterError
from cloudsign._core.json_codec import decode_json, dumps_bytes, encode_json


def json_tree(floats: st.SearchStrategy[float]) -> st.SearchStrategy[Any]:
    return st.recursive(
        st.none() | st.booleans() | st.integers() | floats | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
        max_leaves=12,
    )


# Examples per property: the codec is json's own calls, so a few hundred random documents per property show it agrees
# (derandomized: the same ones every run); `make test-slow` draws five times as many.
SCALE = 5 if os.environ.get("CLOUDSIGN_SLOW") == "1" else 1
json_values = json_tree(st.floats(allow_nan=False))  # Infinity included: json.loads reads it
finite_json_values = json_tree(st.floats(allow_nan=False, allow_infinity=False))  # what JSON can carry
whitespace = st.text(alphabet=" \t\n\r\x0b\x0c\xa0", max_size=3)
encodings = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "utf-8-sig"])


def outcome(decode: Any, data: bytes) -> tuple[str, Any]:
    try:
        return "value", decode(data)
    except ValueError:
        return "error", None


@settings(max_examples=300 * SCALE, derandomize=True, deadline=None, database=None)
@given(value=json_values, before=whitespace, after=whitespace, encoding=encodings, garbage=st.binary(max_size=3))
def test_decode_json_is_json_loads(value: Any, before: str, after: str, encoding: str, garbage: bytes) -> None:
    text = before + json.dumps(value, ensure_ascii=False) + after
    for data in (text.encode(encoding), text.encode(encoding) + garbage, garbage + text.encode(encoding)):
        assert outcome(decode_json, data) == outcome(json.loads, data), data


def test_decode_json_shapes_seen() -> None:
    """The cases the fast road must leave to json.loads do reach it, and still agree."""
    for data in (b'{"a":1}', b"[1] \n", b'{"a":1} x', b"\xef\xbb\xbf{}", b'{"\xed\xa0\x80":1}', b"{", b'"s"'):
        assert outcome(decode_json, data) == outcome(json.loads, data), data
    assert decode_json(b'{"a": [1, 2.5]}\r\n') == {"a": [1, 2.5]}


@settings(max_examples=200 * SCALE, derandomize=True, deadline=None, database=None)
@given(value=finite_json_values)
def test_encode_json_is_json_dumps(value: Any) -> None:
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    assert encode_json(value) == expected
    assert encode_json({"k": value}) == b'{"k":' + expected + b"}"


@settings(max_examples=200 * SCALE, derandomize=True, deadline=None, database=None)
@given(json_tree(st.floats()))
def test_dumps_bytes_is_json_dumps(value: Any) -> None:
    """What the emulators answer with: ``json.dumps``' own bytes (ASCII escapes, its separators, NaN as written)."""
    assert dumps_bytes(value) == json.dumps(value).encode()


def test_encode_json_refuses_what_json_dumps_refuses() -> None:
    for bad, error in (({"a": float("nan")}, ValueError), ([float("inf")], ValueError), ({"a": object()}, TypeError)):
        with pytest.raises(error):
            encode_json(bad)
    cyclic: list[Any] = []
    cyclic.append(cyclic)
    with pytest.raises(RecursionError):
        encode_json(cyclic)


def test_a_cyclic_body_is_refused_before_sending() -> None:
    from cloudsign._core.auth import SignerBase
    from cloudsign._core.pipeline import Options, Pipeline

    class Nobody(SignerBase):
        def sign(self, *args: Any) -> Any:
            raise AssertionError("nothing may be signed")

    pipeline = Pipeline(service=None, cloud=None, signer=Nobody(), base_url="http://127.0.0.1:9", options=Options())  # type: ignore[arg-type]
    body: dict[str, Any] = {}
    body["self"] = body
    with pytest.raises(InvalidParameterError) as caught:
        pipeline.prepare("POST", "/x", json=body)
    assert caught.value.field == "body" and "nested too deeply" in str(caught.value)


def strict_outcome(text: str) -> tuple[str, Any]:
    """What strict JSON parsing makes of ``text``: the value, or the error's class and message."""
    from cloudsign._core import validation

    try:
        return "value", validation._strict_text(text)
    except ValueError as exc:
        return type(exc).__name__, str(exc)


def decoder_outcome(text: str) -> tuple[str, Any]:
    from cloudsign._core import validation

    try:
        return "value", validation._STRICT.decode(text)
    except ValueError as exc:
        return type(exc).__name__, str(exc)


@settings(max_examples=200 * SCALE, derandomize=True, deadline=None, database=None)
@given(value=json_values, before=whitespace, after=whitespace, garbage=st.text(max_size=3))
def test_strict_json_shortcut_is_the_decoder(value: Any, before: str, after: str, garbage: str) -> None:
    """The direct scan a parameter's JSON takes gives the strict decoder's value or its very error (NaN and
    Infinity included, which the strict decoder refuses by name)."""
    text = before + json.dumps(value, ensure_ascii=False) + after
    for candidate in (text, text + garbage, garbage + text, "{" + garbage):
        assert strict_outcome(candidate) == decoder_outcome(candidate), candidate
