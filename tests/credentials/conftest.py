"""Fixtures for the credential providers: a clean environment, defaults pointed at a closed local port (no test
ever reaches a real metadata service), and the emulators served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.applications import Starlette

from cloudsign.alibabacloud import providers as ali_providers
from cloudsign.emulator.alibabacloud_identity import create_metadata_app, create_sts_app
from cloudsign.emulator.app import running

CLOSED = "http://127.0.0.1:9"  # the discard port: nothing listens, connections are refused at once
AK = "LTAIcredsTestKey"
SK = "creds-test-secret-Pq83"  # searched for in output by the secrets tests
ROLE = "cloudsign-test-role"
ROLE_ARN = "acs:ram::1234567890123456:role/cloudsign-test"
OIDC_PROVIDER_ARN = "acs:ram::1234567890123456:oidc-provider/ack-rrsa"
OIDC_TOKEN = "eyJhbGciOiJSUzI1NiJ9.oidc-token-value.sig"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    import os

    for name in list(os.environ):
        if name.startswith(("ALIBABA_CLOUD_", "HUAWEICLOUD_", "HC_CONTAINER_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setattr(ali_providers, "ECS_METADATA_ENDPOINT", CLOSED)
    from cloudsign.huaweicloud import providers as hw_providers

    monkeypatch.setattr(hw_providers, "METADATA_ENDPOINT", CLOSED)


@pytest.fixture
def metadata_app() -> Starlette:
    return create_metadata_app(role=ROLE)


@pytest.fixture
def metadata_url(metadata_app: Starlette) -> Iterator[str]:
    with running(metadata_app) as url:
        yield url


@pytest.fixture
def sts_app() -> Starlette:
    return create_sts_app({AK: SK}, oidc_tokens=[OIDC_TOKEN])


@pytest.fixture
def sts_url(sts_app: Starlette) -> Iterator[str]:
    with running(sts_app) as url:
        yield url
