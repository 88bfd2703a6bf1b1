"""Alibaba RPC signature V1 (``HMAC-SHA1``, ``SignatureVersion=1.0``) as one pure function, and its verifier.

The signature travels in the query, so signing returns a new URL. The method is an input: the classic published
example is a GET, DataWorks uses POST. Form-encoded body parameters are signed too, as the gateway does.
"""

from __future__ import annotations

import base64
import hmac
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from .._core.macs import hmac_digest
from ._encoding import SigningKey, encode_query, format_timestamp, parse_query, percent_encode
from .rejection import MAX_SKEW_SECONDS, Claim, SignatureRejectedError, Verified, Verifier, incomplete

if TYPE_CHECKING:
    from typing import Unpack

SIGNATURE_METHOD = "HMAC-SHA1"
SIGNATURE_VERSION = "1.0"
# The common parameters this scheme owns: whatever the caller put there is replaced.
_OWNED = ("AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "SecurityToken")
_REPLACED = frozenset((*_OWNED, "Signature"))


def _form_pairs(headers: Mapping[str, str], body: bytes) -> list[tuple[str, str]]:
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if body and content_type.split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
        return parse_query(body.decode())
    return []


def string_to_sign(method: str, pairs: list[tuple[str, str]]) -> str:
    """``METHOD&%2F&`` + percent-encoded sorted ``k=v`` pairs (each percent-encoded) joined by ``&``."""
    return _to_sign(method, encode_query(sorted(pairs)))


def _to_sign(method: str, canonical: str) -> str:
    return f"{method.upper()}&%2F&{percent_encode(canonical)}"


def _mac(text: str, secret: str) -> str:
    return base64.b64encode(hmac_digest(f"{secret}&".encode(), text.encode(), "sha1")).decode()


def _signature(method: str, pairs: list[tuple[str, str]], secret: str) -> str:
    return _mac(string_to_sign(method, pairs), secret)


class RpcInputs(SigningKey, total=False):
    """``sign_rpc_v1``'s and ``signed_query``'s keywords: the signing key and stamp, the ``Version`` to add when the
    query has none (``Format=JSON`` is added likewise), and ``known``: query values the caller already encoded (see
    ``encode_query``)."""

    version: str | None
    known: Mapping[str, str] | None


def signed_query(
    method: str,
    pairs: list[tuple[str, str]],
    headers: Mapping[str, str],
    body: bytes,
    **inputs: Unpack[RpcInputs],
) -> str:
    """The wire query for decoded ``pairs``: with the common parameters, sorted, ``Signature`` last. Sorted on the
    wire, the query before ``Signature`` is the canonical query too, so every value is encoded once."""
    kept = [(k, v) for k, v in pairs if k not in _REPLACED]
    present = {k for k, _ in kept}
    if "Format" not in present:
        kept.append(("Format", "JSON"))
    version = inputs.get("version")
    if "Version" not in present and version is not None:
        kept.append(("Version", version))
    kept += [
        ("AccessKeyId", inputs["access_key_id"]),
        ("SignatureMethod", SIGNATURE_METHOD),
        ("Timestamp", format_timestamp(inputs["now"])),
        ("SignatureVersion", SIGNATURE_VERSION),
        ("SignatureNonce", inputs["nonce"]),
    ]
    security_token = inputs["security_token"]
    if security_token:
        kept.append(("SecurityToken", security_token))
    known = inputs.get("known")
    query = encode_query(sorted(kept), known)
    form = _form_pairs(headers, body)
    canonical = encode_query(sorted(kept + form), known) if form else query
    return f"{query}&Signature={percent_encode(_mac(_to_sign(method, canonical), inputs['secret']))}"


def sign_rpc_v1(method: str, url: str, headers: Mapping[str, str], body: bytes, **inputs: Unpack[RpcInputs]) -> str:
    """Return ``url`` with the common parameters and ``Signature`` added. ``Version`` and ``Format`` already in the
    query are kept; the signing parameters are always replaced."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(query=signed_query(method, parse_query(parts.query), headers, body, **inputs)))


def _claim(
    method: str, url: str, headers: Mapping[str, str], body: bytes, query_pairs: list[tuple[str, str]] | None
) -> Claim:
    """What an RPC v1 request claims, like the gateway reads it: the common parameters of its query; the signature
    covers the query (but ``Signature``) and a form body."""
    pairs = parse_query(urlsplit(url).query) if query_pairs is None else query_pairs
    params = dict(pairs)
    missing = [k for k in ("AccessKeyId", "Signature", "SignatureNonce", "Timestamp") if not params.get(k)]
    if missing:
        raise incomplete(f"Missing {', '.join(missing)}.")
    if params.get("SignatureMethod") != SIGNATURE_METHOD or params.get("SignatureVersion") != SIGNATURE_VERSION:
        raise incomplete("SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0.")

    def matches(secret: str) -> bool:
        signed = [(k, v) for k, v in pairs if k != "Signature"] + _form_pairs(headers, body)
        return hmac.compare_digest(_signature(method, signed, secret), params["Signature"])

    verified = Verified(params["AccessKeyId"], params["SignatureNonce"], params.get("Action"), params.get("Version"))
    return Claim(verified, params["Timestamp"], matches)


verify_rpc_v1 = Verifier(_claim)
"""Check an RPC v1 request like the gateway (see ``_claim`` and ``Verifier``). Raises ``SignatureRejectedError``
with Alibaba's code and status."""

__all__ = [
    "MAX_SKEW_SECONDS",
    "RpcInputs",
    "SignatureRejectedError",
    "Verified",
    "sign_rpc_v1",
    "signed_query",
    "string_to_sign",
    "verify_rpc_v1",
]
