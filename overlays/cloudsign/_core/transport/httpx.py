"""The httpx transports: the request goes through the owning httpx client itself, so every httpx option a user gave
(transport, proxy, event hooks, mounts...) applies. Async runs on httpx-aiohttp's transport unless the user gave a
transport of their own. The body is read in bounded decoded steps (``bodies``), never whole at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from ..aio_sessions import release_at_shutdown
from ..bodies import adecoded_chunks, decoded_chunks
from ..errors import ConfigurationError
from ..fork import forget_httpx, track
from .aiohttp import map_error, modules
from .base import Exchange, Link, TooLarge


def _request(method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: httpx.Timeout) -> httpx.Request:
    request = httpx.Request(method, url, headers=headers, content=body)
    request.extensions["timeout"] = timeout.as_dict()
    return request


def _add(body: bytearray, chunk: bytes, limit: int, streamed: httpx.Response) -> None:
    body += chunk
    if len(body) > limit:
        raise TooLarge(streamed.status_code, streamed.headers)


def _exchange(streamed: httpx.Response, body: bytearray) -> Exchange:
    return streamed.status_code, streamed.headers, streamed.headers.multi_items(), bytes(body)


class HttpxTransport:
    """Sync: see the module docstring. ``attach`` hands it the client it sends through."""

    def __init__(self, link: Link, httpx_kwargs: dict[str, Any]) -> None:
        self.link = link
        self.client: Any = None  # the httpx.Client, once attached

    def attach(self, client: httpx.Client) -> None:
        self.client = client
        track(self)

    def send(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: httpx.Timeout, limit: int
    ) -> Exchange:
        streamed = self.client.send(_request(method, url, headers, body, timeout), stream=True, follow_redirects=False)
        read = bytearray()
        try:
            for chunk in decoded_chunks(streamed):
                _add(read, chunk, limit, streamed)
        finally:
            streamed.close()
        return _exchange(streamed, read)

    def close(self) -> None:
        """Nothing of its own: the client closes its httpx transports."""

    def forget(self) -> None:
        if self.client is not None:
            forget_httpx(self.client)


class AsyncHttpxTransport:
    """Async: see the module docstring. httpx's transport keeps connections of the loop it runs on: another loop
    is refused before anything is sent while that one lives (the aiohttp transport serves several)."""

    def __init__(self, link: Link, httpx_kwargs: dict[str, Any]) -> None:
        self.link = link
        self.client: Any = None  # the httpx.AsyncClient, once attached
        self.loop: Any = None  # the event loop its connections belong to
        self.own: Any = None  # the httpx-aiohttp transport made here, whose session is closed per loop
        if "transport" not in httpx_kwargs and "mounts" not in httpx_kwargs:
            from httpx_aiohttp import AiohttpTransport

            # httpx applies ``verify`` to its own default transport only: this one must be told.
            httpx_kwargs["transport"] = self.own = AiohttpTransport(verify=httpx_kwargs.get("verify", True))

    def attach(self, client: httpx.AsyncClient) -> None:
        self.client = client
        track(self)

    async def _bind_loop(self, loop: Any) -> None:
        """The transport made here has its session closed when its loop shuts down; the client is then free for
        the next loop (another ``asyncio.run``)."""
        if self.loop is not None:
            raise ConfigurationError(
                "this async client (async_backend='httpx') is in use on another event loop; build one client "
                "per event loop, or use the default aiohttp backend, which serves several"
            )
        self.loop = loop
        if self.own is not None:
            await release_at_shutdown(loop, self.own, self)

    async def send(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes, timeout: httpx.Timeout, limit: int
    ) -> Exchange:
        aio = modules()
        loop = aio.running_loop()
        if self.loop is not loop:
            await self._bind_loop(loop)
        request = _request(method, url, headers, body, timeout)
        try:  # httpx-aiohttp lets some of aiohttp's errors through unmapped (a malformed head)
            streamed = await self.client.send(request, stream=True, follow_redirects=False)
            read = bytearray()
            try:
                async for chunk in adecoded_chunks(streamed):
                    _add(read, chunk, limit, streamed)
            finally:
                await streamed.aclose()
        except aio.failures as exc:
            raise map_error(exc) from exc
        except httpx.TransportError as exc:
            # httpx-aiohttp maps every aiohttp connection error to ConnectTimeout, a reset after sending included:
            # aiohttp's own error, its cause, is classified instead, here and once.
            cause = exc.__cause__
            if cause is not None and isinstance(cause, aio.failures):
                raise map_error(cause) from cause
            raise
        return _exchange(streamed, read)

    async def aclose(self) -> None:
        """Nothing of its own: the client closes its httpx transports."""

    def forget(self) -> None:
        if self.client is not None:
            forget_httpx(self.client)
        self.loop = None
