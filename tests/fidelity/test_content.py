"""Content (a JSON document in a query parameter): every JSON object is accepted by the spec's validation, the
client and the emulator; any other text is refused before a byte is sent, with an error that names Content and
never carries its value (it holds a database password)."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cloudsign._core.errors import InvalidParameterError
from cloudsign._core.registry import service
from cloudsign.alibabacloud import Credentials, dataworks_client
from cloudsign.emulator.alibabacloud import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, create_app
from cloudsign.emulator.app import running

from .calls import call, whole_request

SERVICE, OPERATION = "alibabacloud-dataworks", "CreateConnection"
SCHEMES = ("ACS3-HMAC-SHA256", "HMAC-SHA1")
SECRET = "Pw-7Zq!s3cret"
CREDS = Credentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)
NOT_OBJECTS = [
    "",
    SECRET,
    f'"{SECRET}"',
    f'["{SECRET}"]',
    "1",
    "null",
    "true",
    f"{{password: {SECRET}}}",  # the outline of an object, not JSON
    f'{{"password": "{SECRET}"}} trailing',
    f'{{"password": "{SECRET}"',
    f'{{"password": "{SECRET}", "port": NaN}}',
    f'{{"password": "{SECRET}"}}{{}}',
    f'{{"password": "{SECRET}", "a": [[[1]]]}}',  # nested deeper than the two levels the spec admits
]


def _operation() -> Any:
    return service(SERVICE).operation(OPERATION)


def _request(content: str) -> dict[str, Any]:
    return whole_request(_operation().spec, {"Content": content})


def _documented_members() -> set[str]:
    from cloudsign._core.specs import load_spec

    return set(load_spec(SERVICE)["components"]["schemas"]["ConnectionContent"]["properties"])


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running(create_app()) as served:
        yield served


def _chain(exc: BaseException | None) -> Iterator[BaseException]:
    while exc is not None:
        yield exc
        exc = exc.__cause__ or exc.__context__


def _assert_no_secret(exc: BaseException) -> None:
    for link in _chain(exc):
        for text in (str(link), repr(link), repr(link.args), repr(vars(link)), repr(pickle.dumps(link))):
            assert SECRET not in text


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("text", NOT_OBJECTS)
def test_text_that_is_not_a_json_object_is_refused_before_sending(text: str, scheme: str) -> None:
    # A closed port: a request that left the client would end in a connection error, not a validation error.
    with dataworks_client(
        endpoint="http://127.0.0.1:9", region="cn-shanghai", credentials=CREDS, signature=scheme
    ) as client:
        with pytest.raises(InvalidParameterError) as info:
            call(client, service(SERVICE).package, OPERATION, _request(text))
    assert info.value.field == "Content"
    assert "Content" in str(info.value)
    _assert_no_secret(info.value)


_leaves: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)


def _level(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return _leaves | st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)


json_values = _level(_level(_leaves))  # nested up to the two levels the spec admits


@settings(
    max_examples=300, derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(members=st.dictionaries(st.text(max_size=8), json_values, max_size=5), indent=st.sampled_from([None, 2]))
def test_any_json_object_is_valid(members: dict[str, Any], indent: int | None) -> None:
    """Members the vendor does not document take any JSON value, nested up to two levels (documented members are
    typed as the vendor's examples spell them and go through test_examples)."""
    members = {k: v for k, v in members.items() if k not in _documented_members()}
    _operation().validator.validate(_request(json.dumps(members, indent=indent)))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_numbers_booleans_null_and_nested_values_reach_the_emulator(scheme: str, url: str) -> None:
    content = {
        "configType": 1,
        "authType": 2,
        "port": "3306",
        "password": SECRET,
        "ssl": True,
        "proxy": None,
        "ratio": 0.5,
        "hosts": ["a:1", {"b": 2, "c": None, "d": False}],
        "options": {"charset": "utf8mb4", "timeouts": {"connect": 5}},
        "note": 'ü 漢字 "quoted"',
    }
    with dataworks_client(endpoint=url, region="cn-shanghai", credentials=CREDS, signature=scheme) as client:
        response = call(client, service(SERVICE).package, OPERATION, _request(json.dumps(content, ensure_ascii=False)))
    assert response.status_code == 200, response.content
