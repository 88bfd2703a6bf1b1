"""What every credential provider of both clouds is: a ``Refreshing`` source that fetches over HTTP, built from the
same keyword settings (``ProviderOptions``: timeout, environment, refresh margin, clock), read in one place.

A provider subclasses ``Provider``, names itself, reads its own settings (``_setting``: an argument wins over the
environment variable, read from the environment given, else the process's) and defines ``_fetch``; ``_client`` opens
the client for one fetch (``provider_io``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar, TypedDict, TypeVar

import httpx

from .provider_io import Environ, Exchanges, environment, provider_client
from .refresh import DEFAULT_MARGIN, Refreshing

T = TypeVar("T")
V = TypeVar("V")

# How long a fetch from a token service (STS, IAM, a credentials URI) may take; metadata services answer faster.
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class ProviderOptions(TypedDict, total=False):
    """The keyword settings every provider takes: ``timeout`` of each connect and read (the provider's default),
    ``environ`` read instead of the process environment (tests, sandboxes), ``margin`` seconds before expiry to
    refresh (``refresh.DEFAULT_MARGIN``), and ``clock`` (POSIX seconds, ``time.time``)."""

    timeout: httpx.Timeout
    environ: Environ | None
    margin: float
    clock: Callable[[], float]


class Provider(Refreshing[T]):
    """A ``Refreshing`` source named ``name`` whose ``_fetch`` asks a service over HTTP."""

    default_timeout: ClassVar[httpx.Timeout] = DEFAULT_TIMEOUT

    def __init__(self, name: str, options: ProviderOptions) -> None:
        self._env: Environ = environment(options.get("environ"))
        self._timeout = options.get("timeout", self.default_timeout)
        super().__init__(
            name, self._fetch, margin=options.get("margin", DEFAULT_MARGIN), clock=options.get("clock", time.time)
        )

    def _setting(self, given: V | None, variable: str) -> V | str | None:
        """An argument wins over the environment variable ``variable``; None when neither is set (or both empty)."""
        return given or self._env.get(variable) or None

    def _client(self, target: str, *, base_url: str = "", direct: bool = False) -> Exchanges:
        """The connections of one fetch to ``target`` over the transport interface, with this provider's timeout and
        the transport settings it was handed (``provider_io.provider_client``)."""
        return provider_client(self, target, self._timeout, base_url=base_url, direct=direct)


__all__ = ["DEFAULT_TIMEOUT", "Provider", "ProviderOptions"]
