"""Huawei Cloud region IDs; a bad region fails when the client is built, not on the first call.

The endpoint of a region comes from the service's spec (its ``servers`` URL), see ``cloudsign._core.clients``."""

from __future__ import annotations

import re

from cloudsign._core.errors import ConfigurationError

# Region IDs look like cn-north-4, ap-southeast-1, la-south-2, cn-east-3, eu-west-101, me-east-1, tr-west-1.
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-[0-9]{1,3}$")


def check_region(region: str) -> str:
    if not isinstance(region, str) or not _REGION.fullmatch(region):
        raise ConfigurationError(f"region must look like 'cn-north-4' or 'ap-southeast-1', got {region!r}")
    return region
