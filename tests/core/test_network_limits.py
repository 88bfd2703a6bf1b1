"""Under real networks (issue 12): answers larger than ``max_response_bytes`` (plain, chunked or a gzip bomb) stop
with ResponseTooLargeError and bounded memory on every backend; redirects are never followed, so nothing reaches
another origin; an async client works from a second event loop; HTTP(S)_PROXY is honoured by the direct
backends, and loopback endpoints never go through a proxy."""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cloudsign._core.proxies import proxy_for, redact_proxy
from cloudsign.errors import APIConnectionError, ConfigurationError, ResponseTooLargeError
from cloudsign.huaweicloud import Credentials, das_client

from .loopback import QuietHandler, serving

LIMIT = 256 * 1024
BIG = b"x" * (LIMIT * 4)
BOMB = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)  # 64 MiB of zeros in about 64 KiB
CREDS = Credentials("AKNETWORKLIMITS00001", "network-limits-sk", project_id="0" * 32)


class _Handler(QuietHandler):
    seen: list[str]

    def do_GET(self) -> None:
        self.seen.append(self.path)
        if self.path == "/big":
            self.reply(200, BIG, [("Content-Length", str(len(BIG)))])
        elif self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(8):
                self.wfile.write(b"%x\r\n%s\r\n" % (LIMIT // 2, b"y" * (LIMIT // 2)))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/bomb":
            self.reply(200, BOMB, [("Content-Length", str(len(BOMB))), ("Content-Encoding", "gzip")])
        elif self.path == "/small":
            self.reply(200, b'{"ok": true}', [("Content-Length", "12"), ("Content-Type", "application/json")])
        elif self.path.startswith("/redirect"):
            target = self.path.split("to=", 1)[1]
            self.reply(307, b"", [("Location", target), ("Content-Length", "0")])
        else:
            self.reply(404, b"", [("Content-Length", "0")])


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    with serving(type("Handler", (_Handler,), {"seen": seen})) as (url, _):
        yield url, seen


# Every sync backend; the async side is aiohttp for "direct", "stdlib" and "urllib3", httpx for "httpx".
BACKENDS = ["stdlib", "urllib3", "httpx"]


def _client(url: str, backend: str) -> Any:
    sync = "stdlib" if backend == "direct" else backend
    async_ = "httpx" if backend == "httpx" else "aiohttp"
    return das_client(endpoint=url, credentials=CREDS, sync_backend=sync, async_backend=async_, max_attempts=1)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("path", ["/big", "/chunked", "/bomb"])
def test_an_answer_past_the_limit_stops_sync(served: tuple[str, list[str]], backend: str, path: str) -> None:
    url, _ = served
    client = _client(url, backend).with_options(max_response_bytes=LIMIT)
    with pytest.raises(ResponseTooLargeError) as caught:
        client.get_httpx_client().request("GET", path)
    assert caught.value.status_code == 200 and "max_response_bytes=262144" in str(caught.value)
    # Below the limit all is read, on the same client (the dropped connection is replaced).
    assert client.get_httpx_client().request("GET", "/small").json() == {"ok": True}
    assert len(
        client.with_options(max_response_bytes=LIMIT * 8).get_httpx_client().request("GET", "/big").content
    ) == len(BIG)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_gzip_bomb_is_read_with_bounded_memory(served: tuple[str, list[str]], backend: str) -> None:
    """64 MiB decompressed from 64 KiB: with the default limit (32 MiB) reading stops there; with a small limit the
    memory held stays near the limit, far below what the whole bomb would take."""
    url, _ = served
    client = _client(url, backend).with_options(max_response_bytes=LIMIT)
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLargeError):
            client.get_httpx_client().request("GET", "/bomb")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, peak


@pytest.mark.parametrize("backend", ["direct", "httpx"])
def test_a_gzip_bomb_is_read_with_bounded_memory_async(served: tuple[str, list[str]], backend: str) -> None:
    """The same bound on the async backends (aiohttp decompresses as it reads; httpx's streamed chunks are inflated
    by cloudsign in bounded steps)."""
    url, _ = served
    client = _client(url, backend).with_options(max_response_bytes=LIMIT)

    async def run() -> None:
        with pytest.raises(ResponseTooLargeError):
            await client.get_async_httpx_client().request("GET", "/bomb")

    tracemalloc.start()
    try:
        asyncio.run(run())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, peak


@pytest.mark.parametrize("backend", ["direct", "httpx"])
@pytest.mark.parametrize("path", ["/big", "/chunked", "/bomb"])
def test_an_answer_past_the_limit_stops_async(served: tuple[str, list[str]], backend: str, path: str) -> None:
    url, _ = served
    client = _client(url, backend).with_options(max_response_bytes=LIMIT)

    async def run() -> None:
        with pytest.raises(ResponseTooLargeError):
            await client.get_async_httpx_client().request("GET", path)
        response = await client.get_async_httpx_client().request("GET", "/small")
        assert response.json() == {"ok": True}

    asyncio.run(run())


@pytest.mark.parametrize("backend", BACKENDS)
def test_redirects_are_never_followed(served: tuple[str, list[str]], backend: str) -> None:
    url, seen = served
    other_seen: list[str] = []
    with serving(type("Handler", (_Handler,), {"seen": other_seen})) as (other_url, _):
        target = f"{other_url}/stolen"
        client = _client(url, backend)
        assert client.get_httpx_client().request("GET", f"/redirect?to={target}").status_code == 307

        async def run() -> int:
            response: httpx.Response = await client.get_async_httpx_client().request("GET", f"/redirect?to={target}")
            return response.status_code

        assert asyncio.run(run()) == 307
        assert other_seen == []
        assert sum(p.startswith("/redirect") for p in seen) >= 2


def test_an_async_client_works_from_a_second_event_loop(served: tuple[str, list[str]]) -> None:
    url, _ = served
    client = _client(url, "direct")

    async def once() -> Any:
        return (await client.get_async_httpx_client().request("GET", "/small")).json()

    assert asyncio.run(once()) == {"ok": True}
    assert asyncio.run(once()) == {"ok": True}  # a new loop: the session is rebuilt, nothing raw escapes


def test_the_httpx_backend_refuses_a_second_live_event_loop_before_sending(served: tuple[str, list[str]]) -> None:
    url, seen = served
    client = _client(url, "httpx")

    async def once(path: str) -> Any:
        return (await client.get_async_httpx_client().request("GET", path)).json()

    first = asyncio.new_event_loop()  # still alive (not shut down) while another loop tries
    try:
        assert first.run_until_complete(once("/small")) == {"ok": True}
        with pytest.raises(ConfigurationError, match="another event loop"):
            asyncio.run(once("/small?second-loop"))
        assert "/small?second-loop" not in seen
        first.run_until_complete(first.shutdown_asyncgens())  # what asyncio.run does: frees the client
    finally:
        first.close()
    assert asyncio.run(once("/small")) == {"ok": True}  # one asyncio.run after another is served


def test_proxy_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    assert proxy_for("https://das.cn-north-4.myhuaweicloud.com") is None
    monkeypatch.setenv("HTTPS_PROXY", "http://user:pw@proxy.internal:3128")
    assert proxy_for("https://das.cn-north-4.myhuaweicloud.com") == "http://user:pw@proxy.internal:3128"
    assert proxy_for("http://das.cn-north-4.myhuaweicloud.com") is None  # no HTTP_PROXY
    assert proxy_for("https://127.0.0.1:8443") is None  # loopback is always direct
    assert proxy_for("https://localhost:8443") is None
    monkeypatch.setenv("NO_PROXY", ".myhuaweicloud.com")
    assert proxy_for("https://das.cn-north-4.myhuaweicloud.com") is None
    assert proxy_for("https://dataworks.aliyuncs.com") == "http://user:pw@proxy.internal:3128"
    assert redact_proxy("http://user:pw@proxy.internal:3128") == "http://***@proxy.internal:3128"


class _Proxy(QuietHandler):
    """A forward proxy that answers every request itself and records the absolute-form target it was asked for."""

    asked: list[str]

    def do_GET(self) -> None:
        self.asked.append(self.path)
        self.reply_json(b'{"via": "proxy"}')


def test_direct_backends_send_through_the_environment_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    with serving(type("P", (_Proxy,), {"asked": asked})) as (proxy_url, _):
        monkeypatch.setenv("HTTP_PROXY", proxy_url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        client = das_client(endpoint="http://das.invalid", credentials=CREDS, max_attempts=1)
        assert client.get_httpx_client().request("GET", "/small").json() == {"via": "proxy"}

        async def run() -> Any:
            return (await client.get_async_httpx_client().request("GET", "/small")).json()

        assert asyncio.run(run()) == {"via": "proxy"}
        assert asked == ["http://das.invalid/small", "http://das.invalid/small"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_proxy_option_is_used_on_every_backend(monkeypatch: pytest.MonkeyPatch, backend: str) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    asked: list[str] = []
    with serving(type("P", (_Proxy,), {"asked": asked})) as (proxy_url, _):
        sync, async_ = backend, "httpx" if backend == "httpx" else "aiohttp"
        client = das_client(
            endpoint="http://das.invalid",
            credentials=CREDS,
            max_attempts=1,
            sync_backend=sync,
            async_backend=async_,
            proxy=proxy_url.replace("http://", "http://user:proxy-pw-never-shown@"),
        )
        assert client.get_httpx_client().request("GET", "/small").json() == {"via": "proxy"}

        async def run() -> Any:
            return (await client.get_async_httpx_client().request("GET", "/small")).json()

        assert asyncio.run(run()) == {"via": "proxy"}
        assert asked == ["http://das.invalid/small", "http://das.invalid/small"]


def test_a_bad_proxy_is_refused_when_built_without_its_password() -> None:
    with pytest.raises(ConfigurationError) as caught:
        das_client(endpoint="http://das.invalid", credentials=CREDS, proxy="socks5://user:proxy-pw-never-shown@h:1")
    assert "proxy" in str(caught.value) and "proxy-pw-never-shown" not in str(caught.value)


class _ShortKeepAlive(QuietHandler):
    """Keeps a connection open 0.1 s after answering, then closes it, as a load balancer does with idle ones."""

    timeout = 0.1
    posts: list[str]

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.posts.append(self.path)
        self.reply_json(b'{"ok": true}')


@pytest.mark.parametrize("backend", BACKENDS)
def test_idle_connections_closed_by_the_server_are_replaced(backend: str) -> None:
    """A POST on a connection the server closed while idle would fail (and is not retried); it must not happen."""
    posts: list[str] = []
    with serving(type("K", (_ShortKeepAlive,), {"posts": posts})) as (url, _):
        client = _client(url, backend)
        for n in range(2):
            assert client.get_httpx_client().request("POST", f"/sync{n}", content=b"{}").status_code == 200
            time.sleep(0.4)

        async def run() -> None:
            for n in range(2):
                response = await client.get_async_httpx_client().request("POST", f"/async{n}", content=b"{}")
                assert response.status_code == 200
                await asyncio.sleep(0.4)

        asyncio.run(run())
        assert posts == ["/sync0", "/sync1", "/async0", "/async1"]  # each sent once


@pytest.fixture(scope="module")
def truncated_head() -> Iterator[str]:
    """A server that answers every request with a head cut short, then closes the connection."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()

    def serve() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Len")

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_truncated_head_is_a_transport_failure_not_a_200(truncated_head: str, backend: str) -> None:
    client = _client(truncated_head, backend)
    with pytest.raises(APIConnectionError) as caught:
        client.get_httpx_client().request("POST", "/x", content=b"{}")
    assert caught.value.may_have_reached_server

    async def run() -> None:
        await client.get_async_httpx_client().request("POST", "/x", content=b"{}")

    with pytest.raises(APIConnectionError) as async_caught:
        asyncio.run(run())
    assert async_caught.value.may_have_reached_server
