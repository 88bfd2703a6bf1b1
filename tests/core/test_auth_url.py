"""SigningAuth's shortcut for a signer that swaps the query gives exactly the URL httpx would parse."""

from __future__ import annotations

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from cloudsign._core.auth import _with_url

BASE = httpx.URL("http://127.0.0.1:18781/?Action=CreateConnection&Content=%7B%22a%22%3A1%7D&Name=a+b")
QUERY_CHARS = st.sampled_from(list("aZ09-._~=&%%%7Bfg?# +/é[]@!$'()*,;:"))


@settings(max_examples=2000, deadline=None)
@given(query=st.lists(QUERY_CHARS, max_size=24).map("".join), path=st.sampled_from(["/", "/x", ""]))
def test_same_url_as_httpx(query: str, path: str) -> None:
    new = f"http://127.0.0.1:18781{path}?{query}"
    try:
        expected = httpx.URL(new)
    except httpx.InvalidURL:
        return
    got = _with_url(BASE, str(BASE), new)
    assert got == expected
    assert str(got) == str(expected)
    assert got.raw_path == expected.raw_path
    assert got.params == expected.params


def test_other_hosts_and_fragments_take_the_public_path() -> None:
    for new in ("http://other:1/?a=b", "http://127.0.0.1:18781/#x", "https://127.0.0.1:18781/?a=b"):
        assert _with_url(BASE, str(BASE), new) == httpx.URL(new)
