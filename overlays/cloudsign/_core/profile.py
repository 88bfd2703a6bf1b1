"""A cloud's profile: what its client factory needs to know besides its signers, so each factory is small.

The profile is also the pipeline's view of the cloud (``pipeline.Cloud``): its name, request-id header and error
envelope (its ``errors`` module, imported on first need). ``build`` is the factory both clouds share: endpoint or
region (from the spec's server URL and the cloud's region variable), then the signer, then the generated client.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from .call_options import split_options
from .clients import Settings, check_endpoint, cloud_client, endpoint_from_env, service_of_client, spec_endpoint
from .errors import ConfigurationError

if TYPE_CHECKING:
    from typing import Unpack

    import httpx

    from .auth import Signer
    from .call_options import ClientOptions
    from .errors import APIError, APIResponseValidationError, ResponseTooLargeError

C = TypeVar("C")


class Profile:
    """One cloud: ``name``, ``request_id_header``, the module holding its errors and ``parse_error``, the
    environment variable of its region and how a region is checked. ``region_signs``: the signer needs the region
    (Alibaba's ``RegionId``), so it is read and checked even when an endpoint is given."""

    def __init__(
        self,
        name: str,
        *,
        title: str,
        request_id_header: str,
        errors_module: str,
        region_variable: str,
        check_region: Callable[[str], str],
        region_signs: bool,
    ) -> None:
        self.name = name
        self.title = title  # "a Huawei Cloud", for messages
        self.request_id_header = request_id_header
        self.errors_module = errors_module
        self.region_variable = region_variable
        self.check_region = check_region
        self.region_signs = region_signs

    @functools.cached_property
    def errors(self) -> ModuleType:
        return importlib.import_module(self.errors_module)

    @property
    def invalid_response(self) -> type[APIResponseValidationError]:
        cls: type[APIResponseValidationError] = self.errors.APIResponseValidationError
        return cls

    @property
    def too_large(self) -> type[ResponseTooLargeError]:
        cls: type[ResponseTooLargeError] = self.errors.ResponseTooLargeError
        return cls

    def parse_error(
        self, status: int, headers: Mapping[str, str], content: bytes, *, method: str, path: str
    ) -> APIError:
        error: APIError = self.errors.parse_error(status, headers, content, method=method, path=path)
        return error

    def unsuccessful(self, response: httpx.Response, body: Any, *, method: str, path: str) -> APIError | None:
        """A 2xx whose envelope says it failed: none by default (a cloud with such envelopes overrides this)."""
        return None

    def __repr__(self) -> str:
        return f"Profile({self.name!r})"


def build(
    profile: Profile,
    client_class: type[C],
    signer_for: Callable[[str | None], Signer],
    *,
    region: str | None,
    endpoint: str | None,
    **options: Unpack[ClientOptions],
) -> C:
    """A signed client of ``client_class``. The endpoint is ``endpoint``, else ``$CLOUDSIGN_ENDPOINT_URL_<SERVICE>``,
    else the spec's server in ``region`` (else the profile's region variable); ``signer_for(region)`` is called
    after, so a bad region or endpoint is named before credentials are looked for."""
    service = service_of_client(client_class)
    endpoint = endpoint if endpoint is not None else endpoint_from_env(service)
    if profile.region_signs:
        region = region or os.environ.get(profile.region_variable) or None
        if region is not None:
            profile.check_region(region)
    if endpoint is not None:
        base_url = check_endpoint(endpoint)
    else:
        region = region or os.environ.get(profile.region_variable) or None
        if region is None:
            raise ConfigurationError(
                f"{profile.title} client needs region=..., endpoint=... or ${profile.region_variable}"
            )
        if service is None:
            raise ConfigurationError(f"no spec in specs/ generates {client_class.__module__}; pass endpoint=...")
        base_url = spec_endpoint(service, profile.check_region(region))
    signer = signer_for(region)
    call_options, backends, connection = split_options(options)
    settings = Settings(profile, signer, service, call_options, **backends)
    return cloud_client(client_class, settings, base_url=base_url, **connection)
