"""Alibaba Cloud credentials that expire: ECS RAM role (instance metadata), RAM role ARN (STS AssumeRole, signed
by our own RPC v1 signer on top of other credentials), OIDC role ARN (RRSA: STS AssumeRoleWithOIDC) and a
credentials URI. Each is a ``Refreshing`` source (``cloudsign._core.refresh``): signers call ``current()`` on every
attempt, and it refreshes before expiry with one fetch between all callers (who waits: see that module).

Settings (an argument wins over the environment variable; the environment is read when the source is built):

============================  ==========================================  =====================================
what                          argument                                    environment variable (default)
============================  ==========================================  =====================================
metadata service              ``EcsRamRole(endpoint=...)``                ``ALIBABA_CLOUD_ECS_METADATA_ENDPOINT``
                                                                          (``http://100.100.100.200``)
RAM role of the instance      ``EcsRamRole(role_name=...)``               ``ALIBABA_CLOUD_ECS_METADATA``
                                                                          (discovered from the service)
no IMDSv1 fallback            ``EcsRamRole(disable_imds_v1=True)``        ``ALIBABA_CLOUD_IMDSV1_DISABLED=true``
STS endpoint                  ``sts_endpoint=...`` (host or URL)          ``ALIBABA_CLOUD_STS_ENDPOINT``, else
                                                                          ``sts[-vpc].<region>.aliyuncs.com``
STS region / VPC endpoint     ``sts_region=...``, ``enable_vpc=...``      ``ALIBABA_CLOUD_STS_REGION``,
                                                                          ``ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED``
role, session                 ``role_arn=...``, ``session_name=...``      ``ALIBABA_CLOUD_ROLE_ARN``,
                                                                          ``ALIBABA_CLOUD_ROLE_SESSION_NAME``
OIDC                          ``oidc_provider_arn=...``,                  ``ALIBABA_CLOUD_OIDC_PROVIDER_ARN``,
                              ``oidc_token_file=...``                     ``ALIBABA_CLOUD_OIDC_TOKEN_FILE``
credentials URI               ``CredentialsUri(uri)``                     ``ALIBABA_CLOUD_CREDENTIALS_URI``
============================  ==========================================  =====================================

``ALIBABA_CLOUD_ECS_METADATA_ENDPOINT`` and ``ALIBABA_CLOUD_STS_ENDPOINT`` are cloudsign's own (the official SDK
takes these endpoints as arguments only); they point the default chain at a proxy or a local emulator
(``cloudsign.emulator.alibabacloud_identity``). Errors name the provider, the endpoint and the HTTP status or
the error code, never a key, secret, token or response body.
"""

from __future__ import annotations

import calendar
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from .._core.errors import CredentialsError
from .._core.logs import install_httpx_redaction
from .._core.provider_io import (
    Environ,
    Exchanges,
    check_credentials_uri,
    environment,
    json_body,
    read_token_file,
    request,
)
from .._core.providers import Provider, ProviderOptions
from .._core.refresh import CredentialsSource, Expiring
from .credentials import (
    ENV_CREDENTIALS_URI,
    ENV_ECS_METADATA,
    ENV_ECS_METADATA_DISABLED,
    ENV_ECS_METADATA_ENDPOINT,
    ENV_IMDSV1_DISABLED,
    ENV_OIDC_PROVIDER_ARN,
    ENV_OIDC_TOKEN_FILE,
    ENV_ROLE_ARN,
    ENV_ROLE_SESSION_NAME,
    ENV_STS_ENDPOINT,
    ENV_STS_REGION,
    ENV_VPC_ENDPOINT_ENABLED,
    Credentials,
)
from .rpc_v1 import signed_query

if TYPE_CHECKING:
    from typing import Unpack

# Module-level so tests (and sandboxes) can point every default at a closed local port.
ECS_METADATA_ENDPOINT = "http://100.100.100.200"
METADATA_TOKEN_TTL = 21600
METADATA_TIMEOUT = httpx.Timeout(1.0)
STS_VERSION = "2015-04-01"
DEFAULT_DURATION = 3600
_CREDENTIALS_PATH = "/latest/meta-data/ram/security-credentials/"
TOKEN_HEADER = "X-aliyun-ecs-metadata-token"  # noqa: S105 - a header name
TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds"


def _true(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"


def parse_expiration(text: object, where: str) -> float:
    """``2026-01-02T03:04:05Z`` -> POSIX seconds."""
    if not isinstance(text, str):
        raise CredentialsError(f"{where}: the answer has no Expiration")
    try:
        return float(calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ")))
    except ValueError:
        raise CredentialsError(f"{where}: Expiration {text!r} is not YYYY-MM-DDThh:mm:ssZ") from None


def _key_from(data: Any, where: str, *, need_code: bool) -> Expiring[Credentials]:
    if not isinstance(data, dict):
        raise CredentialsError(f"{where}: the answer is not a JSON object")
    if need_code and data.get("Code") != "Success":
        raise CredentialsError(f"{where}: the answer's Code is {str(data.get('Code'))[:64]!r}, not 'Success'")
    key_id, secret, token = data.get("AccessKeyId"), data.get("AccessKeySecret"), data.get("SecurityToken")
    if not (isinstance(key_id, str) and isinstance(secret, str) and isinstance(token, str)):
        raise CredentialsError(f"{where}: the answer lacks AccessKeyId, AccessKeySecret or SecurityToken")
    return Expiring(Credentials(key_id, secret, token), parse_expiration(data.get("Expiration"), where))


def _base_url(endpoint: str) -> str:
    """A host (``sts.aliyuncs.com``) becomes ``https://host``; a URL is kept (an emulator on ``http://127.0.0.1``)."""
    endpoint = endpoint.rstrip("/")
    return endpoint if "://" in endpoint else f"https://{endpoint}"


class EcsRamRole(Provider[Credentials]):
    """The RAM role attached to this ECS instance, from its metadata service: an IMDSv2 session token
    (``PUT /latest/api/token``), then ``GET /latest/meta-data/ram/security-credentials/<role>`` with it. When the
    token endpoint fails, the requests go without a token (IMDSv1), unless IMDSv1 is disabled."""

    default_timeout = METADATA_TIMEOUT

    def __init__(
        self,
        role_name: str | None = None,
        *,
        endpoint: str | None = None,
        disable_imds_v1: bool | None = None,
        **options: Unpack[ProviderOptions],
    ) -> None:
        super().__init__("ecs_ram_role", options)
        if _true(self._env.get(ENV_ECS_METADATA_DISABLED)):
            raise CredentialsError(f"ecs_ram_role: the metadata service is disabled ({ENV_ECS_METADATA_DISABLED})")
        self.role_name = self._setting(role_name, ENV_ECS_METADATA)
        self.endpoint = (self._setting(endpoint, ENV_ECS_METADATA_ENDPOINT) or ECS_METADATA_ENDPOINT).rstrip("/")
        self.disable_imds_v1 = _true(self._env.get(ENV_IMDSV1_DISABLED)) if disable_imds_v1 is None else disable_imds_v1

    def _token(self, http: Exchanges) -> str | None:
        where = f"ecs_ram_role: metadata token {self.endpoint}/latest/api/token"
        try:
            response = request(http, "PUT", "/latest/api/token", where, headers={TTL_HEADER: str(METADATA_TOKEN_TTL)})
        except httpx.TransportError as exc:
            if self.disable_imds_v1:
                raise CredentialsError(f"{where}: {type(exc).__name__} and IMDSv1 is disabled") from None
            return None
        if response.status_code != 200:
            if self.disable_imds_v1:
                raise CredentialsError(f"{where}: HTTP {response.status_code} and IMDSv1 is disabled")
            return None
        return response.text.strip()

    def _get(self, http: Exchanges, path: str, token: str | None) -> httpx.Response:
        where = f"ecs_ram_role: {self.endpoint}{path}"
        response = request(http, "GET", path, where, headers={TOKEN_HEADER: token} if token else {})
        if response.status_code != 200:
            raise CredentialsError(f"{where} answered HTTP {response.status_code}")
        return response

    def _fetch(self) -> Expiring[Credentials]:
        with self._client(self.endpoint, base_url=self.endpoint, direct=True) as http:
            token = self._token(http)
            if not self.role_name:
                self.role_name = self._get(http, _CREDENTIALS_PATH, token).text.strip()
                if not self.role_name:
                    raise CredentialsError(f"ecs_ram_role: {self.endpoint} names no RAM role for this instance")
            path = _CREDENTIALS_PATH + self.role_name
            data = json_body(self._get(http, path, token), f"ecs_ram_role: {self.endpoint}{path}")
            return _key_from(data, f"ecs_ram_role: {self.endpoint}{path}", need_code=True)


def resolve_sts_endpoint(
    sts_endpoint: str | None = None,
    sts_region: str | None = None,
    enable_vpc: bool | None = None,
    environ: Environ | None = None,
) -> str:
    """The STS base URL, as the official providers choose it, plus ``ALIBABA_CLOUD_STS_ENDPOINT``."""
    env = environment(environ)
    chosen = sts_endpoint or env.get(ENV_STS_ENDPOINT)
    if chosen:
        return _base_url(chosen)
    vpc = _true(env.get(ENV_VPC_ENDPOINT_ENABLED)) if enable_vpc is None else enable_vpc
    prefix = "sts-vpc" if vpc else "sts"
    region = sts_region or env.get(ENV_STS_REGION)
    return f"https://{prefix}.{region}.aliyuncs.com" if region else "https://sts.aliyuncs.com"


class StsOptions(ProviderOptions, total=False):
    """What both STS providers take besides their own arguments (see the module docstring): ``session_name``,
    ``duration`` (seconds, at least 900; ``DEFAULT_DURATION``), ``policy``, and where STS is (``sts_endpoint``, or
    ``sts_region`` and ``enable_vpc``: ``resolve_sts_endpoint``)."""

    session_name: str | None
    duration: int
    policy: str | None
    sts_endpoint: str | None
    sts_region: str | None
    enable_vpc: bool | None


class _Sts(Provider[Credentials]):
    """A RAM role assumed through STS: ``_send`` makes the one call of ``_fetch``."""

    def __init__(self, name: str, role_arn: str | None, options: StsOptions) -> None:
        super().__init__(name, options)
        self.role_arn = self._setting(role_arn, ENV_ROLE_ARN) or ""
        if not self.role_arn:
            raise CredentialsError(f"{name}: no role ARN (role_arn=... or {ENV_ROLE_ARN})")
        self.duration = duration = options.get("duration", DEFAULT_DURATION)
        if duration < 900:
            raise CredentialsError(f"{name}: duration must be at least 900 seconds, got {duration}")
        session_name = self._setting(options.get("session_name"), ENV_ROLE_SESSION_NAME)
        self.session_name = session_name or f"cloudsign-python-{int(time.time())}"
        self.policy = options.get("policy")
        self.sts_endpoint = resolve_sts_endpoint(
            options.get("sts_endpoint"), options.get("sts_region"), options.get("enable_vpc"), self._env
        )

    def _params(self) -> list[tuple[str, str]]:
        pairs = [
            ("Version", STS_VERSION),
            ("Format", "JSON"),
            ("DurationSeconds", str(self.duration)),
            ("RoleArn", self.role_arn),
            ("RoleSessionName", self.session_name),
        ]
        if self.policy:
            pairs.append(("Policy", self.policy))
        return pairs

    def _send(self, http: Exchanges, where: str) -> httpx.Response:
        raise NotImplementedError

    def _fetch(self) -> Expiring[Credentials]:
        where = f"{self.name}: STS {urlsplit(self.sts_endpoint).netloc}"
        with self._client(self.sts_endpoint, base_url=self.sts_endpoint) as http:
            response = self._send(http, where)
        data = json_body(response, where)
        if response.status_code != 200:
            code = data.get("Code") if isinstance(data, dict) else None
            raise CredentialsError(f"{where} answered HTTP {response.status_code} {str(code)[:80]}")
        creds = data.get("Credentials") if isinstance(data, dict) else None
        return _key_from(creds, where, need_code=False)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(role_arn={self.role_arn!r}, sts_endpoint={self.sts_endpoint!r})"


class RamRoleArn(_Sts):
    """A RAM role assumed with STS ``AssumeRole`` by ``source`` (static keys or another source, e.g. an ECS role or
    another assumed role: ``ChainableRamRoleArn``), signed with our RPC v1 signer (``HMAC-SHA1``)."""

    def __init__(
        self,
        source: Credentials | CredentialsSource[Credentials],
        role_arn: str | None = None,
        *,
        external_id: str | None = None,
        **options: Unpack[StsOptions],
    ) -> None:
        self.source: CredentialsSource[Credentials] = source
        self.external_id = external_id
        super().__init__("ram_role_arn", role_arn, options)

    def _send(self, http: Exchanges, where: str) -> httpx.Response:
        install_httpx_redaction()  # httpx logs the URL: its SecurityToken and Signature are masked
        pairs = [("Action", "AssumeRole"), *self._params()]
        if self.external_id:
            pairs.append(("ExternalId", self.external_id))
        caller = self.source.current()
        query = signed_query(
            "GET",
            pairs,
            {},
            b"",
            access_key_id=caller.access_key_id,
            secret=caller.access_key_secret,
            security_token=caller.security_token,
            now=datetime.fromtimestamp(self._clock(), UTC),
            nonce=os.urandom(16).hex(),
        )
        return request(http, "GET", f"/?{query}", where)


class OidcRoleArn(_Sts):
    """A RAM role assumed with STS ``AssumeRoleWithOIDC`` and the OIDC token in ``oidc_token_file`` (re-read on
    every refresh: Kubernetes rotates it). Unsigned, as STS wants it; the token goes in a POST form, not the URL."""

    def __init__(
        self,
        role_arn: str | None = None,
        oidc_provider_arn: str | None = None,
        oidc_token_file: str | os.PathLike[str] | None = None,
        **options: Unpack[StsOptions],
    ) -> None:
        env = environment(options.get("environ"))  # these two are checked before the role ARN
        self.oidc_provider_arn = oidc_provider_arn or env.get(ENV_OIDC_PROVIDER_ARN) or ""
        token_file = oidc_token_file or env.get(ENV_OIDC_TOKEN_FILE)
        if not self.oidc_provider_arn:
            raise CredentialsError(f"oidc_role_arn: no OIDC provider ARN ({ENV_OIDC_PROVIDER_ARN})")
        if not token_file:
            raise CredentialsError(f"oidc_role_arn: no OIDC token file ({ENV_OIDC_TOKEN_FILE})")
        self.oidc_token_file = Path(token_file)
        super().__init__("oidc_role_arn", role_arn, options)

    def _send(self, http: Exchanges, where: str) -> httpx.Response:
        token = read_token_file(self.oidc_token_file, "oidc_role_arn")
        form = [("Action", "AssumeRoleWithOIDC"), *self._params()]
        form += [("OIDCProviderArn", self.oidc_provider_arn), ("OIDCToken", token)]
        return request(http, "POST", "/", where, data=dict(form))


class CredentialsUri(Provider[Credentials]):
    """Temporary keys from a URL (``ALIBABA_CLOUD_CREDENTIALS_URI``) answering as the ECS metadata service does.
    Plain ``http://`` is accepted only to loopback and the documented link-local hosts (``provider_io
    .LINK_LOCAL_HOSTS``) unless ``allow_http=True`` or ``CLOUDSIGN_ALLOW_HTTP_CREDENTIALS_URI=true``."""

    def __init__(
        self,
        uri: str | None = None,
        *,
        allow_http: bool | None = None,
        **options: Unpack[ProviderOptions],
    ) -> None:
        super().__init__("credentials_uri", options)
        self.uri = self._setting(uri, ENV_CREDENTIALS_URI) or ""
        if not self.uri:
            raise CredentialsError(f"credentials_uri: no URI ({ENV_CREDENTIALS_URI})")
        check_credentials_uri(self.uri, "credentials_uri", allow_http, self._env)

    def _fetch(self) -> Expiring[Credentials]:
        parts = urlsplit(self.uri)
        where = f"credentials_uri: {parts.scheme}://{parts.netloc}{parts.path}"  # the query may carry a secret
        with self._client(self.uri) as http:
            response = request(http, "GET", self.uri, where)
        if response.status_code != 200:
            raise CredentialsError(f"{where} answered HTTP {response.status_code}")
        return _key_from(json_body(response, where), where, need_code=True)


__all__ = [
    "ECS_METADATA_ENDPOINT",
    "CredentialsUri",
    "EcsRamRole",
    "OidcRoleArn",
    "RamRoleArn",
    "parse_expiration",
    "resolve_sts_endpoint",
]
