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
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import httpx

from .logs import logger, redact_headers, redact_url
from .wire import encode_query

if TYPE_CHECKING:
    import requests

    from .refresh import CredentialsSource

C = TypeVar("C", bound="CredentialsSource[Any]")  # static credentials are their own source


@dataclass(slots=True)
class Signed:
    """What signing adds: headers to set, and the new URL when the signature changes the query (RPC v1)."""

    headers: dict[str, str] = field(default_factory=dict)
    url: str | None = None


@dataclass(slots=True)
class ToSign:
    """A request as the pipeline hands it to ``Signer.sign_pairs``: its URL without query, its decoded query pairs
    (in wire order), headers and body; ``known``: query values already encoded (see ``encode_query``)."""

    method: str
    url: str
    pairs: list[tuple[str, str]]
    headers: Mapping[str, str]
    body: bytes
    known: Mapping[str, str] | None = None

    def full_url(self) -> str:
        """The URL with the query spelled as ``encode_query`` spells it."""
        return f"{self.url}?{encode_query(self.pairs, self.known)}" if self.pairs else self.url


class UrlSigner(Protocol):
    """What the httpx and requests adapters call: sign a request given as its full URL."""

    __slots__ = ()

    def sign(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> Signed: ...


class Signer(UrlSigner, Protocol):
    """Everything the pipeline calls. A class that subclasses it (``SignerBase``) inherits the defaults a signer of
    URLs alone needs: static credentials, a query the pipeline spells, and ``sign_pairs`` by way of ``sign`` (the
    clouds' signers override ``sign_request`` to skip re-parsing the query)."""

    __slots__ = ()

    @property
    def builds_url(self) -> bool:
        """True when ``sign_pairs`` returns the whole wire URL (``Signed.url``): the pipeline spells no query."""
        return False

    @property
    def credentials_source(self) -> CredentialsSource[object] | None:
        """The source read on every attempt, or None for static credentials (what async clients await first)."""
        return None

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
        return self.sign_request(ToSign(method, url, pairs, headers, body, known))

    def sign_request(self, request: ToSign) -> Signed:
        """What ``sign_pairs`` does, given the request as one value."""
        return self.sign(request.method, request.full_url(), request.headers, request.body)


class SignerBase(Signer):
    """The defaults of ``Signer`` for a concrete signer, which defines ``sign`` (and, to skip re-parsing the query,
    ``sign_request``)."""

    __slots__ = ()
    builds_url: bool = False

    def sign(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> Signed:
        raise NotImplementedError


class KeyedSigner(SignerBase, Generic[C]):
    """A signer of ``credentials``: static ones of type ``static`` (read as an attribute) or a source whose
    ``current()`` is read on every attempt, so refreshed keys are picked up by the next attempt, retries included."""

    __slots__ = ("_source", "_static", "credentials")

    def __init__(self, credentials: C | CredentialsSource[C], static: type[C]) -> None:
        self.credentials = credentials
        self._static: C | None = credentials if isinstance(credentials, static) else None
        self._source: CredentialsSource[C] = credentials  # static credentials are their own source

    @property
    def credentials_source(self) -> CredentialsSource[C] | None:
        """The source read on every attempt, or None for static credentials (what async clients await first)."""
        return None if self._static is not None else self._source

    def _credentials(self) -> C:
        static = self._static
        return static if static is not None else self._source.current()


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
