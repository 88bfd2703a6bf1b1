"""Signer objects: credentials, clock and nonce source bound together behind ``sign(method, url, headers, body)``.

They are what ``cloudsign._core.auth.SigningAuth`` (httpx) and ``RequestsSigningAuth`` (requests, schemathesis)
call for every request, retries included, so each attempt gets a fresh date and nonce. Both also fill ``RegionId``
from the client's region when the caller left it out, before signing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TypeGuard
from urllib.parse import urlsplit, urlunsplit

from .._core.auth import KeyedSigner, RequestsSigningAuth, Signed, SigningAuth, ToSign
from .._core.refresh import CredentialsSource
from ._encoding import SigningKey, encode_query, format_seconds, format_timestamp, parse_query
from .acs3 import signed_headers
from .credentials import Credentials
from .rpc_v1 import signed_query

Clock = Callable[[], datetime]
NonceSource = Callable[[], str]


def utc_now() -> datetime:
    return datetime.now(UTC)


def random_nonce() -> str:
    """128 random bits from the OS, as hex (what uuid4 draws, without building a UUID)."""
    return os.urandom(16).hex()


def _header_safe(value: str | None) -> TypeGuard[str]:
    return value is not None and value != "" and value.isascii() and value.isprintable()


class _Signer(KeyedSigner[Credentials]):
    """``credentials`` is static ``Credentials`` (read as an attribute) or a source (``current()`` on every attempt,
    so refreshed keys are picked up by the next attempt, retries included)."""

    scheme = ""
    # ``sign_pairs`` returns the whole wire URL (its query re-sorted, RegionId added, Action/Version moved or the
    # signature added): the pipeline need not spell a query of its own.
    builds_url = True

    def __init__(
        self,
        credentials: Credentials | CredentialsSource[Credentials],
        *,
        region: str | None = None,
        clock: Clock = utc_now,
        nonce: NonceSource = random_nonce,
    ) -> None:
        super().__init__(credentials, Credentials)
        self.region = region
        self.clock = clock
        self.nonce = nonce

    def sign(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> Signed:
        """Sign a request given as a URL (what ``SigningAuth`` and ``RequestsSigningAuth`` see)."""
        parts = urlsplit(url)
        return self.sign_pairs(method, urlunsplit(parts._replace(query="")), parse_query(parts.query), headers, body)

    def sign_request(self, request: ToSign) -> Signed:
        """Fill ``RegionId`` from the client's region when the caller left it out, then sign with the scheme."""
        if self.region:
            for key, _ in request.pairs:
                if key == "RegionId":
                    break
            else:
                request.pairs = [*request.pairs, ("RegionId", self.region)]
        return self._sign(request)

    def _sign(self, request: ToSign) -> Signed:
        raise NotImplementedError

    def _timestamp(self) -> str:
        """The formatted time of this signature: from ``time.time()`` when the clock is the default (a datetime
        built per signature costs more than the rest of the stamp), else from the given clock."""
        if self.clock is utc_now:
            return format_seconds(time.time())
        return format_timestamp(self.clock())

    def _key(self) -> SigningKey:
        """What one signature signs with: the credentials now, the clock's time, a fresh nonce."""
        creds = self._credentials()
        return {
            "access_key_id": creds.access_key_id,
            "secret": creds.access_key_secret,
            "security_token": creds.security_token,
            "now": self.clock(),
            "nonce": self.nonce(),
        }

    def __repr__(self) -> str:
        who = f"access_key_id={self._static.access_key_id!r}" if self._static else f"credentials={self._source!r}"
        return f"{type(self).__name__}({who}, region={self.region!r})"


class Acs3Signer(_Signer):
    """``ACS3-HMAC-SHA256``. Action and Version leave the query for the ``x-acs-action`` / ``x-acs-version`` headers,
    exactly as the official client puts them on the wire (its query holds only the business parameters)."""

    scheme = "ACS3-HMAC-SHA256"

    def _sign(self, request: ToSign) -> Signed:
        pairs, headers = request.pairs, request.headers
        action = version = None
        kept = []
        for pair in pairs:  # a repeated one ("") stays in the query, signed, for the gateway to refuse
            key = pair[0]
            if key == "Action":
                action = pair[1] if action is None else ""
            elif key == "Version":
                version = pair[1] if version is None else ""
            else:
                kept.append(pair)
        if action is None or version is None:
            lowered = {k.lower(): v for k, v in headers.items()}
            action = lowered.get("x-acs-action") if action is None else action
            version = lowered.get("x-acs-version") if version is None else version
        # Only values a header can carry move to x-acs-*; anything else (missing, non-ASCII) stays in the query and
        # is still signed, so the service can name it in its MissingParameter / InvalidParameter answer.
        action = action if _header_safe(action) else ""
        version = version if _header_safe(version) else ""
        if not action or not version:
            moved = [k for k, v in (("Action", action), ("Version", version)) if v]
            kept = [(k, v) for k, v in pairs if k not in moved]
        # Sorted and encoded once: the same string is the wire query and the canonical query.
        query = encode_query(sorted(kept), request.known)
        new_url = f"{request.url}?{query}" if query else request.url
        creds = self._credentials()
        added = signed_headers(
            request.method,
            request.url,
            query,
            headers,
            request.body,
            action,
            version,
            (creds.access_key_id, creds.access_key_secret, creds.security_token),
            self._timestamp(),
            self.nonce(),
        )
        return Signed(headers=added, url=new_url)


class RpcV1Signer(_Signer):
    """RPC ``HMAC-SHA1`` (``SignatureVersion=1.0``): the common parameters and ``Signature`` go into the query.
    ``x-acs-action`` / ``x-acs-version`` are added unsigned, as the official client's RPC mode sends them."""

    scheme = "HMAC-SHA1"

    def _sign(self, request: ToSign) -> Signed:
        query = signed_query(
            request.method, request.pairs, request.headers, request.body, known=request.known, **self._key()
        )
        params = dict(request.pairs)
        extra = {f"x-acs-{k.lower()}": params[k] for k in ("Action", "Version") if _header_safe(params.get(k))}
        return Signed(headers=extra, url=f"{request.url}?{query}")


Signer = Acs3Signer | RpcV1Signer
SIGNERS: dict[str, type[Acs3Signer] | type[RpcV1Signer]] = {"ACS3-HMAC-SHA256": Acs3Signer, "HMAC-SHA1": RpcV1Signer}


def requests_auth(
    credentials: Credentials | CredentialsSource[Credentials],
    *,
    signature: str = "ACS3-HMAC-SHA256",
    region: str | None = None,
) -> RequestsSigningAuth:
    """A ``requests`` auth (``requests.post(..., auth=requests_auth(creds))``), as schemathesis uses."""
    if signature not in SIGNERS:
        raise ValueError(f"signature must be one of {sorted(SIGNERS)}, got {signature!r}")
    return RequestsSigningAuth(SIGNERS[signature](credentials, region=region))


__all__ = ["SIGNERS", "Acs3Signer", "RequestsSigningAuth", "RpcV1Signer", "Signer", "SigningAuth", "requests_auth"]
