"""Alibaba Cloud signature V3 (``ACS3-HMAC-SHA256``) as one pure function, and the verifier the emulator uses.

Pure means: the clock, the nonce and the credentials come in as arguments, so the published example and the
property tests against the official signer can pin every input. The signed headers are a deliberate set (``host``,
``content-type`` when present and every ``x-acs-*`` header), never ``user-agent`` or hop-by-hop headers a proxy may
rewrite; the gateway recomputes with the request's own ``SignedHeaders``, so this is accepted.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NotRequired

from .._core.macs import hmac_digest
from .._core.memo import keep
from .._core.wire import canonical_query, encode_query, split_url
from ._encoding import SigningKey, canonical_path, format_timestamp
from .rejection import (
    MAX_SKEW_SECONDS,
    TIMESTAMP_FORMAT,
    Claim,
    SignatureRejectedError,
    Verified,
    Verifier,
    incomplete,
)

if TYPE_CHECKING:
    from typing import Unpack

ALGORITHM = "ACS3-HMAC-SHA256"
DATE_FORMAT = TIMESTAMP_FORMAT


class Acs3Inputs(SigningKey):
    """``sign_acs3``'s keywords: the signing key and stamp, the ``x-acs-action`` / ``x-acs-version`` to send, and the
    URL's query in canonical form when the caller built it so (spares parsing it again)."""

    action: str
    version: str
    canonical_query: NotRequired[str | None]


_EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def _content_sha256(body: bytes) -> str:
    """``x-acs-content-sha256`` of ``body`` (the empty body's digest worked out once)."""
    return hashlib.sha256(body).hexdigest() if body else _EMPTY_SHA256


_canonical_query = canonical_query  # ``sign_acs3`` takes a parameter of that name


def _signed_names(headers: Mapping[str, str]) -> list[str]:
    return sorted([n for n in headers if n in ("host", "content-type") or n.startswith("x-acs-")])


def _signature(
    method: str,
    url: str,
    headers: Mapping[str, str],
    names: list[str],
    secret: str,
    pairs: list[tuple[str, str]] | None = None,
) -> str:
    """hex HMAC-SHA256 over the string to sign of a request as it arrived (the verifier's side; the signer builds
    the same text from a kept frame); ``headers`` must have lowercase names; ``pairs`` the URL's query already
    decoded, when the caller has it."""
    _, path, raw_query = split_url(url)
    query = canonical_query(raw_query) if pairs is None else encode_query(sorted(pairs))
    canonical_headers = "".join([f"{n}:{headers[n].strip()}\n" for n in names])
    canonical_request = (
        f"{method.upper()}\n{canonical_path(path)}\n{query}\n{canonical_headers}\n"
        f"{';'.join(names)}\n{headers.get('x-acs-content-sha256', '')}"
    )
    string_to_sign = f"{ALGORITHM}\n{hashlib.sha256(canonical_request.encode()).hexdigest()}"
    return hmac_digest(secret.encode(), string_to_sign.encode(), "sha256").hex()


# The headers a signature adds that change from one signature to the next, in their sorted order.
_DYNAMIC = ("x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce")


@dataclass(frozen=True, slots=True)
class _Frame:
    """Everything in a canonical request but the query and the three per-signature headers, for one shape."""

    host: str
    head: str  # "METHOD\nPATH\n"
    segments: tuple[str, str, str, str]  # canonical header lines around the _DYNAMIC values
    joined: str


# A client signs the same few request shapes over and over (as the Huawei signer does): one frame per shape, all
# dropped when too many pile up.
_FRAMES: dict[tuple[object, ...], _Frame] = {}
_FRAMES_KEPT = 256


def _frame(method: str, url: str, headers: Mapping[str, str], static: dict[str, str]) -> _Frame:
    lowered = {k.lower(): v for k, v in headers.items()}
    host, path, _ = split_url(url.partition("?")[0])
    if "host" not in lowered:
        static = {"host": host, **static}
    lowered.update(static)
    lowered.update(dict.fromkeys(_DYNAMIC, ""))
    names = _signed_names(lowered)
    segments, current = [], ""
    for name in names:
        if name in _DYNAMIC:
            segments.append(current + f"{name}:")
            current = "\n"
        else:
            current += f"{name}:{lowered[name].strip()}\n"
    segments.append(current)
    first, second, third, last = segments
    return _Frame(
        lowered["host"], f"{method.upper()}\n{canonical_path(path)}\n", (first, second, third, last), ";".join(names)
    )


def sign_acs3(
    method: str, url: str, headers: Mapping[str, str], body: bytes, **inputs: Unpack[Acs3Inputs]
) -> dict[str, str]:
    """Return the headers to add to the request at ``url`` (which is sent as is): the ``x-acs-*`` set, ``host`` and
    ``Authorization``. A caller that built the URL's query in canonical form (sorted, RFC 3986) may pass it as
    ``canonical_query`` to spare parsing it again."""
    base, _, raw_query = url.partition("?")
    query = inputs.get("canonical_query")
    return signed_headers(
        method,
        base,
        _canonical_query(raw_query) if query is None else query,
        headers,
        body,
        inputs["action"],
        inputs["version"],
        (inputs["access_key_id"], inputs["secret"], inputs["security_token"]),
        format_timestamp(inputs["now"]),
        inputs["nonce"],
    )


def signed_headers(
    method: str,
    base: str,
    query: str,
    headers: Mapping[str, str],
    body: bytes,
    action: str,
    version: str,
    key: tuple[str, str, str | None],
    date: str,
    nonce: str,
) -> dict[str, str]:
    """``sign_acs3`` given by position what a signer already holds: the URL without its query, the canonical query,
    the (access key id, secret, security token) and the formatted date; no keyword dict is built per signature."""
    access_key_id, secret, security_token = key
    shape = (method, base, action, version, security_token, *headers.items())
    frame = _FRAMES.get(shape)
    if frame is None:
        static = {"x-acs-action": action, "x-acs-version": version}
        if security_token:
            static["x-acs-security-token"] = security_token
        frame = keep(_FRAMES, shape, _frame(method, base, headers, static), _FRAMES_KEPT)
    digest = _content_sha256(body)
    first, second, third, last = frame.segments
    canonical_request = (
        f"{frame.head}{query}\n{first}{digest}{second}{date}{third}{nonce}{last}\n{frame.joined}\n{digest}"
    )
    string_to_sign = f"{ALGORITHM}\n{hashlib.sha256(canonical_request.encode()).hexdigest()}"
    signature = hmac_digest(secret.encode(), string_to_sign.encode(), "sha256").hex()
    added = {
        "host": frame.host,
        "x-acs-action": action,
        "x-acs-version": version,
        "x-acs-date": date,
        "x-acs-signature-nonce": nonce,
        "x-acs-content-sha256": digest,
    }
    if security_token:
        added["x-acs-security-token"] = security_token
    added["Authorization"] = (
        f"{ALGORITHM} Credential={access_key_id},SignedHeaders={frame.joined},Signature={signature}"
    )
    return added


def _parse_authorization(value: str) -> tuple[str, list[str], str]:
    algorithm, _, rest = value.strip().partition(" ")
    if algorithm != ALGORITHM:
        raise incomplete(f"Unsupported signature algorithm {algorithm!r}.")
    fields: dict[str, str] = {}
    for item in rest.split(","):
        key, sep, val = item.strip().partition("=")
        if sep:
            fields[key] = val
    if not all(fields.get(k) for k in ("Credential", "SignedHeaders", "Signature")):
        raise incomplete("Authorization needs Credential, SignedHeaders and Signature.")
    return fields["Credential"], fields["SignedHeaders"].split(";"), fields["Signature"]


def _claim(
    method: str, url: str, lowered: Mapping[str, str], body: bytes, query_pairs: list[tuple[str, str]] | None
) -> Claim:
    """What an ACS3 request claims, like the gateway reads it: its own SignedHeaders must cover ``host`` and every
    ``x-acs-*`` header present; the body must be what ``x-acs-content-sha256`` says."""
    authorization = lowered.get("authorization")
    if not authorization:
        raise incomplete("The Authorization header is missing.")
    access_key_id, names, signature = _parse_authorization(authorization)
    required = {"host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"}
    required |= {n for n in lowered if n.startswith("x-acs-")}
    if not required <= set(names) or not set(names) <= set(lowered) or names != sorted(names):
        raise incomplete("SignedHeaders must list host and every x-acs-* header, sorted, all present.")
    if not lowered["x-acs-signature-nonce"].strip():
        raise incomplete("x-acs-signature-nonce is empty.")

    def matches(secret: str) -> bool:
        if lowered["x-acs-content-sha256"] != _content_sha256(body):
            return False
        return hmac.compare_digest(_signature(method, url, lowered, names, secret, query_pairs), signature)

    verified = Verified(
        access_key_id, lowered["x-acs-signature-nonce"], lowered.get("x-acs-action"), lowered.get("x-acs-version")
    )
    return Claim(verified, lowered["x-acs-date"], matches)


verify_acs3 = Verifier(_claim)
"""Check a request like the gateway (see ``_claim`` and ``Verifier``). Raises ``SignatureRejectedError`` with
Alibaba's code and status."""

__all__ = [
    "ALGORITHM",
    "MAX_SKEW_SECONDS",
    "Acs3Inputs",
    "SignatureRejectedError",
    "Verified",
    "canonical_query",
    "sign_acs3",
    "verify_acs3",
]
