"""The fast sync path: an ``httpx.Client`` whose ``request()`` signs and sends through a urllib3 connection pool.

The sync twin of ``aiohttp_client``: the generated ``sync_detailed`` functions call
``client.get_httpx_client().request(method, url, params=..., json=..., headers=...)``; building httpx's request and
URL objects is most of what a call costs on a keep-alive connection. This client keeps the contract (same query and
JSON bytes as httpx, an ``httpx.Response`` back, httpx's exception classes) and lets urllib3 do the I/O. Anything
else (files, form data, cookies, per-request auth, streaming) goes through the ordinary httpx path, signed as usual.
urllib3 is imported on the first request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from .direct import DirectSettings, prepare, respond, wants_httpx


def _map_error(exc: BaseException) -> httpx.HTTPError:
    """urllib3's failures as httpx's classes; connect failures are the only ones that prove nothing was sent."""
    from urllib3 import exceptions as u3

    if isinstance(exc, u3.NewConnectionError | u3.NameResolutionError):  # (a ConnectTimeoutError subclass)
        return httpx.ConnectError(str(exc))
    if isinstance(exc, u3.ConnectTimeoutError):
        return httpx.ConnectTimeout(str(exc))
    if isinstance(exc, u3.ReadTimeoutError):
        return httpx.ReadTimeout(str(exc))
    if isinstance(exc, u3.ProtocolError):
        return httpx.RemoteProtocolError(str(exc))
    return httpx.ReadError(str(exc))


class Urllib3SignedClient(DirectSettings, httpx.Client):
    """See the module docstring. ``signer`` is the object behind the client's ``SigningAuth``."""

    _pool: Any = None

    def _get_pool(self) -> Any:
        if self._pool is None:
            import urllib3

            self._pool = urllib3.PoolManager(
                num_pools=4, maxsize=self._max_connections, block=False, retries=False, ssl_context=self.tls_context()
            )
        return self._pool

    def request(  # type: ignore[override]
        self,
        method: str,
        url: httpx.URL | str,
        *,
        json: Any | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: Any = httpx.USE_CLIENT_DEFAULT,
        **kwargs: Any,
    ) -> httpx.Response:
        if wants_httpx(url, kwargs):
            fallback = {k: v for k, v in kwargs.items() if v is not None}
            return super().request(method, url, json=json, params=params, headers=headers, timeout=timeout, **fallback)
        import urllib3

        req = prepare(self._signer, self._base, self.headers, method, str(url), params, json, headers)
        t = self.timeout if timeout is httpx.USE_CLIENT_DEFAULT else httpx.Timeout(timeout)
        try:
            raw = self._get_pool().urlopen(
                req.method,
                req.url,
                body=req.body or None,
                headers=req.headers,
                redirect=False,
                retries=False,
                assert_same_host=False,
                timeout=urllib3.Timeout(connect=t.connect, read=t.read),
                preload_content=True,
                decode_content=True,
            )
        except urllib3.exceptions.HTTPError as exc:
            raise _map_error(exc) from exc
        return respond(raw.status, list(raw.headers.items()), raw.data)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.clear()
            self._pool = None
        super().close()

    def __exit__(self, *args: Any) -> None:
        if self._pool is not None:
            self._pool.clear()
            self._pool = None
        super().__exit__(*args)
