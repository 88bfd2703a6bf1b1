"""The proxy a client's requests go through, read from the environment as httpx and the official SDKs read it.

``HTTPS_PROXY`` / ``HTTP_PROXY`` (by the endpoint's scheme, any case; ``ALL_PROXY`` as a fallback) and ``NO_PROXY``.
Loopback endpoints never go through a proxy: the emulators and local test servers must be reached directly.
Read once when a client opens its connections, not per request."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit
from urllib.request import getproxies_environment, proxy_bypass_environment  # type: ignore[attr-defined]


def is_loopback(url: str) -> bool:
    """Whether ``url`` points at this machine (``localhost`` or a loopback address): an emulator or a local test
    server, never the cloud."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def proxy_for(url: str) -> str | None:
    """The proxy URL for requests to ``url``, or None to connect directly."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host or is_loopback(url):
        return None
    proxies = getproxies_environment()
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if not proxy or proxy_bypass_environment(host, proxies):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def redact_proxy(proxy: str) -> str:
    """A proxy URL fit for a message: user and password removed."""
    parts = urlsplit(proxy)
    if parts.username is None and parts.password is None:
        return proxy
    host = parts.hostname or ""
    netloc = f"***@{host}" + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()


def direct_mounts(base_url: str, proxy: str | None, httpx_kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """httpx client arguments that make a loopback endpoint go direct although ``HTTP(S)_PROXY`` is set (httpx
    itself sends 127.0.0.1 to the proxy): the endpoint's origin mounted on the default transport. Nothing when a
    proxy was given explicitly, the endpoint is not loopback, or the caller brought mounts or a transport."""
    if proxy or not is_loopback(base_url) or "mounts" in httpx_kwargs:
        return {}
    parts = urlsplit(base_url)
    return {"mounts": {f"{parts.scheme}://{parts.netloc}": httpx_kwargs.get("transport")}}
