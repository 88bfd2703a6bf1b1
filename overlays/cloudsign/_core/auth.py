"""Adapters that put a signer on the wire: an ``httpx.Auth`` and a ``requests`` auth (for schemathesis).

The adapters need only ``sign(method, url, headers, body) -> Signed`` (``UrlSigner``); the pipeline needs all of
``Signer``. Each cloud provides its own signers (on ``SignerBase``), built on its pure signing functions. The
adapters only move bytes in and out and never log or print a secret.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import httpx

from .logs import logger, redact_headers, redact_url
from .wire import encode_query

if TYPE_CHECKING:
    import requests

    from .refresh import CredentialsSource


@dataclass(slots=True)
class Signed:
    """What signing adds: headers to set, and the new URL when the signature changes the query (RPC v1)."""

    headers: dict[str, str] = field(default_factory=dict)
    url: str | None = None


class UrlSigner(Protocol):
    """What the httpx and requests adapters call: sign a request given as its full URL."""

    def sign(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> Signed: ...


class Signer(UrlSigner, Protocol):
    """Everything the pipeline calls. ``SignerBase`` gives the defaults a signer of URLs alone needs."""

    @property
    def builds_url(self) -> bool:
        """True when ``sign_pairs`` returns the whole wire URL (``Signed.url``): the pipeline spells no query."""
        ...

    @property
    def credentials_source(self) -> CredentialsSource[object] | None:
        """The source read on every attempt, or None for static credentials (what async clients await first)."""
        ...

    def sign_pairs(
        self,
        method: str,
        url: str,
        pairs: list[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes,
        known: Mapping[str, str] | None = None,
    ) -> Signed:
        """Sign a request given as its URL without query and its decoded query pairs (what the pipeline has);
        ``known``: values already encoded (see ``encode_query``)."""
        ...


class SignerBase:
    """Defaults for the members of ``Signer`` beyond ``sign``: static credentials, a query the pipeline spells, and
    ``sign_pairs`` by way of ``sign`` (the clouds' signers override it to skip re-parsing the query)."""

    __slots__ = ()
    builds_url: bool = False

    @property
    def credentials_source(self) -> CredentialsSource[object] | None:
        return None

    def sign(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> Signed:
        raise NotImplementedError

    def sign_pairs(
        self,
        method: str,
        url: str,
        pairs: list[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes,
        known: Mapping[str, str] | None = None,
    ) -> Signed:
        return self.sign(method, f"{url}?{encode_query(pairs, known)}" if pairs else url, headers, body)


# A query made only of unreserved characters, valid %XX escapes, '=' and '&': httpx would keep it byte for byte.
# Two plain scans: a character class, then any '%' not followed by two hex digits (4x faster than one alternation).
_PLAIN_QUERY = re.compile(r"[A-Za-z0-9\-._~=&%]*")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _with_url(current: httpx.URL, current_text: str, new_text: str) -> httpx.URL:
    """``httpx.URL(new_text)``, without re-parsing when only an already-encoded query changed.

    A DataWorks query is long (``Content`` is JSON) and httpx's URL parser checks it character by character in
    Python, tens of µs per parse; the signers return fully percent-encoded queries, which httpx would keep as they
    are, so the parsed URL is copied with the new query instead. Anything else takes the public path.
    ``_uri_reference`` is httpx's private field: kept for that saving (a parse costs 10x the copy);
    tests/core/test_private_apis.py fails loudly if httpx renames it."""
    head, sep, query = new_text.partition("?")
    reference = getattr(current, "_uri_reference", None)
    if (
        sep
        and reference is not None
        and head == current_text.partition("?")[0]
        and _PLAIN_QUERY.fullmatch(query)
        and not _BAD_ESCAPE.search(query)
        and hasattr(reference, "_replace")
    ):
        copy = httpx.URL(current)
        copy._uri_reference = reference._replace(query=query)
        return copy
    return httpx.URL(new_text)


class SigningAuth(httpx.Auth):
    """Signs every request an httpx client (sync or async) sends; each retry is signed afresh by the caller."""

    requires_request_body = True

    def __init__(self, signer: UrlSigner) -> None:
        self.signer = signer

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        url = str(request.url)
        signed = self.signer.sign(request.method, url, request.headers, request.content)
        if signed.url is not None and signed.url != url:
            request.url = _with_url(request.url, url, signed.url)
        request.headers.update(signed.headers)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "request %s %s headers=%s",
                request.method,
                redact_url(str(request.url)),
                redact_headers(request.headers),
            )
        response = yield request
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("response %s headers=%s", response.status_code, redact_headers(response.headers))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.signer!r})"


class RequestsSigningAuth:
    """``requests.auth.AuthBase``-compatible signer: sees the final, serialised request, as signing needs."""

    def __init__(self, signer: UrlSigner) -> None:
        self.signer = signer

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body: Any = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        signed = self.signer.sign(str(request.method), str(request.url), request.headers, bytes(body))
        if signed.url is not None:
            request.url = signed.url
        request.headers.update(signed.headers)
        return request

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.signer!r})"
