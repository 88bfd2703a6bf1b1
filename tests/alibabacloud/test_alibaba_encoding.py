"""The fast query parser and encoder agree with the standard library on any input."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote

from hypothesis import given, settings
from hypothesis import strategies as st

from cloudsign._core.wire import spellings
from cloudsign.alibabacloud._encoding import encode_query, parse_query, percent_encode

QUERY_CHARS = st.text(alphabet=st.sampled_from(list("ab=&+%20zé~*/ ;%2B%3D%26")) | st.characters(), max_size=40)


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(QUERY_CHARS)
def test_parse_query_equals_parse_qsl(raw: str) -> None:
    assert parse_query(raw) == parse_qsl(raw, keep_blank_values=True)


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(st.text(max_size=40))
def test_percent_encode_equals_quote(text: str) -> None:
    assert percent_encode(text) == quote(text, safe="~")


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=200))
def test_percent_encode_of_ascii_equals_quote(text: str) -> None:
    """ASCII text takes the str.translate path: every one of the 128 characters spelled as quote spells it."""
    assert percent_encode(text) == quote(text, safe="~")


@settings(max_examples=500, derandomize=True, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=8), st.text(max_size=60)), max_size=6))
def test_values_encoded_once_give_the_same_query(pairs: list[tuple[str, str]]) -> None:
    """What the pipeline hands signers (values already encoded, ``spellings``) goes on the wire as the standard
    library would spell it (RFC 3986: ``quote(..., safe="~")``), with and without the shared spellings."""
    expected = "&".join(f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in sorted(pairs))
    known = spellings(pairs)
    assert known == {v: quote(v, safe="~") for _, v in pairs}
    assert encode_query(sorted(pairs), known) == expected
    assert encode_query(sorted(pairs)) == expected
