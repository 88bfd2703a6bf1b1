"""Why a verifier refused a request, in Alibaba's own terms (error code and HTTP status), for the emulator to send;
and what both verifiers (ACS3, RPC v1) check alike, around what each reads from a request (``Verifier``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import NamedTuple

# Both signatures date a request the same way (ACS3's x-acs-date, RPC v1's Timestamp), zero-padded: strptime
# alone would take 2026-1-2T3:4:5Z, which the gateway refuses.
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_TIMESTAMP_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
# How far a request's date may be from the gateway's clock, either way.
MAX_SKEW_SECONDS = 15 * 60


class SignatureRejectedError(Exception):
    """A request failed authentication; ``code`` and ``status`` are what Alibaba's gateway answers."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


class Verified(NamedTuple):
    """What a verifier learnt from an accepted request (named tuples: made per request, cheaper than frozen
    dataclasses)."""

    access_key_id: str
    nonce: str
    action: str | None
    version: str | None


def incomplete(detail: str) -> SignatureRejectedError:
    return SignatureRejectedError(
        "IncompleteSignature", f"The request signature does not conform to Aliyun standards. {detail}"
    )


def mismatch() -> SignatureRejectedError:
    return SignatureRejectedError("SignatureDoesNotMatch", "Specified signature is not matched with our calculation.")


def unknown_key() -> SignatureRejectedError:
    return SignatureRejectedError("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404)


def nonce_used() -> SignatureRejectedError:
    return SignatureRejectedError("SignatureNonceUsed", "Specified signature nonce was used already.")


def expired() -> SignatureRejectedError:
    return SignatureRejectedError("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")


def bad_timestamp() -> SignatureRejectedError:
    return SignatureRejectedError(
        "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."
    )


@functools.lru_cache(maxsize=64)
def _parsed(stamp: str) -> datetime:
    """The timestamp as an aware UTC datetime (immutable), parsed once per distinct string: requests signed within
    the same second carry the same one. A string that does not parse raises ValueError (never cached)."""
    return datetime.strptime(stamp, TIMESTAMP_FORMAT).replace(tzinfo=UTC)


def check_fresh(stamp: str, now: datetime, max_skew: float) -> float:
    """Refuse a date that does not parse, or is more than ``max_skew`` seconds off ``now``. Returns when the
    request stops being valid (POSIX seconds): its nonce must be remembered at least that long."""
    if not _TIMESTAMP_SHAPE.fullmatch(stamp):
        raise bad_timestamp()
    try:
        sent_at = _parsed(stamp)
    except ValueError:
        raise bad_timestamp() from None
    if abs((now - sent_at).total_seconds()) > max_skew:
        raise expired()
    return sent_at.timestamp() + max_skew


class Claim(NamedTuple):
    """What a request says of itself, as one scheme reads it: who and what (``verified``, once accepted), when
    (``stamp``, as sent), and whether its signature is that of a secret (``matches``)."""

    verified: Verified
    stamp: str
    matches: Callable[[str], bool]


ReadClaim = Callable[[str, str, Mapping[str, str], bytes, "list[tuple[str, str]] | None"], Claim]


class Verifier:
    """A gateway's check of one scheme: ``read`` (the scheme's own: method, URL, headers with lowercase names, body,
    the URL's query already decoded or None) refuses what is incomplete and says what the request claims; then,
    alike for both schemes, the key must be known, the date fresh, the signature that of the key's secret, and the
    nonce unseen (``nonce_seen(nonce, valid_until)`` remembers it). Raises ``SignatureRejectedError`` with
    Alibaba's code and status; returns what was verified."""

    __slots__ = ("read",)

    def __init__(self, read: ReadClaim) -> None:
        self.read = read

    def __call__(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes,
        secret_for: Callable[[str], str | None],
        *,
        now: datetime,
        nonce_seen: Callable[[str, float], bool] | None = None,
        max_skew: float = MAX_SKEW_SECONDS,
        query_pairs: list[tuple[str, str]] | None = None,
        lowercase_names: bool = False,
    ) -> Verified:
        """``query_pairs``: the URL's query already decoded (the emulator parses it once per request), else it is
        parsed when the scheme needs it; ``lowercase_names``: every header name is lowercase already (a server's)."""
        lowered = headers if lowercase_names else {k.lower(): v for k, v in headers.items()}
        claim = self.read(method, url, lowered, body, query_pairs)
        verified = claim.verified
        secret = secret_for(verified.access_key_id)
        if secret is None:
            raise unknown_key()
        valid_until = check_fresh(claim.stamp, now, max_skew)
        if not claim.matches(secret):
            raise mismatch()
        if nonce_seen is not None and nonce_seen(verified.nonce, valid_until):
            raise nonce_used()
        return verified
