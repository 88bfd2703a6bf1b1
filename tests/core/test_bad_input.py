"""Client-side failures are classified where they happen (issue 12): bad input is an InvalidParameterError naming the
field and nothing is sent; a client option it cannot honour is a ConfigurationError when it is built."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from cloudsign._core.errors import ConfigurationError, InvalidParameterError
from cloudsign._core.validation import MAX_JSON_CHARS, MAX_JSON_DEPTH, strict_json
from cloudsign.alibabacloud import Credentials, dataworks_client
from dataworks_client.api.data_sources import create_connection as op

SECRET = "s3cret-never-shown"


def _client(sent: list[httpx.Request]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"RequestId": "r", "Success": True, "Data": 1, "HttpStatusCode": 200})

    return dataworks_client(
        endpoint="http://127.0.0.1:9",
        region="cn-shanghai",
        credentials=Credentials("LTAIbadInput0001", SECRET),
        httpx_args={"transport": httpx.MockTransport(handler)},
    )


def _call(client: Any, **changes: Any) -> Any:
    args: dict[str, Any] = {
        "connection_type": "rds",
        "content": '{"a": "b"}',
        "env_type": 1,
        "name": "n",
        "project_id": 1,
    }
    args.update(changes)
    return op.sync_detailed(client=client, **args)


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"name": "bad\ud800name"}, "Name", "encoding"),
        ({"name": "x" * 1_000_000}, "Name", "maxUrlLength"),
        ({"content": '{"a": NaN}'}, "Content", "contentMediaType"),
        ({"content": '{"a": [Infinity]}'}, "Content", "contentMediaType"),
        ({"content": "[" * 100_000 + "]" * 100_000}, "Content", "contentMediaType"),
        ({"content": '{"a":' * (MAX_JSON_DEPTH + 1) + "1" + "}" * (MAX_JSON_DEPTH + 1)}, "Content", "contentMediaType"),
    ],
)
def test_bad_input_names_the_field_and_sends_nothing(changes: dict[str, Any], field: str, rule: str) -> None:
    sent: list[httpx.Request] = []
    with _client(sent) as client, pytest.raises(InvalidParameterError) as caught:
        _call(client, **changes)
    # Content's pattern (a JSON object, nested up to two levels) may refuse first; the strict JSON parse backs it up.
    rules = {rule, "pattern"} if field == "Content" else {rule}
    assert caught.value.field == field and caught.value.rule in rules
    assert sent == []
    assert len(str(caught.value)) < 500  # the value is not echoed whole


def test_good_input_is_sent_once() -> None:
    sent: list[httpx.Request] = []
    with _client(sent) as client:
        assert _call(client, content=json.dumps({"a": "é", "b": "x"})).status_code == 200
    assert len(sent) == 1


@pytest.mark.parametrize("key", ["headers", "timeout", "follow_redirects", "base_url", "cookies", "verify", "auth"])
def test_httpx_args_the_client_owns_are_refused_when_built(key: str) -> None:
    with pytest.raises(ConfigurationError, match=rf"httpx_args\['{key}'\]"):
        dataworks_client(
            endpoint="http://127.0.0.1:9",
            region="cn-shanghai",
            credentials=Credentials("LTAIbadInput0001", SECRET),
            httpx_args={key: None},
        )


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ('{"a": NaN}', "NaN is not JSON"),
        ('{"a": -Infinity}', "-Infinity is not JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested deeper"),
        ('{"a":' * (MAX_JSON_DEPTH + 1) + "1" + "}" * (MAX_JSON_DEPTH + 1), "nested deeper"),
        ('"' + "x" * MAX_JSON_CHARS + '"', "longer than"),
    ],
)
def test_strict_json_refuses_what_rfc_8259_and_the_bounds_refuse(raw: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        strict_json(raw)


def test_strict_json_reads_json() -> None:
    assert strict_json('{"a": [1, {"b": "é"}]}') == {"a": [1, {"b": "é"}]}
    deepest = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert strict_json(deepest) == json.loads(deepest)


@pytest.mark.parametrize(
    ("body", "rule"), [(None, "required"), ('{"password": "pw-never-shown"}', "type"), (5, "type")]
)
def test_a_body_the_model_cannot_be_is_refused_naming_body(body: Any, rule: str) -> None:
    """The generated function passes a non-model body through (no AttributeError); the pipeline refuses it."""
    from cloudsign.huaweicloud import Credentials as HuaweiCredentials
    from cloudsign.huaweicloud import das_client
    from das_client.api.connections import create_instance_connection

    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    client = das_client(
        endpoint="http://127.0.0.1:9",
        credentials=HuaweiCredentials("AKBADBODY00000000001", SECRET, project_id="0" * 32),
        httpx_args={"transport": httpx.MockTransport(handler)},
    )
    with pytest.raises(InvalidParameterError) as caught:
        create_instance_connection.sync_detailed("0" * 32, "i" * 36, client=client, body=body)
    assert (caught.value.field, caught.value.rule) == ("body", rule)
    assert "pw-never-shown" not in str(caught.value) and sent == []


@pytest.mark.parametrize("signature", ["ACS3-HMAC-SHA256", "HMAC-SHA1"])
def test_the_length_limit_is_the_wire_urls_signature_and_all(signature: str) -> None:
    """Alibaba's signers write the wire URL themselves (the pipeline leaves the query to them), and the limit is
    that URL's: for RPC the signature, nonce and timestamp count too (~250 characters the caller's query lacks).
    40 characters under the limit is sent; 40 over is refused, naming the longest parameter. (The margin: an RPC
    signature's percent-encoded length varies by a few characters from one signing to the next.)"""
    from cloudsign._core.refusals import MAX_URL_LENGTH

    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"RequestId": "r", "Success": True, "Data": 1, "HttpStatusCode": 200})

    client = dataworks_client(
        endpoint="http://127.0.0.1:9",
        region="cn-shanghai",
        credentials=Credentials("LTAIbadInput0001", SECRET),
        signature=signature,
        httpx_args={"transport": httpx.MockTransport(handler)},
    )
    with client:
        assert _call(client, name="n").status_code == 200
        slack = MAX_URL_LENGTH - len(str(sent[0].url))
        assert _call(client, name="n" * (1 + slack - 40)).status_code == 200
        assert MAX_URL_LENGTH - 50 < len(str(sent[1].url)) <= MAX_URL_LENGTH
        with pytest.raises(InvalidParameterError) as caught:
            _call(client, name="n" * (1 + slack + 40))
        assert (caught.value.field, caught.value.rule) == ("Name", "maxUrlLength")
        assert len(sent) == 2
