"""The direct aiohttp path keeps httpx's contract: the same query and JSON bytes on the wire, an httpx.Response
back (decoded once), httpx's exception classes, and the ordinary httpx path for anything it does not handle."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from cloudsign._core.aiohttp_client import AiohttpSignedClient
from cloudsign._core.auth import Signed
from cloudsign._core.direct import encode_json, encode_params
from cloudsign._core.emulation import running
from cloudsign._core.retry import request_was_not_sent

FINITE = st.floats(allow_nan=False, allow_infinity=False)
SCALARS = st.one_of(st.text(), st.integers(), st.booleans(), st.none(), FINITE)
PARAMS = st.dictionaries(st.text(min_size=1), st.one_of(SCALARS, st.lists(SCALARS, max_size=3)), max_size=6)


@settings(max_examples=1000, derandomize=True, deadline=None)
@given(PARAMS)
def test_query_decodes_to_what_httpx_sends(params: dict[str, Any]) -> None:
    ours = parse_qsl(encode_params(params), keep_blank_values=True)
    theirs = parse_qsl(httpx.Request("POST", "http://h/", params=params).url.query.decode(), keep_blank_values=True)
    assert ours == theirs


@settings(max_examples=500, derandomize=True, deadline=None)
@given(st.dictionaries(st.text(), st.one_of(SCALARS, st.lists(st.text(), max_size=3)), max_size=6))
def test_json_bytes_equal_httpx(body: dict[str, Any]) -> None:
    assert encode_json(body) == httpx.Request("POST", "http://h/", json=body).content


class RecordingSigner:
    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, str], bytes]] = []

    def sign(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> Signed:
        self.seen.append((method, url, dict(headers), body))
        return Signed(headers={"authorization": "test-signature"})


async def echo(request: Request) -> JSONResponse:
    return JSONResponse(
        {
            "query": dict(request.query_params),
            "auth": request.headers.get("authorization"),
            "body": (await request.body()).decode(),
            "padding": "x" * 2000,  # large enough for the gzip middleware
        }
    )


APP = Starlette(
    routes=[Route("/echo", echo, methods=["POST"])], middleware=[Middleware(GZipMiddleware, minimum_size=10)]
)


def test_signed_request_reaches_the_server_and_gzip_is_decoded_once() -> None:
    signer = RecordingSigner()

    async def go(url: str) -> httpx.Response:
        async with AiohttpSignedClient(signer=signer, base_url=url, headers={"User-Agent": "t"}) as client:
            return await client.request("POST", "/echo", params={"A": "x y", "B": True}, json={"k": "é"})

    with running(APP) as url:
        response = asyncio.run(go(url))
    data = response.json()
    assert data["query"] == {"A": "x y", "B": "true"} and data["auth"] == "test-signature"
    assert data["body"] == '{"k":"é"}' and len(data["padding"]) == 2000
    method, signed_url, headers, body = signer.seen[0]
    assert method == "POST" and urlsplit(signed_url).path == "/echo" and body == '{"k":"é"}'.encode()
    assert headers["content-type"] == "application/json" and headers["user-agent"] == "t"


def test_connection_refused_maps_to_httpx_connect_error_not_sent() -> None:
    async def go() -> None:
        async with AiohttpSignedClient(signer=RecordingSigner(), base_url="http://127.0.0.1:9") as client:
            await client.request("POST", "/x", json={})

    with pytest.raises(httpx.ConnectError) as info:
        asyncio.run(go())
    assert request_was_not_sent(info.value)


def test_other_arguments_take_the_httpx_path(monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[dict[str, Any]] = []

    async def fake(self: httpx.AsyncClient, method: str, url: str, **kwargs: Any) -> httpx.Response:
        called.append(kwargs)
        return httpx.Response(204)

    monkeypatch.setattr(httpx.AsyncClient, "request", fake)

    async def go() -> httpx.Response:
        async with AiohttpSignedClient(signer=RecordingSigner(), base_url="http://127.0.0.1:9") as client:
            return await client.request("POST", "/x", content=b"raw")

    assert asyncio.run(go()).status_code == 204 and called[0]["content"] == b"raw"


def test_sync_twin_keeps_the_same_contract() -> None:
    """Urllib3SignedClient: signed request, gzip decoded once, connect failures as httpx.ConnectError (not sent)."""
    from cloudsign._core.urllib3_client import Urllib3SignedClient

    signer = RecordingSigner()
    with running(APP) as url, Urllib3SignedClient(signer=signer, base_url=url, headers={"User-Agent": "t"}) as client:
        data = client.request("POST", "/echo", params={"A": "x y", "B": False}, json={"k": "é"}).json()
    assert data["query"] == {"A": "x y", "B": "false"} and data["auth"] == "test-signature"
    assert data["body"] == '{"k":"é"}' and len(data["padding"]) == 2000
    assert signer.seen[0][2]["content-type"] == "application/json"
    with (
        pytest.raises(httpx.ConnectError) as info,
        Urllib3SignedClient(signer=signer, base_url="http://127.0.0.1:9") as refused,
    ):
        refused.request("POST", "/x", json={})
    assert request_was_not_sent(info.value)
