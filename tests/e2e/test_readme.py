"""Every Python example in the README runs as written, against the emulators: ``CLOUDSIGN_ENDPOINT_URL_<SERVICE>``
points the clients at them and the credentials come from the environment, as the README says they may."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cloudsign.emulator.alibabacloud import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET
from cloudsign.emulator.alibabacloud import create_app as dataworks_app
from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud import DEMO_AK, DEMO_SK
from cloudsign.emulator.huaweicloud import create_app as das_app

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)
EMULATED = [b for b in BLOCKS if "with emulated()" in b]
QUICKSTARTS = [
    b for b in BLOCKS if ("das_client(region=" in b or "dataworks_client(region=" in b) and b not in EMULATED
]
CREATES = {"CreateInstanceConnection", "CreateConnection"}


@pytest.mark.parametrize("block", QUICKSTARTS, ids=[f"quickstart-{i}" for i in range(len(QUICKSTARTS))])
def test_readme_quickstart_runs(block: str) -> None:
    assert len(QUICKSTARTS) == 6, "three quickstarts (sync, the lifecycle, async) per API"
    das, dw = das_app(), dataworks_app()
    with running(das) as das_url, running(dw) as dw_url:
        code = block  # as written: the endpoint variables point the clients at the emulators
        env = {
            **os.environ,
            "CLOUDSIGN_ENDPOINT_URL_DAS": das_url,
            "CLOUDSIGN_ENDPOINT_URL_DATAWORKS": dw_url,
            "HUAWEICLOUD_SDK_AK": DEMO_AK,
            "HUAWEICLOUD_SDK_SK": DEMO_SK,
            "ALIBABA_CLOUD_ACCESS_KEY_ID": DEMO_ACCESS_KEY_ID,
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": DEMO_ACCESS_KEY_SECRET,
            "HOME": "/nonexistent",  # no profile files: the environment is the whole chain
        }
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr[-2000:]
        calls = das.state.emulator.creations.snapshot() + dw.state.emulator.creations.snapshot()
        kept = das.state.emulator.resources.count() + dw.state.emulator.resources.count()
    created = [c for c in calls if c["operation"] in CREATES]
    assert len(created) == 1 and out.stdout.strip(), out.stdout
    if len(calls) > 1:  # a lifecycle: it deletes what it made, and says the use after the delete was refused
        assert kept == 0 and "400" in out.stdout, (calls, out.stdout)


OFFLINE = [b for b in BLOCKS if "create_app(" in b and "running(app)" in b]


@pytest.mark.parametrize("block", OFFLINE, ids=[f"offline-{i}" for i in range(len(OFFLINE))])
def test_readme_offline_example_runs_as_written(block: str) -> None:
    """The "Testing your own code offline" example, unchanged: it starts its own emulator."""
    assert OFFLINE, "the README shows an offline example"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUAWEICLOUD_", "ALIBABA_CLOUD_"))}
    proc = subprocess.run(
        [sys.executable, "-c", block], env={**env, "HOME": "/nonexistent"}, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


# Prepended to the in-process example: no internet socket, no connect, no name resolution in its process.
BLOCK_NETWORK = """
import socket
def _blocked(*args, **kwargs):
    raise OSError("network blocked")
_init = socket.socket.__init__
def _init_unless_internet(self, family=-1, *args, **kwargs):
    if family in (socket.AF_INET, socket.AF_INET6):
        _blocked()
    _init(self, family, *args, **kwargs)
socket.socket.__init__ = _init_unless_internet
socket.socket.connect = socket.getaddrinfo = socket.create_connection = _blocked
"""


@pytest.mark.parametrize("block", EMULATED, ids=[f"emulated-{i}" for i in range(len(EMULATED))])
def test_readme_in_process_example_runs_with_the_network_blocked(block: str) -> None:
    """The ``emulated()`` example as written, with no keys in the environment and every internet socket refused."""
    assert EMULATED, "the README shows the in-process example first in its testing section"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUAWEICLOUD_", "ALIBABA_CLOUD_", "CLOUDSIGN_"))}
    code = BLOCK_NETWORK + block + "\nprint('ran')\n"
    proc = subprocess.run(
        [sys.executable, "-c", code], env={**env, "HOME": "/nonexistent"}, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "ran", proc.stdout + proc.stderr[-2000:]


def test_the_testing_section_shows_emulated_first() -> None:
    text = README.read_text()
    section = text[text.index("### Testing your own code offline") :]
    assert section.index("emulated()") < section.index("running(")
