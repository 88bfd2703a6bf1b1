"""Huawei Cloud AK/SK credentials and the default chain: environment, then the profile file.

The order and names follow huaweicloudsdkcore's basic chain (its OIDC, metadata and pod-identity providers are
not offered here): ``HUAWEICLOUD_SDK_AK`` / ``_SK`` / ``_PROJECT_ID`` / ``_SECURITY_TOKEN``, then the ``[basic]``
section of ``$HUAWEICLOUD_SDK_CREDENTIALS_FILE`` or ``~/.huaweicloud/credentials`` (INI, keys ``ak``, ``sk``,
``project_id``, ``security_token``). The chain runs once, when a client is built.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cloudsign._core.credential_text import check_credential_text
from cloudsign._core.errors import CredentialsError

ENV_AK = "HUAWEICLOUD_SDK_AK"
ENV_SK = "HUAWEICLOUD_SDK_SK"
ENV_PROJECT_ID = "HUAWEICLOUD_SDK_PROJECT_ID"
ENV_SECURITY_TOKEN = "HUAWEICLOUD_SDK_SECURITY_TOKEN"  # noqa: S105 - a variable name
ENV_CREDENTIALS_FILE = "HUAWEICLOUD_SDK_CREDENTIALS_FILE"
PROFILE_SECTION = "basic"


@dataclass(frozen=True, slots=True)
class Credentials:
    """An access key pair, optionally scoped to a project and/or temporary (with a security token).

    ``sk`` and ``security_token`` are left out of ``repr`` and ``str``."""

    ak: str
    sk: str = field(repr=False)
    project_id: str | None = None
    security_token: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.ak or not self.sk:
            raise CredentialsError("Credentials need a non-empty ak and sk")
        for name in ("ak", "sk", "project_id", "security_token"):
            check_credential_text("Credentials", name, getattr(self, name))

    def __str__(self) -> str:
        return repr(self)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Credentials:
        """From ``HUAWEICLOUD_SDK_AK`` / ``_SK`` (+ ``_PROJECT_ID``, ``_SECURITY_TOKEN``)."""
        env = os.environ if environ is None else environ
        ak, sk = env.get(ENV_AK), env.get(ENV_SK)
        if not ak or not sk:
            raise CredentialsError(f"environment variables {ENV_AK} and {ENV_SK} are not both set")
        return cls(ak, sk, env.get(ENV_PROJECT_ID) or None, env.get(ENV_SECURITY_TOKEN) or None)

    @classmethod
    def from_profile(
        cls, path: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
    ) -> Credentials:
        """From the ``[basic]`` section of the profile file the official tools write."""
        file = Path(path) if path is not None else profile_path(environ)
        parser = configparser.ConfigParser(interpolation=None)
        try:
            found = parser.read(file, encoding="utf-8")
        except configparser.Error as exc:
            raise CredentialsError(f"profile file {file} is not valid INI ({type(exc).__name__})") from None
        if not found:
            raise CredentialsError(f"profile file {file} does not exist")
        if not parser.has_section(PROFILE_SECTION):
            raise CredentialsError(f"profile file {file} has no [{PROFILE_SECTION}] section")
        section = parser[PROFILE_SECTION]
        ak, sk = section.get("ak"), section.get("sk")
        if not ak or not sk:
            raise CredentialsError(f"profile file {file} [{PROFILE_SECTION}] lacks ak and sk")
        return cls(ak, sk, section.get("project_id") or None, section.get("security_token") or None)


def profile_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    override = env.get(ENV_CREDENTIALS_FILE)
    if override:
        return Path(override)
    home = env.get("USERPROFILE" if os.name == "nt" else "HOME") or str(Path.home())
    return Path(home) / ".huaweicloud" / "credentials"


def default_credentials(environ: Mapping[str, str] | None = None) -> Credentials:
    """The default chain: environment, then profile file; the error names every place looked at."""
    reasons = []
    try:
        return Credentials.from_env(environ)
    except CredentialsError as exc:
        reasons.append(str(exc))
    try:
        return Credentials.from_profile(environ=environ)
    except CredentialsError as exc:
        reasons.append(str(exc))
    raise CredentialsError("no Huawei Cloud credentials found; looked at: " + "; ".join(reasons))
