"""Schemathesis hooks (``SCHEMATHESIS_HOOKS=contract_hooks``): sign every request with the cloudsign overlay.

``before_call`` receives the keyword arguments that go to ``requests``, so a ``requests`` auth added there sees
the final, serialised request — which signing needs. Which cloud and scheme: ``CLOUDSIGN_CONTRACT_SPEC`` and
``CLOUDSIGN_CONTRACT_SIGNATURE``; ``CLOUDSIGN_CONTRACT_UNSIGNED=1`` sends requests as generated (no signature).
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from contract_support import auth_for, honour_json_content  # type: ignore[import-not-found]  # on PYTHONPATH

_AUTH = None
if not os.environ.get("CLOUDSIGN_CONTRACT_UNSIGNED"):
    _AUTH = auth_for(
        os.environ["CLOUDSIGN_CONTRACT_SPEC"],
        os.environ.get("CLOUDSIGN_CONTRACT_SIGNATURE", ""),
        os.environ.get("CLOUDSIGN_CONTRACT_URL", ""),
    )


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    honour_json_content(case)
    if _AUTH is not None:
        kwargs["auth"] = _AUTH
