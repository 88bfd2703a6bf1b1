"""The clients the generated code calls keep httpx's contract on every backend (sync: urllib3 and httpx; async:
aiohttp and httpx): the same query and JSON bytes on the wire, each attempt signed, an ``httpx.Response`` back
(decoded once, with the request id), transport failures as cloudsign's errors with the right "may have reached
the server" verdict, and the same retry rules, whatever sends the bytes."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator, Mapping
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

from cloudsign._core.async_client import ASYNC_BACKENDS, AsyncClient
from cloudsign._core.auth import Signed, SignerBase
from cloudsign._core.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ResponseTooLargeError,
    ServerError,
)
from cloudsign._core.json_codec import encode_json
from cloudsign._core.pipeline import Options, Pipeline
from cloudsign._core.responses import REQUEST_ID
from cloudsign._core.sync_client import SYNC_BACKENDS, SyncClient
from cloudsign._core.wire import encode_query, query_pairs
from cloudsign.emulator.app import running

FINITE = st.floats(allow_nan=False, allow_infinity=False)
SCALARS = st.one_of(st.text(), st.integers(), st.booleans(), st.none(), FINITE)
PARAMS = st.dictionaries(st.text(min_size=1), st.one_of(SCALARS, st.lists(SCALARS, max_size=3)), max_size=6)
BACKENDS = [*(("sync", b) for b in SYNC_BACKENDS), *(("async", b) for b in ASYNC_BACKENDS)]
IDS = [f"{kind}-{backend}" for kind, backend in BACKENDS]


@settings(max_examples=1000, derandomize=True, deadline=None)
@given(PARAMS)
def test_query_decodes_to_what_httpx_sends(params: dict[str, Any]) -> None:
    ours = parse_qsl(encode_query(query_pairs(params)), keep_blank_values=True)
    theirs = parse_qsl(httpx.Request("POST", "http://h/", params=params).url.query.decode(), keep_blank_values=True)
    assert ours == theirs


@settings(max_examples=500, derandomize=True, deadline=None)
@given(st.dictionaries(st.text(), st.one_of(SCALARS, st.lists(st.text(), max_size=3)), max_size=6))
def test_json_bytes_equal_httpx(body: dict[str, Any]) -> None:
    assert encode_json(body) == httpx.Request("POST", "http://h/", json=body).content


class RecordingSigner(SignerBase):
    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, str], bytes]] = []

    def sign(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> Signed:
        self.seen.append((method, url, dict(headers), body))
        return Signed(headers={"authorization": f"test-signature-{len(self.seen)}"})


class PlainCloud:
    """The least a cloud tells the pipeline: its request-id header and an error class per status."""

    name = "test"
    request_id_header = "X-Request-Id"

    @property
    def invalid_response(self) -> type[APIResponseValidationError]:
        return APIResponseValidationError

    @property
    def too_large(self) -> type[ResponseTooLargeError]:
        return ResponseTooLargeError

    def parse_error(
        self, status: int, headers: Mapping[str, str], content: bytes, *, method: str, path: str
    ) -> APIError:
        cls = ServerError if status >= 500 else APIStatusError
        return cls("failed", status_code=status, code=None, request_id=headers.get("x-request-id"))

    def unsuccessful(self, response: httpx.Response, body: Any, *, method: str, path: str) -> APIError | None:
        return None


async def echo(request: Request) -> JSONResponse:
    return JSONResponse(
        {
            "method": request.method,
            "query": dict(request.query_params),
            "auth": request.headers.get("authorization"),
            "content_type": request.headers.get("content-type"),
            "body": (await request.body()).decode(),
            "padding": "x" * 2000,  # large enough for the gzip middleware
        },
        headers={"X-Request-Id": "rid-echo"},
    )


FLAKY: dict[str, itertools.count[int]] = {}


async def flaky(request: Request) -> JSONResponse:
    """500 on the first request of each key, then 200: tells a retried request from one that was not."""
    counter = FLAKY.setdefault(request.query_params["key"], itertools.count())
    if next(counter) == 0:
        return JSONResponse({"error": "boom"}, status_code=500)
    return JSONResponse({"ok": True})


async def slow(request: Request) -> JSONResponse:
    await asyncio.sleep(1.0)
    return JSONResponse({})


APP = Starlette(
    routes=[
        Route("/echo", echo, methods=["GET", "POST", "PUT"]),
        Route("/flaky", flaky, methods=["GET", "POST", "PUT", "DELETE"]),
        Route("/slow", slow, methods=["GET"]),
    ],
    middleware=[Middleware(GZipMiddleware, minimum_size=10)],
)


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running(APP) as base:
        yield base


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    asked: list[float] = []

    async def record(seconds: float) -> None:
        asked.append(seconds)

    monkeypatch.setattr("cloudsign._core.sync_client._sleep", asked.append)
    monkeypatch.setattr("cloudsign._core.async_client._sleep", record)
    return asked


def pipeline(url: str, signer: Any = None, **options: Any) -> Pipeline:
    return Pipeline(
        service=None,
        cloud=PlainCloud(),
        signer=signer or RecordingSigner(),
        base_url=url,
        options=Options(**options),
        default_headers={"User-Agent": "t"},
    )


def send(kind: str, backend: str, pipe: Pipeline, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """One request through the sync or async client on ``backend``, closed afterwards."""
    base = pipe.base
    timeout = kwargs.pop("timeout", 10.0)
    if kind == "sync":
        with SyncClient(pipe, backend=backend, base_url=base, timeout=timeout) as client:
            assert client.backend == backend
            return client.request(method, path, **kwargs)

    async def go() -> httpx.Response:
        async with AsyncClient(pipe, backend=backend, base_url=base, timeout=timeout) as client:
            assert client.backend == backend
            return await client.request(method, path, **kwargs)

    return asyncio.run(go())


@pytest.mark.parametrize(("kind", "backend"), BACKENDS, ids=IDS)
def test_signed_request_reaches_the_server_and_gzip_is_decoded_once(url: str, kind: str, backend: str) -> None:
    signer = RecordingSigner()
    response = send(
        kind, backend, pipeline(url, signer), "POST", "/echo", params={"A": "x y", "B": True}, json={"k": "é"}
    )
    assert isinstance(response, httpx.Response) and response.status_code == 200
    assert response.extensions[REQUEST_ID] == "rid-echo"
    data = response.json()
    assert data["query"] == {"A": "x y", "B": "true"} and data["auth"] == "test-signature-1"
    assert data["body"] == '{"k":"é"}' and len(data["padding"]) == 2000
    assert data["content_type"] == "application/json"
    method, signed_url, headers, body = signer.seen[0]
    assert method == "POST" and urlsplit(signed_url).path == "/echo" and body == '{"k":"é"}'.encode()
    assert dict(parse_qsl(urlsplit(signed_url).query)) == {"A": "x y", "B": "true"}
    assert headers["content-type"] == "application/json" and headers["user-agent"] == "t"


def test_async_client_keeps_parsed_urls_only_without_a_query(url: str) -> None:
    """The aiohttp backend keeps each path's parsed URL for the next call, but never one whose query carries values
    (they may be secrets): those are parsed per call and let go."""
    from cloudsign._core.transport import aiohttp as aiohttp_transport

    aiohttp_transport._URLS.clear()
    send("async", "aiohttp", pipeline(url), "POST", "/echo", params={"Password": "S3cret-in-query"}, json={})
    send("async", "aiohttp", pipeline(url), "POST", "/echo", json={})
    kept = list(aiohttp_transport._URLS)
    assert kept == [url.rstrip("/") + "/echo"], kept
    assert not any("S3cret" in key for key in kept)


@pytest.mark.parametrize(("kind", "backend"), BACKENDS, ids=IDS)
def test_form_data_is_encoded_by_httpx_and_signed_as_sent(url: str, kind: str, backend: str) -> None:
    signer = RecordingSigner()
    data = send(kind, backend, pipeline(url, signer), "PUT", "/echo", data={"a": "b c"}).json()
    assert data["method"] == "PUT" and data["body"] == "a=b+c"
    assert data["content_type"] == "application/x-www-form-urlencoded"
    assert signer.seen[0][3] == b"a=b+c"


@pytest.mark.parametrize(("kind", "backend"), BACKENDS, ids=IDS)
def test_connection_refused_is_not_sent_and_retried(kind: str, backend: str, sleeps: list[float]) -> None:
    signer = RecordingSigner()
    with pytest.raises(APIConnectionError) as info:
        send(kind, backend, pipeline("http://127.0.0.1:9", signer, max_attempts=3), "POST", "/x", json={})
    assert not info.value.may_have_reached_server
    # httpx-aiohttp reports a refused connection as ConnectTimeout; either way a connect failure, never sent
    assert isinstance(info.value.__cause__, httpx.ConnectError | httpx.ConnectTimeout)
    assert len(signer.seen) == 3 and len(sleeps) == 2  # a POST too: it never left this machine


@pytest.mark.parametrize(("kind", "backend"), BACKENDS, ids=IDS)
def test_read_timeout_may_have_reached_the_server(url: str, kind: str, backend: str, sleeps: list[float]) -> None:
    with pytest.raises(APITimeoutError) as info:
        send(kind, backend, pipeline(url, max_attempts=1), "GET", "/slow", timeout=httpx.Timeout(0.2, connect=5.0))
    assert info.value.may_have_reached_server


@pytest.mark.parametrize(("kind", "backend"), BACKENDS, ids=IDS)
@pytest.mark.parametrize(
    ("method", "retry_unsafe", "retried"),
    # (DELETE: see test_retry.test_unrouted_delete_is_idempotent)
    [("GET", False, True), ("PUT", False, True), ("POST", False, False), ("POST", True, True)],
)
def test_500_is_retried_for_idempotent_methods_only(
    url: str, kind: str, backend: str, method: str, retry_unsafe: bool, retried: bool, sleeps: list[float]
) -> None:
    key = f"{kind}-{backend}-{method}-{retry_unsafe}"
    signer = RecordingSigner()
    response = send(
        kind, backend, pipeline(url, signer, retry_unsafe=retry_unsafe), method, "/flaky", params={"key": key}
    )
    assert response.status_code == (200 if retried else 500)
    assert len(signer.seen) == (2 if retried else 1) and len(sleeps) == (1 if retried else 0)
    if retried:
        assert signer.seen[0] == signer.seen[1]  # the same request, signed once per attempt
        assert response.json() == {"ok": True}


@pytest.mark.parametrize(("kind", "backend"), BACKENDS, ids=IDS)
def test_raise_for_status_raises_the_final_error(url: str, kind: str, backend: str, sleeps: list[float]) -> None:
    """What ``call``/``acall`` ask for: the final error raised (after the retries), not the response returned."""
    with pytest.raises(ServerError) as info:
        send(
            kind,
            backend,
            pipeline(url),
            "POST",
            "/flaky",
            params={"key": f"raise-{kind}-{backend}"},
            extensions={"raise_for_status": True},
        )
    assert info.value.status_code == 500 and sleeps == []


def test_any_other_httpx_option_selects_the_httpx_backend() -> None:
    """A user's own transport (or proxy, mounts, event hooks...) is honoured: the factory sends through httpx."""
    from cloudsign import huaweicloud

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"connection_id": "99af0766-c3f4-4e4e-a95e-14a1b070188e"})

    client = huaweicloud.das_client(
        endpoint="http://das.test",
        credentials=huaweicloud.Credentials("ak", "sk"),
        httpx_args={"transport": httpx.MockTransport(handler)},
    )
    transport = client.get_httpx_client()
    assert isinstance(transport, SyncClient) and transport.backend == "httpx"
    from das_client.api.connections import create_instance_connection as op
    from das_client.models import CreateInstanceConnectionRequestBody

    body = CreateInstanceConnectionRequestBody.from_dict(
        {"engine_type": "mysql", "network_type": "rds", "username": "u", "is_save_password": False, "password": "p"}
    )
    out = op.call("052041494800d57c2f02c00275b4c247", "bcfa975193f1402fa11a6d4fd6baf5fbin01", client=client, body=body)
    assert out.connection_id and len(seen) == 1
    assert seen[0].headers["authorization"].startswith("SDK-HMAC-SHA256 Access=ak")
