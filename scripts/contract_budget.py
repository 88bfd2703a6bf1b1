"""Schemathesis hooks for ``scripts/contract.py`` (``SCHEMATHESIS_HOOKS=contract_budget``): the signing hooks of
``contract_hooks``, plus a request budget, plus the ledger of created resources (``contract_cleanup``).

``CLOUDSIGN_CONTRACT_MAX_REQUESTS``: the most requests the run may send; past it, a case fails with an error before
anything is sent. ``CLOUDSIGN_CONTRACT_COUNT_FILE``: where the number of requests attempted is written at exit.
"""

from __future__ import annotations

import atexit
import os
from pathlib import Path
from typing import Any

import contract_cleanup  # type: ignore[import-not-found]  # on PYTHONPATH
import contract_hooks  # type: ignore[import-not-found]  # noqa: F401  # registers the signing hook; on PYTHONPATH
import schemathesis


class BudgetExhaustedError(RuntimeError):
    """Raised instead of sending a request past ``CLOUDSIGN_CONTRACT_MAX_REQUESTS``."""


class Budget:
    def __init__(self, limit: int, count_file: str) -> None:
        self.limit = limit
        self.count_file = count_file
        self.attempted = 0

    def take(self) -> None:
        """Count one request; raise when it would go past the limit (a limit of 0 or less: none)."""
        self.attempted += 1
        if 0 < self.limit < self.attempted:
            raise BudgetExhaustedError(
                f"request budget of {self.limit} spent (--max-requests); this request was not sent"
            )

    def save(self) -> None:
        if self.count_file:
            Path(self.count_file).write_text(str(self.attempted))


BUDGET = Budget(
    int(os.environ.get("CLOUDSIGN_CONTRACT_MAX_REQUESTS", "0") or 0),
    os.environ.get("CLOUDSIGN_CONTRACT_COUNT_FILE", ""),
)
atexit.register(BUDGET.save)


@schemathesis.hook("before_call")
def count_request(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    BUDGET.take()


contract_cleanup.register_hook()
