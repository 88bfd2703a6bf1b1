"""``make breaking`` (scripts/breaking) run as a user runs it, on throwaway copies of specs/ (``--old``/``--new``):
the issue's breaking edits are flagged by operation, field and rule and exit 1; its safe edits exit 0; the
allowlist accepts a named change; and the generated-package layer catches an int -> str change that griffe misses,
through an old test that mypy checks against the new package."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from .spec_extensions import UPDATE_CONNECTION, write_extended_specs

ROOT = Path(__file__).resolve().parents[1]
DAS, DATAWORKS = "huaweicloud-das.yaml", "alibabacloud-dataworks.yaml"
DAS_OP, DW_OP = "huaweicloud-das:CreateInstanceConnection", "alibabacloud-dataworks:CreateConnection"

Doc = dict[str, Any]


def _tree(tmp: Path, name: str, specs: Path | None = None) -> Path:
    tree = tmp / name
    if specs is None:
        shutil.copytree(ROOT / "specs", tree / "specs")
    else:
        shutil.copytree(specs, tree / "specs")
    return tree


def _edit(tree: Path, document: str, edit: Callable[[Doc], Any]) -> None:
    path = tree / "specs" / document
    doc = yaml.safe_load(path.read_text())
    edit(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))


def gate(old: Path, new: Path, *extra: str) -> tuple[int, str, Doc]:
    out = old.parent / "breaking.json"
    proc = subprocess.run(
        [sys.executable, "-m", "breaking", "--old", str(old), "--new", str(new), "--json", str(out), *extra],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    return proc.returncode, proc.stdout, json.loads(out.read_text())


def das_body(doc: Doc) -> Doc:
    return doc["components"]["schemas"]["CreateInstanceConnectionRequestBody"]  # type: ignore[no-any-return]


def dw_params(doc: Doc) -> list[Doc]:
    return doc["paths"]["/"]["post"]["parameters"]  # type: ignore[no-any-return]


BREAKING_EDITS: dict[str, tuple[str, Callable[[Doc], Any], str, str, str]] = {
    # name: (document, edit, operation, where, rule)
    "removed optional query parameter": (
        DATAWORKS,
        lambda d: d["paths"]["/"]["post"].update(parameters=[p for p in dw_params(d) if p["name"] != "SubType"]),
        DW_OP,
        "query.SubType",
        "parameter-removed",
    ),
    "integer field changed to string": (
        DAS,
        lambda d: das_body(d)["properties"]["port"].update(type="string"),
        DAS_OP,
        "body.port",
        "type-changed",
    ),
    "field made required": (
        DAS,
        lambda d: das_body(d)["required"].append("remarks"),
        DAS_OP,
        "body.remarks",
        "request-field-became-required",
    ),
    "enum value removed": (
        DAS,
        lambda d: das_body(d)["properties"]["engine_type"]["enum"].remove("ddm"),
        DAS_OP,
        "body.engine_type",
        "enum-narrowed",
    ),
    "response field removed": (
        DATAWORKS,
        lambda d: d["components"]["schemas"]["CreateConnectionResponseBody"]["properties"].pop("Data"),
        DW_OP,
        "response.200.Data",
        "response-field-removed",
    ),
}


@pytest.mark.parametrize("name", sorted(BREAKING_EDITS))
def test_a_breaking_edit_is_flagged_by_name_and_fails(name: str, tmp_path: Path) -> None:
    document, edit, operation, where, rule = BREAKING_EDITS[name]
    old, new = _tree(tmp_path, "old"), _tree(tmp_path, "new")
    _edit(new, document, edit)
    code, report, data = gate(old, new, "--specs-only")
    assert code == 1, report
    row = next(line for line in report.splitlines() if f"| {rule} |" in line)
    assert "**BREAKING**" in row and operation in row and where in row, report
    assert [(c["operation"], c["where"], c["rule"]) for c in data["changes"] if c["severity"] == "breaking"] == [
        (operation, where, rule)
    ]
    assert data["failing"] == 1


def _add_optional_parameter(doc: Doc) -> None:
    dw_params(doc).append({"name": "ClientToken", "in": "query", "required": False, "schema": {"type": "string"}})


def _add_response_field(doc: Doc) -> None:
    body = doc["components"]["schemas"]["CreateInstanceConnectionResponseBody"]
    body["properties"]["connection_name"] = {"type": "string", "description": "The connection's name."}


def _descriptions_only(doc: Doc) -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in list(node):
                if key in ("description", "summary"):
                    node[key] = f"Reworded: {node[key]}"
                walk(node[key])
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(doc)


SAFE_EDITS: dict[str, tuple[str, Callable[[Doc], Any], str]] = {
    "added optional parameter": (DATAWORKS, _add_optional_parameter, "parameter-added"),
    "added response field": (DAS, _add_response_field, "response-field-added"),
    "description-only change": (DAS, _descriptions_only, ""),
}


@pytest.mark.parametrize("name", sorted(SAFE_EDITS))
def test_a_safe_edit_passes(name: str, tmp_path: Path) -> None:
    document, edit, rule = SAFE_EDITS[name]
    old, new = _tree(tmp_path, "old"), _tree(tmp_path, "new")
    _edit(new, document, edit)
    _edit(new, DATAWORKS, _descriptions_only)  # and both documents re-serialised in another layout
    code, report, data = gate(old, new, "--specs-only")
    assert code == 0, report
    assert [c["rule"] for c in data["changes"]] == ([rule] if rule else []), report
    assert data["specs_changed"] is True


def test_rpc_actions_are_matched_by_action_not_by_document(tmp_path: Path) -> None:
    """DataWorks' UpdateConnection moved to a document of another name is the same operation: no change."""
    old = _tree(tmp_path, "old", write_extended_specs(tmp_path / "extended"))
    new = _tree(tmp_path, "new", old / "specs")
    (new / "specs" / UPDATE_CONNECTION).rename(new / "specs" / "alibabacloud-dataworks.Update.yaml")
    code, report, data = gate(old, new, "--specs-only")
    assert code == 0 and data["changes"] == [], report
    (new / "specs" / "alibabacloud-dataworks.Update.yaml").unlink()
    code, report, data = gate(old, new, "--specs-only")
    assert code == 1 and "alibabacloud-dataworks:UpdateConnection" in report and "operation-removed" in report


def test_the_allowlist_accepts_a_named_change_with_its_reason(tmp_path: Path) -> None:
    old, new = _tree(tmp_path, "old"), _tree(tmp_path, "new")
    _edit(new, DAS, lambda d: das_body(d)["required"].append("remarks"))
    allowlist = new / "specs" / "breaking" / "allowlist.yaml"
    entry = {"rule": "request-field-became-required", "operation": DAS_OP, "where": "body.remarks"}
    allowlist.write_text(yaml.safe_dump({"accepted": [{**entry, "reason": "the service now needs remarks"}]}))
    code, report, data = gate(old, new, "--specs-only")
    assert code == 0, report
    assert "allowlisted" in report and "the service now needs remarks" in report
    assert data["changes"][0]["allowlisted"] is True and data["failing"] == 0
    allowlist.write_text(yaml.safe_dump({"accepted": [{**entry, "where": "body.username", "reason": "r"}]}))
    code, report, _ = gate(old, new, "--specs-only")
    assert code == 1 and "allowlist entry not needed here" in report, report  # another field: not accepted
    allowlist.write_text(yaml.safe_dump({"accepted": [entry]}))  # no reason
    proc = subprocess.run(
        [sys.executable, "-m", "breaking", "--old", str(old), "--new", str(new), "--specs-only"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "reason" in proc.stderr


OLD_TEST = """
from das_client.models import CreateInstanceConnectionRequestBody


def test_port_is_a_number() -> None:
    body = CreateInstanceConnectionRequestBody(
        engine_type="ddm", network_type="rds", username="root", is_save_password=False, password="x", port=3306
    )
    assert body.to_dict()["port"] == 3306
"""


def test_the_package_layer_catches_an_int_to_str_field_used_by_an_old_test(tmp_path: Path) -> None:
    """The spec layer sees these changes too; this shows the package layer on its own: griffe reports nothing for a
    changed annotation (int -> str, a Literal without "ddm"), the old test type-checked against the new package does."""
    old, new = _tree(tmp_path, "old"), _tree(tmp_path, "new")
    (old / "tests").mkdir()
    (old / "tests" / "__init__.py").write_text("")
    (old / "tests" / "test_old_port.py").write_text(OLD_TEST)
    _edit(new, DAS, lambda d: das_body(d)["properties"].update(port={"type": "string"}))
    _edit(new, DAS, lambda d: das_body(d)["properties"]["engine_type"]["enum"].remove("ddm"))  # a narrowed Literal
    code, report, data = gate(old, new)
    assert code == 1, report
    api = [c for c in data["changes"] if c["rule"].startswith("api-")]
    assert {(c["rule"], c["operation"]) for c in api} == {("api-type-check", "tests/test_old_port.py")}, report
    port = [c["detail"] for c in api if '"port"' in c["detail"]]
    assert len(port) == 1 and '"int"' in port[0] and "str" in port[0], api
    assert len([c for c in api if '"engine_type"' in c["detail"] and "'ddm'" in c["detail"]]) == 1, api
    assert "mypy on 1 old test/README file(s) found 2" in report


def _clone(tmp: Path, depth: int) -> Path:
    """A shallow clone of this checkout's last commit(s), as CI's clone is (with no .venv: the gate runs on ours)."""
    dest = tmp / f"clone{depth}"
    url = f"file://{ROOT}"
    subprocess.run(["git", "clone", "-q", "--depth", str(depth), url, str(dest)], check=True, timeout=120)
    return dest


def _gate_in(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "breaking", "--json", str(clone / "out.json"), *args],
        cwd=clone,
        env={**os.environ, "PYTHONPATH": str(clone / "scripts")},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_against_a_git_ref_in_a_fresh_clone(tmp_path: Path) -> None:
    """The way make test runs it: no change is answered at once; a working-tree edit is compared with BASE's
    specs; a clone without HEAD~1 skips, saying so, where asking for a missing ref is an error."""
    clone = _clone(tmp_path, 1)
    same = _gate_in(clone, "--base", "HEAD")
    assert same.returncode == 0 and "No change" in same.stdout, same.stdout + same.stderr
    _edit(clone, DAS, lambda d: das_body(d)["required"].append("remarks"))
    edited = _gate_in(clone, "--base", "HEAD", "--specs-only")
    assert edited.returncode == 1 and "body.remarks" in edited.stdout, edited.stdout + edited.stderr
    skipped = _gate_in(clone, "--base", "HEAD~1", "--skip-missing-base")
    assert skipped.returncode == 0 and "skipped: HEAD~1 is not in this clone" in skipped.stdout, skipped.stdout
    missing = _gate_in(clone, "--base", "HEAD~1")
    assert missing.returncode == 2 and "HEAD~1" in missing.stderr


def test_griffe_reports_removed_objects_and_new_required_parameters(tmp_path: Path) -> None:
    from scripts.breaking import api

    sources = {
        "old": "def call(x: int) -> int:\n    return x\n\n\ndef gone() -> None: ...\n",
        "new": "def call(x: int, y: int) -> int:\n    return x + y\n",
    }
    for end, source in sources.items():
        package = tmp_path / end / "pkg-client" / "pkg_client"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(source)
        (package.parent / "setup.py").write_text("")
    found = list(api.griffe_changes(api.projects(tmp_path / "old"), api.projects(tmp_path / "new")))
    assert sorted((c.rule, c.operation, c.where) for c in found) == [
        ("api-object-removed", "pkg_client", "pkg_client.gone"),
        ("api-parameter-added-required", "pkg_client", "pkg_client.call(y)"),
    ]
