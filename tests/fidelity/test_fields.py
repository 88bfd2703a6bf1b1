"""Every operation of specs/ that the official SDKs also define, compared field by field with their models: wire
name, location, type and format, required, enum and secrecy, request and response, nested members included.
A difference fails unless tests/fidelity/allowlist.yaml explains it; an entry that explains nothing fails too."""

from __future__ import annotations

import yaml

from .compare import VENDORS, check, covered, load_allowlist, unexplained


def test_every_operation_matches_the_official_sdk_or_is_explained() -> None:
    report = check()
    missing, stale = unexplained(report, load_allowlist())
    print(
        f"\nfidelity: {len(report.operations)} operations ({', '.join(report.operations)}), "
        f"{report.fields_compared} fields compared ({report.facts_compared} facts), "
        f"{len(report.differences)} differences, all allowlisted"
    )
    assert not missing, "differences from the official SDK, neither fixed nor allowlisted:\n" + yaml.safe_dump(
        missing, sort_keys=False
    )
    assert not stale, "allowlist entries that match no difference (fixed? remove them):\n" + yaml.safe_dump(
        stale, sort_keys=False
    )


def test_operations_are_found_not_listed() -> None:
    """Each service with an official SDK has at least one operation compared; what is left out is only what that
    SDK does not define (named here so a typo in an operationId does not silently drop the check)."""
    both, ours_only = covered()
    services = {op.service for op in both}
    assert services == set(VENDORS), services
    assert not ours_only, [f"{op.service} {op.operation_id}" for op in ours_only]
    assert check().fields_compared >= 20
