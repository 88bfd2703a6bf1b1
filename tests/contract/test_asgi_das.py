"""Schemathesis (examples, coverage and fuzzing phases; positive and negative) against the DAS emulator in
process, every request signed by the overlay's requests adapter; every response checked against the spec."""

from __future__ import annotations

from typing import Any

from cloudsign.emulator.huaweicloud import DEMO_AK, DEMO_SK, create_app
from cloudsign.huaweicloud import Credentials, requests_auth

from ._schemas import bound_schema, exercise

APP = create_app(credentials={DEMO_AK: DEMO_SK})
schema = bound_schema("huaweicloud-das.yaml", APP, requests_auth(Credentials(DEMO_AK, DEMO_SK)))


@schema.parametrize()  # type: ignore[untyped-decorator]
def test_das_contract_in_process(case: Any) -> None:
    case.call_and_validate()


def test_das_contract_exercised_both_sides() -> None:
    """Valid cases are created, invalid ones rejected with the documented 400, and no signed request is refused:
    on cases of its own, against an emulator of its own (no other test's side effects)."""
    app = create_app(credentials={DEMO_AK: DEMO_SK})
    seen = exercise(bound_schema("huaweicloud-das.yaml", app, requests_auth(Credentials(DEMO_AK, DEMO_SK))))
    # Exactly two answers: created, or the spec's documented parameter error; never an authentication refusal.
    assert set(seen) == {(200, ""), (400, "DAS.200100")}, seen
    assert seen[200, ""] >= 20 and seen[400, "DAS.200100"] >= 20, seen
    assert len(app.state.emulator.creations.snapshot()) == seen[200, ""]
