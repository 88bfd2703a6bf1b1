"""Credentials: explicit, environment, profile file, the chain's order, the error naming every place looked at,
and secrets never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudsign._core.errors import CredentialsError
from cloudsign.huaweicloud import Credentials, default_credentials
from cloudsign.huaweicloud.auth import DASAuth, HuaweiSigner

from .conftest import SK, TOKEN

VARS = ("HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_PROJECT_ID", "HUAWEICLOUD_SDK_SECURITY_TOKEN")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (*VARS, "HUAWEICLOUD_SDK_CREDENTIALS_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    # The default chain asks the ECS metadata service: point it at a closed local port, never the network.
    monkeypatch.setattr("cloudsign.huaweicloud.providers.METADATA_ENDPOINT", "http://127.0.0.1:9")


def write_profile(path: Path, ak: str = "PROFILEAK", sk: str = "profile-sk") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[basic]\nak = {ak}\nsk = {sk}\nproject_id = p-profile\nsecurity_token = {TOKEN}\n")
    return path


def test_repr_and_str_hide_secrets() -> None:
    c = Credentials("AKVISIBLE", SK, project_id="p", security_token=TOKEN)
    for text in (repr(c), str(c), repr(HuaweiSigner(c)), repr(DASAuth(c))):
        assert SK not in text and TOKEN not in text
        assert "AKVISIBLE" in text


def test_frozen() -> None:
    c = Credentials("a", "b")
    with pytest.raises(AttributeError):
        c.sk = "c"  # type: ignore[misc]


def test_empty_keys_rejected() -> None:
    with pytest.raises(CredentialsError):
        Credentials("", "x")


def test_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", "ENVAK")
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", "env-sk")
    monkeypatch.setenv("HUAWEICLOUD_SDK_PROJECT_ID", "p-env")
    monkeypatch.setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", "tok")
    assert Credentials.from_env() == Credentials("ENVAK", "env-sk", "p-env", "tok")


def test_profile_in_home(tmp_path: Path) -> None:
    write_profile(tmp_path / ".huaweicloud" / "credentials")
    assert default_credentials() == Credentials("PROFILEAK", "profile-sk", "p-profile", TOKEN)


def test_profile_from_env_var(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write_profile(tmp_path / "elsewhere.ini", ak="OTHERAK")
    monkeypatch.setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", str(path))
    assert default_credentials().current().ak == "OTHERAK"


def test_environment_comes_before_profile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    write_profile(tmp_path / ".huaweicloud" / "credentials")
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", "ENVAK")
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", "env-sk")
    assert default_credentials().current().ak == "ENVAK"
    monkeypatch.delenv("HUAWEICLOUD_SDK_SK")
    assert default_credentials().current().ak == "PROFILEAK"  # half-set environment falls through


def test_nothing_found_names_every_place(tmp_path: Path) -> None:
    with pytest.raises(CredentialsError) as info:
        default_credentials()
    text = str(info.value)
    assert "HUAWEICLOUD_SDK_AK" in text and "HUAWEICLOUD_SDK_SK" in text
    assert str(tmp_path / ".huaweicloud" / "credentials") in text


def test_profile_without_basic_section_or_keys(tmp_path: Path) -> None:
    path = tmp_path / ".huaweicloud" / "credentials"
    path.parent.mkdir()
    path.write_text("[global]\nak = A\nsk = B\n")
    with pytest.raises(CredentialsError, match=r"\[basic\]"):
        default_credentials()
    path.write_text("[basic]\nak = A\n")
    with pytest.raises(CredentialsError, match="lacks ak and sk"):
        default_credentials()


def test_client_reads_chain_once_at_build(monkeypatch: pytest.MonkeyPatch) -> None:
    from cloudsign.huaweicloud import das_client

    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", "ENVAK")
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", "env-sk")
    client = das_client(region="cn-north-4")
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", "CHANGED")
    signer = getattr(client, "cloudsign").signer  # noqa: B009 - not on the generated Client's type
    assert signer.credentials.ak == "ENVAK"
    with pytest.raises(CredentialsError):
        monkeypatch.delenv("HUAWEICLOUD_SDK_AK")
        das_client(region="cn-north-4")
