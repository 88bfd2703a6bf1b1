"""Region -> DAS endpoint, or a checked override; a bad region fails when the client is built, not on first call."""

from __future__ import annotations

import re

from cloudsign._core.clients import check_endpoint
from cloudsign._core.errors import ConfigurationError

# Region IDs look like cn-north-4, ap-southeast-1, la-south-2, cn-east-3, eu-west-101, me-east-1, tr-west-1.
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-[0-9]{1,3}$")


def check_region(region: str) -> str:
    if not isinstance(region, str) or not _REGION.match(region):
        raise ConfigurationError(f"region must look like 'cn-north-4' or 'ap-southeast-1', got {region!r}")
    return region


def das_endpoint(region: str | None = None, endpoint: str | None = None) -> str:
    """``endpoint`` wins when given (validated); otherwise ``https://das.{region}.myhuaweicloud.com``."""
    if endpoint is not None:
        return check_endpoint(endpoint)
    if region is None:
        raise ConfigurationError("give a region (or set HUAWEICLOUD_SDK_REGION) or an endpoint")
    return f"https://das.{check_region(region)}.myhuaweicloud.com"
