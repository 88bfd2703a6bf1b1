"""The pytest plugin installing cloudsign registers (entry point ``pytest11``): the ``cloud_emulator`` fixture.

Each test that asks for it runs inside a fresh ``cloudsign.testing.emulated()`` and gets its ``Emulated``.
``@pytest.mark.cloud_emulator(credentials={...})`` passes keys to accept, as ``emulated(credentials=...)``.
Nothing is imported from cloudsign until a test uses the fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from cloudsign.testing import Emulated

MARKER = "cloud_emulator"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(credentials=None): keys the cloud_emulator fixture's emulators accept besides the demo ones",
    )


@pytest.fixture
def cloud_emulator(request: pytest.FixtureRequest) -> Iterator[Emulated]:
    """Both clouds' emulators answering every client in process for this test (see ``cloudsign.testing``)."""
    from cloudsign.testing import emulated

    marker = request.node.get_closest_marker(MARKER)
    emulation = emulated(**(marker.kwargs if marker is not None else {}))
    emulation._owner = "the cloud_emulator fixture"
    with emulation as cloud:
        yield cloud
