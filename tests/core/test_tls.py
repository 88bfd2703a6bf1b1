"""HTTPS on every backend (issue 14: TLS keeps working on the fast paths): a loopback server with a certificate
from a throwaway CA (trustme) is reached when the client trusts that CA, refused (and nothing reaches the server)
when it does not, and its keep-alive connection is reused across calls."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

from cloudsign.errors import APIConnectionError
from cloudsign.huaweicloud import Credentials, das_client

from .loopback import CountingHandler, serving

CREDS = Credentials("AKTLSLOOPBACK0000001", "tls-loopback-sk", project_id="0" * 32)
BACKENDS = [("stdlib", "aiohttp"), ("urllib3", "aiohttp"), ("httpx", "httpx")]


class _Handler(CountingHandler):
    def do_GET(self) -> None:
        self.note_path()
        self.reply_json(b'{"ok": true}')


@pytest.fixture
def https(ca: tuple[trustme.CA, Path]) -> Iterator[tuple[str, list[str], list[int]]]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca[0].issue_cert("127.0.0.1").configure_cert(context)
    handler, paths, connections = _Handler.recording()
    with serving(handler, tls=context) as (url, _):
        yield url, paths, connections


@pytest.mark.parametrize(("sync", "async_"), BACKENDS)
def test_a_trusted_server_is_reached_over_one_kept_alive_connection(
    https: tuple[str, list[str], list[int]], ca: tuple[trustme.CA, Path], sync: str, async_: str
) -> None:
    url, paths, connections = https
    trusted = ssl.create_default_context(cafile=str(ca[1]))
    client = das_client(endpoint=url, credentials=CREDS, verify=trusted, sync_backend=sync, async_backend=async_)
    for n in range(3):
        assert client.get_httpx_client().request("GET", f"/s{n}").json() == {"ok": True}
    assert len(connections) == 1, "the TLS connection was not kept alive"

    async def run() -> list[Any]:
        http_client = client.get_async_httpx_client()
        try:
            return [(await http_client.request("GET", f"/a{n}")).json() for n in range(2)]
        finally:
            await http_client.aclose()

    assert asyncio.run(run()) == [{"ok": True}] * 2
    assert paths == ["/s0", "/s1", "/s2", "/a0", "/a1"]


@pytest.mark.parametrize(("sync", "async_"), BACKENDS)
def test_an_untrusted_certificate_is_refused_before_anything_is_sent(
    https: tuple[str, list[str], list[int]], sync: str, async_: str
) -> None:
    url, paths, _ = https
    client = das_client(endpoint=url, credentials=CREDS, max_attempts=1, sync_backend=sync, async_backend=async_)
    with pytest.raises(APIConnectionError) as caught:
        client.get_httpx_client().request("GET", "/s")
    cause = caught.value.__cause__
    assert cause is not None and "CERTIFICATE_VERIFY_FAILED" in repr(cause) + repr(cause.__cause__)

    async def run() -> None:
        await client.get_async_httpx_client().request("GET", "/a")

    with pytest.raises(APIConnectionError):
        asyncio.run(run())
    assert paths == []
