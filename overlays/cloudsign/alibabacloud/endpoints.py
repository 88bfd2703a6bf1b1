"""Alibaba Cloud region IDs; the endpoint of a region comes from the service's spec (its ``servers`` URL)."""

from __future__ import annotations

import re

from .._core.errors import ConfigurationError

# The same rule as the DataWorks spec's RegionId pattern (a test keeps the two equal).
REGION_PATTERN = r"^[a-z]{2,}(-[a-z0-9]+)+$"
_REGION = re.compile(REGION_PATTERN)


def check_region(region: str) -> str:
    if not isinstance(region, str) or not _REGION.fullmatch(region):
        raise ConfigurationError(f"region must look like cn-shanghai or ap-southeast-1, got {region!r}")
    return region
