"""A run with known secrets — successes, a wrong key, a server error, invalid input, async — captured whole:
every log record at DEBUG (httpx, httpcore, cloudsign, root), every repr/str and every exception traceback.
None of the secrets may appear anywhere."""

from __future__ import annotations

import asyncio
import logging
import traceback
from typing import Any

import pytest

from cloudsign._core.errors import CloudSignError
from cloudsign.emulator.app import running
from cloudsign.emulator.faults import Fault

from .clouds import CLOUDS, Cloud

TOKEN = "STS-token-7f3e9c1d2b"


def _texts_of(exc: BaseException) -> list[str]:
    return [repr(exc), str(exc), "".join(traceback.format_exception(exc))]


@pytest.mark.parametrize("cloud", CLOUDS, ids=[c.name for c in CLOUDS])
def test_no_secret_reaches_logs_reprs_or_exceptions(cloud: Cloud, caplog: pytest.LogCaptureFixture) -> None:
    texts: list[str] = []
    app = cloud.make_app()
    with caplog.at_level(logging.DEBUG), running(app) as url:
        client = cloud.make_client(url)
        result = cloud.call(client)
        texts += [repr(client), str(client), repr(result), repr(client.get_httpx_client().pipeline.signer)]
        texts += [repr(client.get_httpx_client().headers), repr(client.get_httpx_client().pipeline)]
        texts += [repr(client.with_options(max_attempts=1)), repr(cloud.detailed(client))]
        # urllib3 sends this one: its own DEBUG request line must be redacted too (http.client logs nothing)
        wrong_client = cloud.make_client(url, sk="wrong-" + cloud.secrets[0], token=TOKEN, sync_backend="urllib3")
        with pytest.raises(CloudSignError) as wrong:  # a wrong secret
            cloud.call(wrong_client.with_options(max_attempts=1))
        texts += _texts_of(wrong.value)
        texts.append(repr(cloud.detailed(wrong_client.with_options(max_attempts=1))))
        app.state.emulator.faults.add(Fault(status=500, process=True))
        with pytest.raises(CloudSignError) as failed:
            cloud.call(client)
        texts += _texts_of(failed.value)
        with pytest.raises(CloudSignError) as invalid:  # the password itself breaks a rule
            bad: dict[str, Any] = (
                {
                    "body": {
                        "engine_type": "mysql",
                        "network_type": "rds",
                        "username": "u",
                        "is_save_password": True,
                        "password": [cloud.secrets[1]],
                    }
                }
                if cloud.name == "das"
                else {"content": '["' + cloud.secrets[1] + '"]'}
            )
            cloud.call(client, **bad)
        texts += _texts_of(invalid.value)
        with pytest.raises(CloudSignError) as invalid_detailed:  # the same through sync_detailed
            cloud.detailed(client, **bad)
        texts += _texts_of(invalid_detailed.value)

        async def go() -> Any:
            async with cloud.make_client(url, token=TOKEN) as aclient:
                try:
                    return await cloud.acall(aclient)
                except CloudSignError as exc:
                    return exc

        outcome = asyncio.run(go())
        texts += _texts_of(outcome) if isinstance(outcome, BaseException) else [repr(outcome)]
    texts += [r.getMessage() for r in caplog.records] + [caplog.text]
    joined = "\n".join(texts)
    assert "cloudsign" in caplog.text and "attempt=" in caplog.text, "the run must have logged"
    libraries = {r.name for r in caplog.records} & {"httpx", "urllib3.connectionpool"}
    assert libraries, "the HTTP library's own request line must be present (and redacted)"
    for secret in (*cloud.secrets, TOKEN, "wrong-" + cloud.secrets[0]):
        assert secret not in joined, f"a secret leaked ({len(secret)} chars)"
