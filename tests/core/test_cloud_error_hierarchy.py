"""Each cloud's error classes mirror the shared hierarchy, so ``except <cloud>.errors.ClientError`` catches that
cloud's 400s and ``except <cloud>.errors.ServerError`` its 503s (README: "you can catch per cloud").

The expected relations come from ``cloudsign._core.errors`` alone: for every class of a cloud's module (the mirrored
ones, the cloud's extra ones and every documented-code class) and every mirrored parent P, the class is a subclass
of the cloud's P exactly when it is a subclass of the core P."""

from __future__ import annotations

from types import ModuleType

import pytest

from cloudsign._core import errors as core
from cloudsign.alibabacloud import errors as alibaba
from cloudsign.huaweicloud import errors as huawei

# The classes the README says each cloud has its own subclass of (``ClientError`` ... ``ServiceUnavailableError``,
# ``APIResponseValidationError`` and its ``ResponseTooLargeError``), written out here rather than read from the
# modules under test.
MIRRORED = (
    "APIStatusError",
    "ClientError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ThrottlingError",
    "ServerError",
    "ServiceUnavailableError",
    "APIResponseValidationError",
    "ResponseTooLargeError",
)
CLOUDS = [(huawei, huawei.DASError), (alibaba, alibaba.DataWorksError)]


def cloud_classes(module: ModuleType) -> list[type]:
    """Every exception class the cloud's module defines, and every documented-code class."""
    defined = [
        v
        for v in vars(module).values()
        if isinstance(v, type) and v.__module__ == module.__name__ and issubclass(v, core.APIError)
    ]
    return sorted(set(defined) | set(module.DOCUMENTED.table.values()), key=lambda c: c.__name__)


@pytest.mark.parametrize(("module", "marker"), CLOUDS, ids=["huaweicloud", "alibabacloud"])
def test_every_relation_of_the_core_hierarchy_holds_per_cloud(module: ModuleType, marker: type) -> None:
    wrong: list[str] = []
    checked = 0
    for cls in cloud_classes(module):
        assert issubclass(cls, marker), cls
        for parent in MIRRORED:
            own, shared = getattr(module, parent), getattr(core, parent)
            assert own is not shared and own.__module__ == module.__name__, parent
            expected = issubclass(cls, shared)
            if issubclass(cls, own) != expected:
                wrong.append(f"{cls.__name__} {'is not' if expected else 'is'} a {module.__name__}.{parent}")
            checked += 1
    assert not wrong, wrong
    # Every mirrored class, and at least the documented codes of the spec examples, took part.
    assert checked >= len(MIRRORED) * (len(MIRRORED) + len(module.DOCUMENTED.table))


@pytest.mark.parametrize(("module", "marker"), CLOUDS, ids=["huaweicloud", "alibabacloud"])
@pytest.mark.parametrize(
    ("status", "caught_by"),
    [(400, "ClientError"), (404, "ClientError"), (429, "ClientError"), (503, "ServerError"), (502, "ServerError")],
)
def test_except_the_cloud_parent_catches_its_children(
    module: ModuleType, marker: type, status: int, caught_by: str
) -> None:
    """What the README promises, as a user writes it: an answer parsed by the cloud catches under its own parent."""
    if module is huawei:
        content = b'{"error_code": "X.1", "error_msg": "m"}'
    else:
        content = b'{"Code": "X.1", "Message": "m", "RequestId": "r"}'
    error = module.parse_error(status, {}, content, method="POST", path="/")
    with pytest.raises(getattr(module, caught_by)):
        raise error


@pytest.mark.parametrize(("module", "marker"), CLOUDS, ids=["huaweicloud", "alibabacloud"])
def test_an_answer_too_large_is_the_clouds_own_error(module: ModuleType, marker: type) -> None:
    """Raised by the backend (not parsed from a body), it is still caught by ``except <cloud>.errors.
    APIResponseValidationError`` and by the cloud's marker, on the default backend."""
    from cloudsign.emulator.app import running
    from tests.e2e.clouds import CLOUDS as APIS

    api = next(a for a in APIS if (a.name == "das") == (module is huawei))
    with running(api.make_app()) as url:
        client = api.make_client(url).with_options(max_response_bytes=10)
        with pytest.raises(module.APIResponseValidationError) as info:
            api.call(client)
    assert isinstance(info.value, module.ResponseTooLargeError) and isinstance(info.value, marker)
