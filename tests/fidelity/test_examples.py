"""Every example the vendor documents (tests/fidelity/vendor_examples.py: the official SDK's comments, the seeds)
goes through our spec's validation, our client and our emulator, under every signing scheme of its cloud.

An operation that acts on an existing resource (its ``x-cloudsign-resource`` role is read, update or delete) is
sent against one the create operation of the same resource has just made in the stateful emulator, so the example
is checked by the operation itself, not answered "unknown id"."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from cloudsign._core.registry import service
from cloudsign.alibabacloud import Credentials as AlibabaCredentials
from cloudsign.alibabacloud import dataworks_client
from cloudsign.emulator.alibabacloud import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET
from cloudsign.emulator.alibabacloud import create_app as alibaba_app
from cloudsign.emulator.app import running
from cloudsign.emulator.huaweicloud import DEMO_AK, DEMO_SK
from cloudsign.emulator.huaweicloud import create_app as huawei_app
from cloudsign.emulator.resources import EXTENSION, pointer_replace, pointer_values
from cloudsign.huaweicloud import Credentials as HuaweiCredentials
from cloudsign.huaweicloud import das_client

from .calls import call, validator, whole_request
from .compare import covered
from .vendor_examples import Example, all_examples

SCHEMES = {"huaweicloud": ("SDK-HMAC-SHA256", "SDK-HMAC-SM3"), "alibabacloud": ("ACS3-HMAC-SHA256", "HMAC-SHA1")}
EXAMPLES = all_examples()
OPERATIONS = {(op.service, op.operation_id): op for op in covered()[0]}
CASES = [(ex, scheme) for ex in EXAMPLES for scheme in SCHEMES[ex.service.split("-", 1)[0]]]


def _client(cloud: str, url: str, scheme: str) -> Any:
    if cloud == "huaweicloud":
        return das_client(endpoint=url, credentials=HuaweiCredentials(DEMO_AK, DEMO_SK), algorithm=scheme)
    creds = AlibabaCredentials(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)
    return dataworks_client(endpoint=url, region="cn-shanghai", credentials=creds, signature=scheme)


def _with_existing_resource(operation: Any, values: dict[str, Any], client: Any, package: str) -> dict[str, Any]:
    """``values`` naming a resource the create operation of the same service and resource kind has just made
    (unchanged when the operation acts on no existing resource)."""
    rule: Mapping[str, Any] = operation.op.get(EXTENSION) or {}
    if rule.get("role") not in ("read", "update", "delete") or not rule.get("id"):
        return values
    create = next(
        o for o in OPERATIONS.values()
        if o.service == operation.service and (o.op.get(EXTENSION) or {}).get("role") == "create"
        and o.op[EXTENSION].get("name") == rule["name"]
    )  # fmt: skip
    create_rule = create.op[EXTENSION]
    create_values = whole_request(create.op, {})
    if create_rule.get("project") and rule.get("project") and rule["project"] in values:
        create_values[create_rule["project"]] = values[rule["project"]]  # the same project as the example's
    created = call(client, package, create.operation_id, create_values)
    assert created.status_code == 200, created.content
    (resource_id,) = pointer_values(json.loads(created.content), create_rule["id"])
    values = json.loads(json.dumps(values))  # a copy: the example's values stay as the vendor wrote them
    assert pointer_replace(values, rule["id"], resource_id) >= 1, f"no {rule['id']} in the request to {operation}"
    return values


@pytest.fixture(scope="module")
def urls() -> Iterator[dict[str, str]]:
    with running(huawei_app()) as das, running(alibaba_app()) as dataworks:
        yield {"huaweicloud": das, "alibabacloud": dataworks}


def test_the_vendor_examples_are_found() -> None:
    """The SDK's CreateConnection documents one Content example per connection type (14 bullets; the mongodb
    one is JSON only with its doubled backslashes read as one), and each seed gives one request."""
    sdk = [e for e in EXAMPLES if e.name.startswith("SDK ")]
    seeds = [e for e in EXAMPLES if e.name.startswith("seed ")]
    print(f"\nvendor examples: {len(sdk)} from the SDK models, {len(seeds)} from the seeds; repaired: "
          + ", ".join(f"{e.name} ({e.repaired})" for e in EXAMPLES if e.repaired))  # fmt: skip
    assert len(sdk) >= 14 and len(seeds) >= 2
    assert {e.service for e in seeds} == {op.service for op in OPERATIONS.values()}
    assert sum(1 for e in sdk if not e.repaired) >= 13


@pytest.mark.parametrize(("example", "scheme"), CASES, ids=[f"{e.name}-{s}" for e, s in CASES])
def test_vendor_example_is_accepted(example: Example, scheme: str, urls: dict[str, str]) -> None:
    operation = OPERATIONS[(example.service, example.operation)]
    values = whole_request(operation.op, example.values)
    validator(
        operation.service, operation.document, operation.operation_id, operation.method, operation.path, operation.op
    ).validate(values)
    cloud = example.service.split("-", 1)[0]
    url = urls[cloud]
    package = service(example.service).package
    with _client(cloud, url, scheme) as client:
        values = _with_existing_resource(operation, values, client, package)
        response = call(client, package, example.operation, values)
    assert response.status_code == 200, response.content
    assert type(response.parsed).__name__.endswith("ResponseBody")  # parsed as the spec's success body
