"""Unsigned requests (schemathesis with its own random security parameters, no signing) are all refused with
the cloud's authentication error, whatever else is in them."""

from __future__ import annotations

from typing import Any

from cloudsign.emulator.alibabacloud import create_app as dataworks_app
from cloudsign.emulator.huaweicloud import create_app as das_app

from ._schemas import bound_schema

DAS = das_app()
das_schema = bound_schema("huaweicloud-das.yaml", DAS, None, mode="positive")


@das_schema.parametrize()  # type: ignore[untyped-decorator]
def test_unsigned_das_requests_are_refused(case: Any) -> None:
    response = case.call()
    assert response.status_code == 401, response.text
    assert response.json()["error_code"].startswith("APIGW.")
    assert not DAS.state.emulator.creations.snapshot()


DATAWORKS = dataworks_app()
dataworks_schema = bound_schema("alibabacloud-dataworks.yaml", DATAWORKS, None, mode="positive")


@dataworks_schema.parametrize()  # type: ignore[untyped-decorator]
def test_unsigned_dataworks_requests_are_refused(case: Any) -> None:
    """Random `Authorization` / `Signature` values from the declared schemes never pass verification."""
    response = case.call()
    assert response.status_code in (400, 404), response.text
    assert response.json()["Code"] in {
        "IncompleteSignature",
        "SignatureDoesNotMatch",
        "InvalidAccessKeyId.NotFound",
        "MissingParameter",
    } or response.json()["Code"].startswith(("Missing", "Incomplete")), response.text
    assert not DATAWORKS.state.emulator.creations.snapshot()
