"""Alibaba Cloud credentials: the access key pair, read from the environment or given.

The default chain that finds them (environment, OIDC, the aliyun CLI config, the INI file, ECS, a credentials URI)
is ``cloudsign.alibabacloud.chain``; it sits above both this module and ``providers``, so neither imports the other
back.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .._core.credential_text import check_credential_text
from .._core.errors import CredentialsError

if TYPE_CHECKING:
    pass

ENV_ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID"
ENV_ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"  # noqa: S105 - a variable name, not a secret
ENV_SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN"  # noqa: S105 - a variable name, not a secret
ENV_CREDENTIALS_FILE = "ALIBABA_CLOUD_CREDENTIALS_FILE"
ENV_PROFILE = "ALIBABA_CLOUD_PROFILE"
ENV_CLI_DISABLED = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED"
ENV_ECS_METADATA = "ALIBABA_CLOUD_ECS_METADATA"
ENV_ECS_METADATA_DISABLED = "ALIBABA_CLOUD_ECS_METADATA_DISABLED"
ENV_IMDSV1_DISABLED = "ALIBABA_CLOUD_IMDSV1_DISABLED"
ENV_ECS_METADATA_ENDPOINT = "ALIBABA_CLOUD_ECS_METADATA_ENDPOINT"
ENV_ROLE_ARN = "ALIBABA_CLOUD_ROLE_ARN"
ENV_ROLE_SESSION_NAME = "ALIBABA_CLOUD_ROLE_SESSION_NAME"
ENV_OIDC_PROVIDER_ARN = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN"
ENV_OIDC_TOKEN_FILE = "ALIBABA_CLOUD_OIDC_TOKEN_FILE"  # noqa: S105 - a variable name
ENV_STS_REGION = "ALIBABA_CLOUD_STS_REGION"
ENV_STS_ENDPOINT = "ALIBABA_CLOUD_STS_ENDPOINT"
ENV_VPC_ENDPOINT_ENABLED = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED"
ENV_CREDENTIALS_URI = "ALIBABA_CLOUD_CREDENTIALS_URI"


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

    def current(self) -> Credentials:
        """Static credentials are their own source (``CredentialsSource``): always themselves."""
        return self

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
