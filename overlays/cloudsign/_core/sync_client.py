"""The sync client the generated code calls: an ``httpx.Client`` whose ``request()`` runs the pipeline.

A transport (``cloudsign._core.transport``) sends the bytes the pipeline prepared: ``stdlib`` (the default),
``urllib3`` or ``httpx`` (every httpx option a user gave applies), picked once when the client is built. All keep
the generated code's contract: the same arguments, an ``httpx.Response`` back; all read at most the call's
``max_response_bytes`` (decompressed), never follow redirects, and honour ``HTTP(S)_PROXY``/``NO_PROXY``.
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from . import inprocess, switch
from .client_base import ClientBase
from .pipeline import Call, Pipeline
from .transport.base import SYNC_BACKENDS, TooLarge, sync_transport

__all__ = ["SYNC_BACKENDS", "SyncClient"]


class SyncClient(ClientBase, httpx.Client):
    """See the module docstring. Built by the cloud client's ``get_httpx_client()``."""

    _transport_for = staticmethod(sync_transport)

    def __init__(self, pipeline: Pipeline, *, backend: str = "stdlib", **kwargs: Any) -> None:
        super().__init__(pipeline, backend=backend, **kwargs)

    def request(self, method: str, url: httpx.URL | str, **given: Any) -> httpx.Response:
        call, timeout = self._call(method, url, given)
        attempt = 1
        while True:
            started = time.perf_counter()
            outcome: httpx.Response | httpx.HTTPError
            try:
                outcome = self._send(call, timeout)
            except httpx.HTTPError as exc:
                outcome = exc
            settled = self.pipeline.settle(call, attempt, started, outcome)
            if isinstance(settled, httpx.Response):
                return settled
            _sleep(settled)
            attempt += 1

    def _send(self, call: Call, timeout: Any) -> httpx.Response:
        url, headers = self.pipeline.sign(call)
        if (emulation := switch.ACTIVE) is not None:  # cloudsign.testing.emulated(): answered in process
            return inprocess.send(emulation, self, call, url, headers, timeout)
        try:
            exchange = self._wire.send(
                call.method, url, headers, call.body, self._timeout_of(timeout), call.options.max_response_bytes
            )
        except TooLarge as signal:
            raise self._too_large(call, signal) from None
        return self._response(exchange)

    def close(self) -> None:
        self._wire.close()
        super().close()

    def __exit__(self, *args: Any) -> None:
        self._wire.close()
        super().__exit__(*args)


def _sleep(seconds: float) -> None:
    """The backoff wait: a seam of this module, so tests record it without replacing ``time.sleep`` everywhere."""
    time.sleep(seconds)
