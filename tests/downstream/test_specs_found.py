"""The downstream tests find every document in specs/ and visit every operation: in a copy of specs/ extended
with a DAS GET and DELETE and a second DataWorks action (a document of its own), the helpers see all of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spec_extensions import write_extended_specs

from . import specs


def test_the_real_specs_are_found() -> None:
    assert {"das", "dataworks"} <= set(specs.SPECS)
    assert all(path.parent == specs.ROOT / "specs" for path in specs.SPECS.values())


def test_added_documents_and_operations_are_visited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extended = write_extended_specs(tmp_path / "specs")
    monkeypatch.setattr(specs, "SPECS", specs.discover(extended))
    assert set(specs.SPECS) == {"das", "dataworks", "dataworks.UpdateConnection"}
    das_ops = {op["operationId"] for _, _, op in specs.operations("das")}
    assert len(das_ops) == 3 and "CreateInstanceConnection" in das_ops
    assert specs.operation("das")[2]["operationId"] == "CreateInstanceConnection"  # the seed's, not the first
    assert specs.operation("dataworks.UpdateConnection")[2]["operationId"] == "UpdateConnection"
    assert {p["name"] for p in specs.parameters("dataworks.UpdateConnection")} >= {"ConnectionId", "Content"}
    labels = {where.split(" ")[0] for where, _, _ in specs.media_examples("das")}
    assert labels == das_ops, "every operation's examples are collected"
