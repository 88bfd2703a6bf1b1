"""Build schemathesis schemas bound in process to an emulator app, with the fixed seed the CI runs use."""

from __future__ import annotations

import os
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from contract_support import auth_for  # type: ignore[import-not-found]  # noqa: E402

__all__ = ["auth_for", "bound_schema", "exercise"]
SEED = 20260518
MAX_EXAMPLES = 400 if os.environ.get("CLOUDSIGN_SLOW") else 30


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


def exercise(schema: Any, examples: int = 30) -> Counter[tuple[int, str]]:
    """The (status, error code) answers ``examples`` positive and ``examples`` negative cases of every operation got
    (code "" on success), drawn here with a fixed seed: a summary test reads these, not counters another test filled
    (so it passes run alone)."""
    statuses: Counter[tuple[int, str]] = Counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        # As the runs' schemathesis.toml pins do: ``const`` query parameters (each RPC action's Action/Version) keep
        # their value, so negative cases break the business parameters.
        pinned = {
            p["name"]: p["schema"]["const"]
            for p in operation.definition.raw.get("parameters", [])
            if p.get("in") == "query" and "const" in p.get("schema", {})
        }
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=examples,
                derandomize=True,
                database=None,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode, query=pinned or None))
            def run(case: Any) -> None:
                response = case.call()
                body = response.json() if response.status_code >= 400 else {}
                statuses[response.status_code, str(body.get("error_code") or body.get("Code") or "")] += 1

            run()
    return statuses
