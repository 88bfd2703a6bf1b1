"""What the two direct clients (urllib3 sync, aiohttp async) share: turning the generated code's ``request()``
arguments into the exact bytes httpx would send, signing them, and the hand-back of the response.

Both keep httpx's contract for ``request(method, url, params=..., json=..., headers=...)``; anything else goes to
the ordinary httpx path (``wants_httpx``).
"""

from __future__ import annotations

import json as jsonlib
import logging
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

from .auth import Signer, SigningAuth
from .calling import last_response, logger
from .logs import redact_headers, redact_url

# request() arguments the direct clients leave to httpx.
UNHANDLED = ("content", "data", "files", "cookies", "auth", "follow_redirects", "extensions")


def _text(value: Any) -> str:
    """httpx's primitive_value_to_str: JSON-style booleans, None as empty."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "" if value is None else str(value)


def encode_params(params: Mapping[str, Any]) -> str:
    """A query string (RFC 3986) that decodes to exactly the pairs httpx would send for ``params``."""
    parts = []
    for key, value in params.items():
        for item in value if isinstance(value, list | tuple) else (value,):
            parts.append(f"{quote(str(key), safe='~')}={quote(_text(item), safe='~')}")
    return "&".join(parts)


def encode_json(value: Any) -> bytes:
    """The bytes httpx sends for ``json=value``."""
    return jsonlib.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def wants_httpx(url: Any, kwargs: Mapping[str, Any]) -> bool:
    """True when the call uses something only httpx handles (or an absolute / non-string URL)."""
    return any(kwargs.get(name) is not None for name in UNHANDLED) or not isinstance(url, str) or "://" in url


class DirectSettings:
    """Mixin set up before ``httpx.Client`` / ``httpx.AsyncClient`` in a direct client's bases: the httpx side
    keeps the same settings (and signs through ``SigningAuth``) for the calls that fall back to it."""

    def __init__(
        self,
        *,
        signer: Signer,
        base_url: str,
        headers: Mapping[str, str] | None = None,
        timeout: httpx.Timeout | None = None,
        verify: bool | str | ssl.SSLContext = True,
        max_connections: int = 100,
    ) -> None:
        super().__init__(  # type: ignore[call-arg]
            base_url=base_url, headers=dict(headers or {}), timeout=timeout, verify=verify, auth=SigningAuth(signer)
        )
        self._signer = signer
        self._base = base_url.rstrip("/")
        self._verify_setting = verify
        self._max_connections = max_connections

    def tls_context(self) -> ssl.SSLContext | None:
        """None for plain http:// (no context is built); otherwise what httpx would verify with."""
        if self._base.startswith("http://"):
            return None
        verify = self._verify_setting
        return verify if isinstance(verify, ssl.SSLContext) else httpx.create_ssl_context(verify=verify)


@dataclass(slots=True)
class Prepared:
    method: str
    url: str
    headers: dict[str, str]
    body: bytes


def prepare(
    signer: Signer,
    base: str,
    defaults: httpx.Headers,
    method: str,
    url: str,
    params: Mapping[str, Any] | None,
    json: Any | None,
    headers: Mapping[str, str] | None,
) -> Prepared:
    """Build the URL, body and headers as httpx would, then sign them (the signer may rewrite the query)."""
    full = base + url
    if params:
        full += ("&" if "?" in full else "?") + encode_params(params)
    body = encode_json(json) if json is not None else b""
    merged = dict(defaults)  # httpx.Headers: lowercase names
    if headers:
        merged.update((k.lower(), v) for k, v in headers.items())
    if json is not None:
        merged.setdefault("content-type", "application/json")
    verb = method.upper()
    signed = signer.sign(verb, full, merged, body)
    merged.update(signed.headers)
    full = signed.url or full
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("request %s %s headers=%s", verb, redact_url(full), redact_headers(merged))
    return Prepared(verb, full, merged, body)


def respond(status: int, headers: list[tuple[Any, Any]], content: bytes) -> httpx.Response:
    """An httpx.Response from what the library read. Content-Encoding is dropped: the library already decoded the
    body and httpx must not decode it again."""
    kept = [
        (k, v) for k, v in headers if (k.lower() if isinstance(k, str) else k.lower().decode()) != "content-encoding"
    ]
    response = httpx.Response(status, headers=kept, content=content)
    last_response.set(response)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("response %s headers=%s", response.status_code, redact_headers(response.headers))
    return response
