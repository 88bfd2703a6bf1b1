"""The default chain of Huawei Cloud credentials (AK/SK or a refreshing source), walked once when a client is built.

The chain follows huaweicloudsdkcore's default chain (``CredentialProviderChain.get_default``), in its order:

1. OIDC agency through STS, when ``HUAWEICLOUD_OIDC_PROVIDER_URN`` and ``HUAWEICLOUD_OIDC_AGENCY_URN`` are set
   (with ``HUAWEICLOUD_OIDC_ID_TOKEN`` or ``_TOKEN_FILE``; STS at ``HUAWEICLOUD_SDK_STS_ENDPOINT``);
2. environment: first a federated ID token through IAM, when ``HUAWEICLOUD_SDK_IDP_ID`` and
   ``HUAWEICLOUD_SDK_ID_TOKEN_FILE`` are both set (IAM at ``HUAWEICLOUD_SDK_IAM_ENDPOINT``), else
   ``HUAWEICLOUD_SDK_AK`` / ``_SK`` / ``_PROJECT_ID`` / ``_SECURITY_TOKEN``;
3. the ``[basic]`` section of ``$HUAWEICLOUD_SDK_CREDENTIALS_FILE`` or ``~/.huaweicloud/credentials`` (INI): first
   ``idp_id`` + ``id_token_file`` (+ ``iam_endpoint``), else ``ak``, ``sk``, ``project_id``, ``security_token``;
4. temporary keys from the ECS metadata service (``/openstack/latest/securitykey``), unless
   ``HUAWEICLOUD_SDK_METADATA_DISABLED=true`` (cloudsign's own switch: the official chain always asks);
5. pod identity, when ``HC_CONTAINER_CREDENTIALS_FULL_URI`` and ``HC_CONTAINER_AUTHORIZATION_TOKEN_FILE`` are set.

Inside ``cloudsign.testing.emulated()`` the chain is only: the environment's AK/SK, else the emulator's demo keys.

Static keys come back as ``Credentials``; the others as refreshing sources (``cloudsign.huaweicloud.providers``),
fetched once here so a source that cannot work is passed over, as the official chain does, with its reason named
in the error. (The official chain picks the federated provider whenever both variables are set and fails later, at
the first call, when the exchange fails; cloudsign tries it here and falls through, like every other source.)

IAM-token authentication (``X-Auth-Token``) is not part of the chain (nor of the official one): pass
``iam_token=IamToken(...)`` or ``iam_token=providers.IamPassword(...)`` to the client factory.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from cloudsign._core.errors import CredentialsError
from cloudsign._core.switch import default_key

from . import providers as p
from .credentials import (
    ENV_AK,
    ENV_ID_TOKEN_FILE,
    ENV_IDP_ID,
    ENV_METADATA_DISABLED,
    ENV_OIDC_AGENCY_URN,
    ENV_OIDC_PROVIDER_URN,
    ENV_POD_TOKEN_FILE,
    ENV_POD_URI,
    ENV_SK,
    Credentials,
    read_profile,
)

if TYPE_CHECKING:
    from cloudsign._core.refresh import CredentialsSource


def default_credentials(environ: Mapping[str, str] | None = None) -> Credentials | CredentialsSource[Credentials]:
    """The default chain (see the module docstring); the error names every place looked at and why it failed."""
    env = os.environ if environ is None else environ
    if (emulated := default_key("huaweicloud")) is not None:  # inside cloudsign.testing.emulated()
        return Credentials.from_env(env) if env.get(ENV_AK) and env.get(ENV_SK) else Credentials(*emulated)
    reasons: list[str] = []

    def attempt(make: Callable[[], CredentialsSource[Credentials]]) -> CredentialsSource[Credentials] | None:
        try:
            source = make()
            source.current()  # fetched once here: a source that cannot work is passed over
        except CredentialsError as exc:
            reasons.append(str(exc))
            return None
        return source

    if env.get(ENV_OIDC_PROVIDER_URN) and env.get(ENV_OIDC_AGENCY_URN):
        if (source := attempt(lambda: p.OidcAgency(environ=env))) is not None:
            return source
    else:
        reasons.append(f"environment variables {ENV_OIDC_PROVIDER_URN} and {ENV_OIDC_AGENCY_URN} are not both set")
    if env.get(ENV_IDP_ID) and env.get(ENV_ID_TOKEN_FILE):
        if (source := attempt(lambda: p.FederatedIdToken(environ=env))) is not None:
            return source
    try:
        return Credentials.from_env(environ)
    except CredentialsError as exc:
        reasons.append(str(exc))
    try:
        section = read_profile(environ=environ)
    except CredentialsError as exc:
        reasons.append(str(exc))
    else:
        idp_id, id_token_file = section.get("idp_id"), section.get("id_token_file")
        if idp_id and id_token_file:
            federated = attempt(
                lambda: p.FederatedIdToken(
                    idp_id,
                    id_token_file,
                    iam_endpoint=section.get("iam_endpoint") or None,
                    project_id=section.get("project_id") or None,
                    environ=env,
                )
            )
            if federated is not None:
                return federated
        try:
            return Credentials.from_profile(environ=environ)
        except CredentialsError as exc:
            reasons.append(str(exc))
    if env.get(ENV_METADATA_DISABLED, "").lower() != "true":
        if (source := attempt(lambda: p.EcsMetadata(environ=env))) is not None:
            return source
    if env.get(ENV_POD_URI) and env.get(ENV_POD_TOKEN_FILE):
        if (source := attempt(lambda: p.PodIdentity(environ=env))) is not None:
            return source
    raise CredentialsError("no Huawei Cloud credentials found; looked at: " + "; ".join(reasons))
