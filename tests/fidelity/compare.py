"""Which operations of specs/ the official SDKs also define, and every difference between our facts and theirs.

Operations are found, never listed: every operation of every document in the spec folder is looked up in the
official SDK of its service by its operationId (Huawei: ``<Op>Request`` and the client's ``_<op>_http_info``;
Alibaba: ``<Action>Request`` and ``<action>_with_options``). An operation the SDK does not define is reported,
not compared. A difference is accepted only when the allowlist (tests/fidelity/allowlist.yaml) holds an entry
with the same service, operation, field, attribute and both values, a reason and a vendor source; an entry that
matches nothing is stale and fails too, so the list cannot outlive what it excuses.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cloudsign._core.specs import SPEC_SUFFIX, operations_of, service_of

from .alibaba_side import AlibabaVendor
from .facts import ATTRIBUTES, Field, Key, shown
from .huawei_side import HuaweiVendor
from .spec_side import operation_fields

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
ALLOWLIST = Path(__file__).with_name("allowlist.yaml")
# The official SDK of each service (test-only dependencies, requirements/dev.in).
VENDORS: dict[str, HuaweiVendor | AlibabaVendor] = {
    "huaweicloud-das": HuaweiVendor("huaweicloudsdkdas.v3", "DasClient"),
    "alibabacloud-dataworks": AlibabaVendor("alibabacloud_dataworks_public20200518"),
}
REQUIRED_KEYS = ("service", "operation", "field", "attribute", "spec", "vendor", "follows", "reason", "source")


@dataclass(frozen=True)
class SpecOperation:
    service: str
    document: str
    operation_id: str
    method: str
    path: str
    op: Mapping[str, Any] = field(repr=False, hash=False, compare=False)


def spec_operations(spec_dir: Path = SPECS) -> Iterator[SpecOperation]:
    for path in sorted(spec_dir.glob("*" + SPEC_SUFFIX)):
        document = path.name[: -len(SPEC_SUFFIX)]
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for route, method, op in operations_of(spec):
            yield SpecOperation(service_of(document)[0], document, str(op.get("operationId")), method, route, op)


def covered(spec_dir: Path = SPECS) -> tuple[list[SpecOperation], list[SpecOperation]]:
    """(operations the service's official SDK defines, operations it does not)."""
    both: list[SpecOperation] = []
    ours_only: list[SpecOperation] = []
    for operation in spec_operations(spec_dir):
        vendor = VENDORS.get(operation.service)
        (both if vendor is not None and vendor.defines(operation.operation_id) else ours_only).append(operation)
    return both, ours_only


def _field_text(key: Key) -> str:
    direction, location, name = key
    return f"{direction} {location} {name or '(whole body)'}".rstrip()


@dataclass
class Report:
    operations: list[str] = field(default_factory=list)
    fields_compared: int = 0
    facts_compared: int = 0
    differences: list[dict[str, Any]] = field(default_factory=list)


def differences(
    service: str, operation: str, ours: Mapping[Key, Field], theirs: Mapping[Key, Field], report: Report
) -> None:
    def add(key: Key, attribute: str, spec: Any, vendor: Any) -> None:
        report.differences.append(
            {
                "service": service,
                "operation": operation,
                "field": _field_text(key),
                "attribute": attribute,
                "spec": shown(spec),
                "vendor": shown(vendor),
            }
        )

    for key in sorted(set(ours) | set(theirs)):
        if key not in ours:
            add(key, "presence", "absent", "present")
            continue
        if key not in theirs:
            add(key, "presence", "present", "absent")
            continue
        report.fields_compared += 1
        mine, vendor = ours[key], theirs[key]
        for attribute in ATTRIBUTES:
            stated = getattr(vendor, attribute)
            if stated is None:
                continue  # the SDK states nothing here
            report.facts_compared += 1
            if attribute == "sensitive":
                if stated and not mine.sensitive:
                    add(key, attribute, mine.sensitive, stated)
            elif attribute == "required" and mine.required is None:
                continue
            elif getattr(mine, attribute) != stated:
                add(key, attribute, getattr(mine, attribute), stated)


@functools.cache
def vendor_fields(service: str, operation_id: str) -> dict[Key, Field]:
    """The SDK's facts of one operation (they do not depend on our specs: read once per process)."""
    return VENDORS[service].fields(operation_id)


def check(spec_dir: Path = SPECS) -> Report:
    report = Report()
    both, _ = covered(spec_dir)
    for operation in both:
        report.operations.append(f"{operation.service} {operation.operation_id}")
        differences(
            operation.service,
            operation.operation_id,
            operation_fields(operation.op),
            vendor_fields(operation.service, operation.operation_id),
            report,
        )
    return report


def load_allowlist(path: Path = ALLOWLIST) -> list[dict[str, Any]]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for entry in entries:
        missing = [k for k in REQUIRED_KEYS if not str(entry.get(k, "")).strip()]
        assert not missing, f"allowlist entry {entry.get('operation')} {entry.get('field')} lacks {missing}"
        assert entry["follows"] in ("seed", "vendor SDK", "both", "API gateway docs"), entry
    return list(entries)


def _identity(item: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(
        yaml.safe_dump(item[k], sort_keys=True)
        for k in ("service", "operation", "field", "attribute", "spec", "vendor")
    )


def unexplained(report: Report, allowlist: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(differences no entry explains, entries that explain nothing)."""
    listed = {_identity(entry) for entry in allowlist}
    found = {_identity(diff) for diff in report.differences}
    return [d for d in report.differences if _identity(d) not in listed], [
        e for e in allowlist if _identity(e) not in found
    ]
