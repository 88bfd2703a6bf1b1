"""What the credential providers of both clouds read the same way: the environment they are given, a token file
(re-read on every refresh, as Kubernetes rotates it) and a JSON answer. Errors name the provider or endpoint and
the cause, never the file's content or the answer's body."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx

from .errors import CredentialsError

Environ = Mapping[str, str]


def environment(environ: Environ | None) -> Environ:
    """``environ`` when given (tests, sandboxes), else the process environment."""
    return os.environ if environ is None else environ


def read_token_file(path: Path, name: str) -> str:
    """The token in ``path``, stripped; ``CredentialsError`` naming provider ``name`` when unreadable or empty."""
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise CredentialsError(f"{name}: cannot read {path} ({type(exc).__name__})") from None
    if not token:
        raise CredentialsError(f"{name}: {path} is empty")
    return token


def json_body(response: httpx.Response, where: str) -> Any:
    """The answer's JSON, whatever its status (error answers carry their code in it)."""
    try:
        return response.json()
    except ValueError:
        raise CredentialsError(f"{where}: HTTP {response.status_code} with a body that is not JSON") from None
