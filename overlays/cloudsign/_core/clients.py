"""Cloud clients: any generated ``Client`` class, subclassed so that the httpx clients it hands to the generated
functions run cloudsign's pipeline (route, validate, sign, send, retry, log).

``cloud_client(das_client.Client, settings)`` returns an instance of ``das_client.Client`` (a subclass made once per
generated class), so ``mypy --strict`` accepts it with every generated function of that package. Each cloud's
``client()`` factory resolves region, endpoint and credentials, then calls ``cloud_client``.
"""

from __future__ import annotations

import functools
import math
import ssl
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import attrs
import httpx

from .async_client import AsyncClient
from .auth import Signer
from .errors import ConfigurationError
from .pipeline import Cloud, Options, Pipeline
from .registry import Service, service_for_package
from .sync_client import SyncClient
from .tls import tls_for
from .transport.base import check_backends

if TYPE_CHECKING:
    from typing import Unpack

    from .call_options import CallOptions

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
USER_AGENT = "cloudsign/0.1.0"
C = TypeVar("C")


def check_endpoint(endpoint: str) -> str:
    """An endpoint is an absolute http(s) URL with a host and no query; returns it without a trailing slash."""
    if not isinstance(endpoint, str) or any(c <= " " or c == "\x7f" for c in endpoint):  # urlsplit drops \n, \t
        raise ConfigurationError(f"endpoint must be a URL without blanks or control characters, got {endpoint!r}")
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigurationError(f"endpoint must be an http(s) URL like https://host[:port], got {endpoint!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise ConfigurationError(f"endpoint has an invalid port: {endpoint!r}") from exc
    return endpoint.rstrip("/")


def endpoint_variable(service: Service) -> str:
    """The environment variable that points a service's clients elsewhere (an emulator, a proxy, a VPC endpoint),
    as ``AWS_ENDPOINT_URL_<SERVICE>`` does for botocore: ``CLOUDSIGN_ENDPOINT_URL_DAS`` for ``huaweicloud-das``."""
    short = service.name.removeprefix(f"{service.cloud}-")
    return "CLOUDSIGN_ENDPOINT_URL_" + short.upper().replace("-", "_").replace(".", "_")


def endpoint_from_env(service: Service | None) -> str | None:
    """The endpoint ``endpoint_variable(service)`` names, when set; it wins over a region (not over ``endpoint=``)."""
    if service is None:
        return None
    import os

    return os.environ.get(endpoint_variable(service)) or None


def spec_endpoint(service: Service, region: str) -> str:
    """The service's endpoint in ``region``, from its main document's first server URL (its one variable is the
    region: ``https://das.{region}.myhuaweicloud.com``, ``https://dataworks.{regionId}.aliyuncs.com``)."""
    import re

    from .specs import first_server_url

    url = first_server_url(service.files.documents[0])
    if url is None:
        raise ConfigurationError(f"{service.name} declares no servers; pass endpoint=...")
    return check_endpoint(re.sub(r"\{[^{}]+\}", region, url))


@dataclass(frozen=True, slots=True)
class Settings:
    """What a cloud client adds to the generated ``Client``: its cloud, signer, options and backends."""

    cloud: Cloud
    signer: Signer
    service: Service | None
    options: Options
    sync_backend: str = "stdlib"
    async_backend: str = "aiohttp"
    max_connections: int = 100
    proxy: str | None = None  # None: the environment's HTTP(S)_PROXY / NO_PROXY

    def __post_init__(self) -> None:
        check_backends(self.sync_backend, self.async_backend)


class _CloudClient:
    """Mixed in before a generated ``Client``: builds cloudsign's sync and async clients instead of httpx's."""

    cloudsign: Settings
    _parent: Any

    def _httpx_kwargs(self) -> dict[str, Any]:
        this: Any = self
        return {
            "base_url": this._base_url,
            "cookies": this._cookies,
            "headers": this._headers,
            "timeout": this._timeout,
            "verify": this._verify_ssl,
            **this._httpx_args,
            # Whatever the generated Client's ``follow_redirects`` says (constructor, ``attrs.evolve``): a 3xx is
            # an answer, never followed, as following would carry the signature, token and body elsewhere.
            "follow_redirects": False,
        }

    def _pipeline(self) -> Pipeline:
        this: Any = self
        s = self.cloudsign
        return Pipeline(
            service=s.service,
            cloud=s.cloud,
            signer=s.signer,
            base_url=this._base_url,
            options=s.options,
            default_headers=this._headers,
        )

    def _backend(self, wanted: str) -> str:
        """The direct backends handle only cloudsign's own settings; any other httpx option needs httpx."""
        this: Any = self
        plain = not this._httpx_args and not this._cookies
        return wanted if plain else "httpx"

    def _made(self, cls: type[SyncClient | AsyncClient], backend: str, of_parent: Callable[[Any], Any]) -> Any:
        """A new sync or async client; a ``with_options`` copy gets a view of its parent's (sharing its
        connections)."""
        if self._parent is not None:
            return of_parent(self._parent).with_options(self.cloudsign.options)
        s = self.cloudsign
        return cls(
            self._pipeline(),
            backend=self._backend(backend),
            max_connections=s.max_connections,
            proxy=s.proxy,
            **self._httpx_kwargs(),
        )

    def get_httpx_client(self) -> httpx.Client:
        this: Any = self
        if this._client is None:
            this._client = self._made(SyncClient, self.cloudsign.sync_backend, lambda p: p.get_httpx_client())
        return this._client  # type: ignore[no-any-return]

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        this: Any = self
        if this._async_client is None:
            backend = self.cloudsign.async_backend
            this._async_client = self._made(AsyncClient, backend, lambda p: p.get_async_httpx_client())
        return this._async_client  # type: ignore[no-any-return]

    def with_options(self, **changes: Unpack[CallOptions]) -> Any:
        """This client with other retry, validation or size options (``CallOptions``), for one call or many; it
        shares the connections."""
        options = self.cloudsign.options.evolve(**changes)
        copy: Any = attrs.evolve(self, cloudsign=replace(self.cloudsign, options=options))  # type: ignore[misc]
        copy._parent = self if self._parent is None else self._parent
        return copy


@functools.cache
def _subclass(base: type[Any]) -> type[Any]:
    cls = attrs.make_class(
        base.__name__,
        {"cloudsign": attrs.field(kw_only=True, repr=False), "_parent": attrs.field(default=None, init=False)},
        bases=(_CloudClient, base),
    )
    cls.__module__ = base.__module__
    cls.__qualname__ = base.__qualname__
    cls.__doc__ = f"{base.__doc__ or ''}\n\nMade by cloudsign: every request is validated, signed and retried."
    return cls


# httpx options the client owns (it sets them from its own arguments, or must never use them), and why.
_RESERVED_HTTPX_ARGS = {
    "auth": "the client signs every request itself; pass credentials=...",
    "base_url": "pass the endpoint as base_url=... (or region=...) to the factory",
    "timeout": "pass timeout=... to the factory",
    "verify": "pass verify=... to the factory",
    "headers": "the client builds and signs the headers; the spec's header parameters are the generated "
    "functions' arguments",
    "cookies": "cloud APIs authenticate by signature, not cookies",
    "follow_redirects": "redirects are never followed: they would carry signatures, tokens and bodies to "
    "another origin",
}


def check_proxy(proxy: str) -> str:
    from urllib.parse import urlsplit

    from .proxies import redact_proxy

    parts = urlsplit(proxy)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"proxy must be an http:// or https:// URL with a host, got {redact_proxy(proxy)!r}")
    return proxy


def check_timeout(timeout: Any) -> httpx.Timeout:
    """A timeout in seconds (or an ``httpx.Timeout``) whose every part is a finite number > 0 or None (no limit)."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    made = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
    for part in (made.connect, made.read, made.write, made.pool):
        if part is not None and (part.__class__ not in (int, float) or not 0 < part < math.inf):
            raise ConfigurationError(f"timeout must be a finite number of seconds > 0 (or None), got {timeout!r}")
    return made


def check_verify(verify: Any) -> None:
    """``verify``: True/False, an ``SSLContext``, or the path of a CA bundle file or directory that exists."""
    import os

    if isinstance(verify, bool | ssl.SSLContext):
        return
    if not isinstance(verify, str) or not os.path.exists(verify):
        raise ConfigurationError(
            f"verify must be True, False, an ssl.SSLContext or the path of a CA bundle that exists, got {verify!r}"
        )


def cloud_client(
    base: type[C],
    settings: Settings,
    *,
    base_url: str,
    timeout: float | httpx.Timeout | None = None,
    verify: bool | str | ssl.SSLContext = True,
    httpx_args: dict[str, Any] | None = None,
    proxy: str | None = None,
) -> C:
    """An instance of the generated ``base`` class whose requests go through the pipeline. ``proxy``: an
    ``http://`` or ``https://`` proxy URL (credentials in it are never logged); None reads the environment."""
    if proxy is not None:
        settings = replace(settings, proxy=check_proxy(proxy))
    args = dict(httpx_args or {})
    for key in args:
        why = _RESERVED_HTTPX_ARGS.get(key)
        if why is not None:
            raise ConfigurationError(f"httpx_args[{key!r}] cannot be used: {why}")
    timeout = check_timeout(timeout)
    check_verify(verify)
    from .logs import install_httpx_redaction

    install_httpx_redaction()
    source = settings.signer.credentials_source
    if source is not None:  # a provider with no transport settings of its own fetches with this client's
        from .provider_io import adopt

        adopt(source, verify=verify, proxy=settings.proxy)
    instance: C = _subclass(base)(  # type: ignore[arg-type]
        base_url=base_url,
        headers={"User-Agent": USER_AGENT},
        timeout=timeout,
        verify_ssl=tls_for(base_url, verify),
        httpx_args=args,
        cloudsign=settings,
    )
    return instance


def service_of_client(base: type[Any]) -> Service | None:
    """The service a generated ``Client`` class belongs to (by its package), or None when specs/ lacks it."""
    package = base.__module__.split(".", 1)[0]
    try:
        return service_for_package(package)
    except KeyError:
        return None
