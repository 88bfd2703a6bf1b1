"""Huawei Cloud AK/SK credentials and IAM tokens, read from the environment, a profile file or given.

The default chain that finds them (OIDC agency, environment, profile file, ECS metadata, pod identity) is
``cloudsign.huaweicloud.chain``; it sits above both this module and ``providers``, so neither imports the other back.

IAM-token authentication (``X-Auth-Token``) is not part of the chain (nor of the official one): pass
``iam_token=IamToken(...)`` or ``iam_token=providers.IamPassword(...)`` to the client factory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cloudsign._core.credential_text import check_credential_text, read_ini
from cloudsign._core.errors import CredentialsError

if TYPE_CHECKING:
    pass

ENV_AK = "HUAWEICLOUD_SDK_AK"
ENV_SK = "HUAWEICLOUD_SDK_SK"
ENV_PROJECT_ID = "HUAWEICLOUD_SDK_PROJECT_ID"
ENV_SECURITY_TOKEN = "HUAWEICLOUD_SDK_SECURITY_TOKEN"  # noqa: S105 - a variable name
ENV_CREDENTIALS_FILE = "HUAWEICLOUD_SDK_CREDENTIALS_FILE"
ENV_IDP_ID = "HUAWEICLOUD_SDK_IDP_ID"
ENV_METADATA_DISABLED = "HUAWEICLOUD_SDK_METADATA_DISABLED"
ENV_ID_TOKEN_FILE = "HUAWEICLOUD_SDK_ID_TOKEN_FILE"  # noqa: S105 - a variable name
ENV_METADATA_ENDPOINT = "HUAWEICLOUD_SDK_METADATA_ENDPOINT"
ENV_STS_ENDPOINT = "HUAWEICLOUD_SDK_STS_ENDPOINT"
ENV_OIDC_PROVIDER_URN = "HUAWEICLOUD_OIDC_PROVIDER_URN"
ENV_OIDC_AGENCY_URN = "HUAWEICLOUD_OIDC_AGENCY_URN"
ENV_OIDC_ID_TOKEN = "HUAWEICLOUD_OIDC_ID_TOKEN"  # noqa: S105 - a variable name
ENV_OIDC_TOKEN_FILE = "HUAWEICLOUD_OIDC_TOKEN_FILE"  # noqa: S105 - a variable name
ENV_OIDC_SESSION_NAME = "HUAWEICLOUD_OIDC_SESSION_NAME"
ENV_OIDC_DURATION = "HUAWEICLOUD_OIDC_DURATION_SECONDS"
ENV_POD_URI = "HC_CONTAINER_CREDENTIALS_FULL_URI"
ENV_POD_TOKEN_FILE = "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE"  # noqa: S105 - a variable name
ENV_IAM_ENDPOINT = "HUAWEICLOUD_SDK_IAM_ENDPOINT"
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

    def current(self) -> Credentials:
        """Static credentials are their own source (``CredentialsSource``): always themselves."""
        return self

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
        section = read_profile(path, environ)
        ak, sk = section.get("ak"), section.get("sk")
        if not ak or not sk:
            file = Path(path) if path is not None else profile_path(environ)
            raise CredentialsError(f"profile file {file} [{PROFILE_SECTION}] lacks ak and sk")
        return cls(ak, sk, section.get("project_id") or None, section.get("security_token") or None)


@dataclass(frozen=True, slots=True)
class IamToken:
    """An IAM token (``POST /v3/auth/tokens``, valid 24 hours), sent as ``X-Auth-Token``; ``project_id`` is the
    project it is scoped to, when known. ``expires_at`` (POSIX seconds) is informative. ``token`` is left out of
    ``repr`` and ``str``. A static token is its own source (``current()``)."""

    token: str = field(repr=False)
    project_id: str | None = None
    expires_at: float | None = None

    def __post_init__(self) -> None:
        if not self.token:
            raise CredentialsError("IamToken needs a non-empty token")
        for name in ("token", "project_id"):
            check_credential_text("IamToken", name, getattr(self, name))

    def __str__(self) -> str:
        return repr(self)

    def current(self) -> IamToken:
        return self


def read_profile(
    path: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The ``[basic]`` section of the profile file, as a dict (raises ``CredentialsError`` naming what is wrong)."""
    file = Path(path) if path is not None else profile_path(environ)
    if not file.exists():
        raise CredentialsError(f"profile file {file} does not exist")
    parser = read_ini(file, "profile file")  # not UTF-8 or not INI: named by position or error type, never content
    if not parser.has_section(PROFILE_SECTION):
        raise CredentialsError(f"profile file {file} has no [{PROFILE_SECTION}] section")
    return dict(parser[PROFILE_SECTION])


def profile_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    override = env.get(ENV_CREDENTIALS_FILE)
    if override:
        return Path(override)
    home = env.get("USERPROFILE" if os.name == "nt" else "HOME") or str(Path.home())
    return Path(home) / ".huaweicloud" / "credentials"
