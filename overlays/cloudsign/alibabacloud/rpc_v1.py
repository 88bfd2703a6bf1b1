"""Alibaba RPC signature V1 (``HMAC-SHA1``, ``SignatureVersion=1.0``) as one pure function, and its verifier.

The signature travels in the query, so signing returns a new URL. The method is an input: the classic published
example is a GET, DataWorks uses POST. Form-encoded body parameters are signed too, as the gateway does.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from ._encoding import encode_query, parse_query, percent_encode
from .rejection import (
    TIMESTAMP_FORMAT,
    SignatureRejectedError,
    Verified,
    check_fresh,
    incomplete,
    mismatch,
    nonce_used,
    unknown_key,
)

SIGNATURE_METHOD = "HMAC-SHA1"
SIGNATURE_VERSION = "1.0"
MAX_SKEW_SECONDS = 15 * 60
# The common parameters this scheme owns: whatever the caller put there is replaced.
_OWNED = ("AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "SecurityToken")


def _form_pairs(headers: Mapping[str, str], body: bytes) -> list[tuple[str, str]]:
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if body and content_type.split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
        return parse_query(body.decode())
    return []


def string_to_sign(method: str, pairs: list[tuple[str, str]]) -> str:
    """``METHOD&%2F&`` + percent-encoded sorted ``k=v`` pairs (each percent-encoded) joined by ``&``."""
    canonical = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(pairs))
    return f"{method.upper()}&{percent_encode('/')}&{percent_encode(canonical)}"


def _signature(method: str, pairs: list[tuple[str, str]], secret: str) -> str:
    digest = hmac.new(f"{secret}&".encode(), string_to_sign(method, pairs).encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def sign_rpc_v1(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    access_key_id: str,
    secret: str,
    security_token: str | None,
    now: datetime,
    nonce: str,
    version: str | None = None,
    response_format: str = "JSON",
) -> str:
    """Return ``url`` with the common parameters and ``Signature`` added. ``Version`` and ``Format`` already in the
    query are kept; the signing parameters are always replaced."""
    parts = urlsplit(url)
    pairs = [(k, v) for k, v in parse_query(parts.query) if k not in (*_OWNED, "Signature")]
    present = {k for k, _ in pairs}
    if "Format" not in present:
        pairs.append(("Format", response_format))
    if "Version" not in present and version is not None:
        pairs.append(("Version", version))
    pairs += [
        ("AccessKeyId", access_key_id),
        ("SignatureMethod", SIGNATURE_METHOD),
        ("Timestamp", now.astimezone(UTC).strftime(TIMESTAMP_FORMAT)),
        ("SignatureVersion", SIGNATURE_VERSION),
        ("SignatureNonce", nonce),
    ]
    if security_token:
        pairs.append(("SecurityToken", security_token))
    signature = _signature(method, pairs + _form_pairs(headers, body), secret)
    return urlunsplit(parts._replace(query=encode_query([*pairs, ("Signature", signature)])))


def verify_rpc_v1(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    secret_for: Callable[[str], str | None],
    *,
    now: datetime,
    nonce_seen: Callable[[str], bool] | None = None,
    max_skew: float = MAX_SKEW_SECONDS,
) -> Verified:
    """Check an RPC v1 request like the gateway. Raises ``SignatureRejectedError`` with Alibaba's code and status."""
    pairs = parse_query(urlsplit(url).query)
    params = dict(pairs)
    missing = [k for k in ("AccessKeyId", "Signature", "SignatureNonce", "Timestamp") if not params.get(k)]
    if missing:
        raise incomplete(f"Missing {', '.join(missing)}.")
    if params.get("SignatureMethod") != SIGNATURE_METHOD or params.get("SignatureVersion") != SIGNATURE_VERSION:
        raise incomplete("SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0.")
    secret = secret_for(params["AccessKeyId"])
    if secret is None:
        raise unknown_key()
    check_fresh(params["Timestamp"], now, max_skew)
    signed = [(k, v) for k, v in pairs if k != "Signature"] + _form_pairs(headers, body)
    if not hmac.compare_digest(_signature(method, signed, secret), params["Signature"]):
        raise mismatch()
    if nonce_seen is not None and nonce_seen(params["SignatureNonce"]):
        raise nonce_used()
    return Verified(params["AccessKeyId"], params["SignatureNonce"], params.get("Action"), params.get("Version"))


__all__ = ["SignatureRejectedError", "Verified", "sign_rpc_v1", "string_to_sign", "verify_rpc_v1"]
