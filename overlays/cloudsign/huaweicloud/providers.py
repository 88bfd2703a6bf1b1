"""Huawei Cloud credentials that expire: an agency assumed with an OIDC ID token through STS, temporary keys from
the ECS metadata service, and pod identity (CCE). Each is a ``Refreshing`` source (``cloudsign._core.refresh``):
signers call ``current()`` on every attempt; it refreshes before expiry, one fetch between all callers, without
background threads.

Settings (an argument wins over the environment variable, read when the source is built):

==========================  =============================================  ==========================================
what                        argument                                       environment variable (default)
==========================  =============================================  ==========================================
metadata service            ``EcsMetadata(endpoint=...)``                  ``HUAWEICLOUD_SDK_METADATA_ENDPOINT``
                                                                           (``http://169.254.169.254``)
STS endpoint                ``OidcAgency(sts_endpoint=...)``               ``HUAWEICLOUD_SDK_STS_ENDPOINT``
                                                                           (``https://sts.cn-north-4.myhuaweicloud
                                                                           .com``)
OIDC                        ``provider_urn``, ``agency_urn``,              ``HUAWEICLOUD_OIDC_PROVIDER_URN``,
                            ``id_token`` / ``id_token_file``,              ``HUAWEICLOUD_OIDC_AGENCY_URN``,
                            ``session_name``, ``duration``                 ``HUAWEICLOUD_OIDC_ID_TOKEN`` /
                                                                           ``_TOKEN_FILE``, ``_SESSION_NAME``,
                                                                           ``_DURATION_SECONDS``
pod identity                ``PodIdentity(uri, token_file)``               ``HC_CONTAINER_CREDENTIALS_FULL_URI``,
                                                                           ``HC_CONTAINER_AUTHORIZATION_TOKEN_FILE``
project                     ``project_id=...``                             ``HUAWEICLOUD_SDK_PROJECT_ID``
==========================  =============================================  ==========================================

``HUAWEICLOUD_SDK_METADATA_ENDPOINT`` is cloudsign's own (the official SDK hard-codes the address). Errors name the
provider, the endpoint and the HTTP status, never a key, secret, token or response body.
"""

from __future__ import annotations

import calendar
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx

from cloudsign._core.errors import CredentialsError
from cloudsign._core.refresh import DEFAULT_MARGIN, Expiring, Refreshing

from .credentials import ENV_PROJECT_ID, Credentials

ENV_METADATA_ENDPOINT = "HUAWEICLOUD_SDK_METADATA_ENDPOINT"
ENV_STS_ENDPOINT = "HUAWEICLOUD_SDK_STS_ENDPOINT"
ENV_OIDC_PROVIDER_URN = "HUAWEICLOUD_OIDC_PROVIDER_URN"
ENV_OIDC_AGENCY_URN = "HUAWEICLOUD_OIDC_AGENCY_URN"
ENV_OIDC_ID_TOKEN = "HUAWEICLOUD_OIDC_ID_TOKEN"  # noqa: S105 - a variable name
ENV_OIDC_TOKEN_FILE = "HUAWEICLOUD_OIDC_TOKEN_FILE"  # noqa: S105 - a variable name
ENV_OIDC_SESSION_NAME = "HUAWEICLOUD_OIDC_SESSION_NAME"
ENV_OIDC_DURATION = "HUAWEICLOUD_OIDC_DURATION_SECONDS"
ENV_POD_URI = "HC_CONTAINER_CREDENTIALS_FULL_URI"
ENV_POD_TOKEN_FILE = "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE"  # noqa: S105 - a variable name

# Module-level so tests (and sandboxes) can point the default at a closed local port.
METADATA_ENDPOINT = "http://169.254.169.254"
DEFAULT_STS_ENDPOINT = "https://sts.cn-north-4.myhuaweicloud.com"
TOKEN_PATH = "/meta-data/latest/api/token"  # noqa: S105 - a path
SECURITY_KEY_PATH = "/openstack/latest/securitykey"
OIDC_PATH = "/v5/agencies/assume-with-oidc"
TOKEN_HEADER = "X-Metadata-Token"  # noqa: S105 - a header name
TOKEN_TTL_HEADER = "X-Metadata-Token-Ttl-Seconds"  # noqa: S105 - a header name
METADATA_TOKEN_TTL = 21600
METADATA_TIMEOUT = httpx.Timeout(3.0)
STS_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
NO_AGENCY = "Please configure Cloud Service Agency first"

Environ = Mapping[str, str]


def _env(environ: Environ | None) -> Environ:
    return os.environ if environ is None else environ


def parse_expires_at(text: object, where: str) -> float:
    """``2026-01-02T03:04:05.000000Z`` (or without fractions) -> POSIX seconds, read as UTC."""
    if not isinstance(text, str):
        raise CredentialsError(f"{where}: the answer has no expires_at")
    for fmt in ("%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return float(calendar.timegm(time.strptime(text, fmt)))
        except ValueError:
            continue
    raise CredentialsError(f"{where}: expires_at {text[:40]!r} is not an ISO 8601 UTC time")


def credential_from(data: Any, where: str, project_id: str | None) -> Expiring[Credentials]:
    """The ``credential`` (or ``credentials``) object Huawei's metadata service, STS and pod identity answer."""
    if isinstance(data, dict):
        data = data.get("credential") or data.get("credentials") or data
    if not isinstance(data, dict):
        raise CredentialsError(f"{where}: the answer is not a JSON object")
    ak = data.get("access") or data.get("accessKeyId") or data.get("access_key_id")
    sk = data.get("secret") or data.get("secretAccessKey") or data.get("secret_access_key")
    token = data.get("securitytoken") or data.get("securityToken") or data.get("security_token")
    if not (isinstance(ak, str) and isinstance(sk, str) and isinstance(token, str)):
        raise CredentialsError(f"{where}: the answer lacks access, secret or securitytoken")
    expires = parse_expires_at(data.get("expires_at") or data.get("expiration"), where)
    return Expiring(Credentials(ak, sk, project_id, token), expires)


def _json(response: httpx.Response, where: str) -> Any:
    if response.status_code != 200:
        raise CredentialsError(f"{where} answered HTTP {response.status_code}")
    try:
        return response.json()
    except ValueError:
        raise CredentialsError(f"{where}: HTTP 200 with a body that is not JSON") from None


class EcsMetadata(Refreshing[Credentials]):
    """Temporary keys of the agency bound to this ECS instance: ``GET /openstack/latest/securitykey`` with a
    metadata session token (``PUT /meta-data/latest/api/token``). As the official accessor does, a token endpoint
    answering 404, 405 or 503 means an older service: the key is asked for without a token."""

    def __init__(
        self,
        *,
        endpoint: str | None = None,
        project_id: str | None = None,
        timeout: httpx.Timeout = METADATA_TIMEOUT,
        environ: Environ | None = None,
        margin: float = DEFAULT_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        env = _env(environ)
        self.endpoint = (endpoint or env.get(ENV_METADATA_ENDPOINT) or METADATA_ENDPOINT).rstrip("/")
        self.project_id = project_id or env.get(ENV_PROJECT_ID) or None
        self._timeout = timeout
        super().__init__("ecs_metadata", self._fetch, margin=margin, clock=clock)

    def _token(self, http: httpx.Client) -> str | None:
        response = http.put(TOKEN_PATH, headers={TOKEN_TTL_HEADER: str(METADATA_TOKEN_TTL)})
        if response.status_code == 200:
            return response.text.strip()
        if response.status_code in (404, 405, 503):
            return None
        raise CredentialsError(f"{self.endpoint}{TOKEN_PATH} answered HTTP {response.status_code}")

    def _fetch(self) -> Expiring[Credentials]:
        where = f"{self.endpoint}{SECURITY_KEY_PATH}"
        with httpx.Client(base_url=self.endpoint, timeout=self._timeout, trust_env=False) as http:
            token = self._token(http)
            response = http.get(SECURITY_KEY_PATH, headers={TOKEN_HEADER: token} if token else {})
            if response.status_code == 401 and NO_AGENCY in response.text:
                raise CredentialsError(f"{where}: no agency is bound to this instance")
        return credential_from(_json(response, where), where, self.project_id)


def _read_token(path: Path, name: str) -> str:
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise CredentialsError(f"{name}: cannot read {path} ({type(exc).__name__})") from None
    if not token:
        raise CredentialsError(f"{name}: {path} is empty")
    return token


class OidcAgency(Refreshing[Credentials]):
    """An agency assumed through STS with an OIDC ID token (``POST /v5/agencies/assume-with-oidc``, unsigned). A
    token file is re-read on every refresh (Kubernetes rotates it)."""

    def __init__(
        self,
        provider_urn: str | None = None,
        agency_urn: str | None = None,
        *,
        id_token: str | None = None,
        id_token_file: str | os.PathLike[str] | None = None,
        session_name: str | None = None,
        duration: int | None = None,
        project_id: str | None = None,
        sts_endpoint: str | None = None,
        timeout: httpx.Timeout = STS_TIMEOUT,
        environ: Environ | None = None,
        margin: float = DEFAULT_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        env = _env(environ)
        self.provider_urn = provider_urn or env.get(ENV_OIDC_PROVIDER_URN) or ""
        self.agency_urn = agency_urn or env.get(ENV_OIDC_AGENCY_URN) or ""
        for value, name in ((self.provider_urn, ENV_OIDC_PROVIDER_URN), (self.agency_urn, ENV_OIDC_AGENCY_URN)):
            if not value:
                raise CredentialsError(f"oidc_agency: {name} is not set")
        self._id_token = id_token or env.get(ENV_OIDC_ID_TOKEN) or None
        token_file = id_token_file or env.get(ENV_OIDC_TOKEN_FILE)
        self.id_token_file = Path(token_file) if token_file else None
        if self._id_token is None and self.id_token_file is None:
            raise CredentialsError(f"oidc_agency: neither {ENV_OIDC_ID_TOKEN} nor {ENV_OIDC_TOKEN_FILE} is set")
        self.session_name = session_name or env.get(ENV_OIDC_SESSION_NAME) or "oidc-sts-session"
        try:
            self.duration = duration or int(env.get(ENV_OIDC_DURATION) or 3600)
        except ValueError:
            raise CredentialsError(f"oidc_agency: {ENV_OIDC_DURATION} is not a number of seconds") from None
        self.project_id = project_id or env.get(ENV_PROJECT_ID) or None
        self.sts_endpoint = (sts_endpoint or env.get(ENV_STS_ENDPOINT) or DEFAULT_STS_ENDPOINT).rstrip("/")
        self._timeout = timeout
        super().__init__("oidc_agency", self._fetch, margin=margin, clock=clock)

    def _fetch(self) -> Expiring[Credentials]:
        token = self._id_token
        if token is None and self.id_token_file is not None:
            token = _read_token(self.id_token_file, self.name)
        payload = {
            "provider_urn": self.provider_urn,
            "agency_urn": self.agency_urn,
            "agency_session_name": self.session_name,
            "id_token": token,
            "duration_seconds": self.duration,
        }
        where = f"STS {self.sts_endpoint}{OIDC_PATH}"
        with httpx.Client(timeout=self._timeout) as http:
            response = http.post(self.sts_endpoint + OIDC_PATH, json=payload)
        return credential_from(_json(response, where), where, self.project_id)

    def __repr__(self) -> str:
        return f"OidcAgency(agency_urn={self.agency_urn!r}, sts_endpoint={self.sts_endpoint!r})"


class PodIdentity(Refreshing[Credentials]):
    """CCE pod identity: ``POST <HC_CONTAINER_CREDENTIALS_FULL_URI>`` with the token file's content as
    ``Authorization``."""

    def __init__(
        self,
        uri: str | None = None,
        token_file: str | os.PathLike[str] | None = None,
        *,
        project_id: str | None = None,
        timeout: httpx.Timeout = STS_TIMEOUT,
        environ: Environ | None = None,
        margin: float = DEFAULT_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        env = _env(environ)
        self.uri = uri or env.get(ENV_POD_URI) or ""
        file = token_file or env.get(ENV_POD_TOKEN_FILE)
        if not self.uri or not file:
            raise CredentialsError(f"pod_identity: {ENV_POD_URI} and {ENV_POD_TOKEN_FILE} must both be set")
        self.token_file = Path(file)
        self.project_id = project_id or env.get(ENV_PROJECT_ID) or None
        self._timeout = timeout
        super().__init__("pod_identity", self._fetch, margin=margin, clock=clock)

    def _fetch(self) -> Expiring[Credentials]:
        token = _read_token(self.token_file, self.name)
        where = self.uri.split("?", 1)[0]
        with httpx.Client(timeout=self._timeout, trust_env=False) as http:
            response = http.post(self.uri, headers={"Authorization": token}, json={})
        return credential_from(_json(response, where), where, self.project_id)


__all__ = ["METADATA_ENDPOINT", "EcsMetadata", "OidcAgency", "PodIdentity", "credential_from", "parse_expires_at"]
