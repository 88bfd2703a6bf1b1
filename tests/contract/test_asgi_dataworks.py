"""Schemathesis (examples, coverage, fuzzing; positive and negative) against the DataWorks emulator in process,
signed with ACS3-HMAC-SHA256 and with RPC HMAC-SHA1 through the overlay's requests adapter."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cloudsign.alibabacloud import Credentials
from cloudsign.alibabacloud.auth import requests_auth
from cloudsign.alibabacloud.emulator import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, create_app

from ._schemas import bound_schema

CREDS = Credentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)
ACS3_APP = create_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET})
RPC_APP = create_app(credentials={DEMO_ACCESS_KEY_ID: DEMO_ACCESS_KEY_SECRET})
SPEC = "alibabacloud-dataworks.yaml"
acs3 = bound_schema(SPEC, ACS3_APP, requests_auth(CREDS, region="cn-shanghai"), auth_fails_with_401=False)
rpc = bound_schema(
    SPEC, RPC_APP, requests_auth(CREDS, signature="HMAC-SHA1", region="cn-shanghai"), auth_fails_with_401=False
)
STATUSES: dict[str, Counter[int]] = {"acs3": Counter(), "rpc": Counter()}


@acs3.parametrize()  # type: ignore[untyped-decorator]
def test_dataworks_acs3_contract_in_process(case: Any) -> None:
    STATUSES["acs3"][case.call_and_validate().status_code] += 1


@rpc.parametrize()  # type: ignore[untyped-decorator]
def test_dataworks_rpc_v1_contract_in_process(case: Any) -> None:
    STATUSES["rpc"][case.call_and_validate().status_code] += 1


def test_dataworks_contract_exercised_both_sides() -> None:
    """Runs after the property tests in the same worker (--dist loadfile): creations for valid cases, the
    documented 400 for invalid ones, and no signature refused."""
    for scheme, app in (("acs3", ACS3_APP), ("rpc", RPC_APP)):
        seen = STATUSES[scheme]
        assert seen[200] >= 20 and seen[400] >= 20, (scheme, seen)
        assert len(app.state.emulator.creations.snapshot()) == seen[200], scheme
