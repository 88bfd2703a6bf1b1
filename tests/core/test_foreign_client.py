"""A generated function of one package given a client built by another package's factory is refused before
anything is sent, with a ``ConfigurationError`` naming both packages; a request no spec models (a raw httpx call
on the client) still goes out, routed as before."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

import httpx
import pytest

from cloudsign import alibabacloud, huaweicloud
from cloudsign._core.errors import ConfigurationError

from ..e2e.clouds import CLOUDS

DAS, DW = CLOUDS[0], CLOUDS[1]


def _recording() -> tuple[list[httpx.Request], dict[str, Any]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(404, json={})

    return sent, {"endpoint": "http://127.0.0.1:9", "httpx_args": {"transport": httpx.MockTransport(handler)}}


def _das_client(**kw: Any) -> Any:
    return huaweicloud.das_client(credentials=huaweicloud.Credentials("ak", "sk"), **kw)


def _dataworks_client(**kw: Any) -> Any:
    return alibabacloud.dataworks_client(credentials=alibabacloud.Credentials("ak", "sk"), **kw)


@pytest.mark.parametrize("way", ["call", "detailed"])
def test_a_dataworks_function_with_a_das_client_is_refused_before_sending(way: str) -> None:
    sent, kw = _recording()
    with pytest.raises(ConfigurationError) as caught:
        getattr(DW, way)(_das_client(**kw))
    text = str(caught.value)
    assert "dataworks_client" in text and "das_client" in text, text
    assert sent == []


@pytest.mark.parametrize("way", ["call", "detailed"])
def test_a_das_function_with_a_dataworks_client_is_refused_before_sending(way: str) -> None:
    sent, kw = _recording()
    with pytest.raises(ConfigurationError) as caught:
        getattr(DAS, way)(_dataworks_client(**kw))
    text = str(caught.value)
    assert "das_client" in text and "dataworks_client" in text, text
    assert sent == []


def _run(awaitable: Awaitable[Any]) -> Any:
    async def go() -> Any:
        return await awaitable

    return asyncio.run(go())


def test_the_async_entry_points_refuse_it_too() -> None:
    sent, kw = _recording()
    with pytest.raises(ConfigurationError, match="das_client"):
        _run(DW.acall(_das_client(**kw)))
    with pytest.raises(ConfigurationError, match="dataworks_client"):
        _run(DAS.adetailed(_dataworks_client(**kw)))
    assert sent == []


@pytest.mark.parametrize("make", [_das_client, _dataworks_client])
def test_a_raw_call_no_spec_models_still_goes_out(make: Any) -> None:
    sent, kw = _recording()
    response = make(**kw).get_httpx_client().request("GET", "/not/modelled", params={"a": "1"})
    assert response.status_code == 404
    assert [(r.method, r.url.path) for r in sent] == [("GET", "/not/modelled")]
