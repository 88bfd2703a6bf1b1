"""``with_options(client, ...)``: a client's per-call options, typed as the generated ``Client`` it was given.

A factory returns the generated ``Client`` type, so ``mypy --strict`` accepts it with every generated function; the
``with_options`` method it gains at run time is invisible to mypy. This function is the typed way to the same copy
(sharing the connections): ``create_connection.call(client=with_options(client, max_attempts=1), ...)``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from ._core.errors import ConfigurationError

if TYPE_CHECKING:
    from typing import Unpack

    from ._core.call_options import CallOptions

C = TypeVar("C")


def with_options(client: C, **changes: Unpack[CallOptions]) -> C:
    """``client`` with other retry, validation or size options (``CallOptions``; one left out keeps the client's
    value)."""
    method: Any = getattr(client, "with_options", None)
    if method is None:
        raise ConfigurationError(f"{type(client).__name__} was not made by a cloudsign factory (das_client, client...)")
    result: C = method(**changes)
    return result


__all__ = ["with_options"]
