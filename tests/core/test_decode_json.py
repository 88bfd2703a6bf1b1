"""``decode_json`` (the pipeline's reading of an answer) agrees with ``json.loads`` on every input: same value, or
a ValueError from both."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cloudsign._core.pipeline import decode_json

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)
whitespace = st.text(alphabet=" \t\n\r\x0b\x0c\xa0", max_size=3)
encodings = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "utf-8-sig"])


def outcome(decode: Any, data: bytes) -> tuple[str, Any]:
    try:
        return "value", decode(data)
    except ValueError:
        return "error", None


@settings(max_examples=1500, derandomize=True, deadline=None, database=None)
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
