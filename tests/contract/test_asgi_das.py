"""Schemathesis (examples, coverage and fuzzing phases; positive and negative) against the DAS emulator in
process, every request signed by the overlay's requests adapter; every response checked against the spec."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cloudsign.huaweicloud import Credentials, requests_auth
from cloudsign.huaweicloud.emulator import DEMO_AK, DEMO_SK, create_app

from ._schemas import bound_schema

APP = create_app(credentials={DEMO_AK: DEMO_SK})
schema = bound_schema("huaweicloud-das.yaml", APP, requests_auth(Credentials(DEMO_AK, DEMO_SK)))
STATUSES: Counter[int] = Counter()


@schema.parametrize()  # type: ignore[untyped-decorator]
def test_das_contract_in_process(case: Any) -> None:
    response = case.call_and_validate()
    STATUSES[response.status_code] += 1


def test_das_contract_exercised_both_sides() -> None:
    """Runs after the property test in the same worker (--dist loadfile): valid cases were created, invalid ones
    were rejected with the documented 400, and no signed request was refused."""
    assert STATUSES[200] >= 20 and STATUSES[400] >= 20, STATUSES
    assert STATUSES[401] == 0, STATUSES
    assert len(APP.state.emulator.creations.snapshot()) == STATUSES[200]
