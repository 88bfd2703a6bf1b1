"""The async client the generated code calls: an ``httpx.AsyncClient`` whose ``request()`` runs the pipeline.

A transport (``cloudsign._core.transport``) sends the prepared bytes: ``aiohttp`` (the default: straight through an
aiohttp session per event loop, without httpx's request and URL objects) or ``httpx`` (on httpx-aiohttp's transport
unless the user gave one, so every httpx option applies), picked once when the client is built. aiohttp is
imported on the first request; asyncio when an async client is built (a sync user imports neither).
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from . import inprocess, switch
from .client_base import ClientBase
from .pipeline import Call, Pipeline
from .refresh import AsyncCredentialsSource
from .transport.base import ASYNC_BACKENDS, TooLarge, async_transport

__all__ = ["ASYNC_BACKENDS", "AsyncClient"]


class AsyncClient(ClientBase, httpx.AsyncClient):
    """See the module docstring. Built by the cloud client's ``get_async_httpx_client()``."""

    _transport_for = staticmethod(async_transport)

    def __init__(self, pipeline: Pipeline, *, backend: str = "aiohttp", **kwargs: Any) -> None:
        super().__init__(pipeline, backend=backend, **kwargs)
        source = pipeline.signer.credentials_source
        self._fetch_credentials = source.current_async if isinstance(source, AsyncCredentialsSource) else None

    async def request(self, method: str, url: httpx.URL | str, **given: Any) -> httpx.Response:
        call, timeout = self._call(method, url, given)
        attempt = 1
        while True:
            started = time.perf_counter()
            outcome: httpx.Response | httpx.HTTPError
            try:
                outcome = await self._send(call, timeout)
            except httpx.HTTPError as exc:
                outcome = exc
            settled = self.pipeline.settle(call, attempt, started, outcome)
            if isinstance(settled, httpx.Response):
                return settled
            await _sleep(settled)
            attempt += 1

    async def _send(self, call: Call, timeout: Any) -> httpx.Response:
        fetch = self._fetch_credentials
        if fetch is not None:
            # Credentials that must be fetched before signing are fetched off the event loop (single-flight);
            # fresh ones cost one clock read here, and signing then reads them without waiting.
            await fetch()
        url, headers = self.pipeline.sign(call)
        if (emulation := switch.ACTIVE) is not None:  # cloudsign.testing.emulated(): answered in process
            return await inprocess.asend(emulation, self, call, url, headers, timeout)
        try:
            exchange = await self._wire.send(
                call.method, url, headers, call.body, self._timeout_of(timeout), call.options.max_response_bytes
            )
        except TooLarge as signal:
            raise self._too_large(call, signal) from None
        return self._response(exchange)

    async def aclose(self) -> None:
        await self._wire.aclose()
        await super().aclose()

    async def __aexit__(self, *args: Any) -> None:
        await self.aclose()


async def _sleep(seconds: float) -> None:
    import asyncio  # here, not at the top of a module a sync user may import (it is loaded by now: aio_sessions)

    await asyncio.sleep(seconds)
