"""Build schemathesis schemas bound in process to an emulator app, with the fixed seed the CI runs use."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig

ROOT = Path(__file__).resolve().parents[2]
SEED = 20260518
MAX_EXAMPLES = 400 if os.environ.get("CLOUDSIGN_SLOW") else 60


def bound_schema(spec: str, app: Any, auth: Any | None, *, mode: str = "all") -> Any:
    """A schema whose every call goes to ``app`` in process, signed by ``auth`` (a requests auth) when given."""
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
        }
    )
    schema = schemathesis.openapi.from_path(ROOT / "specs" / spec, config=config)
    schema.app = app
    schema.config.update(base_url="http://127.0.0.1")
    if auth is not None:
        schema.auth.set_from_requests(auth)
    return schema
