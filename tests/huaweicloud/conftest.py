"""Shared fixtures: keys, the example request, the emulator over real HTTP and the official client (test oracle)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from starlette.applications import Starlette

from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud import create_app
from cloudsign.huaweicloud import Credentials

AK = "HPUAEXAMPLEAK1234567"
SK = "s3cr3t-SK-value-never-printed-0123456789"
TOKEN = "t0ken-value-never-printed-abcdef"
PROJECT_ID = "052041494800d57c2f02c00275b4c247"
INSTANCE_ID = "bcfa975193f1402fa11a6d4fd6baf5fbin01"
EXAMPLE_BODY: dict[str, Any] = {
    "engine_type": "mysql",
    "network_type": "rds",
    "username": "root",
    "is_save_password": True,
    "password": "Gauss_2345",
    "sql_record_flag": True,
    "remarks": "create by api",
}


class Clock:
    """A settable clock for the emulator's 15-minute window and lock-out."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def creds() -> Credentials:
    return Credentials(AK, SK, project_id=PROJECT_ID)


@pytest.fixture
def app() -> Starlette:
    return create_app(credentials={AK: SK})


@pytest.fixture
def emulator_url(app: Starlette) -> Iterator[str]:
    with running(app) as url:
        yield url


def official_client(base_url: str, ak: str = AK, sk: str = SK, project_id: str = PROJECT_ID) -> Any:
    """huaweicloudsdkdas' DasClient pointed at ``base_url`` (test-only oracle)."""
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkdas.v3 import DasClient

    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True
    config.timeout = (5, 10)
    return (
        DasClient.new_builder()
        .with_http_config(config)
        .with_credentials(BasicCredentials(ak, sk, project_id))
        .with_endpoints([base_url])
        .build()
    )


def official_request(body: dict[str, Any], x_language: str | None = None, instance_id: str = INSTANCE_ID) -> Any:
    from huaweicloudsdkdas.v3 import CreateInstanceConnectionReq, CreateInstanceConnectionRequest

    return CreateInstanceConnectionRequest(
        instance_id=instance_id, x_language=x_language, body=CreateInstanceConnectionReq(**body)
    )


OfficialFactory = Callable[..., Any]
