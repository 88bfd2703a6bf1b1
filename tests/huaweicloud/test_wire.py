"""Wire parity: our CreateInstanceConnection request and the official huaweicloudsdkdas client's, both captured by
a local server on 127.0.0.1, agree on method, path, query, body and every header we sign; only the date, the
signature (and with it Authorization) and the user agent differ. Each is also accepted by our verifier."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from cloudsign.emulator.app import running
from cloudsign.huaweicloud import Credentials, das_client
from cloudsign.huaweicloud.signer import parse_authorization, verify
from das_client.api.connections import create_instance_connection as op
from das_client.models import CreateInstanceConnectionRequestBody
from tests.e2e.clouds import WIRE_WAYS

from .conftest import AK, EXAMPLE_BODY, INSTANCE_ID, PROJECT_ID, SK, TOKEN, official_client, official_request


@pytest.fixture
def capture() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    seen: list[dict[str, Any]] = []

    async def record(request: Request) -> JSONResponse:
        scope = request.scope
        seen.append(
            {
                "method": request.method,
                "raw_path": scope["raw_path"].decode(),
                "query": scope["query_string"].decode(),
                "headers": {k.decode().lower(): v.decode() for k, v in scope["headers"]},
                "body": await request.body(),
            }
        )
        return JSONResponse({"connection_id": "99af0766-c3f4-4e4e-a95e-14a1b070188e"}, headers={"X-Request-Id": "r"})

    app = Starlette(routes=[Route("/{rest:path}", record, methods=["POST"])])
    with running(app) as url:
        yield url, seen


def _signed_view(req: dict[str, Any]) -> dict[str, Any]:
    names = parse_authorization(req["headers"]["authorization"]).signed_headers
    return {n: req["headers"][n] for n in names}


BODIES = [
    EXAMPLE_BODY,
    {
        **EXAMPLE_BODY,
        "port": 3306,
        "node_ids": ["bcfa975193f1402fa11a6d4fd6baf5fbno01"],
        "database_name": "db ü",
        "remarks": "+*~/% 中文",
    },
]


# (generated entry point, backend): every backend, the default stdlib one first, must put the same bytes on the wire.
WAYS = WIRE_WAYS


def send_ours(url: str, token: str | None, body: dict[str, Any], entry: str, backend: str) -> None:
    creds = Credentials(AK, SK, project_id=PROJECT_ID, security_token=token)
    model = CreateInstanceConnectionRequestBody.from_dict(body)
    if entry in ("call", "sync_detailed"):
        ours = das_client(endpoint=url, credentials=creds, sync_backend=backend)
        getattr(op, entry)(PROJECT_ID, INSTANCE_ID, client=ours, body=model, x_language="en-us")
        return

    async def run() -> None:
        async with das_client(endpoint=url, credentials=creds, async_backend=backend) as ours:
            await getattr(op, entry)(PROJECT_ID, INSTANCE_ID, client=ours, body=model, x_language="en-us")

    asyncio.run(run())


@pytest.mark.parametrize(("entry", "backend"), WAYS, ids=[f"{e}-{b}" for e, b in WAYS])
@pytest.mark.parametrize("body", BODIES, ids=["example", "all-fields"])
@pytest.mark.parametrize("token", [None, TOKEN], ids=["permanent", "temporary"])
def test_same_request_as_official_client(
    capture: tuple[str, list[dict[str, Any]]], body: dict[str, Any], token: str | None, entry: str, backend: str
) -> None:
    url, seen = capture
    send_ours(url, token, body, entry, backend)
    official = official_client(url)
    if token:
        official.get_credentials().with_security_token(token)
    official.create_instance_connection(official_request(body, x_language="en-us"))
    mine, theirs = seen
    assert mine["method"] == theirs["method"] == "POST"
    assert mine["raw_path"] == theirs["raw_path"] == f"/v3/{PROJECT_ID}/instances/{INSTANCE_ID}/create-connection"
    assert mine["query"] == theirs["query"] == ""
    assert json.loads(mine["body"]) == json.loads(theirs["body"]) == body
    signed_mine, signed_theirs = _signed_view(mine), _signed_view(theirs)
    assert set(signed_mine) <= set(signed_theirs)  # they sign every header, user-agent included
    differ = {n for n in signed_mine if signed_mine[n] != signed_theirs[n]}
    assert differ <= {"x-sdk-date"}
    expected = {"content-type", "host", "x-language", "x-project-id", "x-sdk-date"} | (
        {"x-security-token"} if token else set()
    )
    assert set(signed_mine) == expected
    assert signed_mine["x-project-id"] == PROJECT_ID
    for req in (mine, theirs):
        full = f"http://{req['headers']['host']}{req['raw_path']}"
        assert verify(req["method"], full, req["headers"], req["body"], {AK: SK}.get, time.time()) == AK
    assert mine["headers"]["user-agent"] != theirs["headers"]["user-agent"]


@pytest.mark.parametrize("backend", ["stdlib", "urllib3"])
def test_sm3_through_das_client_is_what_the_official_sm3_signer_signs(
    capture: tuple[str, list[dict[str, Any]]], backend: str
) -> None:
    """``das_client(algorithm="SDK-HMAC-SM3")``: the request on the wire carries the SM3 signature that
    huaweicloudsdkcore's SM3Signer computes over the same method, path, body and signed headers."""
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.sdk_request import SdkRequest
    from huaweicloudsdkcore.signer.signer import SM3Signer

    url, seen = capture
    creds = Credentials(AK, SK, project_id=PROJECT_ID)
    ours = das_client(endpoint=url, credentials=creds, algorithm="SDK-HMAC-SM3", sync_backend=backend)
    model = CreateInstanceConnectionRequestBody.from_dict(EXAMPLE_BODY)
    assert op.call(PROJECT_ID, INSTANCE_ID, client=ours, body=model, x_language="en-us").connection_id
    (mine,) = seen
    assert mine["headers"]["authorization"].startswith("SDK-HMAC-SM3 Access=" + AK + ", ")
    signed = _signed_view(mine)
    request = SdkRequest(
        method="POST",
        schema="http",
        host=signed["host"],
        resource_path=mine["raw_path"],
        query_params=[],
        header_params={name.title(): value for name, value in signed.items()},
        body=mine["body"],
    )
    official = SM3Signer(BasicCredentials(AK, SK)).sign(request).header_params["Authorization"]
    assert mine["headers"]["authorization"] == official
    full = f"http://{signed['host']}{mine['raw_path']}"
    assert verify("POST", full, mine["headers"], mine["body"], {AK: SK}.get, time.time()) == AK
