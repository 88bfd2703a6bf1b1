"""The Alibaba default chain in the official order, with the role modes, against the local emulators."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette

from cloudsign._core.errors import CredentialsError
from cloudsign.alibabacloud import Credentials
from cloudsign.alibabacloud.chain import default_credentials
from cloudsign.alibabacloud.providers import CredentialsUri, EcsRamRole, OidcRoleArn, RamRoleArn
from cloudsign.emulator.alibabacloud_identity import create_credentials_uri_app
from cloudsign.emulator.app import running

from .conftest import AK, OIDC_PROVIDER_ARN, OIDC_TOKEN, ROLE, ROLE_ARN, SK


def _cli(home: Path, *profiles: dict[str, Any], current: str = "default") -> None:
    (home / ".aliyun").mkdir(parents=True, exist_ok=True)
    (home / ".aliyun" / "config.json").write_text(json.dumps({"current": current, "profiles": list(profiles)}))


def _ini(home: Path, text: str) -> None:
    (home / ".alibabacloud").mkdir(parents=True, exist_ok=True)
    (home / ".alibabacloud" / "credentials.ini").write_text(text)


@pytest.fixture
def env(metadata_url: str, sts_url: str, tmp_path: Path) -> dict[str, str]:
    token = tmp_path / "oidc-token"
    token.write_text(OIDC_TOKEN)
    return {
        "ALIBABA_CLOUD_ECS_METADATA_ENDPOINT": metadata_url,
        "ALIBABA_CLOUD_STS_ENDPOINT": sts_url,
        "_TOKEN_FILE": str(token),
    }


def _oidc_env(env: dict[str, str]) -> dict[str, str]:
    return {
        **env,
        "ALIBABA_CLOUD_ROLE_ARN": ROLE_ARN,
        "ALIBABA_CLOUD_OIDC_PROVIDER_ARN": OIDC_PROVIDER_ARN,
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE": env["_TOKEN_FILE"],
    }


def test_environment_first_then_oidc_then_cli(env: dict[str, str], tmp_path: Path) -> None:
    _cli(tmp_path, {"name": "default", "mode": "AK", "access_key_id": "cli", "access_key_secret": "cs"})
    keys = {"ALIBABA_CLOUD_ACCESS_KEY_ID": "e", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "es"}
    assert default_credentials({**_oidc_env(env), **keys}, tmp_path) == Credentials("e", "es")
    assert isinstance(default_credentials(_oidc_env(env), tmp_path), OidcRoleArn)
    assert default_credentials(env, tmp_path) == Credentials("cli", "cs")
    # ALIBABA_CLOUD_ROLE_ARN alone (no OIDC provider) assumes nothing: the official chain does not either
    assert default_credentials({**env, "ALIBABA_CLOUD_ROLE_ARN": ROLE_ARN}, tmp_path) == Credentials("cli", "cs")


def test_cli_role_modes(env: dict[str, str], tmp_path: Path, sts_app: Starlette) -> None:
    base = {"name": "base", "mode": "AK", "access_key_id": AK, "access_key_secret": SK}
    role = {"name": "role", "mode": "RamRoleArn", "access_key_id": AK, "access_key_secret": SK,
            "ram_role_arn": ROLE_ARN, "ram_session_name": "cli-session"}  # fmt: skip
    chained = {"name": "chained", "mode": "ChainableRamRoleArn", "source_profile": "role", "ram_role_arn": ROLE_ARN}
    ecs = {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": ROLE}
    oidc = {"name": "oidc", "mode": "OIDC", "ram_role_arn": ROLE_ARN, "oidc_provider_arn": OIDC_PROVIDER_ARN,
            "oidc_token_file": env["_TOKEN_FILE"]}  # fmt: skip
    _cli(tmp_path, base, role, chained, ecs, oidc, current="role")
    source = default_credentials(env, tmp_path)
    assert isinstance(source, RamRoleArn) and source.session_name == "cli-session"
    assert source.current().access_key_id == sts_app.state.identity.issued[-1].access_key_id
    chain = default_credentials({**env, "ALIBABA_CLOUD_PROFILE": "chained"}, tmp_path)
    assert isinstance(chain, RamRoleArn) and isinstance(chain.source, RamRoleArn)
    assert isinstance(default_credentials({**env, "ALIBABA_CLOUD_PROFILE": "ecs"}, tmp_path), EcsRamRole)
    assert isinstance(default_credentials({**env, "ALIBABA_CLOUD_PROFILE": "oidc"}, tmp_path), OidcRoleArn)
    _cli(tmp_path, {"name": "loop", "mode": "ChainableRamRoleArn", "source_profile": "loop", "ram_role_arn": "a"})
    with pytest.raises(CredentialsError, match="loops"):
        default_credentials({**env, "ALIBABA_CLOUD_PROFILE": "loop"}, tmp_path)


def test_ini_role_types(env: dict[str, str], tmp_path: Path) -> None:
    _ini(tmp_path, f"[default]\ntype = ram_role_arn\naccess_key_id = {AK}\naccess_key_secret = {SK}\n"
         f"role_arn = {ROLE_ARN}\n[ecs]\ntype = ecs_ram_role\nrole_name = {ROLE}\n"
         f"[oidc]\ntype = oidc_role_arn\nrole_arn = {ROLE_ARN}\noidc_provider_arn = {OIDC_PROVIDER_ARN}\n"
         f"oidc_token_file_path = {env['_TOKEN_FILE']}\n")  # fmt: skip
    assert isinstance(default_credentials(env, tmp_path), RamRoleArn)
    assert isinstance(default_credentials({**env, "ALIBABA_CLOUD_PROFILE": "ecs"}, tmp_path), EcsRamRole)
    assert isinstance(default_credentials({**env, "ALIBABA_CLOUD_PROFILE": "oidc"}, tmp_path), OidcRoleArn)


def test_ecs_after_profiles_then_uri(env: dict[str, str], tmp_path: Path, metadata_app: Starlette) -> None:
    source = default_credentials(env, tmp_path)
    assert isinstance(source, EcsRamRole)
    assert source.current().access_key_id == metadata_app.state.identity.issued[-1].access_key_id
    uri_app = create_credentials_uri_app()
    with running(uri_app) as uri:
        with_uri = {**env, "ALIBABA_CLOUD_CREDENTIALS_URI": uri}
        assert isinstance(default_credentials(with_uri, tmp_path), EcsRamRole)  # ECS still comes first
        disabled = {**with_uri, "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"}
        assert isinstance(default_credentials(disabled, tmp_path), CredentialsUri)
        metadata_app.state.identity.faults.status = 500  # metadata failing: the chain moves on to the URI
        assert isinstance(default_credentials(with_uri, tmp_path), CredentialsUri)


def test_error_names_every_place_and_why(tmp_path: Path) -> None:
    with pytest.raises(CredentialsError) as info:
        default_credentials({}, tmp_path)
    message = str(info.value)
    for place in ("environment variables", "aliyun CLI config", "credentials file", "ECS RAM role"):
        assert place in message
    assert "ecs_ram_role: cannot obtain credentials" in message and "ConnectError" in message
    with pytest.raises(CredentialsError) as info:
        default_credentials({"ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"}, tmp_path)
    assert "ECS" not in str(info.value)


def test_factory_takes_the_chain_or_a_provider(env: dict[str, str], tmp_path: Path, sts_url: str) -> None:
    from cloudsign.alibabacloud import dataworks_client

    provider = RamRoleArn(Credentials(AK, SK), ROLE_ARN, sts_endpoint=sts_url)
    client = dataworks_client(region="cn-shanghai", credentials=provider)
    signer = getattr(client, "cloudsign").signer  # noqa: B009 - not on the generated Client's type
    assert signer.credentials is provider and "RamRoleArn(role_arn=" in repr(signer)
    signed = signer.sign("POST", "https://h/?Action=A&Version=1", {}, b"")
    assert f"Credential={provider.current().access_key_id}," in signed.headers["Authorization"]
    assert signed.headers["x-acs-security-token"] == provider.current().security_token
