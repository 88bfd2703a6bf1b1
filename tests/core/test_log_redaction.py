"""Every logger that can carry headers or URLs, at DEBUG (httpx, httpcore, urllib3, aiohttp, cloudsign, the root),
never shows a secret: signatures, security tokens, AK secrets or the database password in Content (issue 12).
Both signing schemes, every backend, sync and async, over real HTTP to the emulator."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest

from cloudsign.alibabacloud import Credentials, dataworks_client
from cloudsign.emulator.alibabacloud import create_app
from cloudsign.emulator.app import running
from dataworks_client.api.data_sources import create_connection as op

KEY, SECRET, TOKEN, PASSWORD = "LTAIlogRedaction0001", "sk-LOGSECRET-456", "tok-LOGSECRET-123", "pw-LOGSECRET-789"


@pytest.mark.parametrize("signature", ["ACS3-HMAC-SHA256", "HMAC-SHA1"])
@pytest.mark.parametrize("backends", [("stdlib", "aiohttp"), ("urllib3", "aiohttp"), ("httpx", "httpx")])
def test_debug_logs_of_every_library_hold_no_secret(
    caplog: pytest.LogCaptureFixture, signature: str, backends: tuple[str, str]
) -> None:
    caplog.set_level(logging.DEBUG)
    app = create_app(temporary_credentials=[(KEY, SECRET, TOKEN)])
    with running(app) as url:
        client = dataworks_client(
            endpoint=url,
            region="cn-shanghai",
            credentials=Credentials(KEY, SECRET, TOKEN),
            signature=signature,
            sync_backend=backends[0],
            async_backend=backends[1],
        )
        args: dict[str, Any] = {
            "connection_type": "rds",
            "content": json.dumps({"password": PASSWORD}),
            "env_type": 1,
            "name": "n",
            "project_id": 1,
        }
        assert op.sync_detailed(client=client, **args).status_code == 200

        async def run() -> int:
            return (await op.asyncio_detailed(client=client, **args)).status_code

        assert asyncio.run(run()) == 200
    libraries = {r.name.split(".")[0] for r in caplog.records}
    # http.client (the stdlib backend) logs nothing of its own
    wire_logger = {"stdlib": "cloudsign", "urllib3": "urllib3", "httpx": "httpcore"}[backends[0]]
    assert {"cloudsign", wire_logger} <= libraries, libraries
    for record in caplog.records:
        text = record.getMessage()
        assert "LOGSECRET" not in text, (record.name, text[:300])
        assert "Signature=" not in text or "Signature=%2A%2A%2A" in text or "Signature=***" in text, text[:300]


def test_the_prepared_call_in_captured_locals_shows_no_secret() -> None:
    """Error trackers print failing frames' locals: the pipeline's ``call`` (query, headers, body) prints masked.
    What still shows is listed in the README (the caller's own arguments, the HTTP libraries' frames)."""
    import traceback

    from cloudsign.errors import APIConnectionError

    client = dataworks_client(
        endpoint="http://127.0.0.1:9", region="cn-shanghai", credentials=Credentials(KEY, SECRET, TOKEN), max_attempts=1
    )
    args: dict[str, Any] = {"connection_type": "rds", "content": json.dumps({"password": PASSWORD}), "env_type": 1}
    with pytest.raises(APIConnectionError) as caught:
        op.call(client=client, project_id=1, name="n", **args)
    shown = [
        frame.locals["call"]
        for frame in traceback.TracebackException.from_exception(caught.value, capture_locals=True).stack
        if frame.locals and "call" in frame.locals
    ]
    assert shown, "no frame held the prepared call"
    for text in shown:
        assert "LOGSECRET" not in text and "not shown" in text, text
