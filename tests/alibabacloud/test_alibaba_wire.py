"""Wire parity: our CreateConnection request and the official client's, captured by a server on 127.0.0.1, carry
the same method, path, query, body and signed content. Only date, nonce, signature and user agent may differ,
plus the deliberate differences named below."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
from alibabacloud_dataworks_public20200518 import models as official_models
from alibabacloud_dataworks_public20200518.client import Client as OfficialClient
from alibabacloud_tea_openapi import models as openapi_models
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from cloudsign._core.wire import canonical_query, parse_query
from cloudsign.alibabacloud import Credentials, dataworks_client
from cloudsign.emulator.app import running
from dataworks_client.api.data_sources import create_connection as op
from tests.e2e.clouds import WIRE_WAYS

AK, SK = "LTAIwireKey", "wire-secret"
INPUT: dict[str, Any] = {
    "connection_type": "mysql",
    "content": '{"jdbcUrl":"jdbc:mysql://h:3306/db","username":"u","password":"p w+*~/%"}',
    "env_type": 1,
    "name": "name with spaces ü",
    "project_id": 1234,
    "description": "d*e~s/c%",
    "sub_type": "mysql",
}
VOLATILE_QUERY = {"Timestamp", "SignatureNonce", "Signature"}
VOLATILE_HEADERS = {"x-acs-date", "x-acs-signature-nonce", "authorization", "user-agent"}
# Headers only the official client adds: it signs every header it sends (user-agent and accept included) and
# announces its credentials provider; our signed set is deliberately host + content-type + x-acs-*.
OFFICIAL_ONLY_HEADERS = {"accept", "x-acs-credentials-provider"}


@pytest.fixture(scope="module")
def capture() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    seen: list[dict[str, Any]] = []

    async def record(request: Request) -> JSONResponse:
        query = request.scope["query_string"].decode("latin-1")
        seen.append(
            {
                "method": request.method,
                "path": request.url.path,
                "query": query,
                "headers": dict(request.headers),
                "body": await request.body(),
            }
        )
        return JSONResponse({"RequestId": "r", "HttpStatusCode": 200, "Data": 1, "Success": True})

    with running(Starlette(routes=[Route("/", record, methods=["POST"])])) as url:
        yield url, seen


def _official(url: str, algorithm: str | None) -> None:
    config = openapi_models.Config(
        access_key_id=AK,
        access_key_secret=SK,
        endpoint=url.split("//", 1)[1],
        protocol="http",
        signature_algorithm=algorithm,
    )
    OfficialClient(config).create_connection(official_models.CreateConnectionRequest(**INPUT))


# (generated entry point, backend): every backend, the default stdlib one first, must put the same bytes on the wire.
WAYS = WIRE_WAYS


def _ours(url: str, signature: str, entry: str, backend: str) -> None:
    creds = Credentials(AK, SK)
    if entry in ("call", "sync_detailed"):
        with dataworks_client(endpoint=url, credentials=creds, signature=signature, sync_backend=backend) as client:
            getattr(op, entry)(client=client, **INPUT)
        return

    async def run() -> None:
        async with dataworks_client(
            endpoint=url, credentials=creds, signature=signature, async_backend=backend
        ) as client:
            await getattr(op, entry)(client=client, **INPUT)

    asyncio.run(run())


def _signed_names(captured: dict[str, Any]) -> list[str]:
    auth: str = captured["headers"]["authorization"]
    return auth.split("SignedHeaders=", 1)[1].split(",", 1)[0].split(";")


@pytest.mark.parametrize(("entry", "backend"), WAYS, ids=[f"{e}-{b}" for e, b in WAYS])
def test_acs3_wire_matches_official(capture: tuple[str, list[dict[str, Any]]], entry: str, backend: str) -> None:
    url, seen = capture
    seen.clear()
    _official(url, None)
    _ours(url, "ACS3-HMAC-SHA256", entry, backend)
    official, ours = seen
    assert (ours["method"], ours["path"], ours["body"]) == (official["method"], official["path"], official["body"])
    assert dict(parse_query(ours["query"])) == dict(parse_query(official["query"]))
    assert canonical_query(ours["query"]) == canonical_query(official["query"])
    assert "Action" not in dict(parse_query(ours["query"]))  # travels as x-acs-action, like the official client
    assert ours["headers"]["x-acs-content-sha256"] == hashlib.sha256(b"").hexdigest()
    ours_signed = set(_signed_names(ours))
    official_signed = set(_signed_names(official)) - {"user-agent"} - OFFICIAL_ONLY_HEADERS
    assert ours_signed == official_signed
    for name in ours_signed - VOLATILE_HEADERS:
        assert ours["headers"][name] == official["headers"][name], name
    assert ours["headers"]["authorization"].startswith(f"ACS3-HMAC-SHA256 Credential={AK},")


@pytest.mark.parametrize(("entry", "backend"), WAYS, ids=[f"{e}-{b}" for e, b in WAYS])
def test_rpc_wire_matches_official_v2_mode(capture: tuple[str, list[dict[str, Any]]], entry: str, backend: str) -> None:
    url, seen = capture
    seen.clear()
    _official(url, "v2")  # tea-openapi's RPC signature mode: signature_algorithm="v2"
    _ours(url, "HMAC-SHA1", entry, backend)
    official, ours = seen
    assert (ours["method"], ours["path"], ours["body"]) == (official["method"], official["path"], official["body"])
    ours_q = {k: v for k, v in parse_query(ours["query"]) if k not in VOLATILE_QUERY}
    official_q = {k: v for k, v in parse_query(official["query"]) if k not in VOLATILE_QUERY}
    # Alibaba documents Format=JSON; tea-openapi sends "json" and the gateway reads it case-insensitively.
    assert ours_q.pop("Format") == "JSON" and official_q.pop("Format") == "json"
    assert ours_q == official_q
    assert {k for k, _ in parse_query(ours["query"])} >= VOLATILE_QUERY
    for name in ("x-acs-action", "x-acs-version", "host"):
        assert ours["headers"][name] == official["headers"][name]
