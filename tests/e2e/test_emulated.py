"""``cloudsign.testing.emulated()`` and the ``cloud_emulator`` fixture, tested as a user of the SDK would test their
own code with them: the generated functions on factory clients, with every network socket blocked (an internet
socket cannot even be created; connect and name resolution raise) and no credentials in the environment.

The fixture comes from the pytest plugin installing cloudsign registers (entry point ``pytest11``): no conftest
here defines it.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import socket
import subprocess
import sys
import threading
import time
import types
from collections.abc import Iterator
from typing import Any

import pytest

from cloudsign import alibabacloud, huaweicloud
from cloudsign.errors import APIConnectionError, APITimeoutError
from cloudsign.testing import Emulated, Fault, active, emulated

PROJECT = "052041494800d57c2f02c00275b4c247"
INSTANCE = "bcfa975193f1402fa11a6d4fd6baf5fbin01"
DW_CONTENT = (
    '{"database":"dbname","instanceName":"instancename","password":"dw-secret-1",'
    '"rdsOwnerId":"123","username":"username"}'
)
CREDENTIAL_VARIABLES = (
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "HUAWEICLOUD_SDK_PROJECT_ID",
    "HUAWEICLOUD_SDK_REGION",
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "ALIBABA_CLOUD_REGION_ID",
    "CLOUDSIGN_ENDPOINT_URL_DAS",
    "CLOUDSIGN_ENDPOINT_URL_DATAWORKS",
)


class NetworkBlockedError(OSError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> Iterator[list[str]]:
    """No internet socket, no connect, no name resolution; no keys in the environment or the home folder."""
    attempts: list[str] = []
    real_init = socket.socket.__init__

    def refuse(what: str) -> Any:
        def raiser(*args: Any, **kwargs: Any) -> Any:
            attempts.append(what)
            raise NetworkBlockedError(f"network blocked in this test: {what}")

        return raiser

    def init(self: socket.socket, family: int = -1, *args: Any, **kwargs: Any) -> None:
        if family in (socket.AF_INET, socket.AF_INET6):
            attempts.append("socket")
            raise NetworkBlockedError("network blocked in this test: an internet socket")
        real_init(self, family, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "__init__", init)
    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    for name in CREDENTIAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    yield attempts


# -- what a user's code under test might look like ---------------------------------------------------------------


def create_das_connection(client: Any) -> str:
    from das_client.api.connections import create_instance_connection
    from das_client.models import CreateInstanceConnectionRequestBody

    body = CreateInstanceConnectionRequestBody(
        engine_type="mysql", network_type="rds", username="root", is_save_password=False, password="Gauss_2345"
    )
    return str(create_instance_connection.call(PROJECT, INSTANCE, client=client, body=body).connection_id)


async def acreate_das_connection(client: Any) -> str:
    from das_client.api.connections import create_instance_connection
    from das_client.models import CreateInstanceConnectionRequestBody

    body = CreateInstanceConnectionRequestBody(
        engine_type="mysql", network_type="rds", username="root", is_save_password=False, password="Gauss_2345"
    )
    created = await create_instance_connection.acall(PROJECT, INSTANCE, client=client, body=body)
    return str(created.connection_id)


def create_dw_connection(client: Any) -> int:
    from dataworks_client.api.data_sources import create_connection

    made = create_connection.call(
        client=client, connection_type="rds", content=DW_CONTENT, env_type=1, name="abc", project_id=1
    )
    assert isinstance(made.data, int)
    return made.data


async def acreate_dw_connection(client: Any) -> int:
    from dataworks_client.api.data_sources import create_connection

    made = await create_connection.acall(
        client=client, connection_type="rds", content=DW_CONTENT, env_type=1, name="abc", project_id=1
    )
    assert isinstance(made.data, int)
    return made.data


def das(**kwargs: Any) -> Any:
    return huaweicloud.das_client(region="cn-north-4", **kwargs)


def dataworks(**kwargs: Any) -> Any:
    return alibabacloud.dataworks_client(region="cn-shanghai", **kwargs)


def created(state: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = state.creations.snapshot()
    return items


# -- the forms ---------------------------------------------------------------------------------------------------


@emulated()
def test_decorator_sync_both_clouds(no_network: list[str]) -> None:
    cloud = active()
    connection_id = create_das_connection(das())  # built inside: the demo keys, as nothing is in the environment
    data_id = create_dw_connection(dataworks(signature="HMAC-SHA1"))
    assert [i["connection_id"] for i in created(cloud.huaweicloud)] == [connection_id]
    assert [i["Id"] for i in created(cloud.alibabacloud)] == [data_id]
    assert no_network == []


def test_decorator_async_both_clouds(no_network: list[str]) -> None:
    @emulated()
    async def scenario() -> tuple[Emulated, str, int]:
        async with das() as hw, dataworks() as ali:
            return active(), await acreate_das_connection(hw), await acreate_dw_connection(ali)

    cloud, connection_id, data_id = asyncio.run(scenario())
    assert [i["connection_id"] for i in created(cloud.huaweicloud)] == [connection_id]
    assert [i["Id"] for i in created(cloud.alibabacloud)] == [data_id]
    assert no_network == []


def test_fixture_sync_and_async(cloud_emulator: Emulated, no_network: list[str]) -> None:
    assert created(cloud_emulator.huaweicloud) == [] and created(cloud_emulator.alibabacloud) == []
    create_das_connection(das())
    create_dw_connection(dataworks())

    async def scenario() -> None:
        async with das() as hw, dataworks() as ali:
            await asyncio.gather(acreate_das_connection(hw), acreate_dw_connection(ali))

    asyncio.run(scenario())
    assert len(created(cloud_emulator.huaweicloud)) == 2 and len(created(cloud_emulator.alibabacloud)) == 2
    assert no_network == []


def test_fixture_is_fresh_for_each_test(cloud_emulator: Emulated) -> None:
    """Runs after tests that created things: this one starts empty all the same."""
    assert created(cloud_emulator.huaweicloud) == [] and created(cloud_emulator.alibabacloud) == []
    assert cloud_emulator is active()


def test_context_manager_and_async_with(no_network: list[str]) -> None:
    with emulated() as cloud:
        create_das_connection(das())
        assert len(created(cloud.huaweicloud)) == 1

    async def scenario() -> Emulated:
        async with emulated() as cloud:
            async with dataworks() as ali:
                await acreate_dw_connection(ali)
            return cloud

    assert len(created(asyncio.run(scenario()).alibabacloud)) == 1
    assert no_network == []


def test_the_switch_the_credential_chains_read_keeps_their_import_light() -> None:
    code = "import sys, cloudsign.huaweicloud, cloudsign.alibabacloud; print({'httpx', 'asyncio'} & {*sys.modules})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "set()"


def test_a_call_in_process_skips_starlette_and_the_control_routes_still_answer(
    monkeypatch: pytest.MonkeyPatch, no_network: list[str]
) -> None:
    """An operation's call reaches the gateway's handler directly (no Starlette request is built); a request the
    app routes to its control routes (``/_emulator/...``) still gets them, in process too."""
    from starlette.requests import Request

    def no_request(*_: Any, **__: Any) -> None:
        raise AssertionError("a Starlette request was built for an operation's call")

    with emulated() as cloud:
        raw = das().get_httpx_client()
        answer = raw.post("/_emulator/faults", json={"status": 503, "count": 1})
        assert (answer.status_code, answer.json()) == (200, {"ok": True})
        assert cloud.huaweicloud.faults.queued()
        cloud.huaweicloud.faults.clear()
        with monkeypatch.context() as patched:
            patched.setattr(Request, "__init__", no_request)
            create_das_connection(das())
        answer = raw.get("/_emulator/creations")
        assert answer.status_code == 200 and answer.json()["count"] == 1
    assert no_network == []


def test_an_async_request_the_handler_declines_is_handed_to_it_once(no_network: list[str]) -> None:
    """A control route is declined by the direct handler and answered by the app; the handler is not asked twice."""
    from cloudsign._core import switch

    with emulated() as cloud:
        emulation = switch.ACTIVE
        assert emulation is not None
        handler = emulation.direct["huaweicloud"]
        asked: list[str] = []

        async def counted(method: str, url: str, headers: Any, body: bytes) -> Any:
            asked.append(url)
            return await handler(method, url, headers, body)

        emulation.direct["huaweicloud"] = counted

        async def scenario() -> Any:
            async with das().get_async_httpx_client() as raw:
                return await raw.get("/_emulator/creations")

        answer = asyncio.run(scenario())
        assert answer.status_code == 200 and answer.json()["count"] == 0
        assert len(asked) == 1, asked
        assert cloud.huaweicloud.creations.snapshot() == []
    assert no_network == []


RUNTIME_PACKAGES = (
    "cloudsign._core",
    "cloudsign.huaweicloud",
    "cloudsign.alibabacloud",
    "das_client",
    "dataworks_client",
)


def test_the_runtime_imports_neither_starlette_nor_the_emulators() -> None:
    """Every module of the runtime and of the generated clients imported, and a client of each cloud built: none
    pulls in Starlette, uvicorn or ``cloudsign.emulator`` (they come with the ``emulator`` extra, for tests)."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import cloudsign.errors, cloudsign.options\n"
        f"for name in {RUNTIME_PACKAGES!r}:\n"
        "    package = importlib.import_module(name)\n"
        "    for info in pkgutil.walk_packages(package.__path__, name + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "from cloudsign import alibabacloud, huaweicloud\n"
        "huaweicloud.das_client(region='cn-north-4', credentials=huaweicloud.Credentials('a', 'b'))\n"
        "alibabacloud.dataworks_client(region='cn-hangzhou', credentials=alibabacloud.Credentials('a', 'b'))\n"
        "heavy = ('starlette', 'uvicorn', 'cloudsign.emulator', 'cloudsign.testing')\n"
        "print(sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.') for h in heavy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"


def test_the_plugin_is_registered_by_installing_cloudsign(request: pytest.FixtureRequest) -> None:
    points = importlib.metadata.entry_points(group="pytest11")
    assert any(p.value == "cloudsign.pytest_plugin" for p in points)
    assert request.config.pluginmanager.has_plugin("cloudsign")


# -- every client, whenever built, whatever its backend or endpoint --------------------------------------------------


@pytest.mark.parametrize("backend", ["stdlib", "urllib3", "httpx"])
def test_clients_built_before_any_sync_backend_and_endpoint(backend: str, no_network: list[str]) -> None:
    hw = das(
        sync_backend=backend,
        endpoint="https://das.ap-southeast-1.myhuaweicloud.com",
        credentials=huaweicloud.Credentials("CLOUDSIGNDEMOAK000001", "cloudsign-demo-sk-not-a-secret"),
    )
    ali = dataworks(
        sync_backend=backend,
        endpoint="http://127.0.0.1:9",
        credentials=alibabacloud.Credentials("LTAIcloudsignDemoKey", "cloudsign-demo-secret-not-for-production"),
    )
    with emulated() as cloud:
        create_das_connection(hw)
        create_dw_connection(ali)
    assert len(created(cloud.huaweicloud)) == 1 and len(created(cloud.alibabacloud)) == 1
    assert no_network == []


@pytest.mark.parametrize("backend", ["aiohttp", "httpx"])
def test_async_backends(backend: str, cloud_emulator: Emulated, no_network: list[str]) -> None:
    async def scenario() -> None:
        async with das(async_backend=backend) as hw, dataworks(async_backend=backend) as ali:
            await acreate_das_connection(hw)
            await acreate_dw_connection(ali)

    asyncio.run(scenario())
    assert len(created(cloud_emulator.huaweicloud)) == 1 and len(created(cloud_emulator.alibabacloud)) == 1
    assert no_network == []


def test_after_it_ends_calls_go_to_the_network_again(no_network: list[str]) -> None:
    with emulated():
        hw = das(max_attempts=1)
        create_das_connection(hw)
    with pytest.raises(APIConnectionError):
        create_das_connection(hw)
    assert no_network  # the call reached for the network (and the test's block stopped it)


# -- faults, keys ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [429, 503])
def test_a_fault_is_retried_and_creates_once(status: int, cloud_emulator: Emulated) -> None:
    cloud_emulator.huaweicloud.faults.add(Fault(status=status, retry_after=0))
    cloud_emulator.alibabacloud.faults.add(Fault(status=status, retry_after=0))
    connection_id = create_das_connection(das())
    data_id = create_dw_connection(dataworks())
    assert [i["connection_id"] for i in created(cloud_emulator.huaweicloud)] == [connection_id]
    assert [i["Id"] for i in created(cloud_emulator.alibabacloud)] == [data_id]


def test_a_connection_dropped_after_processing_is_not_sent_again(cloud_emulator: Emulated) -> None:
    cloud_emulator.huaweicloud.faults.add(Fault(drop=True, process=True))
    with pytest.raises(APIConnectionError) as error:
        create_das_connection(das())
    assert error.value.may_have_reached_server
    assert len(created(cloud_emulator.huaweicloud)) == 1  # carried out once; a create is not retried blindly


def test_a_slow_answer_times_out_in_process(cloud_emulator: Emulated) -> None:
    cloud_emulator.huaweicloud.faults.add(Fault(status=200, latency=2.0, process=True))
    with pytest.raises(APITimeoutError):
        create_das_connection(das(timeout=0.2, max_attempts=1))


def test_a_slow_answer_times_out_in_process_async(cloud_emulator: Emulated) -> None:
    async def scenario() -> None:
        async with das(timeout=0.2, max_attempts=1) as hw:
            await acreate_das_connection(hw)

    cloud_emulator.huaweicloud.faults.add(Fault(status=200, latency=2.0, process=True))
    with pytest.raises(APITimeoutError):
        asyncio.run(scenario())


def test_a_fault_queued_while_an_async_call_starts_still_times_out(
    cloud_emulator: Emulated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An async call that found no fault queued runs without a timer; a fault another thread queues before the
    handler takes it makes the handler wait all the same, and the read timeout still applies."""
    from cloudsign._core import switch

    assert switch.ACTIVE is not None
    monkeypatch.setattr(switch.ACTIVE, "may_wait", lambda: False)  # as if the fault came just after the look
    cloud_emulator.huaweicloud.faults.add(Fault(status=200, latency=2.0, process=True))

    async def scenario() -> None:
        async with das(timeout=0.2, max_attempts=1) as hw:
            await acreate_das_connection(hw)

    with pytest.raises(APITimeoutError):
        asyncio.run(scenario())
    cloud_emulator.huaweicloud.faults.add(Fault(status=200, latency=0.05, process=True))

    async def quick() -> str:
        async with das(timeout=5, max_attempts=1) as hw:
            return await acreate_das_connection(hw)

    assert asyncio.run(quick()) in [i["connection_id"] for i in created(cloud_emulator.huaweicloud)]


def test_a_fault_queued_while_a_sync_call_starts_is_waited_out(
    cloud_emulator: Emulated, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sync call that found no fault queued is answered in its own thread, with no event loop; a fault another
    thread queues before the handler takes it is waited out all the same (a slow answer), and the read timeout still
    applies (it used to fail the call: the handler had no loop to wait on)."""
    from cloudsign._core import inprocess, switch

    assert switch.ACTIVE is not None
    monkeypatch.setattr(switch.ACTIVE, "may_wait", lambda: False)  # as if the fault came just after the look
    # The waits the sync driver makes, recorded (and made) instead of timed: which wait, not how long it took.
    slept: list[float] = []
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        real_sleep(min(seconds, 0.01))

    monkeypatch.setattr(inprocess, "time", types.SimpleNamespace(sleep=sleep))  # the driver's only use of time
    cloud_emulator.huaweicloud.faults.add(Fault(status=200, latency=2.0, process=True))
    with pytest.raises(APITimeoutError):
        create_das_connection(das(timeout=0.2, max_attempts=1))
    assert slept == [0.2]  # the read timeout, not the fault's 2 s, then the call timed out
    cloud_emulator.huaweicloud.faults.add(Fault(status=200, latency=0.05, process=True))
    slept.clear()
    connection_id = create_das_connection(das(timeout=5, max_attempts=1))
    assert slept == [0.05]  # the fault's latency, waited out
    assert connection_id in [i["connection_id"] for i in created(cloud_emulator.huaweicloud)]


def test_an_unknown_key_is_refused_as_the_gateways_refuse_it(cloud_emulator: Emulated) -> None:
    stranger_hw = das(credentials=huaweicloud.Credentials("UNKNOWNAK00000000001", "not-a-known-secret-key"))
    with pytest.raises(huaweicloud.errors.AuthenticationError) as hw_error:
        create_das_connection(stranger_hw)
    assert (hw_error.value.status_code, hw_error.value.code) == (401, "APIGW.0301")
    stranger_ali = dataworks(credentials=alibabacloud.Credentials("LTAIunknownKey000001", "not-a-known-secret"))
    with pytest.raises(alibabacloud.errors.InvalidAccessKeyIdNotFoundError) as ali_error:
        create_dw_connection(stranger_ali)
    assert (ali_error.value.status_code, ali_error.value.code) == (404, "InvalidAccessKeyId.NotFound")
    assert created(cloud_emulator.huaweicloud) == [] and created(cloud_emulator.alibabacloud) == []


def test_keys_given_are_accepted(no_network: list[str]) -> None:
    keys = {"huaweicloud": {"MYTESTAK000000000001": "my-test-sk-0001"}, "alibabacloud": {"LTAImyTestKey": "my-secret"}}
    with emulated(credentials=keys) as cloud:
        create_das_connection(das(credentials=huaweicloud.Credentials("MYTESTAK000000000001", "my-test-sk-0001")))
        create_dw_connection(dataworks(credentials=alibabacloud.Credentials("LTAImyTestKey", "my-secret")))
    assert len(created(cloud.huaweicloud)) == 1 and len(created(cloud.alibabacloud)) == 1


@pytest.mark.cloud_emulator(credentials={"huaweicloud": {"MARKEDAK000000000001": "marked-sk-0001"}})
def test_the_marker_gives_the_fixture_keys_to_accept(cloud_emulator: Emulated) -> None:
    create_das_connection(das(credentials=huaweicloud.Credentials("MARKEDAK000000000001", "marked-sk-0001")))
    assert len(created(cloud_emulator.huaweicloud)) == 1


def test_the_environment_keys_win_over_the_demo_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIfromTheEnvironment")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "environment-secret")
    with emulated() as cloud:
        create_dw_connection(dataworks())  # the emulator accepts the environment's keys, as `make emulate` does
    assert [i["AccessKeyId"] for i in created(cloud.alibabacloud)] == ["LTAIfromTheEnvironment"]


# -- concurrency -------------------------------------------------------------------------------------------------


def test_eight_threads_at_once(cloud_emulator: Emulated, no_network: list[str]) -> None:
    hw, ali = das(), dataworks()
    start = threading.Barrier(8)
    results: list[Any] = []
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            start.wait()
            for _ in range(5):
                results.append(create_das_connection(hw) if n % 2 else create_dw_connection(ali))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == [] and len(results) == 40 and len(set(results)) == 40
    assert len(created(cloud_emulator.huaweicloud)) == 20 and len(created(cloud_emulator.alibabacloud)) == 20
    assert no_network == []


def test_two_event_loops_at_once(cloud_emulator: Emulated) -> None:
    outcomes: list[Any] = []

    def loop() -> None:
        async def scenario() -> list[Any]:
            async with das() as hw, dataworks() as ali:
                return [await f for f in (acreate_das_connection(hw), acreate_dw_connection(ali))]

        outcomes.append(asyncio.run(scenario()))

    threads = [threading.Thread(target=loop) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(outcomes) == 2
    assert len(created(cloud_emulator.huaweicloud)) == 2 and len(created(cloud_emulator.alibabacloud)) == 2


def test_nesting_fails_at_once_with_a_clear_error(cloud_emulator: Emulated) -> None:
    with pytest.raises(RuntimeError, match=r"already active \(started by the cloud_emulator fixture\)"):
        with emulated():
            pass  # pragma: no cover - never entered
    create_das_connection(das())  # the fixture's emulation is untouched
    assert len(created(cloud_emulator.huaweicloud)) == 1


def test_nested_emulated_fails_and_the_outer_one_goes_on() -> None:
    with emulated() as outer:
        with pytest.raises(RuntimeError, match=r"already active \(started by emulated\(\)\)"):
            with emulated():
                pass  # pragma: no cover - never entered
        create_dw_connection(dataworks())
    assert len(created(outer.alibabacloud)) == 1
    with pytest.raises(RuntimeError, match="no cloudsign emulation is active"):
        active()
