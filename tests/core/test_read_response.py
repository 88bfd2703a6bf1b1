"""The response every backend hands the generated code (``ReadResponse``) keeps httpx.Response's contract, and a
successful answer's JSON body is parsed once: by the pipeline's success check, whose result the generated parser
receives (issue 14)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from cloudsign._core import responses
from cloudsign._core.responses import REQUEST_ID, ReadResponse, response_for
from cloudsign.alibabacloud import Credentials, dataworks_client
from cloudsign.emulator.alibabacloud import create_app
from cloudsign.emulator.app import running
from dataworks_client.api.data_sources import create_connection as op
from dataworks_client.models import CreateConnectionResponseBody

BODY = b'{"RequestId":"r-1","Data":7,"Success":true}'
HEADERS = [("Content-Type", "application/json"), ("X-Request-Id", "r-1"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")]


def test_it_answers_like_an_httpx_response() -> None:
    ours = ReadResponse(200, HEADERS, BODY, "r-1")
    theirs = httpx.Response(200, headers=HEADERS, content=BODY)
    assert isinstance(ours, httpx.Response)
    assert (ours.status_code, ours.content, ours.text, ours.json()) == (200, BODY, BODY.decode(), json.loads(BODY))
    assert ours.headers.get_list("set-cookie") == theirs.headers.get_list("set-cookie") == ["a=1", "b=2"]
    assert ours.headers["content-type"] == "application/json"
    assert b"".join(ours.iter_bytes()) == BODY and ours.read() == BODY
    assert ours.is_success and not ours.is_error and ours.is_closed and ours.extensions[REQUEST_ID] == "r-1"
    assert ours.encoding == theirs.encoding == "utf-8"
    with pytest.raises(RuntimeError):  # no request attached, as for any detached httpx.Response
        ours.raise_for_status()
    # The byte stream is made on first use, as httpx's own would hold the body; closing and a consumed stream
    # behave as httpx's do.
    assert isinstance(ours.stream, httpx.ByteStream) and b"".join(ours.stream) == BODY and ours.stream is ours.stream
    ours.close()
    with pytest.raises(httpx.StreamConsumed):
        list(ours.iter_raw())
    ours.stream = httpx.ByteStream(b"x")
    assert b"".join(ours.stream) == b"x"


def test_async_iteration_works() -> None:
    async def read() -> bytes:
        return b"".join([chunk async for chunk in ReadResponse(200, HEADERS, BODY, None).aiter_bytes()])

    assert asyncio.run(read()) == BODY


def test_a_shared_body_is_returned_once_then_parsed_afresh() -> None:
    response = ReadResponse(200, HEADERS, BODY, None)
    shared = {"from": "the success check"}
    response.share_json(shared)
    assert response.json() is shared
    again = response.json()
    assert again == json.loads(BODY) and again is not shared
    response.share_json(shared)
    assert response.json(parse_int=str)["Data"] == "7"  # arguments always parse afresh


def test_content_encoding_is_dropped_because_the_body_is_already_decoded() -> None:
    response = response_for(200, [(b"Content-Encoding", b"gzip"), (b"X-A", b"1")], BODY, None)
    assert "content-encoding" not in response.headers and response.headers["x-a"] == "1"


class CountingJson:
    """``json`` as responses.py sees it, counting the parses ReadResponse.json() had to do itself."""

    def __init__(self) -> None:
        self.parses = 0

    def loads(self, text: Any, **kwargs: Any) -> Any:
        self.parses += 1
        return json.loads(text, **kwargs)


ARGS: dict[str, Any] = {"connection_type": "rds", "content": "{}", "env_type": 1, "name": "n", "project_id": 1}


def _client(url: str, key: tuple[str, str, str], backends: tuple[str, str]) -> Any:
    """A DataWorks client of the emulator at ``url``, with the temporary key it was built with."""
    return dataworks_client(
        endpoint=url,
        region="cn-shanghai",
        credentials=Credentials(*key),
        sync_backend=backends[0],
        async_backend=backends[1],
    )


@pytest.mark.parametrize("backends", [("stdlib", "aiohttp"), ("urllib3", "aiohttp"), ("httpx", "httpx")])
def test_the_generated_parser_reuses_the_body_the_pipeline_checked(
    monkeypatch: pytest.MonkeyPatch, backends: tuple[str, str]
) -> None:
    counting = CountingJson()
    monkeypatch.setattr(responses, "jsonlib", counting)
    key = ("LTAIreadresponse0001", "read-response-secret", "read-response-token")
    with running(create_app(temporary_credentials=[key])) as url:
        client = _client(url, key, backends)
        detailed = op.sync_detailed(client=client, **ARGS)
        assert detailed.status_code == 200
        assert isinstance(detailed.parsed, CreateConnectionResponseBody) and detailed.parsed.success

        async def run() -> Any:
            return (await op.asyncio_detailed(client=client, **ARGS)).parsed

        parsed = asyncio.run(run())
        assert isinstance(parsed, CreateConnectionResponseBody) and parsed.success
    assert counting.parses == 0


@pytest.mark.parametrize("backends", [("stdlib", "aiohttp"), ("httpx", "httpx")])
def test_an_error_body_is_parsed_once_on_detailed(monkeypatch: pytest.MonkeyPatch, backends: tuple[str, str]) -> None:
    """``*_detailed`` on an error answer: the cloud's typed error and the generated error model come from one parse
    (the pipeline's), not two."""
    from cloudsign.emulator.faults import Fault

    counting = CountingJson()
    monkeypatch.setattr(responses, "jsonlib", counting)
    key = ("LTAIreadresponse0002", "read-response-secret", "read-response-token")
    app = create_app(temporary_credentials=[key])
    with running(app) as url:
        client = _client(url, key, backends)
        app.state.emulator.faults.add(Fault(status=400))
        detailed = op.sync_detailed(client=client, **ARGS)
        assert detailed.status_code == 400 and detailed.parsed is not None
        assert not isinstance(detailed.parsed, CreateConnectionResponseBody)

        async def run() -> Any:
            app.state.emulator.faults.add(Fault(status=403))
            return await op.asyncio_detailed(client=client, **ARGS)

        answered = asyncio.run(run())
        assert answered.status_code == 403 and answered.parsed is not None
    assert counting.parses == 0
