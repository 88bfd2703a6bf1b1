"""``cloudsign.options.with_options`` keeps the generated ``Client`` type (mypy --strict checks this file) and gives
the same copy as the method: other options, the same connections."""

from __future__ import annotations

import pytest

import das_client
from cloudsign.errors import ConfigurationError
from cloudsign.huaweicloud import Credentials
from cloudsign.huaweicloud import das_client as make_das_client
from cloudsign.options import with_options


def test_with_options_is_typed_as_the_generated_client() -> None:
    client: das_client.Client = make_das_client(
        region="cn-north-4", credentials=Credentials("AKTYPED0000000000001", "s")
    )
    once: das_client.Client = with_options(client, max_attempts=1, max_response_bytes=1024)
    options = once.get_httpx_client().pipeline.options  # type: ignore[attr-defined]
    assert (options.max_attempts, options.max_response_bytes) == (1, 1024)
    assert client.get_httpx_client().pipeline.options.max_attempts == 3  # type: ignore[attr-defined]
    assert once.get_httpx_client()._wire is client.get_httpx_client()._wire  # type: ignore[attr-defined]


def test_with_options_refuses_a_plain_generated_client() -> None:
    with pytest.raises(ConfigurationError, match="not made by a cloudsign factory"):
        with_options(das_client.Client(base_url="http://127.0.0.1:9"), max_attempts=1)
