"""Our client end to end against the emulator over real HTTP, through the generated functions: sync (stdlib, the
default; urllib3 and httpx backends) and async (aiohttp and httpx), validation before sending, safe retries under
injected faults, typed errors and request ids from ``call``, configuration errors at build time."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
from typing import Any, cast

import httpx
import pytest

import das_client
from cloudsign._core.async_client import AsyncClient
from cloudsign._core.errors import (
    APIConnectionError,
    APIResponseValidationError,
    ConfigurationError,
    InvalidParameterError,
)
from cloudsign._core.sync_client import SyncClient
from cloudsign.huaweicloud import Credentials
from cloudsign.huaweicloud import das_client as make_das_client
from cloudsign.huaweicloud import errors as das_errors
from das_client.api.connections import create_instance_connection as op
from das_client.models import CreateInstanceConnectionRequestBody, CreateInstanceConnectionResponseBody
from tests.e2e.clouds import das_body

from .conftest import AK, EXAMPLE_BODY, INSTANCE_ID, PROJECT_ID, SK

MODEL = CreateInstanceConnectionRequestBody.from_dict(EXAMPLE_BODY)


def client(url: str, **kwargs: Any) -> das_client.Client:
    return make_das_client(endpoint=url, credentials=Credentials(AK, SK, project_id=PROJECT_ID), **kwargs)


def options(c: das_client.Client, **changes: Any) -> das_client.Client:
    """``options(c, **changes)``. The method is on the class the factory makes, not on the generated class the
    factory's return type names, so a type checker does not see it: reached through ``Any`` here."""
    copy: das_client.Client = cast(Any, c).with_options(**changes)
    return copy


def pipeline_of(c: das_client.Client) -> Any:
    return cast(Any, c.get_httpx_client()).pipeline


def creations(url: str) -> int:
    return int(httpx.get(url + "/_emulator/creations").json()["count"])


def fault(url: str, **spec: Any) -> None:
    assert httpx.post(url + "/_emulator/faults", json=spec).status_code == 200


@pytest.fixture(params=["stdlib", "urllib3", "httpx"])  # stdlib: the default
def backend(request: pytest.FixtureRequest) -> str:
    return request.param  # type: ignore[no-any-return]


def test_factory_returns_the_generated_client_class(emulator_url: str) -> None:
    from cloudsign import huaweicloud

    c = client(emulator_url)
    assert isinstance(c, das_client.Client)
    assert isinstance(c.get_httpx_client(), SyncClient) and isinstance(c.get_async_httpx_client(), AsyncClient)
    generic = huaweicloud.client(das_client.Client, endpoint=emulator_url, credentials=Credentials(AK, SK))
    assert type(generic) is type(c)
    assert op.call(PROJECT_ID, INSTANCE_ID, client=generic, body=MODEL).connection_id


def test_generic_factory_stays_callable_after_first_use() -> None:
    """``huaweicloud.client`` is the factory function, also once the module that defines it has been imported."""
    from cloudsign import huaweicloud

    creds = Credentials(AK, SK)
    huaweicloud.das_client(region="cn-north-4", credentials=creds)
    assert isinstance(huaweicloud.client(das_client.Client, region="cn-north-4", credentials=creds), das_client.Client)


def test_sync_success_through_call_and_sync_detailed(emulator_url: str, backend: str) -> None:
    c = client(emulator_url, sync_backend=backend)
    out = op.call(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL)
    assert isinstance(out, CreateInstanceConnectionResponseBody) and len(out.connection_id) == 36
    response = op.sync_detailed(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL, x_language="zh-cn")
    assert response.status_code == 200 and isinstance(response.parsed, CreateInstanceConnectionResponseBody)
    plain = op.sync(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL)  # None only for an undocumented status
    assert isinstance(plain, CreateInstanceConnectionResponseBody) and len(plain.connection_id) == 36
    assert c.get_httpx_client().backend == backend  # type: ignore[attr-defined]
    assert creations(emulator_url) == 3


def test_call_sets_the_request_id(emulator_url: str, backend: str, caplog: pytest.LogCaptureFixture) -> None:
    c = client(emulator_url, sync_backend=backend)
    with caplog.at_level(logging.INFO, logger="cloudsign"):
        out = op.call(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL)
    assert out._request_id and len(out._request_id) >= 16
    assert f"request_id={out._request_id} " in caplog.text  # the X-Request-Id the attempt's log line shows
    plain = op.sync_detailed(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL)
    assert plain.parsed is not None and plain.parsed._request_id is None  # only call/acall set it
    assert plain.headers["X-Request-Id"] and plain.headers["X-Request-Id"] != out._request_id


@pytest.mark.parametrize("async_backend", ["aiohttp", "httpx"])
def test_async_success(emulator_url: str, async_backend: str) -> None:
    c = client(emulator_url, async_backend=async_backend)

    async def run() -> list[str]:
        async with c:
            outs = await asyncio.gather(*(op.acall(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL) for _ in range(20)))
            detailed = await op.asyncio_detailed(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL, x_language="zh-cn")
            assert detailed.status_code == 200
            transport = c.get_async_httpx_client()
            assert isinstance(transport, AsyncClient) and transport.backend == async_backend
            assert "aiohttp" in sys.modules  # both backends send through aiohttp
            assert all(o._request_id for o in outs)
            return [o.connection_id for o in outs]

    ids = asyncio.run(run())
    assert len(set(ids)) == 20
    assert creations(emulator_url) == 21


def test_wrong_secret_raises_authentication_error(emulator_url: str, backend: str) -> None:
    c = make_das_client(endpoint=emulator_url, credentials=Credentials(AK, "wrong-secret-value"), sync_backend=backend)
    with pytest.raises(das_errors.AuthenticationError) as info:
        op.call(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL)
    assert info.value.code == "APIGW.0301"
    assert info.value.request_id
    assert isinstance(info.value, das_errors.DASError)
    assert "wrong-secret-value" not in str(info.value) + repr(info.value)
    response = op.sync_detailed(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL)
    assert response.status_code == 401 and response.parsed is not None
    assert getattr(response.parsed, "error_code", None) == "APIGW.0301"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**EXAMPLE_BODY, "engine_type": "oracle"}, "engine_type"),
        ({**EXAMPLE_BODY, "port": 70000}, "port"),
        ({**EXAMPLE_BODY, "node_ids": ["x"]}, "node_ids[0]"),
        ({k: v for k, v in EXAMPLE_BODY.items() if k != "username"}, "username"),
    ],
)
def test_invalid_input_raises_before_sending(emulator_url: str, body: dict[str, Any], field: str, backend: str) -> None:
    c = client(emulator_url, sync_backend=backend)
    for send in (op.call, op.sync_detailed):
        with pytest.raises(InvalidParameterError) as info:
            send(PROJECT_ID, INSTANCE_ID, client=c, body=das_body(body))
        assert info.value.field == field

    async def run() -> None:
        async with client(emulator_url) as ac:
            with pytest.raises(InvalidParameterError) as info:
                await op.asyncio_detailed(PROJECT_ID, INSTANCE_ID, client=ac, body=das_body(body))
            assert info.value.field == field

    asyncio.run(run())
    assert creations(emulator_url) == 0


def test_invalid_ids_and_language_raise_before_sending(emulator_url: str) -> None:
    c = client(emulator_url)
    with pytest.raises(InvalidParameterError, match="project_id"):
        op.call("short", INSTANCE_ID, client=c, body=MODEL)
    with pytest.raises(InvalidParameterError, match="X-Language"):
        op.sync_detailed(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL, x_language="fr")  # type: ignore[arg-type]
    assert creations(emulator_url) == 0


def test_validation_switched_off_per_client_and_per_call(emulator_url: str) -> None:
    bad = das_body({**EXAMPLE_BODY, "port": 70000})
    c = client(emulator_url)
    # Sent as given: the emulator's own check (the cloud's, in production) refuses it.
    assert op.sync_detailed(PROJECT_ID, INSTANCE_ID, client=options(c, validate=False), body=bad).status_code == 400
    off = client(emulator_url, validate=False)
    with pytest.raises(das_errors.BadRequestError):
        op.call(PROJECT_ID, INSTANCE_ID, client=off, body=bad)
    with pytest.raises(InvalidParameterError):  # the per-call copy left the client as it was
        op.call(PROJECT_ID, INSTANCE_ID, client=c, body=bad)
    with pytest.raises(InvalidParameterError):  # and a per-call copy can switch it back on
        op.call(PROJECT_ID, INSTANCE_ID, client=options(off, validate=True), body=bad)
    assert creations(emulator_url) == 0


def test_model_body_and_integral_float(emulator_url: str) -> None:
    model = CreateInstanceConnectionRequestBody.from_dict({**EXAMPLE_BODY, "port": 3306})
    assert op.call(PROJECT_ID, INSTANCE_ID, client=client(emulator_url), body=model).connection_id
    floated = CreateInstanceConnectionRequestBody.from_dict({**EXAMPLE_BODY, "port": 3413.0})
    assert op.sync_detailed(PROJECT_ID, INSTANCE_ID, client=client(emulator_url), body=floated).status_code == 200
    assert creations(emulator_url) == 2


def test_throttled_then_success_creates_once(emulator_url: str, backend: str) -> None:
    fault(emulator_url, status=429, count=1, retry_after=0)
    out = op.call(PROJECT_ID, INSTANCE_ID, client=client(emulator_url, sync_backend=backend), body=MODEL)
    assert out.connection_id
    fault(emulator_url, status=429, count=1, retry_after=0)
    detailed = op.sync_detailed(PROJECT_ID, INSTANCE_ID, client=client(emulator_url, sync_backend=backend), body=MODEL)
    assert detailed.status_code == 200
    assert creations(emulator_url) == 2


def test_throttling_exhausts_attempts(emulator_url: str, backend: str) -> None:
    fault(emulator_url, status=429, count=5, retry_after=0)
    c = client(emulator_url, sync_backend=backend)
    with pytest.raises(das_errors.ThrottlingError) as info:
        op.call(PROJECT_ID, INSTANCE_ID, client=options(c, max_attempts=2), body=MODEL)
    assert info.value.retry_after == 0
    assert info.value.code == "APIGW.0308"
    assert type(info.value) is das_errors.APIGW0308Error  # the documented code's own class
    # three faults left: sync_detailed with the client's three attempts gets through none of them
    response = op.sync_detailed(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL)
    assert response.status_code == 429
    assert httpx.get(emulator_url + "/_emulator/creations").json()["count"] == 0
    assert op.call(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL).connection_id  # the faults are used up


def test_503_is_retried(emulator_url: str, backend: str) -> None:
    fault(emulator_url, status=503, count=1)
    assert op.call(PROJECT_ID, INSTANCE_ID, client=client(emulator_url, sync_backend=backend), body=MODEL)
    assert creations(emulator_url) == 1


def test_500_after_processing_is_not_retried(emulator_url: str, backend: str) -> None:
    fault(emulator_url, status=500, count=1, process=True)
    with pytest.raises(das_errors.ServerError):
        op.call(PROJECT_ID, INSTANCE_ID, client=client(emulator_url, sync_backend=backend), body=MODEL)
    assert creations(emulator_url) == 1


def test_drop_after_processing_is_not_retried(emulator_url: str, backend: str) -> None:
    fault(emulator_url, status=200, count=1, drop=True, process=True)
    with pytest.raises(APIConnectionError) as info:
        op.sync_detailed(PROJECT_ID, INSTANCE_ID, client=client(emulator_url, sync_backend=backend), body=MODEL)
    assert info.value.may_have_reached_server
    assert creations(emulator_url) == 1


@pytest.mark.parametrize("kind", ["html", "truncated"])
def test_broken_bodies_raise_validation_error(emulator_url: str, kind: str) -> None:
    fault(emulator_url, status=500 if kind == "html" else 200, count=1, body=kind, process=True)
    with pytest.raises(APIResponseValidationError) as info:
        op.call(PROJECT_ID, INSTANCE_ID, client=client(emulator_url), body=MODEL)
    assert info.value.status_code == (500 if kind == "html" else 200)
    assert creations(emulator_url) == 1


def test_slow_response_times_out_without_retry(emulator_url: str, backend: str) -> None:
    fault(emulator_url, status=200, count=1, latency=2.0, process=True)
    c = client(emulator_url, timeout=httpx.Timeout(0.3, connect=2.0), sync_backend=backend)
    with pytest.raises(APIConnectionError):
        op.call(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL)
    assert creations(emulator_url) == 1


def test_configuration_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    from cloudsign import huaweicloud

    monkeypatch.delenv("HUAWEICLOUD_SDK_REGION", raising=False)
    creds = Credentials(AK, SK)
    with pytest.raises(ConfigurationError, match="region"):
        make_das_client(credentials=creds)
    with pytest.raises(ConfigurationError, match="region"):
        make_das_client(region="Not A Region", credentials=creds)
    with pytest.raises(ConfigurationError, match="endpoint"):
        make_das_client(endpoint="ftp://x", credentials=creds)
    with pytest.raises(ConfigurationError, match="auth"):
        make_das_client(region="cn-north-4", credentials=creds, httpx_args={"auth": None})
    with pytest.raises(ConfigurationError, match="sync_backend"):
        make_das_client(region="cn-north-4", credentials=creds, sync_backend="requests")
    with pytest.raises(ConfigurationError, match="async_backend"):
        make_das_client(region="cn-north-4", credentials=creds, async_backend="trio")
    with pytest.raises(ConfigurationError, match="max_attempts"):
        make_das_client(region="cn-north-4", credentials=creds, max_attempts=0)
    with pytest.raises(ConfigurationError, match="max_attempts"):
        options(make_das_client(region="cn-north-4", credentials=creds), max_attempts=0)
    monkeypatch.setenv("HUAWEICLOUD_SDK_REGION", "ap-southeast-1")
    c = make_das_client(credentials=creds)
    assert c._base_url == "https://das.ap-southeast-1.myhuaweicloud.com"
    assert (
        make_das_client(region="cn-north-4", credentials=creds)._base_url == "https://das.cn-north-4.myhuaweicloud.com"
    )
    generic = huaweicloud.client(das_client.Client, region="cn-north-4", credentials=creds)
    assert generic._base_url == "https://das.cn-north-4.myhuaweicloud.com"
    assert SK not in repr(c) + repr(generic)


def test_plain_generated_client_with_auth_works(emulator_url: str) -> None:
    """The auth object works on its own: a plain das_client.Client with DASAuth signs; its ``call`` returns the
    parsed body (no request id: only cloudsign's clients carry it) or raises the generated UnexpectedStatus."""
    from cloudsign.huaweicloud import DASAuth

    plain = das_client.Client(base_url=emulator_url, httpx_args={"auth": DASAuth(Credentials(AK, SK))})
    out = op.call(PROJECT_ID, INSTANCE_ID, client=plain, body=MODEL)
    assert out.connection_id and out._request_id is None
    wrong = das_client.Client(base_url=emulator_url, httpx_args={"auth": DASAuth(Credentials(AK, "wrong"))})
    with pytest.raises(das_client.errors.UnexpectedStatus) as info:
        op.call(PROJECT_ID, INSTANCE_ID, client=wrong, body=MODEL)
    assert info.value.status_code == 401


def test_with_options_shares_the_client_settings(emulator_url: str) -> None:
    c = client(emulator_url, max_attempts=4)
    view = options(c, max_attempts=1)
    assert isinstance(view, das_client.Client) and view._base_url == c._base_url
    assert pipeline_of(c).options.max_attempts == 4
    assert pipeline_of(view).options.max_attempts == 1
    assert pipeline_of(view).signer is pipeline_of(c).signer
    nested = pipeline_of(options(view, retry_unsafe=True)).options
    assert (nested.max_attempts, nested.retry_unsafe, nested.validate) == (1, True, True)


def test_with_options_before_the_first_request_shares_connections(emulator_url: str) -> None:
    c = client(emulator_url)
    view = options(c, max_attempts=1)
    op.call(PROJECT_ID, INSTANCE_ID, client=view, body=MODEL)
    op.call(PROJECT_ID, INSTANCE_ID, client=c, body=MODEL)
    shared = view.get_httpx_client()._wire.pool  # type: ignore[attr-defined]
    assert shared and shared is c.get_httpx_client()._wire.pool  # type: ignore[attr-defined]


def test_requests_adapter_signs(emulator_url: str) -> None:
    import requests

    from cloudsign.huaweicloud import requests_auth

    auth = requests_auth(Credentials(AK, SK))
    r = requests.post(
        f"{emulator_url}/v3/{PROJECT_ID}/instances/{INSTANCE_ID}/create-connection",
        json=EXAMPLE_BODY,
        auth=auth,
        timeout=10,
    )
    assert r.status_code == 200, r.text
    assert SK not in repr(auth)


@pytest.mark.parametrize(
    ("where", "heavy"),
    [
        ("endpoint='https://das.cn-north-4.myhuaweicloud.com'", ("aiohttp", "starlette", "yaml", "uvicorn")),
        # By region the endpoint comes from the spec's servers URL, read without parsing (or importing) YAML.
        ("region='cn-north-4'", ("aiohttp", "starlette", "uvicorn", "yaml")),
    ],
    ids=["endpoint", "region"],
)
def test_import_is_light(where: str, heavy: tuple[str, ...]) -> None:
    code = (
        "import sys, cloudsign.huaweicloud as h\n"
        f"h.das_client({where}, credentials=h.Credentials('a', 'b'))\n"
        f"bad = [m for m in {heavy!r} if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
