"""For your own tests: both clouds' emulators in process (``emulated()``, the ``cloud_emulator`` pytest fixture), or
one served on 127.0.0.1 (``running``). See the README's "Testing your own code offline".

    from cloudsign.testing import Fault, emulated

    with emulated() as cloud:                      # every client of either cloud is answered in process
        cloud.huaweicloud.faults.add(Fault(status=503))
        ...                                        # your code, calling the clients as in production
        assert len(cloud.huaweicloud.creations.snapshot()) == 1

Needs the ``emulator`` extra (Starlette). The emulators are the ones ``make emulate`` serves: signatures verified,
requests validated against the specs, calls recorded, faults applied. Nothing here names an operation.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, TypeVar, cast

from ._core import switch
from .emulator.app import running
from .emulator.faults import Fault
from .emulator.handler import direct
from .emulator.state import EmulatorState

__all__ = ["Emulated", "EmulatorState", "Fault", "active", "emulated", "running"]

F = TypeVar("F", bound=Callable[..., Any])
CLOUDS = ("huaweicloud", "alibabacloud")


class Emulated:
    """What ``emulated()`` and the ``cloud_emulator`` fixture give: each cloud's emulator state (its ``faults``,
    ``creations`` and whatever else the emulator keeps), empty at the start."""

    __slots__ = ("_apps", "alibabacloud", "huaweicloud")

    def __init__(self, apps: Mapping[str, Any]) -> None:
        self._apps = dict(apps)
        self.huaweicloud: EmulatorState = apps["huaweicloud"].state.emulator
        self.alibabacloud: EmulatorState = apps["alibabacloud"].state.emulator

    def app(self, cloud: str) -> Any:
        """The ASGI app emulating ``cloud`` (``"huaweicloud"`` or ``"alibabacloud"``), e.g. to serve it as well."""
        return self._apps[cloud]

    def __repr__(self) -> str:
        counts = ", ".join(f"{c}: {len(getattr(self, c).creations.snapshot())} calls" for c in CLOUDS)
        return f"Emulated({counts})"


def _check_credentials(credentials: Mapping[str, Mapping[str, str]] | None) -> dict[str, dict[str, str]]:
    given = dict(credentials or {})
    for cloud, keys in given.items():
        if cloud not in CLOUDS:
            raise ValueError(f"credentials: the clouds are {CLOUDS}, got {cloud!r}")
        if not isinstance(keys, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in keys.items()):
            raise TypeError(f"credentials[{cloud!r}] must map each access key id to its secret (str -> str)")
    return {cloud: dict(keys) for cloud, keys in given.items()}


def _build(credentials: Mapping[str, Mapping[str, str]], owner: str) -> tuple[switch.Emulation, Emulated]:
    """Fresh emulators of both clouds accepting the demo keys, the environment's (as ``create_app()``) and
    ``credentials``."""
    from .emulator import alibabacloud as alibaba
    from .emulator import huaweicloud as huawei

    apps = {"huaweicloud": huawei.create_app(), "alibabacloud": alibaba.create_app()}
    for cloud, keys in credentials.items():
        apps[cloud].state.gateway.keys.update(keys)
    for app in apps.values():  # built now, not by whichever thread calls first
        app.middleware_stack = app.build_middleware_stack()
    demo = {
        "huaweicloud": (huawei.DEMO_AK, huawei.DEMO_SK),
        "alibabacloud": (alibaba.DEMO_ACCESS_KEY_ID, alibaba.DEMO_ACCESS_KEY_SECRET),
    }
    states = [app.state.emulator for app in apps.values()]
    handlers = {cloud: direct(app.state.gateway) for cloud, app in apps.items()}
    huawei_faults, alibaba_faults = (state.faults for state in states)
    may_wait = lambda: huawei_faults.queued() or alibaba_faults.queued()  # noqa: E731
    return switch.Emulation(apps, demo, owner, may_wait, handlers), Emulated(apps)


class emulated:  # noqa: N801 - used like a function: `with emulated() as cloud:`, `@emulated()`
    """Answer every call of every client of both clouds in process while active: clients built before or inside it,
    sync and async, any backend, any endpoint or region. No socket is opened and no name resolved.

    A context manager (``with`` / ``async with``) giving an ``Emulated``, or a decorator of sync and async functions
    (each call gets fresh emulators; ``active()`` returns them inside). Inside it the default credential chains take
    the environment's keys, else the emulator's demo keys (never a profile file, metadata service or STS).
    ``credentials={"huaweicloud": {ak: sk}, "alibabacloud": {key_id: secret}}`` are accepted besides those; any
    other key is refused as the cloud's gateway refuses it. One emulation at a time per process: entering a second
    (nested, another thread, or the ``cloud_emulator`` fixture) raises ``RuntimeError`` at once. Thread-safe: every
    thread and event loop of the process is answered by the same emulators."""

    def __init__(self, *, credentials: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self._credentials = _check_credentials(credentials)
        self._owner = "emulated()"
        self._active: switch.Emulation | None = None

    def __enter__(self) -> Emulated:
        if self._active is not None:
            raise RuntimeError("this emulated() is already active; enter a new emulated() instead")
        emulation, emulated_ = _build(self._credentials, self._owner)
        emulation.given = emulated_
        switch.activate(emulation)
        self._active = emulation
        return emulated_

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._active is not None:
            switch.deactivate(self._active)
            self._active = None

    async def __aenter__(self) -> Emulated:
        return self.__enter__()

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.__exit__(kind, exc, tb)

    def __call__(self, func: F) -> F:
        credentials = self._credentials
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                async with emulated(credentials=credentials):
                    return await func(*args, **kwargs)

            return cast(F, run_async)

        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            with emulated(credentials=credentials):
                return func(*args, **kwargs)

        return cast(F, run)


def active() -> Emulated:
    """The active emulation's ``Emulated`` (inside a function decorated with ``@emulated()``)."""
    current = switch.ACTIVE
    if current is None or not isinstance(current.given, Emulated):
        raise RuntimeError("no cloudsign emulation is active: use `with emulated()`, @emulated() or cloud_emulator")
    return current.given
