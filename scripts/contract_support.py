"""Build the ``requests`` auth a contract run signs with, for a spec, a scheme and a target URL.

Credentials come from the environment the clients read; against a loopback emulator the documented demo keys are
used when the environment has none.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit


def _loopback(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")


def auth_for(spec: str, signature: str, url: str) -> Any:
    if "huaweicloud" in spec:
        from cloudsign.huaweicloud import Credentials
        from cloudsign.huaweicloud.auth import requests_auth

        if os.environ.get("HUAWEICLOUD_SDK_AK") or not _loopback(url):
            creds = Credentials.from_env()
        else:
            from cloudsign.huaweicloud.emulator import DEMO_AK, DEMO_SK

            creds = Credentials(DEMO_AK, DEMO_SK)
        return requests_auth(creds)
    from cloudsign.alibabacloud import Credentials as AliCredentials
    from cloudsign.alibabacloud.auth import requests_auth as ali_requests_auth

    if os.environ.get("ALIBABA_CLOUD_ACCESS_KEY_ID") or not _loopback(url):
        ali = AliCredentials.from_env()
    else:
        from cloudsign.alibabacloud.emulator import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET

        ali = AliCredentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)
    region = os.environ.get("ALIBABA_CLOUD_REGION_ID", "cn-shanghai")
    return ali_requests_auth(ali, signature=signature or "ACS3-HMAC-SHA256", region=region)
