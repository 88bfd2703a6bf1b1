"""The one query parser (``_core.wire.parse_query``: the clients' signers and the emulators) decodes exactly as
``parse_qsl(..., keep_blank_values=True)``: its C fast path for ASCII escapes must never read a query otherwise."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote

from hypothesis import given, settings
from hypothesis import strategies as st

from cloudsign._core.wire import parse_query

# Raw queries as they may arrive: escapes valid or not, upper and lower hex, bytes that are not UTF-8, plus signs,
# backslashes, non-ASCII text sent unencoded, empty parts and values.
_PIECES = st.sampled_from(
    ["%", "%2", "%41", "%4a", "%C3%A9", "%E2%82", "%FF", "%5C", "%25", "+", "=", "&", "\\", "\\x41", "é", "a", "Z", "~"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=12).map("".join))
def test_parse_query_decodes_as_the_clients_do(raw: str) -> None:
    assert parse_query(raw) == parse_qsl(raw, keep_blank_values=True)


@settings(deadline=None, database=None)
@given(st.text(max_size=40))
def test_what_a_client_encodes_comes_back(text: str) -> None:
    raw = f"Content={quote(text, safe='')}&Name={quote(text, safe='~')}"
    assert parse_query(raw) == [("Content", text), ("Name", text)]


def test_the_fast_path_handles_escapes_and_malformed_ones() -> None:
    assert parse_query("a=%7B%22k%22%3A1%7D&b=%zz%41&c=%E9&d=\\x41%41") == [
        ("a", '{"k":1}'),
        ("b", "%zzA"),
        ("c", "\ufffd"),
        ("d", "\\x41A"),
    ]
