"""Huawei Cloud clients: any generated package's ``Client``, signed with SDK-HMAC-SHA256 and run through the pipeline.

``client(das_client.Client, region=...)`` works for every package generated from a ``huaweicloud-*`` spec;
``das_client(...)`` is the same for DAS. Everything that can be wrong (region, endpoint, credentials, options) fails
here, when the client is built, and the environment is read here once, never per request. What both clouds' factories
share is ``cloudsign._core.profile``; this module holds Huawei's profile and how it picks its signer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from cloudsign._core.errors import ConfigurationError
from cloudsign._core.profile import Profile, build
from cloudsign._core.refresh import CredentialsSource

from .auth import HuaweiSigner, IamTokenSigner
from .chain import default_credentials
from .credentials import Credentials, IamToken
from .endpoints import check_region
from .signer import SHA256

if TYPE_CHECKING:
    from typing import Unpack

    import das_client as _das
    from cloudsign._core.call_options import ClientOptions

ENV_REGION = "HUAWEICLOUD_SDK_REGION"
C = TypeVar("C")

# The pipeline's view of Huawei Cloud: ``X-Request-Id`` and the ``{error_code, error_msg}`` body.
CLOUD = Profile(
    "huaweicloud",
    title="a Huawei Cloud",
    request_id_header="X-Request-Id",
    errors_module="cloudsign.huaweicloud.errors",
    region_variable=ENV_REGION,
    check_region=check_region,
    region_signs=False,
)


def client(
    client_class: type[C],
    *,
    region: str | None = None,
    endpoint: str | None = None,
    credentials: Credentials | CredentialsSource[Credentials] | None = None,
    iam_token: str | IamToken | CredentialsSource[IamToken] | None = None,
    algorithm: str = SHA256,
    **options: Unpack[ClientOptions],
) -> C:
    """A signed client of any generated Huawei Cloud package. ``region`` defaults to ``$HUAWEICLOUD_SDK_REGION``;
    ``endpoint`` (or ``$CLOUDSIGN_ENDPOINT_URL_<SERVICE>``) overrides the spec's regional server;
    ``credentials=None`` runs the default chain. ``iam_token`` authenticates with an IAM token (``X-Auth-Token``)
    instead of signing: a static ``IamToken`` (or its text) or a source such as ``providers.IamPassword``.
    ``options``: see ``cloudsign._core.call_options.ClientOptions`` (retries, validation, backends, timeout...)."""

    def signer_for(region: str | None) -> HuaweiSigner | IamTokenSigner:
        if iam_token is not None:
            if credentials is not None:
                raise ConfigurationError("give credentials=... (AK/SK) or iam_token=..., not both")
            return IamTokenSigner(iam_token)
        if isinstance(credentials, IamToken):
            raise ConfigurationError("an IamToken goes in iam_token=..., not credentials=...")
        creds = credentials if credentials is not None else default_credentials()
        try:
            return HuaweiSigner(creds, algorithm=algorithm)
        except ValueError as exc:
            raise ConfigurationError(str(exc)) from None

    return build(CLOUD, client_class, signer_for, region=region, endpoint=endpoint, **options)


def das_client(**kwargs: Any) -> _das.Client:
    """``client(das_client.Client, **kwargs)``: a signed DAS client (see ``client`` for the arguments)."""
    from das_client import Client

    return client(Client, **kwargs)
