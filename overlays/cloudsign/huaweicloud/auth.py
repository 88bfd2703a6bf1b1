"""Signer objects for Huawei Cloud's two security schemes, plus the wire adapters.

``HuaweiSigner`` binds AK/SK credentials and a clock to the pure signing function (``akskSignature``);
``IamTokenSigner`` sends an IAM token as ``X-Auth-Token`` (``iamToken``). Both match ``cloudsign._core.auth.Signer``;
``DASAuth`` / ``IamTokenAuth`` (``httpx.Auth``) and ``requests_auth`` put them on a client. Every call reads the clock
and the credentials source afresh, so each retry carries a new date and the current key or token.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from cloudsign._core.auth import KeyedSigner, RequestsSigningAuth, Signed, SignerBase, SigningAuth, ToSign
from cloudsign._core.refresh import CredentialsSource
from cloudsign._core.wire import encode_query

from .credentials import Credentials, IamToken
from .signer import ALGORITHMS, SHA256, format_date, sign


class HuaweiSigner(KeyedSigner[Credentials]):
    """Signs with ``credentials`` at ``now()`` (POSIX seconds; injectable for tests). ``credentials`` is static
    ``Credentials`` (an attribute read per attempt) or a source whose ``current()`` is read on every attempt."""

    __slots__ = ("_now", "algorithm")

    def __init__(
        self,
        credentials: Credentials | CredentialsSource[Credentials],
        *,
        algorithm: str = SHA256,
        now: Callable[[], float] = time.time,
    ) -> None:
        if algorithm not in ALGORITHMS:
            raise ValueError(f"unsupported signing algorithm {algorithm!r}; use one of {ALGORITHMS}")
        super().__init__(credentials, Credentials)
        self.algorithm = algorithm
        self._now = now

    def sign(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> Signed:
        return self._sign(method, url, headers, body, None)

    def sign_request(self, request: ToSign) -> Signed:
        """The query goes on the wire as the pipeline encoded it: only its canonical form is built here."""
        pairs = request.pairs
        query = encode_query(sorted(pairs), request.known) if pairs else ""
        return self._sign(request.method, request.url, request.headers, request.body, query)

    def _sign(self, method: str, url: str, headers: Mapping[str, str], body: bytes, query: str | None) -> Signed:
        c = self._credentials()
        added = sign(
            method,
            url,
            headers,
            body,
            c.ak,
            c.sk,
            format_date(self._now()),
            project_id=c.project_id,
            security_token=c.security_token,
            algorithm=self.algorithm,
            canonical_query=query,
        )
        return Signed(added)

    def __repr__(self) -> str:
        who = f"ak={self._static.ak!r}" if self._static is not None else f"credentials={self._source!r}"
        return f"HuaweiSigner({who}, algorithm={self.algorithm!r})"


class IamTokenSigner(SignerBase):
    """Authenticates with an IAM token: adds ``X-Auth-Token`` and nothing else (the gateway needs no date, and the
    token carries its project). ``token`` is a static ``IamToken`` (or its text) or a source of ``IamToken`` (such
    as ``providers.IamPassword``) whose ``current()`` is read on every attempt."""

    __slots__ = ("_source", "token")

    def __init__(self, token: str | IamToken | CredentialsSource[IamToken]) -> None:
        self.token: IamToken | CredentialsSource[IamToken] = IamToken(token) if isinstance(token, str) else token
        self._source: CredentialsSource[IamToken] = self.token

    @property
    def credentials_source(self) -> CredentialsSource[IamToken] | None:
        """The token source read on every attempt, or None for a static token."""
        return None if isinstance(self.token, IamToken) else self._source

    def sign(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> Signed:
        return Signed({"X-Auth-Token": self._source.current().token})

    def sign_request(self, request: ToSign) -> Signed:
        return self.sign(request.method, request.url, request.headers, request.body)  # the query is not signed

    def __repr__(self) -> str:
        return f"IamTokenSigner({self.token!r})"


def IamTokenAuth(token: str | IamToken | CredentialsSource[IamToken]) -> SigningAuth:  # noqa: N802 - as DASAuth
    """An ``httpx.Auth`` sending an IAM token (``X-Auth-Token``) on every request of any httpx client."""
    return SigningAuth(IamTokenSigner(token))


def DASAuth(  # noqa: N802 - reads like the class it returns
    credentials: Credentials | CredentialsSource[Credentials],
    *,
    algorithm: str = SHA256,
    now: Callable[[], float] = time.time,
) -> SigningAuth:
    """An ``httpx.Auth`` signing every request of any httpx client, sync or async."""
    return SigningAuth(HuaweiSigner(credentials, algorithm=algorithm, now=now))


def requests_auth(
    credentials: Credentials | CredentialsSource[Credentials],
    *,
    algorithm: str = SHA256,
    now: Callable[[], float] = time.time,
) -> RequestsSigningAuth:
    """A ``requests`` auth (``requests.post(..., auth=requests_auth(creds))``), as schemathesis uses."""
    return RequestsSigningAuth(HuaweiSigner(credentials, algorithm=algorithm, now=now))
