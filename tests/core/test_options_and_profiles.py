"""The option list is decided once (``Options`` and the ``CallOptions`` / ``ClientOptions`` typed from it), and
both clouds' factories are their profile plus a signer on ``cloudsign._core.profile.build``."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pytest

from cloudsign import alibabacloud, huaweicloud
from cloudsign._core.call_options import CALL_OPTIONS, ClientOptions, Options
from cloudsign._core.errors import ConfigurationError
from cloudsign.alibabacloud import factory as ali_factory
from cloudsign.huaweicloud import factory as hw_factory

# Options the pipeline reads that no caller sets (the backoff tuning).
ENDPOINT = "http://127.0.0.1:9"
INTERNAL = {"initial_backoff", "max_backoff", "max_retry_after"}


def test_the_call_options_are_the_fields_of_options() -> None:
    assert {f.name for f in fields(Options)} - INTERNAL == CALL_OPTIONS
    assert CALL_OPTIONS < ClientOptions.__optional_keys__


@pytest.mark.parametrize(
    "make",
    [
        lambda **kw: huaweicloud.das_client(credentials=huaweicloud.Credentials("ak", "sk"), **kw),
        lambda **kw: alibabacloud.dataworks_client(credentials=alibabacloud.Credentials("ak", "sk"), **kw),
    ],
    ids=["das", "dataworks"],
)
def test_every_call_option_reaches_the_pipeline_from_either_factory(make: object) -> None:
    chosen = {"max_attempts": 5, "retry_unsafe": True, "validate": False, "max_response_bytes": 4096}
    assert set(chosen) == CALL_OPTIONS
    client = make(endpoint="http://127.0.0.1:9", **chosen)  # type: ignore[operator]
    options = client.get_httpx_client().pipeline.options
    assert {name: getattr(options, name) for name in chosen} == chosen
    again = client.with_options(max_attempts=1).get_httpx_client().pipeline.options
    assert (again.max_attempts, again.validate) == (1, False)


def test_the_profiles_are_the_pipelines_view_of_each_cloud() -> None:
    das: Any = huaweicloud.das_client(endpoint=ENDPOINT, credentials=huaweicloud.Credentials("ak", "sk"))
    dw: Any = alibabacloud.dataworks_client(
        endpoint="http://127.0.0.1:9", credentials=alibabacloud.Credentials("a", "s")
    )
    assert das.get_httpx_client().pipeline.cloud is hw_factory.CLOUD
    assert dw.get_httpx_client().pipeline.cloud is ali_factory.CLOUD
    assert (hw_factory.CLOUD.request_id_header, ali_factory.CLOUD.request_id_header) == (
        "X-Request-Id",
        "x-acs-request-id",
    )
    assert hw_factory.CLOUD.invalid_response is huaweicloud.errors.APIResponseValidationError
    assert ali_factory.CLOUD.too_large is alibabacloud.errors.ResponseTooLargeError


@pytest.mark.parametrize(
    ("make", "variable"),
    [(huaweicloud.das_client, "HUAWEICLOUD_SDK_REGION"), (alibabacloud.dataworks_client, "ALIBABA_CLOUD_REGION_ID")],
)
def test_a_client_without_region_or_endpoint_names_the_clouds_variable(
    make: object, variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(variable, raising=False)
    monkeypatch.delenv("CLOUDSIGN_ENDPOINT_URL_DAS", raising=False)
    monkeypatch.delenv("CLOUDSIGN_ENDPOINT_URL_DATAWORKS", raising=False)
    with pytest.raises(ConfigurationError, match=rf"needs region=\.\.\., endpoint=\.\.\. or \${variable}"):
        make(credentials=None)  # type: ignore[operator]
