"""What the contract runs need beyond schemathesis: the ``requests`` auth that signs, and JSON-in-a-string.

The cloud comes from the spec's file name (``<cloud>-<service>[.<part>].yaml``), the JSON-in-a-string parameters
from the registry of every document in specs/: nothing here names a spec or an operation. Credentials come from
the environment the clients read; against a loopback emulator the documented demo keys are used when the
environment has none.

``contentMediaType``/``contentSchema`` are annotations in OpenAPI 3.1, so schemathesis generates any string for
DataWorks ``Content``; a service that parses it rejects most of them. ``honour_json_content`` wraps such a value in
a JSON object for positive cases only (negative cases keep their broken values), so "schema-valid request
rejected" means a real disagreement.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


def _loopback(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")


def cloud_of(spec: str) -> str:
    """The cloud a spec document belongs to, from its file name (``specs/<cloud>-<service>[.<part>].yaml``)."""
    from cloudsign._core.specs import SPEC_SUFFIX, service_of

    name = Path(spec).name
    return service_of(name.removesuffix(SPEC_SUFFIX))[1]


def _huaweicloud_auth(signature: str, url: str) -> Any:
    from cloudsign.huaweicloud import Credentials
    from cloudsign.huaweicloud.auth import requests_auth

    if os.environ.get("HUAWEICLOUD_SDK_AK") or not _loopback(url):
        creds = Credentials.from_env()
    else:
        from cloudsign.huaweicloud.emulator import DEMO_AK, DEMO_SK

        creds = Credentials(DEMO_AK, DEMO_SK)
    return requests_auth(creds, algorithm=signature) if signature else requests_auth(creds)


def _alibabacloud_auth(signature: str, url: str) -> Any:
    from cloudsign.alibabacloud import Credentials
    from cloudsign.alibabacloud.auth import requests_auth

    if os.environ.get("ALIBABA_CLOUD_ACCESS_KEY_ID") or not _loopback(url):
        creds = Credentials.from_env()
    else:
        from cloudsign.alibabacloud.emulator import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET

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


@functools.cache
def _json_string_parameters(method: str, path: str) -> tuple[tuple[tuple[tuple[str, str], ...], frozenset[str]], ...]:
    """(pinned query values, JSON-in-a-string parameter names) of every operation at ``method path``."""
    from cloudsign._core.registry import service
    from cloudsign._core.specs import services

    found = []
    for name in services():
        for op in service(name).operations:
            if op.method != method.upper() or op.path != path:
                continue
            names = frozenset(
                p["name"]
                for p in op.spec.get("parameters", [])
                if (p.get("schema") or {}).get("contentMediaType") == "application/json"
            )
            found.append((tuple((k, str(v)) for k, v in op.constants.items()), names))
    return tuple(found)


def json_string_parameters(method: str, path: str, query: Mapping[str, Any] | None = None) -> frozenset[str]:
    """Names of the parameters the specs declare as JSON carried in a string, for the operations at ``method
    path`` (only those whose pinned query values, e.g. an RPC ``Action``, match ``query`` when it is given)."""
    names: set[str] = set()
    for pinned, found in _json_string_parameters(method, path):
        if query is None or all(str(query.get(k)) == v for k, v in pinned):
            names |= found
    return frozenset(names)


def honour_json_content(case: Any) -> None:
    """In a positive case, make every JSON-in-a-string query parameter a JSON object (wrapping what was drawn)."""
    if case.meta is None or str(case.meta.generation.mode) != "positive":
        return
    for name in json_string_parameters(case.operation.method, case.operation.path, case.query or {}):
        value = (case.query or {}).get(name)
        if not isinstance(value, str):
            continue
        try:
            if isinstance(json.loads(value), dict):
                continue
        except ValueError:
            pass
        case.query[name] = json.dumps({"database": value})
