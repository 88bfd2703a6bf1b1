"""Both clouds' signers keep a frame per request shape and drop them all past a bound. Many threads signing many
shapes at once (so the frames are dropped while others read them) still produce signatures their verifiers accept,
each for its own request; RPC v1 (HMAC-SHA1) signatures are also compared with aliyun-python-sdk-core's."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from aliyunsdkcore.auth.algorithm import sha_hmac1
from aliyunsdkcore.auth.composer import rpc_signature_composer

from cloudsign.alibabacloud import acs3, rpc_v1
from cloudsign.alibabacloud._encoding import parse_query
from cloudsign.huaweicloud import signer as huawei

THREADS = 8
SHAPES_PER_THREAD = 120  # 960 shapes: well past both bounds, so the frames are dropped several times


def _secret(value: str) -> Callable[[str], str | None]:
    return lambda access_key: value


def _huawei(thread: int) -> int:
    accepted = 0
    for i in range(SHAPES_PER_THREAD):
        url = f"https://das.example.com/v3/p{thread}/instances/i{i}/create-connection?limit={i}"
        headers = {"Content-Type": "application/json", "X-Language": f"en-{thread}-{i}"}
        body = f'{{"n":{i}}}'.encode()
        now = time.time()
        added = huawei.sign("POST", url, headers, body, f"AK{thread}", f"SK{i}", huawei.format_date(now))
        sent = {"Host": "das.example.com", **headers, **added}  # as it goes on the wire
        assert huawei.verify("POST", url, sent, body, _secret(f"SK{i}"), now) == f"AK{thread}"
        accepted += 1
    return accepted


def _acs3(thread: int) -> int:
    accepted = 0
    now = datetime.now(UTC)
    for i in range(SHAPES_PER_THREAD):
        url = f"https://dataworks.example.com/p{thread}/{i}?Name=n{i}"
        headers = {"content-type": f"text/plain; v={thread}.{i}"}
        added = acs3.sign_acs3(
            "POST", url, headers, b"x" * i, access_key_id=f"AK{thread}", secret=f"S{i}", security_token=None,
            now=now, nonce=f"{thread}-{i}", action="A", version="1",
        )  # fmt: skip
        verified = acs3.verify_acs3("POST", url, {**headers, **added}, b"x" * i, _secret(f"S{i}"), now=now)
        assert verified.access_key_id == f"AK{thread}"
        accepted += 1
    return accepted


def _rpc(thread: int) -> int:
    """RPC v1 (HMAC-SHA1): each thread's signature is the one aliyun-python-sdk-core computes for that request,
    and the verifier accepts it for that key."""
    accepted = 0
    now = datetime.now(UTC)
    compose = getattr(rpc_signature_composer, "__compose_string_to_sign")
    for i in range(SHAPES_PER_THREAD):
        url = f"https://dataworks.example.com/?Action=A{i}&Name=n{thread}-{i}&Value=%E6%BC%A2+{i}"
        signed_url = rpc_v1.sign_rpc_v1(
            "POST", url, {}, b"", access_key_id=f"AK{thread}", secret=f"S{i}", security_token=None,
            now=now, nonce=f"{thread}-{i}", version="1",
        )  # fmt: skip
        params = dict(parse_query(signed_url.split("?", 1)[1]))
        ours = params.pop("Signature")
        assert ours == sha_hmac1.get_sign_string(compose("POST", params), f"S{i}&"), (thread, i)
        verified = rpc_v1.verify_rpc_v1("POST", signed_url, {}, b"", _secret(f"S{i}"), now=now)
        assert verified.access_key_id == f"AK{thread}" and verified.action == f"A{i}"
        accepted += 1
    return accepted


def test_frames_shared_by_threads_sign_each_request_right() -> None:
    with ThreadPoolExecutor(THREADS) as pool:
        accepted = sum(pool.map(_huawei, range(THREADS))) + sum(pool.map(_acs3, range(THREADS)))
        accepted += sum(pool.map(_rpc, range(THREADS)))
    assert accepted == 3 * THREADS * SHAPES_PER_THREAD
    assert len(huawei._FRAMES) <= huawei._FRAMES_KEPT and len(acs3._FRAMES) <= acs3._FRAMES_KEPT
