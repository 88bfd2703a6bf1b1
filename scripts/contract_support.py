"""What the contract runs need beyond schemathesis: the ``requests`` auth that signs, and nothing else.

The cloud comes from the spec's file name (``<cloud>-<service>[.<part>].yaml``): nothing here names a spec or an
operation. Credentials come from the environment the clients read; against a loopback emulator the documented demo
keys are used when the environment has none. No generated value is rewritten: the specs say which values are
valid (DataWorks ``Content`` carries a ``pattern`` that only JSON objects the service takes match), so
"schema-valid request rejected" always means a real disagreement.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cloudsign._core.proxies import is_loopback


def cloud_of(spec: str) -> str:
    """The cloud a spec document belongs to, from its file name (``specs/<cloud>-<service>[.<part>].yaml``)."""
    from cloudsign._core.specs import SPEC_SUFFIX, service_of

    name = Path(spec).name
    return service_of(name.removesuffix(SPEC_SUFFIX))[1]


def _huaweicloud_auth(signature: str, url: str) -> Any:
    from cloudsign.huaweicloud import Credentials
    from cloudsign.huaweicloud.auth import requests_auth

    if os.environ.get("HUAWEICLOUD_SDK_AK") or not is_loopback(url):
        creds = Credentials.from_env()
    else:
        from cloudsign.emulator.huaweicloud import DEMO_AK, DEMO_SK

        creds = Credentials(DEMO_AK, DEMO_SK)
    return requests_auth(creds, algorithm=signature) if signature else requests_auth(creds)


def _alibabacloud_auth(signature: str, url: str) -> Any:
    from cloudsign.alibabacloud import Credentials
    from cloudsign.alibabacloud.auth import requests_auth

    if os.environ.get("ALIBABA_CLOUD_ACCESS_KEY_ID") or not is_loopback(url):
        creds = Credentials.from_env()
    else:
        from cloudsign.emulator.alibabacloud import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET

        creds = Credentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)
    region = os.environ.get("ALIBABA_CLOUD_REGION_ID", "cn-shanghai")
    return requests_auth(creds, signature=signature or "ACS3-HMAC-SHA256", region=region)


# How to sign for each cloud (never per service or operation): (signature scheme or "", url) -> a requests auth.
AUTHS: dict[str, Callable[[str, str], Any]] = {
    "huaweicloud": _huaweicloud_auth,
    "alibabacloud": _alibabacloud_auth,
}


def auth_for(spec: str, signature: str, url: str) -> Any:
    """A ``requests`` auth signing for the cloud of ``spec`` (a document's path or file name); ``signature`` picks
    the scheme (empty: the cloud's default)."""
    cloud = cloud_of(spec)
    if cloud not in AUTHS:
        raise ValueError(f"no request signing for cloud {cloud!r} (spec {spec}); known: {sorted(AUTHS)}")
    return AUTHS[cloud](signature, url)
