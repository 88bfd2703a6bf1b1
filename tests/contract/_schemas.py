"""Build schemathesis schemas bound in process to an emulator app, with the fixed seed the CI runs use."""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from contract_support import auth_for  # type: ignore[import-not-found]  # noqa: E402

__all__ = ["auth_for", "bound_schema"]
SEED = 20260518
MAX_EXAMPLES = 400 if os.environ.get("CLOUDSIGN_SLOW") else 60


def bound_schema(spec: str, app: Any, auth: Any | None, *, mode: str = "all", auth_fails_with_401: bool = True) -> Any:
    """A schema whose every call goes to ``app`` in process, signed by ``auth`` (a requests auth) when given.

    Alibaba answers an unsigned request with 400 (IncompleteSignature / MissingParameter), as documented in the
    spec, not 401/403: for it the ``ignored_auth`` check (which expects 401/403) is off, and
    ``test_unsigned.py`` checks those refusals instead."""
    config = SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {
                "mode": mode,
                "with-security-parameters": auth is None,
                "database": "none",
                "max-examples": MAX_EXAMPLES,
            },
            "warnings": {"fail-on": ["missing_auth"]} if auth is not None else {},
            "checks": {} if auth_fails_with_401 else {"ignored_auth": {"enabled": False}},
            # The project's per-operation settings (each RPC action's pinned Action/Version), as the CLI runs have.
            "operations": tomllib.loads((ROOT / "schemathesis.toml").read_text()).get("operations", []),
        }
    )
    schema = schemathesis.openapi.from_path(ROOT / "specs" / spec, config=config)
    schema.app = app
    schema.config.update(base_url="http://127.0.0.1")
    if auth is not None:
        schema.auth.set_from_requests(auth)
    return schema
