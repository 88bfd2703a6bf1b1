"""Schemathesis (examples, coverage, fuzzing; positive and negative) against the DataWorks emulator in process,
signed with ACS3-HMAC-SHA256 and with RPC HMAC-SHA1 through the overlay's requests adapter."""

from __future__ import annotations

from typing import Any

import pytest

from cloudsign.alibabacloud import Credentials
from cloudsign.alibabacloud.auth import requests_auth
from cloudsign.emulator.alibabacloud import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, create_app

from ._schemas import bound_schema, exercise

CREDS = Credentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)
ACS3_APP = create_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET})
RPC_APP = create_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET})
SPEC = "alibabacloud-dataworks.yaml"
acs3 = bound_schema(SPEC, ACS3_APP, requests_auth(CREDS, region="cn-shanghai"), auth_fails_with_401=False)
rpc = bound_schema(
    SPEC, RPC_APP, requests_auth(CREDS, signature="HMAC-SHA1", region="cn-shanghai"), auth_fails_with_401=False
)


@acs3.parametrize()  # type: ignore[untyped-decorator]
def test_dataworks_acs3_contract_in_process(case: Any) -> None:
    case.call_and_validate()


@rpc.parametrize()  # type: ignore[untyped-decorator]
def test_dataworks_rpc_v1_contract_in_process(case: Any) -> None:
    case.call_and_validate()


@pytest.mark.parametrize("signature", ["ACS3-HMAC-SHA256", "HMAC-SHA1"])
def test_dataworks_contract_exercised_both_sides(signature: str) -> None:
    """Creations for valid cases, the documented 400 for invalid ones, and no signature refused: on cases of its
    own, against an emulator of its own (no other test's side effects)."""
    app = create_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET})
    auth = requests_auth(CREDS, signature=signature, region="cn-shanghai")
    seen = exercise(bound_schema(SPEC, app, auth, auth_fails_with_401=False))
    # Only these answers: created, or one of the parameter codes the spec documents (InvalidParameter, and
    # MissingParameter for an absent required one); a refused signature is a 400 too (SignatureDoesNotMatch,
    # IncompleteSignature...), so the code is what tells them apart.
    assert set(seen) <= {(200, ""), (400, "InvalidParameter"), (400, "MissingParameter")}, (signature, seen)
    # Both sides exercised. How the refusals split between the two codes moves with what else ran in the worker
    # (schemathesis' negative generation is not isolated from it: 20/10 and 18/7 were both seen), their sum does not.
    refused = seen[400, "InvalidParameter"] + seen[400, "MissingParameter"]
    assert seen[200, ""] >= 20 and refused >= 20 and seen[400, "InvalidParameter"] >= 10, (signature, seen)
    assert len(app.state.emulator.creations.snapshot()) == seen[200, ""], signature
