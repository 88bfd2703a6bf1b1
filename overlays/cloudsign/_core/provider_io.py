"""What the credential providers of both clouds read the same way: the environment they are given, text files
(profiles, token files: re-read on every refresh, as Kubernetes rotates them), and answers from the network, read
with a bound on their decoded size through a client that goes direct to loopback. Errors name the provider, file or
endpoint and the cause, never a file's content or an answer's body."""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from .bodies import INFLATED, decoded_chunks
from .credential_text import bad_character, read_text_file
from .errors import CredentialsError
from .proxies import is_loopback, proxy_for

Environ = Mapping[str, str]

# The most a credential answer may hold, decoded (real ones are under 16 KiB: keys, a token, an IAM token's roles).
MAX_ANSWER = 1024 * 1024
# Plain http:// credential URIs are allowed only to loopback and these documented link-local / metadata hosts
# (as botocore: the ECS and EKS agents; plus the clouds' metadata services), unless the user opts in.
LINK_LOCAL_HOSTS = frozenset({"169.254.170.2", "169.254.170.23", "fd00:ec2::23", "100.100.100.200", "169.254.169.254"})
ENV_ALLOW_HTTP = "CLOUDSIGN_ALLOW_HTTP_CREDENTIALS_URI"


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


def provider_client(target: str, timeout: httpx.Timeout, *, base_url: str = "", direct: bool = False) -> httpx.Client:
    """A client for one credential fetch to ``target``: through the environment's proxy as every cloudsign client
    chooses it (``cloudsign._core.proxies``: loopback and ``NO_PROXY`` hosts direct), or always ``direct`` (metadata
    services and container agents, reachable only from the machine itself); no ``.netrc``; and only the encodings
    inflated in bounded steps."""
    transport = httpx.HTTPTransport(
        proxy=None if direct else proxy_for(target)
    )  # trust_env: SSL_CERT_FILE / SSL_CERT_DIR still read
    return httpx.Client(
        base_url=base_url,
        timeout=timeout,
        transport=transport,
        trust_env=False,
        headers={"Accept-Encoding": "gzip, deflate"},
    )


def request(http: httpx.Client, method: str, url: str, where: str, **kwargs: Any) -> httpx.Response:
    """Send and read the answer, at most ``MAX_ANSWER`` decoded bytes (a compression bomb is refused before it
    grows); the returned response holds the decoded body. Transport errors propagate (the caller names them)."""
    with http.stream(method, url, **kwargs) as streamed:
        encoding = streamed.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("", "identity", *INFLATED):
            raise CredentialsError(
                f"{where}: HTTP {streamed.status_code} with an unasked-for encoding {encoding[:20]!r}"
            )
        body = bytearray()
        for chunk in decoded_chunks(streamed):
            body += chunk
            if len(body) > MAX_ANSWER:
                raise CredentialsError(f"{where}: HTTP {streamed.status_code} with an answer over {MAX_ANSWER} bytes")
    headers = [(k, v) for k, v in streamed.headers.multi_items() if k not in ("content-encoding", "content-length")]
    return httpx.Response(streamed.status_code, headers=headers, content=bytes(body), request=streamed.request)


def json_body(response: httpx.Response, where: str) -> Any:
    """The answer's JSON, whatever its status (error answers carry their code in it)."""
    message: str | None = None
    try:
        return json.loads(response.content)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested deeper than the parser goes
        message = f"{where}: HTTP {response.status_code} with a body that is not JSON"
    raise CredentialsError(message)
