"""What the credential providers of both clouds read the same way: the environment they are given, text files
(profiles, token files: re-read on every refresh, as Kubernetes rotates them), and answers from the network.

Answers come through the same transport interface as the cloud clients' calls (``cloudsign._core.transport``: the
stdlib transport, urllib3 through a proxy), read with a bound on their decoded size, loopback and metadata hosts
always direct. A provider fetches with the transport settings (TLS verification, proxy) of the first client built
with it (``adopt``), unless it has its own (``use_transport``); a provider used alone has the defaults (verify,
the environment's proxy). A request that provably never left is sent once more (idempotent ones after any transport
failure). Errors name the provider, file or endpoint and the cause, never a file's content, an answer's body or a
URL's query."""

from __future__ import annotations

import ipaddress
import json as jsonlib
import logging
import os
import random
import ssl
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from .bodies import INFLATED
from .credential_text import bad_character, read_text_file
from .errors import CredentialsError
from .failures import safe_copy
from .logs import logger, redact_url
from .proxies import is_loopback
from .responses import ReadResponse, response_for
from .retry import request_was_not_sent
from .transport.base import Link, TooLarge, Transport, sync_transport

Environ = Mapping[str, str]

# The most a credential answer may hold, decoded (real ones are under 16 KiB: keys, a token, an IAM token's roles).
MAX_ANSWER = 1024 * 1024
# Plain http:// credential URIs are allowed only to loopback and these documented link-local / metadata hosts
# (as botocore: the ECS and EKS agents; plus the clouds' metadata services), unless the user opts in.
LINK_LOCAL_HOSTS = frozenset({"169.254.170.2", "169.254.170.23", "fd00:ec2::23", "100.100.100.200", "169.254.169.254"})
ENV_ALLOW_HTTP = "CLOUDSIGN_ALLOW_HTTP_CREDENTIALS_URI"
# A fetch is sent at most this often; the wait before the second is drawn up to RETRY_WAIT seconds.
ATTEMPTS = 2
RETRY_WAIT = 0.2
# The transport settings of a provider with none of its own and no client: verify, the environment's proxy.
DEFAULT_LINK = Link("", max_connections=1)
_LINK = "_cloudsign_transport"  # the attribute a provider's settings are kept in
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "OPTIONS"})
_ASKED = frozenset({"", "identity", *INFLATED})  # the encodings a provider's Accept-Encoding names


def environment(environ: Environ | None) -> Environ:
    """``environ`` when given (tests, sandboxes), else the process environment."""
    return os.environ if environ is None else environ


def read_token_file(path: Path, name: str) -> str:
    """The token in ``path``, stripped; ``CredentialsError`` naming provider ``name`` when unreadable, empty, or
    holding a line break or other character no header can carry (its position is named, never the token)."""
    token = read_text_file(path, name).strip()
    if not token:
        raise CredentialsError(f"{name}: {path} is empty")
    bad = bad_character(token)
    if bad is not None:
        index, rule = bad
        raise CredentialsError(f"{name}: the token in {path} holds {rule} at position {index}; the token is not shown")
    return token


def check_credentials_uri(uri: str, name: str, allow_http: bool | None, env: Environ) -> str:
    """``uri`` if credentials may be asked for there: https:// anywhere; plain http:// only to loopback and
    ``LINK_LOCAL_HOSTS``, unless ``allow_http`` (or ``CLOUDSIGN_ALLOW_HTTP_CREDENTIALS_URI=true``)."""
    parts = urlsplit(uri)
    where = f"{parts.scheme}://{parts.netloc}{parts.path}"  # the query may carry a secret
    if parts.scheme == "https" and parts.hostname:
        return uri
    if parts.scheme != "http" or not parts.hostname:
        raise CredentialsError(f"{name}: {where} is not an http:// or https:// URL")
    if allow_http is None:
        allow_http = env.get(ENV_ALLOW_HTTP, "").strip().lower() == "true"
    if allow_http or is_loopback(uri) or _link_local(parts.hostname):
        return uri
    raise CredentialsError(
        f"{name}: plain http:// to {parts.hostname} is refused (credentials would cross the network in clear); "
        f"allowed are loopback and {', '.join(sorted(LINK_LOCAL_HOSTS))}. Use https://, or opt in with "
        f"allow_http=True or {ENV_ALLOW_HTTP}=true"
    )


def _link_local(host: str) -> bool:
    try:
        return str(ipaddress.ip_address(host)) in LINK_LOCAL_HOSTS
    except ValueError:
        return False


def use_transport(provider: object, *, verify: bool | str | ssl.SSLContext = True, proxy: str | None = None) -> None:
    """Give ``provider`` transport settings of its own: TLS verification (a CA bundle, an ``SSLContext``) and a
    proxy (None: the environment's). A client built with it then keeps them."""
    setattr(provider, _LINK, Link("", verify, proxy, max_connections=1))


def adopt(provider: object, *, verify: bool | str | ssl.SSLContext, proxy: str | None) -> None:
    """A client's transport settings for ``provider`` (its credentials source), unless it has its own already."""
    if provider is not None and getattr(provider, _LINK, None) is None and hasattr(provider, "__dict__"):
        use_transport(provider, verify=verify, proxy=proxy)


def link_of(provider: object) -> Link:
    """The transport settings ``provider`` fetches with."""
    link: Link | None = getattr(provider, _LINK, None)
    return DEFAULT_LINK if link is None else link


class Exchanges:
    """The connections of one credential fetch (one or two requests), closed when it ends."""

    def __init__(self, transport: Transport, base_url: str, timeout: httpx.Timeout) -> None:
        self.transport, self.base_url, self.timeout = transport, base_url, timeout

    def __enter__(self) -> Exchanges:
        return self

    def __exit__(self, *args: object) -> None:
        self.transport.close()


def provider_client(
    provider: object, target: str, timeout: httpx.Timeout, *, base_url: str = "", direct: bool = False
) -> Exchanges:
    """The connections for a fetch of ``provider`` to ``target`` with its transport settings (``link_of``):
    through the proxy every cloudsign client would take (explicit, else the environment's; loopback and
    ``NO_PROXY`` hosts direct), or always ``direct`` (metadata services and container agents, reachable only from
    the machine itself); no ``.netrc``; only the encodings inflated in bounded steps (gzip, deflate)."""
    parts = urlsplit(target)
    settings = replace(
        link_of(provider),
        base_url=f"{parts.scheme}://{parts.netloc}",
        direct=direct or is_loopback(target),
    )
    return Exchanges(sync_transport("stdlib", settings), base_url, timeout)


def request(
    http: Exchanges,
    method: str,
    url: str,
    where: str,
    *,
    headers: Mapping[str, str] | None = None,
    json: Any = None,
    params: Mapping[str, str] | None = None,
    data: Mapping[str, str] | None = None,
) -> ReadResponse:
    """Send and read the answer, at most ``MAX_ANSWER`` decoded bytes (a compression bomb is refused before it
    grows); ``url`` is absolute or under the exchanges' ``base_url``. Transport errors propagate as httpx's classes,
    with nothing of the request in them (``failures.safe_copy``): the caller names them."""
    full = url if "://" in url else http.base_url + url
    if params:
        full += ("&" if "?" in full else "?") + urlencode(params)
    sent = {"Accept-Encoding": "gzip, deflate", **(headers or {})}
    body = b""
    if json is not None:
        body = jsonlib.dumps(json, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
        sent.setdefault("Content-Type", "application/json")
    elif data is not None:
        body = urlencode(data).encode()
        sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
    for attempt in range(1, ATTEMPTS + 1):
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("credentials request %s %s", method, redact_url(full))  # (headers: metadata tokens)
        message, failure = "", None
        try:
            status, found, pairs, content = http.transport.send(method, full, sent, body, http.timeout, MAX_ANSWER)
        except TooLarge as big:
            message = f"{where}: HTTP {big.status} with an answer over {MAX_ANSWER} bytes"
        except httpx.DecodingError as exc:  # an encoding that cannot be inflated in bounded steps
            message = f"{where}: {safe_copy(exc)}"
        except httpx.HTTPError as exc:
            if attempt == ATTEMPTS or not (request_was_not_sent(exc) or method in _IDEMPOTENT):
                failure = safe_copy(exc)
        else:
            encoding = (found.get("content-encoding") or "identity").strip().lower()
            if encoding in _ASKED:  # (urllib3, through a proxy, would decode others: a server must not send them)
                return response_for(status, pairs, content, None)
            message = f"{where}: HTTP {status} with an unasked-for encoding {encoding[:20]!r}"
        # Raised here, outside the handlers: nothing chains the transport's error (it may hold the request).
        if message:
            raise CredentialsError(message)
        if failure is not None:
            raise failure
        time.sleep(random.uniform(0, RETRY_WAIT))
    raise AssertionError("unreachable")  # pragma: no cover


def json_body(response: httpx.Response, where: str) -> Any:
    """The answer's JSON, whatever its status (error answers carry their code in it)."""
    message: str | None = None
    try:
        return jsonlib.loads(response.content)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested deeper than the parser goes
        message = f"{where}: HTTP {response.status_code} with a body that is not JSON"
    raise CredentialsError(message)
