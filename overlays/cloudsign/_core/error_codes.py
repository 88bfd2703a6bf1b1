"""The error codes a cloud's specs document: read from the examples of their error responses (status >= 400).

Spec layer: it reads the registry, so ``errors`` (the base layer) does not. A cloud's ``errors`` module hands this
lookup to ``errors.DocumentedCodes``, which only makes the classes.
"""

from __future__ import annotations

from collections.abc import Mapping


def documented_codes(cloud: str, code_key: str) -> list[tuple[str, int]]:
    """(code, status) for every error example of every operation of ``cloud``, in document order; ``code_key`` is
    the envelope's code field (``error_code``, ``Code``)."""
    from .registry import services_of_cloud

    found: list[tuple[str, int]] = []
    for service in services_of_cloud(cloud):
        for op in service.operations:
            for status, response in (op.spec.get("responses") or {}).items():
                if not str(status).isdigit() or int(status) < 400:
                    continue
                for media in ((response or {}).get("content") or {}).values():
                    values = [e.get("value") for e in (media.get("examples") or {}).values()]
                    values.append(media.get("example"))
                    for value in values:
                        code = value.get(code_key) if isinstance(value, Mapping) else None
                        if isinstance(code, str) and code:
                            found.append((code, int(status)))
    return found
