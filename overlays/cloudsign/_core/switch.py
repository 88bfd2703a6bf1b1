"""Which emulation answers the cloud clients' calls in process, if any: the one switch every client reads once per
attempt (``ACTIVE``), and the default credential chains read when a client is built (``default_key``).

Light on purpose (no httpx, no asyncio): the credential modules import it. ``cloudsign.testing`` turns it on and off;
``inprocess`` is the transport that answers while it is on.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

__all__ = ["ACTIVE", "App", "Direct", "Emulation", "activate", "deactivate", "default_key"]

App = Callable[[dict[str, Any], Any, Any], Awaitable[None]]
# An emulator's answer without its ASGI app: (method, url, headers, body) -> (status, header pairs, body), or None
# when the app itself must answer (a control route).
Direct = Callable[[str, str, Mapping[str, str], bytes], Awaitable[tuple[int, list[tuple[bytes, bytes]], bytes] | None]]


class Emulation:
    """The emulators of one activation: by cloud name, the ASGI app (and, when given, its handler to call without
    the app) and the key a client's default credential chain takes when the environment has none (the emulator's
    demo key)."""

    def __init__(
        self,
        apps: Mapping[str, App],
        default_keys: Mapping[str, tuple[str, str]],
        owner: str,
        may_wait: Callable[[], bool] = lambda: True,
        direct: Mapping[str, Direct] | None = None,
    ) -> None:
        self.apps = dict(apps)
        self.direct = dict(direct or {})  # by cloud: the emulator's handler called without its app (faster)
        self.default_keys = dict(default_keys)
        # True when an answer may have to wait (a fault with latency may be queued): a sync call then runs on the
        # private event loop, where waiting and the read timeout work; otherwise it runs in the caller's thread.
        self.may_wait = may_wait
        self.owner = owner  # who started it, for the error a second activation gets
        self.given: Any = None  # what the public API handed its user (``cloudsign.testing.Emulated``)


# The one active emulation of this process, or None. Read without the lock (a single reference read).
ACTIVE: Emulation | None = None
_SWITCH = threading.Lock()


def activate(emulation: Emulation) -> None:
    """Make ``emulation`` answer every client's calls; refused while another is active (nesting is an error)."""
    global ACTIVE
    with _SWITCH:
        if ACTIVE is not None:
            raise RuntimeError(
                f"cloudsign emulation is already active (started by {ACTIVE.owner}); emulated() and the "
                "cloud_emulator fixture cannot be nested or overlap: use the object the active one gives"
            )
        ACTIVE = emulation


def deactivate(emulation: Emulation) -> None:
    """Stop answering in process: from the next attempt on, calls go to the network again."""
    global ACTIVE
    with _SWITCH:
        if ACTIVE is emulation:
            ACTIVE = None


def default_key(cloud: str) -> tuple[str, str] | None:
    """For the default credential chains: the emulator's key for ``cloud`` while an emulation is active."""
    active = ACTIVE
    return None if active is None else active.default_keys.get(cloud)
