"""Fixtures for the Alibaba tests: fixed keys, an emulator served over real HTTP on 127.0.0.1, a clean env."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.applications import Starlette

from cloudsign.alibabacloud import Credentials
from cloudsign.emulator.alibabacloud import create_app
from cloudsign.emulator.app import running

AK = "LTAItestAccessKeyId"
SK = "test-secret-Zq81vX"  # a known secret: the secrets test searches all output for it
CREDS = Credentials(AK, SK)


@pytest.fixture(autouse=True)
def _no_alibaba_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never see the developer's real keys, profile files or region."""
    for name in (
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "ALIBABA_CLOUD_SECURITY_TOKEN",
        "ALIBABA_CLOUD_CREDENTIALS_FILE",
        "ALIBABA_CLOUD_PROFILE",
        "ALIBABA_CLOUD_REGION_ID",
        "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    # The default chain ends with the ECS metadata service: point it at a closed local port, never the network.
    monkeypatch.setattr("cloudsign.alibabacloud.providers.ECS_METADATA_ENDPOINT", "http://127.0.0.1:9")


@pytest.fixture(scope="module")
def emulator_app() -> Starlette:
    return create_app(credentials={AK: SK})


@pytest.fixture(scope="module")
def emulator_url(emulator_app: Starlette) -> Iterator[str]:
    with running(emulator_app) as url:
        yield url


@pytest.fixture(autouse=True)
def _reset_emulator(request: pytest.FixtureRequest) -> None:
    if "emulator_app" in request.fixturenames:
        request.getfixturevalue("emulator_app").state.emulator.reset()
