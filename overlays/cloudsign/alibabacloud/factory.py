"""Alibaba Cloud clients: any generated package's ``Client``, signed (ACS3-HMAC-SHA256 or RPC HMAC-SHA1) and run
through the pipeline.

``client(dataworks_client.Client, region=...)`` works for every package generated from an ``alibabacloud-*`` spec;
``dataworks_client(...)`` is the same for DataWorks. Credentials and the region are resolved once here. With only
an ``endpoint`` (an emulator, a proxy) and no region, ``RegionId`` is left out of requests, exactly as the official
client does: the service takes the region from the endpoint. With a region, the signer fills ``RegionId`` in
whenever the caller leaves it out. What both clouds' factories share is ``cloudsign._core.profile``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from .._core.errors import APIError, ConfigurationError
from .._core.profile import Profile, build
from .._core.refresh import CredentialsSource
from .auth import SIGNERS, Acs3Signer, RpcV1Signer
from .chain import default_credentials
from .credentials import Credentials
from .endpoints import check_region

if TYPE_CHECKING:
    from typing import Unpack

    import httpx

    import dataworks_client as _dataworks

    from .._core.call_options import ClientOptions

ENV_REGION = "ALIBABA_CLOUD_REGION_ID"
C = TypeVar("C")


class AlibabaCloud(Profile):
    """The pipeline's view of Alibaba Cloud: ``x-acs-request-id``, the ``{RequestId, Code, Message}`` envelope, and
    a 2xx whose body says ``Success: false``, which did not do what was asked."""

    def unsuccessful(self, response: httpx.Response, body: Any, *, method: str, path: str) -> APIError | None:
        if not isinstance(body, dict) or body.get("Success") is not False:
            return None
        envelope = {"Code": "Unsuccessful", "Message": "Success is false", **body}
        error: APIError = self.errors.error_from_body(
            response.status_code, response.headers, envelope, method=method, path=path
        )
        return error


CLOUD = AlibabaCloud(
    "alibabacloud",
    title="an Alibaba Cloud",
    request_id_header="x-acs-request-id",
    errors_module="cloudsign.alibabacloud.errors",
    region_variable=ENV_REGION,
    check_region=check_region,
    region_signs=True,  # the signer fills RegionId in
)


def client(
    client_class: type[C],
    *,
    region: str | None = None,
    endpoint: str | None = None,
    credentials: Credentials | CredentialsSource[Credentials] | None = None,
    signature: str = "ACS3-HMAC-SHA256",
    **options: Unpack[ClientOptions],
) -> C:
    """A signed client of any generated Alibaba Cloud package. ``signature`` is ``"ACS3-HMAC-SHA256"`` (default)
    or ``"HMAC-SHA1"`` (RPC v1); ``credentials=None`` walks the default chain; ``region=None`` reads
    ``ALIBABA_CLOUD_REGION_ID``; ``endpoint`` (or ``$CLOUDSIGN_ENDPOINT_URL_<SERVICE>``) overrides the spec's
    regional server. ``options``: see ``cloudsign._core.call_options.ClientOptions``."""
    signer_cls = SIGNERS.get(signature)
    if signer_cls is None:
        raise ConfigurationError(f"signature must be one of {sorted(SIGNERS)}, got {signature!r}")

    def signer_for(region: str | None) -> Acs3Signer | RpcV1Signer:
        creds = credentials if credentials is not None else default_credentials()
        return signer_cls(creds, region=region)

    return build(CLOUD, client_class, signer_for, region=region, endpoint=endpoint, **options)


def dataworks_client(**kwargs: Any) -> _dataworks.Client:
    """``client(dataworks_client.Client, **kwargs)``: a signed DataWorks client (see ``client`` for the arguments)."""
    from dataworks_client import Client

    return client(Client, **kwargs)
