"""Our client end to end against the emulator over real HTTP: sync and async (aiohttp by default), validation
before sending, safe retries under injected faults, configuration errors at build time."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from typing import Any

import httpx
import pytest

from cloudsign._core.errors import (
    APIConnectionError,
    APIResponseValidationError,
    ConfigurationError,
    InvalidParameterError,
)
from cloudsign.huaweicloud import Credentials, acreate_instance_connection, create_instance_connection, das_client
from cloudsign.huaweicloud import errors as das_errors
from cloudsign.huaweicloud.client import DASClient

from .conftest import AK, EXAMPLE_BODY, INSTANCE_ID, PROJECT_ID, SK


def client(url: str, **kwargs: Any) -> DASClient:
    return das_client(endpoint=url, credentials=Credentials(AK, SK, project_id=PROJECT_ID), **kwargs)


def creations(url: str) -> int:
    return int(httpx.get(url + "/_emulator/creations").json()["count"])


def fault(url: str, **spec: Any) -> None:
    assert httpx.post(url + "/_emulator/faults", json=spec).status_code == 200


def test_sync_success(emulator_url: str) -> None:
    out = create_instance_connection(client(emulator_url), PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY)
    assert len(out.connection_id) == 36
    assert creations(emulator_url) == 1


def test_async_success_uses_aiohttp(emulator_url: str) -> None:
    c = client(emulator_url)

    async def run() -> list[str]:
        outs = await asyncio.gather(
            *(acreate_instance_connection(c, PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY) for _ in range(20))
        )
        assert type(c.get_async_httpx_client()).__name__ == "AiohttpSignedClient"
        assert "aiohttp" in sys.modules
        await c.get_async_httpx_client().aclose()
        return [o.connection_id for o in outs]

    ids = asyncio.run(run())
    assert len(set(ids)) == 20
    assert creations(emulator_url) == 20


def test_async_plain_httpx_backend(emulator_url: str) -> None:
    c = client(emulator_url, async_backend="httpx")

    async def run() -> str:
        out = await acreate_instance_connection(c, PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY, x_language="zh-cn")
        assert type(c.get_async_httpx_client()) is httpx.AsyncClient
        await c.get_async_httpx_client().aclose()
        return out.connection_id

    assert asyncio.run(run())


def test_wrong_secret_raises_authentication_error(emulator_url: str) -> None:
    c = das_client(endpoint=emulator_url, credentials=Credentials(AK, "wrong-secret-value"))
    with pytest.raises(das_errors.AuthenticationError) as info:
        create_instance_connection(c, PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY)
    assert info.value.code == "APIGW.0301"
    assert info.value.request_id
    assert isinstance(info.value, das_errors.DASError)
    assert "wrong-secret-value" not in str(info.value) + repr(info.value)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**EXAMPLE_BODY, "engine_type": "oracle"}, "engine_type"),
        ({**EXAMPLE_BODY, "port": 70000}, "port"),
        ({**EXAMPLE_BODY, "node_ids": ["x"]}, "node_ids[0]"),
        ({k: v for k, v in EXAMPLE_BODY.items() if k != "username"}, "username"),
    ],
)
def test_invalid_input_raises_before_sending(emulator_url: str, body: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidParameterError) as info:
        create_instance_connection(client(emulator_url), PROJECT_ID, INSTANCE_ID, body=body)
    assert info.value.field == field
    assert creations(emulator_url) == 0


def test_invalid_ids_and_language_raise_before_sending(emulator_url: str) -> None:
    c = client(emulator_url)
    with pytest.raises(InvalidParameterError, match="project_id"):
        create_instance_connection(c, "short", INSTANCE_ID, body=EXAMPLE_BODY)
    with pytest.raises(InvalidParameterError, match="X-Language"):
        create_instance_connection(c, PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY, x_language="fr")  # type: ignore[arg-type]
    assert creations(emulator_url) == 0


def test_model_body_and_integral_float(emulator_url: str) -> None:
    from das_client.models import CreateInstanceConnectionRequestBody

    model = CreateInstanceConnectionRequestBody.from_dict({**EXAMPLE_BODY, "port": 3306})
    assert create_instance_connection(client(emulator_url), PROJECT_ID, INSTANCE_ID, body=model).connection_id
    create_instance_connection(client(emulator_url), PROJECT_ID, INSTANCE_ID, body={**EXAMPLE_BODY, "port": 3413.0})
    assert creations(emulator_url) == 2


def test_throttled_then_success_creates_once(emulator_url: str) -> None:
    fault(emulator_url, status=429, count=1, retry_after=0)
    out = create_instance_connection(client(emulator_url), PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY)
    assert out.connection_id
    assert creations(emulator_url) == 1


def test_throttling_exhausts_attempts(emulator_url: str) -> None:
    fault(emulator_url, status=429, count=5, retry_after=0)
    with pytest.raises(das_errors.ThrottlingError) as info:
        create_instance_connection(client(emulator_url), PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY, max_attempts=2)
    assert info.value.retry_after == 0
    assert info.value.code == "APIGW.0308"
    assert creations(emulator_url) == 0


def test_503_is_retried(emulator_url: str) -> None:
    fault(emulator_url, status=503, count=1)
    assert create_instance_connection(client(emulator_url), PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY)
    assert creations(emulator_url) == 1


def test_500_after_processing_is_not_retried(emulator_url: str) -> None:
    fault(emulator_url, status=500, count=1, process=True)
    with pytest.raises(das_errors.ServerError):
        create_instance_connection(client(emulator_url), PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY)
    assert creations(emulator_url) == 1


def test_drop_after_processing_is_not_retried(emulator_url: str) -> None:
    fault(emulator_url, status=200, count=1, drop=True, process=True)
    with pytest.raises(APIConnectionError) as info:
        create_instance_connection(client(emulator_url), PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY)
    assert info.value.may_have_reached_server
    assert creations(emulator_url) == 1


@pytest.mark.parametrize("kind", ["html", "truncated"])
def test_broken_bodies_raise_validation_error(emulator_url: str, kind: str) -> None:
    fault(emulator_url, status=500 if kind == "html" else 200, count=1, body=kind, process=True)
    # The generated parser chokes on these documented statuses, so the shared class is raised.
    with pytest.raises(APIResponseValidationError):
        create_instance_connection(client(emulator_url), PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY)
    assert creations(emulator_url) == 1


def test_slow_response_times_out_without_retry(emulator_url: str) -> None:
    fault(emulator_url, status=200, count=1, latency=2.0, process=True)
    c = client(emulator_url, timeout=httpx.Timeout(0.3, connect=2.0))
    with pytest.raises(APIConnectionError):
        create_instance_connection(c, PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY)
    assert creations(emulator_url) == 1


def test_configuration_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUAWEICLOUD_SDK_REGION", raising=False)
    creds = Credentials(AK, SK)
    with pytest.raises(ConfigurationError, match="region"):
        das_client(credentials=creds)
    with pytest.raises(ConfigurationError, match="region"):
        das_client(region="Not A Region", credentials=creds)
    with pytest.raises(ConfigurationError, match="endpoint"):
        das_client(endpoint="ftp://x", credentials=creds)
    with pytest.raises(ConfigurationError, match="auth"):
        das_client(region="cn-north-4", credentials=creds, httpx_args={"auth": None})
    monkeypatch.setenv("HUAWEICLOUD_SDK_REGION", "ap-southeast-1")
    c = das_client(credentials=creds)
    assert c._base_url == "https://das.ap-southeast-1.myhuaweicloud.com"
    assert das_client(region="cn-north-4", credentials=creds)._base_url == "https://das.cn-north-4.myhuaweicloud.com"
    assert SK not in repr(c)


def test_plain_generated_client_with_auth_works(emulator_url: str) -> None:
    """The auth object works on its own: a plain das_client.Client with DASAuth gets the default RetryPolicy."""
    from cloudsign.huaweicloud import DASAuth
    from das_client import Client

    plain = Client(base_url=emulator_url, httpx_args={"auth": DASAuth(Credentials(AK, SK))})
    assert create_instance_connection(plain, PROJECT_ID, INSTANCE_ID, body=EXAMPLE_BODY).connection_id


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


def test_import_is_light() -> None:
    code = (
        "import sys, cloudsign.huaweicloud as h\n"
        "h.das_client(region='cn-north-4', credentials=h.Credentials('a', 'b'))\n"
        "bad = [m for m in ('aiohttp', 'starlette', 'yaml', 'uvicorn') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
