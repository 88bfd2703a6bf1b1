"""Alibaba Cloud clients: any generated package's ``Client``, signed (ACS3-HMAC-SHA256 or RPC HMAC-SHA1) and run
through the pipeline.

``client(dataworks_client.Client, region=...)`` works for every package generated from an ``alibabacloud-*`` spec;
``dataworks_client(...)`` is the same for DataWorks. Credentials and the region are resolved once here. With only
an ``endpoint`` (an emulator, a proxy) and no region, ``RegionId`` is left out of requests, exactly as the official
client does: the service takes the region from the endpoint. With a region, the signer fills ``RegionId`` in
whenever the caller leaves it out.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from .._core.clients import (
    Settings,
    check_endpoint,
    cloud_client,
    endpoint_from_env,
    service_of_client,
    spec_endpoint,
)
from .._core.errors import APIError, APIResponseValidationError, ConfigurationError, ResponseTooLargeError
from .._core.pipeline import Options
from .._core.refresh import CredentialsSource
from .auth import SIGNERS
from .chain import default_credentials
from .credentials import Credentials
from .endpoints import check_region

if TYPE_CHECKING:
    import dataworks_client as _dataworks

ENV_REGION = "ALIBABA_CLOUD_REGION_ID"
C = TypeVar("C")


class AlibabaCloud:
    """The pipeline's view of Alibaba Cloud: ``x-acs-request-id``, the ``{RequestId, Code, Message}`` envelope, and
    a 2xx whose body says ``Success: false``, which did not do what was asked."""

    name = "alibabacloud"
    request_id_header = "x-acs-request-id"

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
        if not isinstance(body, dict) or body.get("Success") is not False:
            return None
        from .errors import error_from_body

        envelope = {"Code": "Unsuccessful", "Message": "Success is false", **body}
        return error_from_body(response.status_code, response.headers, envelope, method=method, path=path)


CLOUD = AlibabaCloud()


def client(
    client_class: type[C],
    *,
    region: str | None = None,
    endpoint: str | None = None,
    credentials: Credentials | CredentialsSource[Credentials] | None = None,
    signature: str = "ACS3-HMAC-SHA256",
    timeout: httpx.Timeout | float | None = None,
    max_attempts: int = 3,
    retry_unsafe: bool = False,
    validate: bool = True,
    sync_backend: str = "stdlib",
    async_backend: str = "aiohttp",
    verify: bool | str | ssl.SSLContext = True,
    httpx_args: dict[str, Any] | None = None,
    proxy: str | None = None,
) -> C:
    """A signed client of any generated Alibaba Cloud package. ``signature`` is ``"ACS3-HMAC-SHA256"`` (default)
    or ``"HMAC-SHA1"`` (RPC v1); ``credentials=None`` walks the default chain; ``region=None`` reads
    ``ALIBABA_CLOUD_REGION_ID``; ``endpoint`` (or ``$CLOUDSIGN_ENDPOINT_URL_<SERVICE>``) overrides the spec's
    regional server."""
    signer_cls = SIGNERS.get(signature)
    if signer_cls is None:
        raise ConfigurationError(f"signature must be one of {sorted(SIGNERS)}, got {signature!r}")
    service = service_of_client(client_class)
    endpoint = endpoint if endpoint is not None else endpoint_from_env(service)
    region = region or os.environ.get(ENV_REGION) or None
    if region is not None:
        check_region(region)
    if endpoint is not None:
        base_url = check_endpoint(endpoint)
    elif region is None:
        raise ConfigurationError(f"an Alibaba Cloud client needs region=..., endpoint=... or ${ENV_REGION}")
    elif service is None:
        raise ConfigurationError(f"no spec in specs/ generates {client_class.__module__}; pass endpoint=...")
    else:
        base_url = spec_endpoint(service, region)
    creds = credentials if credentials is not None else default_credentials()
    options = Options(max_attempts=max_attempts, retry_unsafe=retry_unsafe, validate=validate)
    settings = Settings(CLOUD, signer_cls(creds, region=region), service, options, sync_backend, async_backend)
    return cloud_client(
        client_class,
        settings,
        base_url=base_url,
        timeout=timeout,
        verify=verify,
        httpx_args=httpx_args,
        proxy=proxy,
    )


def dataworks_client(**kwargs: Any) -> _dataworks.Client:
    """``client(dataworks_client.Client, **kwargs)``: a signed DataWorks client (see ``client`` for the arguments)."""
    from dataworks_client import Client

    return client(Client, **kwargs)
