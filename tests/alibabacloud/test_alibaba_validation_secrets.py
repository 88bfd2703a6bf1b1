"""Invalid input never leaves the machine; known secrets never show up in logs, reprs or exception texts."""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cloudsign._core.errors import CloudSignError, InvalidParameterError
from cloudsign.alibabacloud import Credentials, MySQLContent, RdsContent, dataworks_client
from cloudsign.emulator.alibabacloud import create_app
from cloudsign.emulator.app import running
from dataworks_client.api.data_sources import create_connection as op

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


def mocked(sent: list[httpx.Request], **kwargs: Any) -> Any:
    """A client whose requests go to a mock transport (through the pipeline, on the httpx backend)."""

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"RequestId": "r", "Success": True, "Data": 1, "HttpStatusCode": 200})

    return dataworks_client(
        endpoint="http://127.0.0.1:9",
        credentials=Credentials("a", "b"),
        httpx_args={"transport": httpx.MockTransport(handler)},
        **kwargs,
    )


@settings(max_examples=300, derandomize=True, deadline=None)
@given(case=INVALID, entry=st.sampled_from(["call", "sync_detailed"]))
def test_invalid_inputs_raise_before_sending(case: tuple[str, Any, str], entry: str) -> None:
    field, value, spec_name = case
    sent: list[httpx.Request] = []
    client = mocked(sent)
    with pytest.raises(InvalidParameterError) as info:
        getattr(op, entry)(client=client, **{**VALID, field: value})
    assert info.value.field == spec_name and sent == []
    assert "pw-secret-77" not in str(info.value)


def test_invalid_inputs_are_sent_when_validation_is_off() -> None:
    sent: list[httpx.Request] = []
    bad = {**VALID, "env_type": 7, "content": "not json"}
    op.sync_detailed(client=mocked(sent, validate=False), **bad)
    op.sync_detailed(client=mocked(sent).with_options(validate=False), **bad)
    assert len(sent) == 2 and all(r.url.params["EnvType"] == "7" for r in sent)
    with pytest.raises(InvalidParameterError, match=r"EnvType|Content"):
        op.sync_detailed(client=mocked(sent, validate=False).with_options(validate=True), **bad)
    assert len(sent) == 2


def test_helpers_carry_their_connection_type_and_a_missing_one_is_refused() -> None:
    sent: list[httpx.Request] = []
    client = mocked(sent)
    content = MySQLContent(jdbc_url="jdbc:mysql://h/db", username="u", password="p")
    assert content.connection_type == "mysql"
    out = op.call(
        client=client,
        connection_type=content.connection_type,
        content=content.to_json(),
        env_type=0,
        name="n",
        project_id=1,
    )
    assert out.data == 1 and sent[0].url.params["ConnectionType"] == "mysql"
    assert sent[0].url.params["Content"] == content.to_json()
    # The generated functions always pass ConnectionType; the client refuses a request without it all the same.
    params = {"Action": "CreateConnection", "Version": "2020-05-18", "Content": "{}", "EnvType": 0}
    with pytest.raises(InvalidParameterError, match="ConnectionType"):
        client.get_httpx_client().request("post", "/", params={**params, "Name": "n", "ProjectId": 1})
    assert len(sent) == 1


@pytest.fixture(scope="module")
def temporary_key_url() -> Iterator[str]:
    """An emulator that knows the test's key as a temporary one, issued with ``sts-token-Lk2``."""
    app = create_app(temporary_credentials=[("LTAItestAccessKeyId", "test-secret-Zq81vX", "sts-token-Lk2")])
    with running(app) as url:
        yield url


@pytest.mark.parametrize("scheme", ["ACS3-HMAC-SHA256", "HMAC-SHA1"])
def test_no_secret_in_logs_reprs_or_errors(
    temporary_key_url: str, caplog: pytest.LogCaptureFixture, scheme: str
) -> None:
    emulator_url = temporary_key_url
    secret, token, password = "test-secret-Zq81vX", "sts-token-Lk2", "db-password-Hh4"
    known = (secret, token, password)
    creds = Credentials("LTAItestAccessKeyId", secret, token)
    content = RdsContent(instance_name="i", database="d", username="u", password=password, rds_owner_id="1")
    texts: list[str] = [repr(creds), str(creds), repr(content)]
    caplog.set_level(logging.DEBUG)
    client = dataworks_client(endpoint=emulator_url, region="cn-shanghai", credentials=creds, signature=scheme)
    texts += [repr(client), repr(client.get_httpx_client().pipeline.signer)]  # type: ignore[attr-defined]
    failures: list[BaseException] = []
    helper: dict[str, Any] = {"connection_type": content.connection_type, "content": content.to_json()}
    with client:
        # The key is temporary and its token comes along (signed): accepted.
        texts.append(repr(op.call(client=client, **helper, env_type=1, name="n", project_id=1)))
        texts.append(repr(op.sync_detailed(client=client, **helper, env_type=1, name="n", project_id=1)))
        # urllib3 sends this one: its own DEBUG request line must be redacted too (http.client logs nothing)
        via_urllib3 = dataworks_client(
            endpoint=emulator_url, region="cn-shanghai", credentials=creds, signature=scheme, sync_backend="urllib3"
        )
        texts.append(repr(op.sync_detailed(client=via_urllib3, **helper, env_type=1, name="n", project_id=1)))
        bad: list[tuple[Any, str]] = [(5, content.to_json()), (1, '{"password": 5}')]
        for env_type, raw in bad:
            try:
                op.call(client=client, content=raw, connection_type="rds", env_type=env_type, name="n", project_id=1)
            except CloudSignError as exc:
                failures.append(exc)
    wrong = dataworks_client(endpoint=emulator_url, credentials=Credentials("LTAItestAccessKeyId", "x", token))

    async def run() -> None:
        async with wrong:
            await op.acall(client=wrong, **helper, env_type=1, name="n", project_id=1)

    try:
        asyncio.run(run())
    except CloudSignError as exc:
        failures.append(exc)
    assert len(failures) == 3
    for failure in failures:
        texts += [str(failure), repr(failure), "".join(traceback.format_exception(failure))]
    texts.append(caplog.text)
    texts += [r.getMessage() for r in caplog.records]
    # the HTTP library's own request line is there, redacted
    assert any("POST" in r.getMessage() for r in caplog.records if r.name in ("httpx", "urllib3.connectionpool"))
    for text in texts:
        for value in known:
            assert value not in text
