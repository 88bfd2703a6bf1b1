"""The fast query parser and encoder agree with the standard library on any input."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote

from hypothesis import given, settings
from hypothesis import strategies as st

from cloudsign.alibabacloud._encoding import parse_query, percent_encode

QUERY_CHARS = st.text(alphabet=st.sampled_from(list("ab=&+%20zé~*/ ;%2B%3D%26")) | st.characters(), max_size=40)


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(QUERY_CHARS)
def test_parse_query_equals_parse_qsl(raw: str) -> None:
    assert parse_query(raw) == parse_qsl(raw, keep_blank_values=True)


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(st.text(max_size=40))
def test_percent_encode_equals_quote(text: str) -> None:
    assert percent_encode(text) == quote(text, safe="~")
