"""Huawei Cloud APIG signing (SDK-HMAC-SHA256, and SDK-HMAC-SM3) as pure functions: one to sign, one to verify.

The gateway recomputes the signature from what arrives, so the canonical form is built from the request as it
goes on the wire: the URL's path and query, a fixed set of headers and the body bytes. Only headers that no
proxy or HTTP library rewrites are signed (never ``User-Agent``, ``Connection``, ``Content-Length``...).
Nothing here reads the environment, logs, or puts a secret into an exception.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple
from urllib.parse import quote, unquote

from cloudsign._core.macs import hmac_digest
from cloudsign._core.memo import keep
from cloudsign._core.wire import canonical_query as canonical_query
from cloudsign._core.wire import host_of as host_of
from cloudsign._core.wire import split_url

SHA256 = "SDK-HMAC-SHA256"
SM3 = "SDK-HMAC-SM3"
ALGORITHMS = (SHA256, SM3)
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
MAX_SKEW_SECONDS = 15 * 60
# Headers we sign when present; host and x-sdk-date always are.
SIGNED_HEADERS = frozenset(
    {
        "host",
        "content-type",
        "x-sdk-date",
        "x-project-id",
        "x-security-token",
        "x-language",
        "x-sdk-content-sha256",
        "x-sdk-content-sm3",
    }
)
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
# Identity headers: when present they must be signed (the verifier refuses them added after signing).
IDENTITY_HEADERS = ("x-project-id", "x-security-token")
_AUTH_RE = re.compile(
    r"^(?P<alg>SDK-HMAC-[A-Z0-9]+) Access=(?P<ak>[^,\s]+), SignedHeaders=(?P<sh>[^,\s]+), Signature=(?P<sig>[0-9a-f]+)$"
)


@dataclass(frozen=True, slots=True)
class _Scheme:
    name: str
    content_header: str
    hexdigest: Callable[[bytes], str]
    mac_hex: Callable[[bytes, bytes], str]


def _sm3_hex(data: bytes) -> str:
    from cryptography.hazmat.primitives import hashes

    h = hashes.Hash(hashes.SM3())
    h.update(data)
    return h.finalize().hex()


@functools.lru_cache(maxsize=8)
def _sm3_keyed(key: bytes) -> Any:
    """SM3's keyed state per secret (OpenSSL via cryptography), copied per signature like ``_core.macs``."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives import hmac as chmac

    return chmac.HMAC(key, hashes.SM3())


def _sm3_mac_hex(key: bytes, text: bytes) -> str:
    mac = _sm3_keyed(key).copy()
    mac.update(text)
    return bytes(mac.finalize()).hex()


def _sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha256_mac_hex(key: bytes, text: bytes) -> str:
    return hmac_digest(key, text, "sha256").hex()


_SCHEMES = {
    SHA256: _Scheme(SHA256, "x-sdk-content-sha256", _sha256_hex, _sha256_mac_hex),
    SM3: _Scheme(SM3, "x-sdk-content-sm3", _sm3_hex, _sm3_mac_hex),
}


@functools.lru_cache(maxsize=len(_SCHEMES))
def _empty_digest(algorithm: str) -> str:
    """The payload hash of an empty body, once per scheme (most Huawei calls with a query have no body)."""
    return _SCHEMES[algorithm].hexdigest(b"")


_last_date: tuple[int, str] = (-1, "")
_NUMBERS = (int, float)  # built once: ``int | float`` inside the function makes a union object per call


def format_date(now: datetime | float) -> str:
    """``X-Sdk-Date`` for a datetime (naive means UTC) or a POSIX timestamp (formatted once per second)."""
    global _last_date
    if isinstance(now, _NUMBERS):
        second = int(now // 1)
        if _last_date[0] != second:
            _last_date = (second, time.strftime(DATE_FORMAT, time.gmtime(second)))
        return _last_date[1]
    moment = now
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime(DATE_FORMAT)


_PLAIN_PATH = re.compile(r"[A-Za-z0-9\-._~/]+")


@functools.lru_cache(maxsize=256)
def canonical_uri(path: str) -> str:
    """Decoded path, split on ``/``, each segment RFC 3986 encoded, always ending in ``/`` (as the gateway does)."""
    if _PLAIN_PATH.fullmatch(path):  # nothing to decode or encode: the common case, kept cheap
        return path if path.endswith("/") else path + "/"
    text = "/".join(quote(segment, safe="~") for segment in unquote(path or "/").split("/"))
    return text if text.endswith("/") else text + "/"


def _payload_hash(scheme: _Scheme, body: bytes, pinned: str | None) -> str:
    """The canonical request's last line: the empty body's digest, else the hash the caller pinned in the scheme's
    content header, else the body's digest."""
    if not body:
        return _empty_digest(scheme.name)
    return pinned or scheme.hexdigest(body)


def _to_sign(scheme: _Scheme, date: str, canonical: str) -> str:
    return f"{scheme.name}\n{date}\n{scheme.hexdigest(canonical.encode())}"


def string_to_sign(
    algorithm: str,
    method: str,
    url: str,
    headers: Mapping[str, str],
    names: list[str],
    body: bytes,
    date: str,
) -> str:
    """The string to sign of a request as it arrived, for ``names`` (lowercase, sorted) taken from ``headers``
    (lowercase keys): the verifier's side (the signer builds the same text from a kept frame)."""
    _, path, raw_query = split_url(url)
    return _string_to_sign(algorithm, method, path, raw_query, headers, names, body, date)


def _string_to_sign(
    algorithm: str,
    method: str,
    path: str,
    raw_query: str,
    headers: Mapping[str, str],
    names: list[str],
    body: bytes,
    date: str,
) -> str:
    scheme = _SCHEMES[algorithm]
    lines = "".join([f"{name}:{headers[name].strip()}\n" for name in names])
    pinned = headers[scheme.content_header] if scheme.content_header in names else None
    canonical = (
        f"{method.upper()}\n{canonical_uri(path)}\n{canonical_query(raw_query)}\n"
        f"{lines}\n{';'.join(names)}\n{_payload_hash(scheme, body, pinned)}"
    )
    return _to_sign(scheme, date, canonical)


def signature(algorithm: str, sk: str, text: str) -> str:
    return _SCHEMES[algorithm].mac_hex(sk.encode(), text.encode())


@dataclass(frozen=True, slots=True)
class _Frame:
    """Everything in a canonical request but the date, query and payload hash, for one request shape."""

    head: str  # "METHOD\nURI\n"
    query: str  # the canonical form of the URL's own query
    before_date: str  # "\n" and the header lines sorted before x-sdk-date, then "x-sdk-date:"
    after_date: str  # the header lines after it, the signed-header list, each ending in "\n"
    joined: str
    pinned: str | None  # the payload hash the caller put in the scheme's content header
    added: tuple[tuple[str, str], ...]  # identity headers to send


# A client signs the same few request shapes over and over: the frame is kept per shape (and dropped wholesale when
# too many pile up), so a signature costs its hashing and little else.
_FRAMES: dict[tuple[object, ...], _Frame] = {}
_FRAMES_KEPT = 256


def _frame(
    scheme: _Scheme,
    method: str,
    url: str,
    headers: Mapping[str, str],
    project_id: str | None,
    security_token: str | None,
) -> _Frame:
    signed: dict[str, str] = {}
    for key, value in headers.items():
        name = key.lower()
        if name in SIGNED_HEADERS:
            signed[name] = value
    signed["x-sdk-date"] = ""
    added = []
    if project_id:
        added.append(("X-Project-Id", project_id))
        signed["x-project-id"] = project_id
    if security_token:
        added.append(("X-Security-Token", security_token))
        signed["x-security-token"] = security_token
    host, path, raw_query = split_url(url)
    signed.setdefault("host", host)
    names = sorted(signed)
    joined = ";".join(names)
    cut = names.index("x-sdk-date")
    before = "".join([f"{name}:{signed[name].strip()}\n" for name in names[:cut]])
    after = "".join([f"{name}:{signed[name].strip()}\n" for name in names[cut + 1 :]])
    return _Frame(
        head=f"{method.upper()}\n{canonical_uri(path)}\n",
        query=canonical_query(raw_query),
        before_date=f"\n{before}x-sdk-date:",
        after_date=f"\n{after}\n{joined}\n",
        joined=joined,
        pinned=signed.get(scheme.content_header) or None,
        added=tuple(added),
    )


def sign(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    ak: str,
    sk: str,
    date: str,
    *,
    project_id: str | None = None,
    security_token: str | None = None,
    algorithm: str = SHA256,
    canonical_query: str | None = None,
) -> dict[str, str]:
    """Headers to add to the request: ``X-Sdk-Date``, ``X-Project-Id`` / ``X-Security-Token`` when given, and
    ``Authorization``. ``date`` is an ``X-Sdk-Date`` string (see ``format_date``); ``canonical_query`` the
    canonical form of the query when the caller already has it (it must equal that of the URL's query)."""
    scheme = _SCHEMES.get(algorithm)
    if scheme is None:
        raise ValueError(f"unsupported signing algorithm {algorithm!r}; use one of {ALGORITHMS}")
    shape = (algorithm, method, url, project_id, security_token, *headers.items())
    frame = _FRAMES.get(shape)
    if frame is None:
        frame = keep(_FRAMES, shape, _frame(scheme, method, url, headers, project_id, security_token), _FRAMES_KEPT)
    canonical = (
        f"{frame.head}{frame.query if canonical_query is None else canonical_query}"
        f"{frame.before_date}{date}{frame.after_date}{_payload_hash(scheme, body, frame.pinned)}"
    )
    sig = scheme.mac_hex(sk.encode(), _to_sign(scheme, date, canonical).encode())
    added = {"X-Sdk-Date": date}
    added.update(frame.added)
    added["Authorization"] = f"{algorithm} Access={ak}, SignedHeaders={frame.joined}, Signature={sig}"
    return added


@functools.lru_cache(maxsize=64)
def _parsed_date(date: str) -> float:
    """An ``X-Sdk-Date`` as POSIX seconds, parsed once per distinct string (requests signed within the same second
    carry the same one). A string that does not parse raises ValueError (never cached)."""
    return datetime.strptime(date, DATE_FORMAT).replace(tzinfo=UTC).timestamp()


class VerificationError(Exception):
    """Why a request was not accepted. ``reason`` is one of missing, malformed, unknown_key, expired, mismatch.
    ``access_key`` is set once the Authorization header could be parsed."""

    def __init__(self, reason: str, detail: str, access_key: str | None = None) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.access_key = access_key


class Authorization(NamedTuple):
    """A parsed ``Authorization`` header (a named tuple: made once per request, cheaper than a frozen dataclass)."""

    algorithm: str
    access_key: str
    signed_headers: list[str]
    signature: str


def parse_authorization(value: str | None) -> Authorization:
    if not value:
        raise VerificationError("missing", "no Authorization header")
    match = _AUTH_RE.match(value.strip())
    if not match or match["alg"] not in _SCHEMES:
        raise VerificationError("malformed", "Authorization is not 'SDK-HMAC-* Access=, SignedHeaders=, Signature='")
    return Authorization(match["alg"], match["ak"], match["sh"].split(";"), match["sig"])


def verify(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    secret_for: Callable[[str], str | None],
    now: float,
    *,
    max_skew: float = MAX_SKEW_SECONDS,
) -> str:
    """Check a request's signature over its own SignedHeaders; return the access key or raise VerificationError.

    ``secret_for`` maps an access key to its secret (None when unknown); ``now`` is a POSIX timestamp."""
    lowered = {k.lower(): v for k, v in headers.items()}
    auth = parse_authorization(lowered.get("authorization"))
    _, path, raw_query = split_url(url)
    return verify_parsed(method, path, raw_query, lowered, body, auth, secret_for, now, max_skew=max_skew)


def verify_parsed(
    method: str,
    path: str,
    raw_query: str,
    lowered: Mapping[str, str],
    body: bytes,
    auth: Authorization,
    secret_for: Callable[[str], str | None],
    now: float,
    *,
    max_skew: float = MAX_SKEW_SECONDS,
) -> str:
    """``verify`` of a request a server has already taken apart: the raw path and query as received, the headers
    with lowercase names and the parsed ``Authorization`` (``parse_authorization``)."""
    names = auth.signed_headers
    if names != sorted(set(names)) or "x-sdk-date" not in names or "host" not in names:
        raise VerificationError(
            "malformed", "SignedHeaders must be sorted and include host and x-sdk-date", auth.access_key
        )
    missing = [n for n in names if n not in lowered]
    if missing:
        raise VerificationError("malformed", f"signed header(s) {missing} absent", auth.access_key)
    # Who the caller is and which project it acts on must be what was signed: never added afterwards.
    unsigned = [n for n in IDENTITY_HEADERS if n in lowered and n not in names]
    if unsigned:
        raise VerificationError("malformed", f"identity header(s) {unsigned} not signed", auth.access_key)
    date = lowered["x-sdk-date"]
    try:
        signed_at = _parsed_date(date)
    except ValueError:
        raise VerificationError("malformed", "X-Sdk-Date is not YYYYMMDDTHHMMSSZ", auth.access_key) from None
    if abs(now - signed_at) > max_skew:
        raise VerificationError("expired", f"signature time:{date},server time:{format_date(now)}", auth.access_key)
    secret = secret_for(auth.access_key)
    if secret is None:
        raise VerificationError("unknown_key", "ak not exist", auth.access_key)
    # A payload hash given in the header stands for the body in the signature, so it must be the body's
    # (UNSIGNED-PAYLOAD is the documented opt-out).
    scheme = _SCHEMES[auth.algorithm]
    pinned = lowered.get(scheme.content_header)
    if pinned and pinned != UNSIGNED_PAYLOAD and not hmac.compare_digest(pinned, scheme.hexdigest(body)):
        raise VerificationError("mismatch", f"{scheme.content_header} is not the body's digest", auth.access_key)
    text = _string_to_sign(auth.algorithm, method, path, raw_query, lowered, names, body, date)
    if not hmac.compare_digest(signature(auth.algorithm, secret, text), auth.signature):
        raise VerificationError("mismatch", "verify aksk signature fail", auth.access_key)
    return auth.access_key
