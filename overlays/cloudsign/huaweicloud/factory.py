"""Huawei Cloud clients: any generated package's ``Client``, signed with SDK-HMAC-SHA256 and run through the pipeline.

``client(das_client.Client, region=...)`` works for every package generated from a ``huaweicloud-*`` spec;
``das_client(...)`` is the same for DAS. Everything that can be wrong (region, endpoint, credentials, options) fails
here, when the client is built, and the environment is read here once, never per request.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from cloudsign._core.clients import (
    Settings,
    check_endpoint,
    cloud_client,
    endpoint_from_env,
    service_of_client,
    spec_endpoint,
)
from cloudsign._core.errors import APIError, APIResponseValidationError, ConfigurationError, ResponseTooLargeError
from cloudsign._core.pipeline import Options
from cloudsign._core.refresh import CredentialsSource

from .auth import HuaweiSigner, IamTokenSigner
from .chain import default_credentials
from .credentials import Credentials, IamToken
from .endpoints import check_region
from .signer import SHA256

if TYPE_CHECKING:
    import das_client as _das

ENV_REGION = "HUAWEICLOUD_SDK_REGION"
C = TypeVar("C")


class HuaweiCloud:
    """The pipeline's view of Huawei Cloud: ``X-Request-Id`` and the ``{error_code, error_msg}`` body."""

    name = "huaweicloud"
    request_id_header = "X-Request-Id"

    @property
    def invalid_response(self) -> type[APIResponseValidationError]:
        from .errors import APIResponseValidationError

        return APIResponseValidationError

    @property
    def too_large(self) -> type[ResponseTooLargeError]:
        from .errors import ResponseTooLargeError

        return ResponseTooLargeError

    def parse_error(
        self, status: int, headers: Mapping[str, str], content: bytes, *, method: str, path: str
    ) -> APIError:
        from .errors import parse_error

        return parse_error(status, headers, content, method=method, path=path)

    def unsuccessful(self, response: httpx.Response, body: Any, *, method: str, path: str) -> APIError | None:
        return None


CLOUD = HuaweiCloud()


def client(
    client_class: type[C],
    *,
    region: str | None = None,
    endpoint: str | None = None,
    credentials: Credentials | CredentialsSource[Credentials] | None = None,
    iam_token: str | IamToken | CredentialsSource[IamToken] | None = None,
    timeout: float | httpx.Timeout | None = None,
    max_attempts: int = 3,
    retry_unsafe: bool = False,
    validate: bool = True,
    sync_backend: str = "stdlib",
    async_backend: str = "aiohttp",
    verify: bool | str | ssl.SSLContext = True,
    httpx_args: dict[str, Any] | None = None,
    proxy: str | None = None,
    algorithm: str = SHA256,
) -> C:
    """A signed client of any generated Huawei Cloud package. ``region`` defaults to ``$HUAWEICLOUD_SDK_REGION``;
    ``endpoint`` (or ``$CLOUDSIGN_ENDPOINT_URL_<SERVICE>``) overrides the spec's regional server;
    ``credentials=None`` runs the default chain. ``iam_token`` authenticates with an IAM token (``X-Auth-Token``)
    instead of signing: a static ``IamToken`` (or its text) or a source such as ``providers.IamPassword``."""
    service = service_of_client(client_class)
    endpoint = endpoint if endpoint is not None else endpoint_from_env(service)
    if endpoint is not None:
        base_url = check_endpoint(endpoint)
    else:
        region = region or os.environ.get(ENV_REGION) or None
        if region is None:
            raise ConfigurationError(f"a Huawei Cloud client needs region=..., endpoint=... or ${ENV_REGION}")
        if service is None:
            raise ConfigurationError(f"no spec in specs/ generates {client_class.__module__}; pass endpoint=...")
        base_url = spec_endpoint(service, check_region(region))
    signer: HuaweiSigner | IamTokenSigner
    if iam_token is not None:
        if credentials is not None:
            raise ConfigurationError("give credentials=... (AK/SK) or iam_token=..., not both")
        signer = IamTokenSigner(iam_token)
    else:
        if isinstance(credentials, IamToken):
            raise ConfigurationError("an IamToken goes in iam_token=..., not credentials=...")
        creds = credentials if credentials is not None else default_credentials()
        try:
            signer = HuaweiSigner(creds, algorithm=algorithm)
        except ValueError as exc:
            raise ConfigurationError(str(exc)) from None
    options = Options(max_attempts=max_attempts, retry_unsafe=retry_unsafe, validate=validate)
    settings = Settings(CLOUD, signer, service, options, sync_backend, async_backend)
    return cloud_client(
        client_class,
        settings,
        base_url=base_url,
        timeout=timeout,
        verify=verify,
        httpx_args=httpx_args,
        proxy=proxy,
    )


def das_client(**kwargs: Any) -> _das.Client:
    """``client(das_client.Client, **kwargs)``: a signed DAS client (see ``client`` for the arguments)."""
    from das_client import Client

    return client(Client, **kwargs)
