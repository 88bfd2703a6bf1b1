"""Invalid input never leaves the machine; known secrets never show up in logs, reprs or exception texts."""

from __future__ import annotations

import asyncio
import logging
import traceback
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette

from cloudsign._core.errors import CloudSignError, InvalidParameterError
from cloudsign.alibabacloud import (
    Credentials,
    MySQLContent,
    RdsContent,
    acreate_connection,
    create_connection,
    dataworks_client,
)

VALID: dict[str, Any] = {
    "connection_type": "rds",
    "content": '{"database":"d","password":"pw-secret-77"}',
    "env_type": 0,
    "name": "n",
    "project_id": 1,
}
INVALID = st.one_of(
    st.integers().filter(lambda v: v not in (0, 1)).map(lambda v: ("env_type", v, "EnvType")),
    st.just(("name", "", "Name")),
    st.just(("connection_type", "", "ConnectionType")),
    st.text()
    .filter(lambda t: not t.strip().startswith(("{", "[", '"')) or t.strip() == "")
    .map(lambda t: ("content", t, "Content")),
    st.sampled_from(['{"database": 1}', '{"password": null}']).map(lambda t: ("content", t, "Content")),
    st.integers(min_value=2**63).map(lambda v: ("project_id", v, "ProjectId")),
    st.text(max_size=12).filter(lambda t: t.lower() != t or "-" not in t).map(lambda t: ("region_id", t, "RegionId")),
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(case=INVALID)
def test_invalid_inputs_raise_before_sending(case: tuple[str, Any, str]) -> None:
    field, value, spec_name = case
    sent: list[httpx.Request] = []
    client = dataworks_client(endpoint="http://127.0.0.1:9", credentials=Credentials("a", "b"))

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    client.set_httpx_client(httpx.Client(transport=httpx.MockTransport(handler)))
    with pytest.raises(InvalidParameterError) as info:
        create_connection(client, **{**VALID, field: value})
    assert info.value.field == spec_name and sent == []
    assert "pw-secret-77" not in str(info.value)


def test_helper_and_connection_type_must_agree() -> None:
    client = dataworks_client(endpoint="http://127.0.0.1:9", credentials=Credentials("a", "b"))
    content = MySQLContent(jdbc_url="jdbc:mysql://h/db", username="u", password="p")
    with pytest.raises(InvalidParameterError, match="ConnectionType"):
        create_connection(client, connection_type="rds", content=content, env_type=0, name="n", project_id=1)
    with pytest.raises(InvalidParameterError, match="ConnectionType"):
        create_connection(client, content="{}", env_type=0, name="n", project_id=1)


@pytest.mark.parametrize("scheme", ["ACS3-HMAC-SHA256", "HMAC-SHA1"])
def test_no_secret_in_logs_reprs_or_errors(
    emulator_url: str, emulator_app: Starlette, caplog: pytest.LogCaptureFixture, scheme: str
) -> None:
    secret, token, password = "test-secret-Zq81vX", "sts-token-Lk2", "db-password-Hh4"
    known = (secret, token, password)
    creds = Credentials("LTAItestAccessKeyId", secret, token)
    content = RdsContent(instance_name="i", database="d", username="u", password=password, rds_owner_id="1")
    texts: list[str] = [repr(creds), str(creds), repr(content)]
    caplog.set_level(logging.DEBUG)
    client = dataworks_client(endpoint=emulator_url, region="cn-shanghai", credentials=creds, signature=scheme)
    texts += [repr(client), repr(client.get_httpx_client().auth)]
    failures: list[BaseException] = []
    with client:
        # The emulator knows no STS tokens: its keys map id -> secret, so this call is signed and accepted.
        create_connection(client, content=content, env_type=1, name="n", project_id=1)
        for env_type, raw in ((5, content.to_json()), (1, '{"password": 5}')):
            try:
                create_connection(client, content=raw, connection_type="rds", env_type=env_type, name="n", project_id=1)
            except CloudSignError as exc:
                failures.append(exc)
    wrong = dataworks_client(endpoint=emulator_url, credentials=Credentials("LTAItestAccessKeyId", "x", token))

    async def run() -> None:
        async with wrong:
            await acreate_connection(wrong, content=content, env_type=1, name="n", project_id=1)

    try:
        asyncio.run(run())
    except CloudSignError as exc:
        failures.append(exc)
    assert len(failures) == 3
    for failure in failures:
        texts += [str(failure), repr(failure), "".join(traceback.format_exception(failure))]
    texts.append(caplog.text)
    texts += [r.getMessage() for r in caplog.records]
    assert any("POST" in r.getMessage() for r in caplog.records)  # httpx's own line is there, redacted
    for text in texts:
        for value in known:
            assert value not in text
