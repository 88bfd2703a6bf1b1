"""Fresh identifiers (an emulator's request ids and new resources' ids, a spec's example values): random version-4
UUIDs drawn from a generator of this module's own instead of the OS (``os.urandom`` is a system call per id; these
ids need to be unique, not unpredictable: never a secret). Not the ``random`` module's shared generator: tests seed
that one (hypothesis re-seeds it for every example, a user may call ``random.seed``), and the same ids would then
come out again. Seeded from the OS, and again in a forked child, so two processes do not repeat each other's ids."""

from __future__ import annotations

import os
import random

__all__ = ["dashed", "uuid4_hex", "uuid4_text"]

_generator = random.Random()  # unique ids, not secrets
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_generator.seed)
_bits = _generator.getrandbits
# Version 4 (bits 76-79 = 0100) and the RFC 4122 variant (bits 62-63 = 10) of a 128-bit number.
_CLEAR = ~((0xF << 76) | (0x3 << 62))
_SET = (0x4 << 76) | (0x2 << 62)


def uuid4_hex() -> str:
    """A random UUID (version 4, RFC 4122 variant) as 32 hex digits, as ``uuid.uuid4().hex`` spells it."""
    return (_bits(128) & _CLEAR | _SET).to_bytes(16).hex()


def dashed(h: str) -> str:
    """A UUID's 32 hex digits in the dashed form ``str(uuid.UUID(...))`` gives."""
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid4_text() -> str:
    """A random UUID in its dashed form, as ``str(uuid.uuid4())`` spells it."""
    return dashed(uuid4_hex())
