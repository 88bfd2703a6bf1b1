"""Signing alone: cloudsign's per-call signing path against the inline hashlib/hmac version of the same request.

Ours is what the client's pipeline runs for every attempt: the signer's ``sign_pairs`` with a fresh clock (and
nonce), given what the pipeline prepared once per call — the URL without its query, the decoded query pairs and
the headers. The inline version knows the request's shape up front (fixed header set, query built from the
parameters), so it is the lower bound. The pure functions are timed too, for the record.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from . import fixtures as fx
from . import inline
from .stats import rotate

URL = "http://127.0.0.1:18780"


def _das_request() -> httpx.Request:
    return httpx.Request(
        "POST",
        URL + fx.DAS_PATH,
        content=json.dumps(fx.das_body(), separators=(",", ":")).encode(),
        headers={"Content-Type": "application/json", "User-Agent": "cloudsign/0.1.0"},
    )


def _dataworks_request() -> httpx.Request:
    params = {"Action": fx.DW_ACTION, "Version": fx.DW_VERSION, **fx.dataworks_query()}
    return httpx.Request("POST", URL + "/", params=params, headers={"User-Agent": "cloudsign/0.1.0"})


def cases() -> dict[str, Callable[[], Any]]:
    """name -> zero-argument signing call, on identical inputs."""
    from cloudsign.alibabacloud.acs3 import sign_acs3
    from cloudsign.alibabacloud.auth import Acs3Signer, RpcV1Signer
    from cloudsign.alibabacloud.credentials import Credentials as AliCredentials
    from cloudsign.huaweicloud.auth import HuaweiSigner
    from cloudsign.huaweicloud.credentials import Credentials as HwCredentials
    from cloudsign.huaweicloud.signer import format_date, sign

    host = urlsplit(URL).netloc
    das = _das_request()
    das_url, das_headers, das_body = str(das.url), das.headers, das.content
    hw = HuaweiSigner(HwCredentials(fx.HW_AK, fx.HW_SK, project_id=fx.DAS_PROJECT_ID))
    # As the pipeline holds a call: lowercase header names, the query as decoded pairs in wire order.
    das_call_headers = {k.lower(): v for k, v in das_headers.items()}
    dw = _dataworks_request()
    dw_headers = dw.headers
    dw_call_headers = {k.lower(): v for k, v in dw_headers.items()}
    dw_pairs = [("Action", fx.DW_ACTION), ("Version", fx.DW_VERSION), *fx.dataworks_query().items()]
    ali = Acs3Signer(AliCredentials(fx.ALI_AK, fx.ALI_SK), region=fx.DW_REGION)
    rpc = RpcV1Signer(AliCredentials(fx.ALI_AK, fx.ALI_SK), region=fx.DW_REGION)
    dw_query = fx.dataworks_query()
    acs3_url = URL + "/?" + "&".join(f"{k}={v}" for k, v in sorted(httpx.QueryParams(dw_query).multi_items()))

    def pure_acs3() -> Any:
        return sign_acs3(
            "POST",
            acs3_url,
            dw_headers,
            b"",
            access_key_id=fx.ALI_AK,
            secret=fx.ALI_SK,
            security_token=None,
            now=datetime.now(UTC),
            nonce="0" * 32,
            action=fx.DW_ACTION,
            version=fx.DW_VERSION,
        )

    return {
        "das/ours": lambda: hw.sign_pairs("POST", URL + fx.DAS_PATH, [], das_call_headers, das_body),
        "das/inline": lambda: inline.das_sign(host, das_body),
        "das/pure": lambda: sign(
            "POST",
            das_url,
            das_headers,
            das_body,
            fx.HW_AK,
            fx.HW_SK,
            format_date(time.time()),
            project_id=fx.DAS_PROJECT_ID,
        ),
        "dataworks/ours": lambda: ali.sign_pairs("POST", URL + "/", dw_pairs, dw_call_headers, b""),
        "dataworks/inline": lambda: inline.dataworks_request(host, dw_query),
        "dataworks/pure": pure_acs3,
        "dataworks-rpc/ours": lambda: rpc.sign_pairs("POST", URL + "/", dw_pairs, dw_call_headers, b""),
        "dataworks-rpc/inline": lambda: inline.dataworks_rpc_query(dw_query),
    }


def check_inline() -> None:
    """The inline signers must sign exactly what cloudsign's pure signers sign (same date and nonce), or the
    benchmark compares different work. Raises ``AssertionError`` naming the scheme that differs."""
    from cloudsign.alibabacloud.acs3 import sign_acs3
    from cloudsign.alibabacloud.rpc_v1 import signed_query
    from cloudsign.huaweicloud.signer import sign

    host = urlsplit(URL).netloc
    das = _das_request()
    date = "20260102T030405Z"
    ours = sign("POST", str(das.url), das.headers, das.content, fx.HW_AK, fx.HW_SK, date, project_id=fx.DAS_PROJECT_ID)
    theirs = inline.das_sign(host, das.content, date)
    if ours["Authorization"] != theirs["Authorization"]:
        raise AssertionError(f"DAS inline signature differs: {theirs['Authorization']} != {ours['Authorization']}")
    when, nonce = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "f" * 32
    query, headers = inline.dataworks_request(host, fx.dataworks_query(), when.strftime("%Y-%m-%dT%H:%M:%SZ"), nonce)
    added = sign_acs3(
        "POST",
        f"{URL}/?{query}",
        {},
        b"",
        access_key_id=fx.ALI_AK,
        secret=fx.ALI_SK,
        security_token=None,
        now=when,
        nonce=nonce,
        action=fx.DW_ACTION,
        version=fx.DW_VERSION,
    )
    if added["Authorization"] != headers["Authorization"]:
        raise AssertionError(f"ACS3 inline signature differs: {headers['Authorization']} != {added['Authorization']}")
    pairs = [("Action", fx.DW_ACTION), ("Version", fx.DW_VERSION), *fx.dataworks_query().items()]
    wire = signed_query(
        "POST", pairs, {}, b"", access_key_id=fx.ALI_AK, secret=fx.ALI_SK, security_token=None, now=when, nonce=nonce
    )
    inline_wire = inline.dataworks_rpc_query(fx.dataworks_query(), when.strftime("%Y-%m-%dT%H:%M:%SZ"), nonce)
    if wire != inline_wire:
        raise AssertionError(f"RPC v1 inline query differs: {inline_wire} != {wire}")


def run(*, repeats: int, calls: int) -> dict[str, list[float]]:
    """µs per signature, one sample per repeat per case, interleaved."""
    check_inline()
    todo = list(cases().items())
    for _, fn in todo:
        for _ in range(200):
            fn()
    out: dict[str, list[float]] = {name: [] for name, _ in todo}
    for r in range(repeats):
        for name, fn in rotate(todo, r):
            gc.collect()
            start = time.perf_counter_ns()
            for _ in range(calls):
                fn()
            out[name].append((time.perf_counter_ns() - start) / calls / 1000)
    return out
