"""Huawei Cloud credentials that expire: an agency assumed with an OIDC ID token through STS, a federated ID token
exchanged through IAM, temporary keys from the ECS metadata service, pod identity (CCE), and IAM tokens obtained with
a password (for ``X-Auth-Token`` authentication). Each is a ``Refreshing`` source (``cloudsign._core.refresh``):
signers call ``current()`` on every attempt; it refreshes before expiry, one fetch between all callers (who waits:
see that module).

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
IAM endpoint                ``FederatedIdToken(iam_endpoint=...)``,        ``HUAWEICLOUD_SDK_IAM_ENDPOINT``
                            ``IamPassword(iam_endpoint=...)``              (``https://iam.myhuaweicloud.com``)
federated ID token          ``FederatedIdToken(idp_id, id_token_file)``    ``HUAWEICLOUD_SDK_IDP_ID``,
                                                                           ``HUAWEICLOUD_SDK_ID_TOKEN_FILE``
project                     ``project_id=...``                             ``HUAWEICLOUD_SDK_PROJECT_ID``
==========================  =============================================  ==========================================

``HUAWEICLOUD_SDK_IAM_ENDPOINT`` is the official SDK's variable; the profile file's ``iam_endpoint`` sets it for a
federated ID token there. ``HUAWEICLOUD_SDK_METADATA_ENDPOINT`` is cloudsign's own (the official SDK hard-codes the
address). Errors name the provider, the endpoint and the HTTP status, never a key, secret, password, token or
response body.
"""

from __future__ import annotations

import calendar
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from cloudsign._core.errors import CredentialsError
from cloudsign._core.logs import install_httpx_redaction
from cloudsign._core.provider_io import Exchanges, check_credentials_uri, json_body, read_token_file, request
from cloudsign._core.providers import Provider, ProviderOptions
from cloudsign._core.refresh import Expiring

from .credentials import (
    ENV_IAM_ENDPOINT,
    ENV_ID_TOKEN_FILE,
    ENV_IDP_ID,
    ENV_METADATA_ENDPOINT,
    ENV_OIDC_AGENCY_URN,
    ENV_OIDC_DURATION,
    ENV_OIDC_ID_TOKEN,
    ENV_OIDC_PROVIDER_URN,
    ENV_OIDC_SESSION_NAME,
    ENV_OIDC_TOKEN_FILE,
    ENV_POD_TOKEN_FILE,
    ENV_POD_URI,
    ENV_PROJECT_ID,
    ENV_STS_ENDPOINT,
    Credentials,
    IamToken,
)

if TYPE_CHECKING:
    from typing import Unpack

# Module-level so tests (and sandboxes) can point the default at a closed local port.
METADATA_ENDPOINT = "http://169.254.169.254"
DEFAULT_STS_ENDPOINT = "https://sts.cn-north-4.myhuaweicloud.com"
TOKEN_PATH = "/meta-data/latest/api/token"  # noqa: S105 - a path
SECURITY_KEY_PATH = "/openstack/latest/securitykey"
OIDC_PATH = "/v5/agencies/assume-with-oidc"
DEFAULT_IAM_ENDPOINT = "https://iam.myhuaweicloud.com"
IAM_TOKENS_PATH = "/v3/auth/tokens"
ID_TOKEN_PATH = "/v3.0/OS-AUTH/id-token/tokens"  # noqa: S105 - a path
SECURITY_TOKENS_PATH = "/v3.0/OS-CREDENTIAL/securitytokens"
SUBJECT_TOKEN_HEADER = "X-Subject-Token"  # noqa: S105 - a header name
IDP_HEADER = "X-Idp-Id"
FEDERATED_DURATION = 6 * 3600  # what the official FederalAccessor asks for
TOKEN_HEADER = "X-Metadata-Token"  # noqa: S105 - a header name
TOKEN_TTL_HEADER = "X-Metadata-Token-Ttl-Seconds"  # noqa: S105 - a header name
METADATA_TOKEN_TTL = 21600
METADATA_TIMEOUT = httpx.Timeout(3.0)
NO_AGENCY = "Please configure Cloud Service Agency first"


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


def _json(response: httpx.Response, where: str, ok: range | tuple[int, ...] = (200,)) -> Any:
    """The JSON of an ``ok`` answer; any other status is an error named by its status alone."""
    if response.status_code not in ok:
        raise CredentialsError(f"{where} answered HTTP {response.status_code}")
    return json_body(response, where)


class KeyOptions(ProviderOptions, total=False):
    """The settings of a provider of temporary keys: those of every provider, and the ``project_id`` the keys are
    scoped to (else ``$HUAWEICLOUD_SDK_PROJECT_ID``)."""

    project_id: str | None


class _Keys(Provider[Credentials]):
    """A provider of temporary AK/SK keys, scoped to ``project_id``, answered as ``credential_from`` reads them."""

    def __init__(self, name: str, options: KeyOptions) -> None:
        super().__init__(name, options)
        self.project_id = self._setting(options.get("project_id"), ENV_PROJECT_ID)

    def _required(
        self, value: str | None, file: str | os.PathLike[str] | None, variables: tuple[str, str]
    ) -> tuple[str, Path]:
        """A value and a file both needed, each an argument or else the environment variable of ``variables``."""
        value, file = self._setting(value, variables[0]), self._setting(file, variables[1])
        if not value or not file:
            raise CredentialsError(f"{self.name}: {variables[0]} and {variables[1]} must both be set")
        return value, Path(file)

    def _keys(
        self, response: httpx.Response, where: str, ok: range | tuple[int, ...] = (200,)
    ) -> Expiring[Credentials]:
        return credential_from(_json(response, where, ok), where, self.project_id)


class EcsMetadata(_Keys):
    """Temporary keys of the agency bound to this ECS instance: ``GET /openstack/latest/securitykey`` with a
    metadata session token (``PUT /meta-data/latest/api/token``). As the official accessor does, a token endpoint
    answering 404, 405 or 503 means an older service: the key is asked for without a token."""

    default_timeout = METADATA_TIMEOUT

    def __init__(self, *, endpoint: str | None = None, **options: Unpack[KeyOptions]) -> None:
        super().__init__("ecs_metadata", options)
        self.endpoint = (self._setting(endpoint, ENV_METADATA_ENDPOINT) or METADATA_ENDPOINT).rstrip("/")

    def _token(self, http: Exchanges) -> str | None:
        where = f"{self.endpoint}{TOKEN_PATH}"
        response = request(http, "PUT", TOKEN_PATH, where, headers={TOKEN_TTL_HEADER: str(METADATA_TOKEN_TTL)})
        if response.status_code == 200:
            return response.text.strip()
        if response.status_code in (404, 405, 503):
            return None
        raise CredentialsError(f"{self.endpoint}{TOKEN_PATH} answered HTTP {response.status_code}")

    def _fetch(self) -> Expiring[Credentials]:
        where = f"{self.endpoint}{SECURITY_KEY_PATH}"
        with self._client(self.endpoint, base_url=self.endpoint, direct=True) as http:
            token = self._token(http)
            response = request(http, "GET", SECURITY_KEY_PATH, where, headers={TOKEN_HEADER: token} if token else {})
            if response.status_code == 401 and NO_AGENCY in response.text:
                raise CredentialsError(f"{where}: no agency is bound to this instance")
        return self._keys(response, where)


class OidcAgency(_Keys):
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
        sts_endpoint: str | None = None,
        **options: Unpack[KeyOptions],
    ) -> None:
        super().__init__("oidc_agency", options)
        self.provider_urn = self._setting(provider_urn, ENV_OIDC_PROVIDER_URN) or ""
        self.agency_urn = self._setting(agency_urn, ENV_OIDC_AGENCY_URN) or ""
        for value, name in ((self.provider_urn, ENV_OIDC_PROVIDER_URN), (self.agency_urn, ENV_OIDC_AGENCY_URN)):
            if not value:
                raise CredentialsError(f"oidc_agency: {name} is not set")
        self._id_token = self._setting(id_token, ENV_OIDC_ID_TOKEN)
        token_file: str | os.PathLike[str] | None = self._setting(id_token_file, ENV_OIDC_TOKEN_FILE)
        self.id_token_file = Path(token_file) if token_file else None
        if self._id_token is None and self.id_token_file is None:
            raise CredentialsError(f"oidc_agency: neither {ENV_OIDC_ID_TOKEN} nor {ENV_OIDC_TOKEN_FILE} is set")
        self.session_name = self._setting(session_name, ENV_OIDC_SESSION_NAME) or "oidc-sts-session"
        try:
            self.duration = int(self._setting(duration, ENV_OIDC_DURATION) or 3600)
        except ValueError:
            raise CredentialsError(f"oidc_agency: {ENV_OIDC_DURATION} is not a number of seconds") from None
        self.sts_endpoint = (self._setting(sts_endpoint, ENV_STS_ENDPOINT) or DEFAULT_STS_ENDPOINT).rstrip("/")

    def _fetch(self) -> Expiring[Credentials]:
        token = self._id_token
        if token is None and self.id_token_file is not None:
            token = read_token_file(self.id_token_file, self.name)
        payload = {
            "provider_urn": self.provider_urn,
            "agency_urn": self.agency_urn,
            "agency_session_name": self.session_name,
            "id_token": token,
            "duration_seconds": self.duration,
        }
        where = f"STS {self.sts_endpoint}{OIDC_PATH}"
        with self._client(self.sts_endpoint) as http:
            response = request(http, "POST", self.sts_endpoint + OIDC_PATH, where, json=payload)
        return self._keys(response, where, ok=range(200, 300))  # any 2xx is success, as huaweicloudsdkcore takes it

    def __repr__(self) -> str:
        return f"OidcAgency(agency_urn={self.agency_urn!r}, sts_endpoint={self.sts_endpoint!r})"


class PodIdentity(_Keys):
    """CCE pod identity: ``POST <HC_CONTAINER_CREDENTIALS_FULL_URI>`` with the token file's content as
    ``Authorization``, sent direct (never through a proxy). Plain ``http://`` is accepted only to loopback and the
    documented link-local hosts (``provider_io.LINK_LOCAL_HOSTS``), unless ``allow_http=True`` or
    ``CLOUDSIGN_ALLOW_HTTP_CREDENTIALS_URI=true``: elsewhere the token would cross the network in clear."""

    def __init__(
        self,
        uri: str | None = None,
        token_file: str | os.PathLike[str] | None = None,
        *,
        allow_http: bool | None = None,
        **options: Unpack[KeyOptions],
    ) -> None:
        super().__init__("pod_identity", options)
        self.uri, self.token_file = self._required(uri, token_file, (ENV_POD_URI, ENV_POD_TOKEN_FILE))
        check_credentials_uri(self.uri, "pod_identity", allow_http, self._env)

    def _fetch(self) -> Expiring[Credentials]:
        token = read_token_file(self.token_file, self.name)
        where = self.uri.split("?", 1)[0]
        with self._client(self.uri, direct=True) as http:
            response = request(http, "POST", self.uri, where, headers={"Authorization": token}, json={})
        return self._keys(response, where)


def _subject_token(response: httpx.Response, where: str) -> str:
    """The token IAM issued, from ``X-Subject-Token`` of a 201 (or 200) answer."""
    if response.status_code not in (200, 201):
        raise CredentialsError(f"{where} answered HTTP {response.status_code}")
    token = str(response.headers.get(SUBJECT_TOKEN_HEADER, "")).strip()
    if not token:
        raise CredentialsError(f"{where}: the answer has no {SUBJECT_TOKEN_HEADER} header")
    return token


class FederatedIdToken(_Keys):
    """A federated identity: the ID token of identity provider ``idp_id`` exchanged through IAM for temporary keys,
    as huaweicloudsdkcore's ``FederalAccessor`` does. Two unsigned calls: ``POST /v3.0/OS-AUTH/id-token/tokens``
    (``X-Idp-Id`` header, ``{"auth": {"id_token": {"id": ...}}}``) answers an unscoped token in ``X-Subject-Token``;
    ``POST /v3.0/OS-CREDENTIAL/securitytokens`` turns it into temporary keys (``duration`` seconds, 6 hours by
    default). The token file is re-read on every refresh."""

    def __init__(
        self,
        idp_id: str | None = None,
        id_token_file: str | os.PathLike[str] | None = None,
        *,
        iam_endpoint: str | None = None,
        duration: int = FEDERATED_DURATION,
        **options: Unpack[KeyOptions],
    ) -> None:
        super().__init__("federated_id_token", options)
        self.idp_id, self.id_token_file = self._required(idp_id, id_token_file, (ENV_IDP_ID, ENV_ID_TOKEN_FILE))
        self.iam_endpoint = (self._setting(iam_endpoint, ENV_IAM_ENDPOINT) or DEFAULT_IAM_ENDPOINT).rstrip("/")
        self.duration = duration

    def _fetch(self) -> Expiring[Credentials]:
        install_httpx_redaction()  # httpcore's DEBUG trace prints the X-Subject-Token answered: masked
        id_token = read_token_file(self.id_token_file, self.name)
        where = f"IAM {self.iam_endpoint}{ID_TOKEN_PATH}"
        with self._client(self.iam_endpoint, base_url=self.iam_endpoint) as http:
            id_body = {"auth": {"id_token": {"id": id_token}}}
            response = request(http, "POST", ID_TOKEN_PATH, where, headers={IDP_HEADER: self.idp_id}, json=id_body)
            token = _subject_token(response, where)
            body = {
                "auth": {"identity": {"methods": ["token"], "token": {"id": token, "duration_seconds": self.duration}}}
            }
            where = f"IAM {self.iam_endpoint}{SECURITY_TOKENS_PATH}"
            response = request(http, "POST", SECURITY_TOKENS_PATH, where, headers={"X-Auth-Token": token}, json=body)
        return self._keys(response, where, ok=(200, 201))

    def __repr__(self) -> str:
        return f"FederatedIdToken(idp_id={self.idp_id!r}, iam_endpoint={self.iam_endpoint!r})"


class IamPassword(Provider[IamToken]):
    """IAM tokens for ``X-Auth-Token`` authentication, obtained with an IAM user's password
    (``POST /v3/auth/tokens?nocatalog=true``, method ``password``) and scoped to a project: ``project_id`` (or
    ``$HUAWEICLOUD_SDK_PROJECT_ID``) or ``project_name`` (a region's project is named after the region, e.g.
    ``cn-north-4``). Tokens live 24 hours; a new one is obtained 5 minutes before expiry. ``domain`` is the
    account name (for the account itself, the same as ``user``). The password never leaves this object but in the
    request body: not in ``repr``, logs or errors."""

    def __init__(
        self,
        user: str,
        password: str,
        domain: str,
        *,
        project_id: str | None = None,
        project_name: str | None = None,
        iam_endpoint: str | None = None,
        **options: Unpack[ProviderOptions],
    ) -> None:
        super().__init__("iam_password", options)
        if not (user and password and domain):
            raise CredentialsError("iam_password: user, password and domain must all be given")
        self.user = user
        self._password = password
        self.domain = domain
        self.project_id = project_id or (None if project_name else self._env.get(ENV_PROJECT_ID)) or None
        self.project_name = project_name
        if not self.project_id and not self.project_name:
            raise CredentialsError(f"iam_password: give project_id, project_name or {ENV_PROJECT_ID}")
        self.iam_endpoint = (self._setting(iam_endpoint, ENV_IAM_ENDPOINT) or DEFAULT_IAM_ENDPOINT).rstrip("/")

    def _fetch(self) -> Expiring[IamToken]:
        install_httpx_redaction()  # httpcore's DEBUG trace prints the X-Subject-Token answered: masked
        project = {"id": self.project_id} if self.project_id else {"name": self.project_name}
        user = {"name": self.user, "password": self._password, "domain": {"name": self.domain}}
        body = {
            "auth": {"identity": {"methods": ["password"], "password": {"user": user}}, "scope": {"project": project}}
        }
        where = f"IAM {self.iam_endpoint}{IAM_TOKENS_PATH}"
        with self._client(self.iam_endpoint, base_url=self.iam_endpoint) as http:
            response = request(http, "POST", IAM_TOKENS_PATH, where, params={"nocatalog": "true"}, json=body)
        token = _subject_token(response, where)
        data = _json(response, where, ok=(200, 201))
        info = data.get("token") if isinstance(data, dict) else None
        if not isinstance(info, dict):
            raise CredentialsError(f"{where}: the answer has no token object")
        expires = parse_expires_at(info.get("expires_at"), where)
        scoped = info.get("project")
        project_id = scoped.get("id") if isinstance(scoped, dict) else None
        return Expiring(
            IamToken(token, project_id if isinstance(project_id, str) else self.project_id, expires), expires
        )

    def __repr__(self) -> str:
        scope = f"project_id={self.project_id!r}" if self.project_id else f"project_name={self.project_name!r}"
        return f"IamPassword(user={self.user!r}, domain={self.domain!r}, {scope}, iam_endpoint={self.iam_endpoint!r})"


__all__ = [
    "METADATA_ENDPOINT",
    "EcsMetadata",
    "FederatedIdToken",
    "IamPassword",
    "OidcAgency",
    "PodIdentity",
    "credential_from",
    "parse_expires_at",
]
