"""TLS settings for the backends: none at all for plain http://, httpx's verification rules for https://."""

from __future__ import annotations

import ssl

import httpx


def tls_for(endpoint: str, verify: bool | str | ssl.SSLContext) -> bool | str | ssl.SSLContext:
    """For plain http:// endpoints hand httpx an empty TLS context: it is never used, and loading the CA bundle
    would cost milliseconds at client construction. https:// keeps full verification."""
    if verify is True and endpoint.startswith("http://"):
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return verify


def tls_context(base_url: str, verify: bool | str | ssl.SSLContext) -> ssl.SSLContext | None:
    """None for plain http:// (no context is built); otherwise what httpx would verify with."""
    if base_url.startswith("http://"):
        return None
    return verify if isinstance(verify, ssl.SSLContext) else httpx.create_ssl_context(verify=verify)
