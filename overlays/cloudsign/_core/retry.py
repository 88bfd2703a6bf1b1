"""Which transport failures prove that a request never left this machine (so sending it again is always safe)."""

from __future__ import annotations

import math

import httpx

# Raised before any byte of the request left this machine. Each transport maps its library's failures to these
# classes only for what fails before sending (aiohttp's, httpx-aiohttp's and urllib3's included): the class decides.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def request_was_not_sent(exc: BaseException) -> bool:
    """True only when the failure proves the request never left this machine."""
    return isinstance(exc, _NOT_SENT)


def retry_after_value(raw: str | None, scale: float = 1.0) -> float | None:
    """Seconds from a retry-after header (``raw`` in units of ``scale`` seconds per 1), or None when it is absent
    or not a finite number >= 0: RFC 9110 has such a value ignored (``nan``, ``inf``, ``-1``, garbage)."""
    if raw is None:
        return None
    try:
        value = float(raw) / scale
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None
