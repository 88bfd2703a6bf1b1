"""Names a package imports on first use (PEP 562), so importing a cloud's package stays cheap."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: each name of ``where`` from the module it maps to (relative to the
    package), imported on first use; a name mapped to ``.<name>`` is that submodule itself."""

    def __getattr__(name: str) -> Any:  # noqa: N807 - a module's __getattr__
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        found = importlib.import_module(module, package)
        return found if module == f".{name}" else getattr(found, name)

    return __getattr__


__all__ = ["lazy_attributes"]
