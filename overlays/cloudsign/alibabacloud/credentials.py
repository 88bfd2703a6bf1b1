"""Alibaba Cloud credentials and the default chain, read once when a client is built (never per request).

The chain follows the official ``alibabacloud_credentials`` default provider: environment variables, then the
aliyun CLI's ``~/.aliyun/config.json`` (its current profile, or ``$ALIBABA_CLOUD_PROFILE``; skipped when
``ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true``), then the INI file ``$ALIBABA_CLOUD_CREDENTIALS_FILE`` or
``~/.alibabacloud/credentials.ini`` (section ``$ALIBABA_CLOUD_PROFILE`` or ``default``). Only static keys
(``AK`` / ``access_key``) and STS tokens (``StsToken`` / ``sts``) are read; role-assuming modes are out of scope.
"""

from __future__ import annotations

import configparser
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._core.credential_text import check_credential_text
from .._core.errors import CredentialsError

ENV_ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID"
ENV_ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"  # noqa: S105 - a variable name, not a secret
ENV_SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN"  # noqa: S105 - a variable name, not a secret
ENV_CREDENTIALS_FILE = "ALIBABA_CLOUD_CREDENTIALS_FILE"
ENV_PROFILE = "ALIBABA_CLOUD_PROFILE"
ENV_CLI_DISABLED = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED"


@dataclass(frozen=True, slots=True)
class Credentials:
    """An AccessKey pair, plus an STS token for temporary credentials. The secret and token never appear in
    ``repr`` or ``str``."""

    access_key_id: str
    access_key_secret: str = field(repr=False)
    security_token: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.access_key_id or not self.access_key_secret:
            raise CredentialsError("access_key_id and access_key_secret must both be non-empty")
        check_credential_text("Credentials", "access_key_id", self.access_key_id)
        check_credential_text("Credentials", "access_key_secret", self.access_key_secret)
        check_credential_text("Credentials", "security_token", self.security_token)

    def __repr__(self) -> str:
        token = ", security_token='***'" if self.security_token else ""
        return f"Credentials(access_key_id={self.access_key_id!r}, access_key_secret='***'{token})"

    __str__ = __repr__

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Credentials:
        """From ``ALIBABA_CLOUD_ACCESS_KEY_ID`` / ``_SECRET`` (and ``ALIBABA_CLOUD_SECURITY_TOKEN`` if set)."""
        found = _from_env(os.environ if environ is None else environ)
        if found is None:
            raise CredentialsError(f"environment variables {ENV_ACCESS_KEY_ID} and {ENV_ACCESS_KEY_SECRET} are not set")
        return found


def _from_env(env: Mapping[str, str]) -> Credentials | None:
    key_id, secret = env.get(ENV_ACCESS_KEY_ID), env.get(ENV_ACCESS_KEY_SECRET)
    if not key_id or not secret:
        return None
    return Credentials(key_id, secret, env.get(ENV_SECURITY_TOKEN) or None)


def _from_cli_config(path: Path, profile_name: str | None) -> Credentials | None:
    """The aliyun CLI's JSON config: ``{"current": name, "profiles": [{"name", "mode", "access_key_id", ...}]}``."""
    if not path.is_file():
        return None
    try:
        config: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CredentialsError(f"cannot read the aliyun CLI config {path}: {type(exc).__name__}") from None
    name = profile_name or config.get("current") or "default"
    for profile in config.get("profiles") or []:
        if profile.get("name") != name:
            continue
        mode = profile.get("mode")
        if mode not in ("AK", "StsToken"):
            raise CredentialsError(
                f"aliyun CLI profile {name!r} in {path} has unsupported mode {mode!r} (AK, StsToken)"
            )
        token = profile.get("sts_token") if mode == "StsToken" else None
        if not profile.get("access_key_id") or not profile.get("access_key_secret"):
            raise CredentialsError(f"aliyun CLI profile {name!r} in {path} lacks access_key_id/access_key_secret")
        return Credentials(profile["access_key_id"], profile["access_key_secret"], token or None)
    return None


def _from_ini(path: Path, profile_name: str) -> Credentials | None:
    """The INI credentials file: ``[default]`` with ``type = access_key`` (or ``sts``) and the key fields."""
    if not path.is_file():
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, configparser.Error) as exc:
        raise CredentialsError(f"cannot read the credentials file {path}: {type(exc).__name__}") from None
    if not parser.has_section(profile_name):
        return None
    section = parser[profile_name]
    kind = section.get("type", "access_key")
    if kind not in ("access_key", "sts"):
        raise CredentialsError(f"profile [{profile_name}] in {path} has unsupported type {kind!r} (access_key, sts)")
    key_id, secret = section.get("access_key_id"), section.get("access_key_secret")
    if not key_id or not secret:
        raise CredentialsError(f"profile [{profile_name}] in {path} lacks access_key_id/access_key_secret")
    token = section.get("security_token") if kind == "sts" else None
    return Credentials(key_id, secret, token or None)


def default_credentials(environ: Mapping[str, str] | None = None, home: Path | None = None) -> Credentials:
    """Walk the chain (see the module docstring); raise ``CredentialsError`` naming every place looked at."""
    env = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    looked: list[str] = [f"environment variables {ENV_ACCESS_KEY_ID}/{ENV_ACCESS_KEY_SECRET}"]
    found = _from_env(env)
    if found is not None:
        return found
    profile = env.get(ENV_PROFILE) or None
    if env.get(ENV_CLI_DISABLED, "").lower() != "true":
        cli_path = home / ".aliyun" / "config.json"
        looked.append(f"aliyun CLI config {cli_path} (profile {profile or 'current'})")
        found = _from_cli_config(cli_path, profile)
        if found is not None:
            return found
    ini_path = (
        Path(env[ENV_CREDENTIALS_FILE]) if env.get(ENV_CREDENTIALS_FILE) else home / ".alibabacloud" / "credentials.ini"
    )
    looked.append(f"credentials file {ini_path} [{profile or 'default'}]")
    found = _from_ini(ini_path, profile or "default")
    if found is not None:
        return found
    raise CredentialsError("no Alibaba Cloud credentials found; looked at: " + "; ".join(looked))
