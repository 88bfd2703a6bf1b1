"""Specs are found by file name and every request routes to its spec operation (or to nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cloudsign._core import registry, specs
from cloudsign._core.wire import host_of


def test_services_are_found_not_listed() -> None:
    found = specs.services()
    assert found["huaweicloud-das"].package == "das_client"
    assert found["huaweicloud-das"].distribution == "das-client"
    assert found["alibabacloud-dataworks"].cloud == "alibabacloud"
    assert "huaweicloud-das" in specs.documents()


def test_file_names_group_documents_into_services() -> None:
    assert specs.service_of("alibabacloud-dataworks.UpdateConnection") == (
        "alibabacloud-dataworks",
        "alibabacloud",
        "dataworks_client",
    )
    assert specs.service_of("huaweicloud-data-admin") == ("huaweicloud-data-admin", "huaweicloud", "data_admin_client")
    with pytest.raises(ValueError, match="not named"):
        specs.service_of("das")


def test_discovery_puts_the_main_document_first(tmp_path: Path) -> None:
    for name in (
        "alibabacloud-dataworks.Zeta.yaml",
        "alibabacloud-dataworks.yaml",
        "alibabacloud-dataworks.Alpha.yaml",
    ):
        (tmp_path / name).write_text("openapi: 3.1.0\n")
    (tmp_path / "notes.txt").write_text("ignored")
    found = specs._discover(str(tmp_path))
    assert list(found) == ["alibabacloud-dataworks"]
    assert found["alibabacloud-dataworks"].documents == (
        "alibabacloud-dataworks",
        "alibabacloud-dataworks.Alpha",
        "alibabacloud-dataworks.Zeta",
    )


def test_a_templated_path_routes_with_its_decoded_parameters() -> None:
    das = registry.service("huaweicloud-das")
    routed = das.route("POST", "/v3/p1/instances/in%2F01/create-connection")
    assert routed is not None
    op, values = routed
    assert op.operation_id == "CreateInstanceConnection" and not op.idempotent
    assert values == {"project_id": "p1", "instance_id": "in/01"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v3/p1/instances/i1/create-connection"),  # wrong method
        ("POST", "/v3/p1/instances/i1/create-connection/extra"),  # too deep
        ("POST", "/v3/p1/create-connection"),
    ],
)
def test_requests_outside_the_spec_route_to_nothing(method: str, path: str) -> None:
    assert registry.service("huaweicloud-das").route(method, path) is None


def test_an_empty_path_parameter_routes_so_validation_can_refuse_it() -> None:
    routed = registry.service("huaweicloud-das").route("POST", "/v3/p1/instances//create-connection")
    assert routed is not None and routed[1] == {"project_id": "p1", "instance_id": ""}
    assert routed[0].constants == {}  # a REST operation pins no query parameter


def test_rpc_actions_sharing_a_path_route_by_their_pinned_parameters() -> None:
    dataworks = registry.service("alibabacloud-dataworks")
    routed = dataworks.route("POST", "/", {"Action": "CreateConnection", "Version": "2020-05-18", "Name": "x"})
    assert routed is not None and routed[0].operation_id == "CreateConnection"
    assert routed[0].constants == {"Action": "CreateConnection", "Version": "2020-05-18"}
    assert dataworks.route("POST", "/", {"Action": "DeleteEverything", "Version": "2020-05-18"}) is None
    assert dataworks.route("POST", "/", {"Action": "CreateConnection", "Version": "2017-12-12"}) is None
    assert dataworks.route("POST", "/", {}) is None


def test_routes_are_remembered_per_path_and_stay_right_past_the_bound() -> None:
    das = registry.service("huaweicloud-das")
    first = das.route("POST", "/v3/p1/instances/i1/create-connection")
    again = das.route("POST", "/v3/p1/instances/i1/create-connection")
    assert first is not None and again is not None and again[1] is first[1]  # walked once
    for n in range(registry._WALKS_KEPT + 10):  # more distinct paths than are kept: the memory is emptied
        routed = das.route("POST", f"/v3/p{n}/instances/i{n}/create-connection")
        assert routed is not None and routed[1] == {"project_id": f"p{n}", "instance_id": f"i{n}"}
    assert len(das._walked) <= registry._WALKS_KEPT
    assert das.route("GET", "/v3/p1/instances/i1/create-connection") is None  # a miss is remembered as a miss
    assert das.route("GET", "/v3/p1/instances/i1/create-connection") is None


def test_the_service_of_a_generated_package() -> None:
    assert registry.service_for_package("dataworks_client").name == "alibabacloud-dataworks"
    with pytest.raises(KeyError):
        registry.service_for_package("nothing_client")


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://das.cn-north-4.myhuaweicloud.com/v3", "das.cn-north-4.myhuaweicloud.com"),
        ("http://127.0.0.1:80/", "127.0.0.1"),
        ("http://127.0.0.1:8080/", "127.0.0.1:8080"),
        ("http://[::1]:8080/", "[::1]:8080"),  # both clouds keep the brackets (the ACS3 copy used to drop them)
        ("https://[fe80::1]/", "[fe80::1]"),
    ],
)
def test_host_header_of_a_url(url: str, host: str) -> None:
    assert host_of(url) == host


def test_first_server_url_reads_what_the_yaml_says() -> None:
    """The light reader of ``servers[0].url`` (no YAML parse at client construction) agrees with the parser on
    every document, and falls back to the parser for a block in another style."""
    from cloudsign._core import specs

    for name in specs.documents():
        servers = specs.load_spec(name).get("servers") or [{}]
        assert specs.first_server_url(name) == servers[0].get("url"), name
    found = specs._FIRST_SERVER.search("servers:\n  - url: 'https://x.{region}.example.com'\n")
    assert found is not None and found.group(2) == "https://x.{region}.example.com"
    assert specs._FIRST_SERVER.search("servers: [{url: https://flow.example.com}]\n") is None


def test_endpoint_variables_are_named_per_service_and_win_over_region(monkeypatch: pytest.MonkeyPatch) -> None:
    from cloudsign import huaweicloud
    from cloudsign._core.clients import endpoint_variable
    from cloudsign._core.registry import service

    assert endpoint_variable(service("huaweicloud-das")) == "CLOUDSIGN_ENDPOINT_URL_DAS"
    assert endpoint_variable(service("alibabacloud-dataworks")) == "CLOUDSIGN_ENDPOINT_URL_DATAWORKS"
    creds = huaweicloud.Credentials("AKENDPOINTVARIABLE01", "sk")
    assert str(huaweicloud.das_client(region="cn-north-4", credentials=creds)._base_url).startswith("https://das.")
    monkeypatch.setenv("CLOUDSIGN_ENDPOINT_URL_DAS", "http://127.0.0.1:18780")
    assert huaweicloud.das_client(region="cn-north-4", credentials=creds)._base_url == "http://127.0.0.1:18780"
    explicit = huaweicloud.das_client(endpoint="http://127.0.0.1:1", credentials=creds)
    assert explicit._base_url == "http://127.0.0.1:1"
