"""The one place that decides what is secret: schemas the spec marks (``format: password``, ``writeOnly``, or a
JSON document carrying such a field), names that say so, and each cloud's secret headers. Logs, validation errors,
the emulators' records and reprs all mask with ``MASK`` through these."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .memo import keep

MASK = "***"
# Field names that carry secrets even where a spec forgot to mark them.
SECRET_NAME = re.compile(r"password|passwd|secret|token|credential|signature|authorization", re.I)
# Headers that carry credentials: the signature, Huawei's and Alibaba's security tokens, IAM tokens, cookies.
SECRET_HEADERS = frozenset(
    {
        "authorization",
        "x-auth-token",
        "x-subject-token",
        "x-security-token",
        "x-acs-security-token",
        "cookie",
        "proxy-authorization",
    }
)
# Query parameters that are never secret (RPC common parameters); every other query value is masked in logs.
SAFE_QUERY_KEYS = frozenset(
    {"Action", "Version", "Format", "SignatureMethod", "SignatureVersion", "Timestamp", "RegionId"}
)


def is_secret_schema(schema: Mapping[str, Any]) -> bool:
    """A schema is secret-bearing when it, or a JSON document it carries, holds a password or write-only value."""
    if schema.get("writeOnly") or schema.get("format") == "password":
        return True
    nested = [schema.get("contentSchema"), schema.get("items"), *(schema.get("properties") or {}).values()]
    return any(isinstance(s, Mapping) and is_secret_schema(s) for s in nested)


def is_secret_field(name: str, schema: Mapping[str, Any]) -> bool:
    """A parameter or property is secret when its schema says so, or it is a string named like a secret."""
    return is_secret_schema(schema) or (schema.get("type") == "string" and bool(SECRET_NAME.search(name)))


def mask_fields(data: Mapping[str, Any], secret: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
    """A copy of ``data`` with the values of secret fields (``secret``, or secret-looking names at any depth)
    replaced by ``MASK``."""
    named = _NAMED
    return {
        k: (
            MASK
            if k in secret
            or (hit if k.__class__ is str and (hit := named.get(k)) is not None else _secret_named(str(k)))
            else (v if v.__class__ in _PLAIN else mask_nested(v))  # a plain scalar has nothing inside to mask
        )
        for k, v in data.items()
    }


# Field name -> whether ``SECRET_NAME`` is found in it, decided once per name (names come back on every call; values
# are never cached). A plain dict read in ``mask_fields`` costs less than an ``lru_cache`` call; emptied when full.
_NAMED: dict[str, bool] = {}
_NAMED_KEPT = 1024


def _secret_named(name: str) -> bool:
    found = _NAMED.get(name)
    if found is None:
        found = keep(_NAMED, name, SECRET_NAME.search(name) is not None, _NAMED_KEPT)
    return found


_SCALARS = (str, int, float)
_PLAIN = frozenset({str, int, float, bool, type(None)})  # exact types ``mask_nested`` returns as they are


def mask_nested(value: Any, depth: int = 0) -> Any:
    """``value`` with every mapping inside it (in lists too) masked by ``mask_fields``' name rule; a value nested
    deeper than 32 levels is masked whole rather than walked."""
    if depth > 32:
        return MASK
    if value is None or isinstance(value, _SCALARS):  # nothing to walk (checked first: the ABC check costs more)
        return value
    if isinstance(value, Mapping):
        return {k: (MASK if _secret_named(str(k)) else mask_nested(v, depth + 1)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_nested(v, depth + 1) for v in value]
    return value
