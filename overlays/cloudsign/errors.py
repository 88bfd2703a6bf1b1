"""The exception classes both clouds share (each cloud subclasses them in its own ``errors`` module)."""

from ._core.errors import *  # noqa: F403 - the shared classes, as listed in their module's __all__
from ._core.errors import __all__ as __all__
