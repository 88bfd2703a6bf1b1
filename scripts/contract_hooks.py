"""Schemathesis hooks (``SCHEMATHESIS_HOOKS=contract_hooks``): sign every request with the cloudsign overlay.

Signing is the only thing added to a stock run; no generated value is changed. ``before_call`` receives the keyword
arguments that go to ``requests``, so a ``requests`` auth added there sees the final, serialised request, which
signing needs (schemathesis' own auth providers run before the body is serialised and cannot sign). The auth
provider registered below sets nothing: it tells schemathesis that the requests carry configured (explicit)
credentials, so its ``ignored_auth`` check takes a signed request for authenticated and probes the operation itself,
unsigned and with a wrong credential (its probes bypass ``before_call`` and drop the ``requests`` auth, so they go out
unsigned). Without it, the check takes the ``Authorization`` header the signer adds for a generated, likely invalid,
credential and expects 401/403 for a correctly signed request.

Which cloud and scheme: ``CLOUDSIGN_CONTRACT_SPEC`` and ``CLOUDSIGN_CONTRACT_SIGNATURE``;
``CLOUDSIGN_CONTRACT_UNSIGNED=1`` sends requests as generated (no signature, no provider).
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from contract_support import auth_for  # type: ignore[import-not-found]  # on PYTHONPATH

_AUTH = None
if not os.environ.get("CLOUDSIGN_CONTRACT_UNSIGNED"):
    _AUTH = auth_for(
        os.environ["CLOUDSIGN_CONTRACT_SPEC"],
        os.environ.get("CLOUDSIGN_CONTRACT_SIGNATURE", ""),
        os.environ.get("CLOUDSIGN_CONTRACT_URL", ""),
    )

    @schemathesis.auth(refresh_interval=None, retry_on=[])
    class SignedByCloudsign:
        """Marks every case as carrying configured credentials; the signature itself is added in ``before_call``."""

        def get(self, case: Any, ctx: Any) -> str:
            return "signed in before_call"

        def set(self, case: Any, data: str, ctx: Any) -> None:
            return None


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    if _AUTH is not None:
        kwargs["auth"] = _AUTH
