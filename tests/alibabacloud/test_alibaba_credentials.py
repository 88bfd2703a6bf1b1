"""Credentials: explicit, environment, the default chain in the official order, and secrets kept out of reprs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cloudsign._core.errors import ConfigurationError, CredentialsError
from cloudsign.alibabacloud import Credentials, dataworks_client
from cloudsign.alibabacloud.chain import default_credentials


def _cli(home: Path, profiles: list[dict[str, str]], current: str = "default") -> None:
    (home / ".aliyun").mkdir(parents=True, exist_ok=True)
    (home / ".aliyun" / "config.json").write_text(json.dumps({"current": current, "profiles": profiles}))


def _ini(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_repr_and_str_hide_secret_and_token() -> None:
    creds = Credentials("AKID", "very-secret-value", "sts-token-value")
    for shown in (repr(creds), str(creds), f"{creds}", repr([creds])):
        assert "very-secret-value" not in shown and "sts-token-value" not in shown and "AKID" in shown
    with pytest.raises(AttributeError):
        creds.access_key_secret = "x"  # type: ignore[misc]
    with pytest.raises(CredentialsError):
        Credentials("AKID", "")


def test_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(CredentialsError, match="ALIBABA_CLOUD_ACCESS_KEY_ID"):
        Credentials.from_env()
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")
    assert Credentials.from_env() == Credentials("env-id", "env-secret")
    monkeypatch.setenv("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token")
    assert Credentials.from_env().security_token == "env-token"


def test_chain_order_env_then_cli_then_ini(tmp_path: Path) -> None:
    env = {"ALIBABA_CLOUD_ACCESS_KEY_ID": "e", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "es"}
    _cli(tmp_path, [{"name": "default", "mode": "AK", "access_key_id": "c", "access_key_secret": "cs"}])
    _ini(tmp_path / ".alibabacloud" / "credentials.ini", "[default]\ntype = access_key\naccess_key_id = i\n"
         "access_key_secret = is\n")  # fmt: skip
    assert default_credentials(env, tmp_path).current().access_key_id == "e"
    assert default_credentials({}, tmp_path).current().access_key_id == "c"
    assert default_credentials({"ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true"}, tmp_path).current().access_key_id == "i"
    (tmp_path / ".aliyun" / "config.json").unlink()
    assert default_credentials({}, tmp_path).current().access_key_id == "i"


def test_cli_sts_profile_and_named_profile(tmp_path: Path) -> None:
    _cli(
        tmp_path,
        [
            {"name": "default", "mode": "AK", "access_key_id": "a", "access_key_secret": "as"},
            {"name": "temp", "mode": "StsToken", "access_key_id": "t", "access_key_secret": "ts", "sts_token": "tok"},
        ],
        current="temp",
    )
    assert default_credentials({}, tmp_path) == Credentials("t", "ts", "tok")
    assert default_credentials({"ALIBABA_CLOUD_PROFILE": "default"}, tmp_path) == Credentials("a", "as")
    _cli(tmp_path, [{"name": "default", "mode": "CloudSSO", "access_key_id": "a", "access_key_secret": "as"}])
    with pytest.raises(CredentialsError, match="unsupported mode"):
        default_credentials({}, tmp_path)


def test_ini_file_from_env_var_with_sts(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.ini"
    _ini(path, "[default]\ntype = sts\naccess_key_id = s\naccess_key_secret = ss\nsecurity_token = st\n")
    env = {"ALIBABA_CLOUD_CREDENTIALS_FILE": str(path)}
    assert default_credentials(env, tmp_path) == Credentials("s", "ss", "st")


def test_nothing_found_names_every_place(tmp_path: Path) -> None:
    with pytest.raises(CredentialsError) as info:
        default_credentials({}, tmp_path)
    text = str(info.value)
    for place in ("ALIBABA_CLOUD_ACCESS_KEY_ID", ".aliyun/config.json", ".alibabacloud/credentials.ini"):
        assert place in text


def test_client_reads_credentials_once_at_build(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(CredentialsError):
        dataworks_client(region="cn-shanghai")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "built-id")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "built-secret")
    client = dataworks_client(region="cn-shanghai")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "changed-id")
    signer = getattr(client, "cloudsign").signer  # noqa: B009 - not on the generated Client's type
    signed = signer.sign("POST", "https://h/?Action=A&Version=1", {}, b"")
    assert "Credential=built-id," in signed.headers["Authorization"]


def test_client_configuration_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    creds = Credentials("a", "b")
    cases: list[dict[str, Any]] = [
        {},
        {"region": "Shanghai"},
        {"region": "cn-shanghai", "signature": "HMAC-SHA256"},
        {"endpoint": "ftp://x"},
        {"region": "cn-shanghai", "max_attempts": 0},
        {"region": "cn-shanghai", "httpx_args": {"auth": None}},
        {"region": "cn-shanghai", "async_backend": "trio"},
    ]
    for kwargs in cases:
        with pytest.raises(ConfigurationError):
            dataworks_client(credentials=creds, **kwargs)
    monkeypatch.setenv("ALIBABA_CLOUD_REGION_ID", "cn-beijing")
    client = dataworks_client(credentials=creds)
    signer = getattr(client, "cloudsign").signer  # noqa: B009 - not on the generated Client's type
    assert signer.region == "cn-beijing"
    assert str(client.get_httpx_client().base_url) == "https://dataworks.cn-beijing.aliyuncs.com"
    assert "'b'" not in repr(signer) and "'b'" not in repr(client)
