"""Where DataWorks lives: ``https://dataworks.{region}.aliyuncs.com``, or an explicit endpoint (emulator, proxy)."""

from __future__ import annotations

import re

from .._core.clients import check_endpoint
from .._core.errors import ConfigurationError

# The same rule as the spec's RegionId pattern (a test keeps the two equal).
REGION_PATTERN = r"^[a-z]{2,}(-[a-z0-9]+)+$"
_REGION = re.compile(REGION_PATTERN)


def check_region(region: str) -> str:
    if not isinstance(region, str) or not _REGION.match(region):
        raise ConfigurationError(f"region must look like cn-shanghai or ap-southeast-1, got {region!r}")
    return region


def region_endpoint(region: str) -> str:
    return f"https://dataworks.{check_region(region)}.aliyuncs.com"


def resolve_endpoint(region: str | None, endpoint: str | None) -> str:
    """An explicit endpoint wins (checked); otherwise the region's public endpoint."""
    if endpoint is not None:
        return check_endpoint(endpoint)
    if region is None:
        raise ConfigurationError("give a region (or set ALIBABA_CLOUD_REGION_ID) or an endpoint")
    return region_endpoint(region)
