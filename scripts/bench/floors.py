"""The floors: httpx with a prebuilt request (no signing), httpx with inline signing, and stdlib http.client.

Each returns the parsed answer (connection id / Data) so it does the same work a client does with the response.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from . import fixtures as fx
from . import inline
from .contenders import AsyncCall, AsyncFactory, Contender, SyncCall


def _host(url: str) -> str:
    return urlsplit(url).netloc


# --- sync ---------------------------------------------------------------------------------------------------------


def httpx_prebuilt(api: str) -> Callable[[str], SyncCall]:
    def build(url: str) -> SyncCall:
        client = httpx.Client(base_url=url)
        if api == "das":
            body, headers = inline.das_request(_host(url), fx.das_body())
            request = client.build_request("POST", fx.DAS_PATH, content=body, headers=headers)
            key = "connection_id"
        else:
            query, headers = inline.dataworks_request(_host(url), fx.dataworks_query())
            request = client.build_request("POST", "/?" + query, headers=headers)
            key = "Data"

        def call() -> Any:
            return json.loads(client.send(request).content)[key]

        return call

    return build


def httpx_inline(api: str) -> Callable[[str], SyncCall]:
    def build(url: str) -> SyncCall:
        client = httpx.Client(base_url=url)
        host = _host(url)
        if api == "das":

            def call() -> Any:
                body, headers = inline.das_request(host, fx.das_body())
                return client.post(fx.DAS_PATH, content=body, headers=headers).json()["connection_id"]

        else:

            def call() -> Any:
                query, headers = inline.dataworks_request(host, fx.dataworks_query())
                return client.post("/?" + query, headers=headers).json()["Data"]

        return call

    return build


def stdlib(api: str) -> Callable[[str], SyncCall]:
    def build(url: str) -> SyncCall:
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port)
        if api == "das":
            body: bytes | None
            body, headers = inline.das_request(parts.netloc, fx.das_body())
            path, key = fx.DAS_PATH, "connection_id"
        else:
            query, headers = inline.dataworks_request(parts.netloc, fx.dataworks_query())
            path, body, key = "/?" + query, None, "Data"

        def call() -> Any:
            conn.request("POST", path, body=body, headers=headers)
            return json.loads(conn.getresponse().read())[key]

        return call

    return build


def stdlib_signed(api: str) -> Callable[[str], SyncCall]:
    """http.client with the signature computed inline on every call, the same headers ours sends: the signed stdlib
    floor, the least any Python SDK can do per call."""

    def build(url: str) -> SyncCall:
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port)
        host = parts.netloc
        if api == "das":

            def call() -> Any:
                body, headers = inline.das_request(host, fx.das_body())
                conn.request("POST", fx.DAS_PATH, body=body, headers=headers)
                return json.loads(conn.getresponse().read())["connection_id"]

        else:

            def call() -> Any:
                query, headers = inline.dataworks_request(host, fx.dataworks_query())
                conn.request("POST", "/?" + query, headers=headers)
                return json.loads(conn.getresponse().read())["Data"]

        return call

    return build


def urllib3_signed(api: str) -> Callable[[str], SyncCall]:
    """A urllib3 connection pool with inline signing per call: what `sync_backend="urllib3"` sits on."""

    def build(url: str) -> SyncCall:
        import urllib3

        parts = urlsplit(url)
        pool = urllib3.HTTPConnectionPool(parts.hostname or "127.0.0.1", parts.port, maxsize=4, retries=False)
        host = parts.netloc
        if api == "das":

            def call() -> Any:
                body, headers = inline.das_request(host, fx.das_body())
                response = pool.urlopen("POST", fx.DAS_PATH, body=body, headers=headers, redirect=False)
                return json.loads(response.data)["connection_id"]

        else:

            def call() -> Any:
                query, headers = inline.dataworks_request(host, fx.dataworks_query())
                response = pool.urlopen("POST", "/?" + query, headers=headers, redirect=False)
                return json.loads(response.data)["Data"]

        return call

    return build


# --- async (inline signing per call) -------------------------------------------------------------------------------


def _async_inline(api: str, make: Callable[[str], httpx.AsyncClient]) -> Callable[[str], Awaitable[Any]]:
    async def build(url: str) -> tuple[AsyncCall, Callable[[], Awaitable[None]]]:
        client = make(url)
        host = _host(url)
        if api == "das":

            async def call() -> Any:
                body, headers = inline.das_request(host, fx.das_body())
                return (await client.post(fx.DAS_PATH, content=body, headers=headers)).json()["connection_id"]

        else:

            async def call() -> Any:
                query, headers = inline.dataworks_request(host, fx.dataworks_query())
                return (await client.post("/?" + query, headers=headers)).json()["Data"]

        return call, client.aclose

    return build


def _stock(url: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=url, limits=httpx.Limits(max_connections=100, max_keepalive_connections=100))


def _aiohttp(url: str) -> httpx.AsyncClient:
    from httpx_aiohttp import HttpxAiohttpClient

    client: httpx.AsyncClient = HttpxAiohttpClient(base_url=url)
    return client


def _raw_aiohttp(api: str) -> AsyncFactory:
    """aiohttp alone, no httpx models: what a direct aiohttp path in the SDK could reach."""

    async def build(url: str) -> tuple[AsyncCall, Callable[[], Awaitable[None]]]:
        import aiohttp
        from yarl import URL

        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100))
        host = _host(url)
        if api == "das":
            target = URL(url + fx.DAS_PATH, encoded=True)

            async def call() -> Any:
                body, headers = inline.das_request(host, fx.das_body())
                async with session.post(target, data=body, headers=headers) as response:
                    return json.loads(await response.read())["connection_id"]

        else:

            async def call() -> Any:
                query, headers = inline.dataworks_request(host, fx.dataworks_query())
                async with session.post(URL(f"{url}/?{query}", encoded=True), headers=headers) as response:
                    return json.loads(await response.read())["Data"]

        return call, session.close

    return build


def contenders(api: str) -> list[Contender]:
    return [
        Contender(
            "httpx_inline", "httpx + inline signing", api, "floor", httpx_inline(api), _async_inline(api, _stock)
        ),
        Contender("aiohttp_inline", "httpx-aiohttp + inline signing", api, "floor", None, _async_inline(api, _aiohttp)),
        Contender("aiohttp_raw", "aiohttp alone + inline signing", api, "floor", None, _raw_aiohttp(api)),
        Contender("httpx_prebuilt", "httpx prebuilt request, no signing", api, "floor", httpx_prebuilt(api)),
        Contender("stdlib", "http.client prebuilt (absolute floor)", api, "floor", stdlib(api)),
        Contender(
            "stdlib_signed", "http.client + inline signing (signed stdlib floor)", api, "floor", stdlib_signed(api)
        ),
        Contender("urllib3_signed", "urllib3 pool + inline signing", api, "floor", urllib3_signed(api)),
    ]
