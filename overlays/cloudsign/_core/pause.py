"""An emulator's wait (a fault's latency) that works on an event loop and without one.

On a loop (an async call, the served emulator) it is ``asyncio.sleep``. A sync call answered in process drives the
handler in the caller's thread with no loop (``_core.inprocess``): there the wait is handed up to that driver, which
sleeps within the call's read timeout. So a fault queued by another thread just after a sync call looked for one is
waited out as over HTTP, instead of failing the call for want of a loop."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any


class Pause:
    """``await Pause(seconds)`` in an emulator handler."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __await__(self) -> Generator[Any, Any, None]:
        import asyncio  # here: a sync program that never waits does not load asyncio

        try:
            asyncio.get_running_loop()
        except RuntimeError:  # driven by a sync call in process: the driver waits (or times the call out)
            yield self
            return
        yield from asyncio.sleep(self.seconds).__await__()
