"""What the contract runs need beyond schemathesis: the ``requests`` auth that signs, and JSON-in-a-string.

Credentials come from the environment the clients read; against a loopback emulator the documented demo keys are
used when the environment has none.

``contentMediaType``/``contentSchema`` are annotations in OpenAPI 3.1, so schemathesis generates any string for
DataWorks ``Content``; a service that parses it rejects most of them. ``honour_json_content`` wraps such a value in
a JSON object for positive cases only (negative cases keep their broken values), so "schema-valid request
rejected" means a real disagreement.
"""

from __future__ import annotations

import functools
import json
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


@functools.cache
def json_string_parameters(method: str, path: str) -> frozenset[str]:
    """Names of the parameters the specs declare as JSON carried in a string."""
    from cloudsign._core.specs import SPEC_FILES, load_spec

    names: set[str] = set()
    for name in SPEC_FILES:
        op = load_spec(name)["paths"].get(path, {}).get(method.lower(), {})
        for param in op.get("parameters", []):
            if param.get("schema", {}).get("contentMediaType") == "application/json":
                names.add(param["name"])
    return frozenset(names)


def honour_json_content(case: Any) -> None:
    """In a positive case, make every JSON-in-a-string query parameter a JSON object (wrapping what was drawn)."""
    if case.meta is None or str(case.meta.generation.mode) != "positive":
        return
    for name in json_string_parameters(case.operation.method, case.operation.path):
        value = (case.query or {}).get(name)
        if not isinstance(value, str):
            continue
        try:
            if isinstance(json.loads(value), dict):
                continue
        except ValueError:
            pass
        case.query[name] = json.dumps({"database": value})
