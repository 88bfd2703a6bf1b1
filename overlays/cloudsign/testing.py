"""For your own tests: serve an emulator on 127.0.0.1 and script its faults (see the README).

from cloudsign.testing import Fault, running
from cloudsign.huaweicloud.emulator import create_app
"""

from ._core.emulation import EmulatorState, Fault, running

__all__ = ["EmulatorState", "Fault", "running"]
