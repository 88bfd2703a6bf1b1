"""What the sync and async clients share: their transport, picked once by name when the client is built
(``transport.base``), the pipeline, ``with_options`` views, and the steps of one call around the transport."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from .pipeline import Call, Options, Pipeline, too_large
from .proxies import direct_mounts
from .responses import ReadResponse, response_for
from .transport.base import Exchange, Link, TooLarge


def httpx_arguments(pipeline: Pipeline, proxy: str | None, httpx_kwargs: dict[str, Any]) -> dict[str, Any]:
    """The httpx client's arguments: redirects never followed (a 3xx would carry the signature, token and body
    away), a loopback endpoint mounted direct, the explicit proxy."""
    httpx_kwargs["follow_redirects"] = False
    httpx_kwargs.update(direct_mounts(pipeline.base, proxy, httpx_kwargs))
    return {"proxy": proxy, **httpx_kwargs} if proxy else httpx_kwargs


class ClientBase:
    """Mixed in before ``httpx.Client`` / ``httpx.AsyncClient``. ``backend`` names the transport, ``_wire`` is it
    (shared with every ``with_options`` view: the views share its connections)."""

    pipeline: Pipeline
    backend: str
    _wire: Any
    timeout: httpx.Timeout
    # ``transport.base.sync_transport`` or ``async_transport``: picks the transport by backend name.
    _transport_for: Callable[[str, Link, dict[str, Any]], Any]

    def __init__(
        self,
        pipeline: Pipeline,
        *,
        backend: str,
        max_connections: int = 100,
        proxy: str | None = None,
        **httpx_kwargs: Any,
    ) -> None:
        link = Link(pipeline.base, httpx_kwargs.get("verify", True), proxy, max_connections)
        # Made before the httpx client: the httpx transports may hand httpx a transport of their own.
        wire = type(self)._transport_for(backend, link, httpx_kwargs)
        super().__init__(**httpx_arguments(pipeline, proxy, httpx_kwargs))  # httpx.Client / httpx.AsyncClient
        self.pipeline = pipeline
        self.backend = backend
        self._wire = wire
        wire.attach(self)

    def with_options(self, options: Options) -> Any:
        """A view of this client with other options, sharing its connections."""
        view = object.__new__(type(self))
        view.__dict__.update(self.__dict__)
        view.pipeline = self.pipeline.with_options(options)
        return view

    def _call(self, method: str, url: httpx.URL | str, given: dict[str, Any]) -> tuple[Call, Any]:
        """The call and the timeout for ``request()``'s arguments: httpx's keywords (cookies, auth and
        follow_redirects are ignored: the client owns them). Forms and multipart are encoded by httpx, then sent as
        bytes."""
        content, headers = given.get("content"), given.get("headers")
        if given.get("data") is not None or given.get("files") is not None:
            this: Any = self
            built = this.build_request(
                method, "/", content=content, data=given.get("data"), files=given.get("files"), headers=headers
            )
            headers, content = dict(built.headers), built.read()  # (httpx's form streams are sync and async)
        call = self.pipeline.prepare(
            method,
            str(url),
            params=given.get("params"),
            json=given.get("json"),
            content=content,
            headers=headers,
            extensions=given.get("extensions"),
        )
        return call, given.get("timeout", httpx.USE_CLIENT_DEFAULT)

    def _timeout_of(self, timeout: Any) -> httpx.Timeout:
        return self.timeout if timeout is httpx.USE_CLIENT_DEFAULT else httpx.Timeout(timeout)

    def _response(self, exchange: Exchange) -> ReadResponse:
        status, headers, pairs, body = exchange
        return response_for(status, pairs, body, self.pipeline.request_id(headers))

    def _too_large(self, call: Call, signal: TooLarge) -> Exception:
        return too_large(call, signal.status, self.pipeline.request_id(signal.headers))
