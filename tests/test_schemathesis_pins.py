"""``make generate`` writes schemathesis.toml's pinned RPC constants from specs/: a new action needs no hand edit."""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

from .spec_extensions import write_extended_specs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import schemathesis_pins  # type: ignore[import-not-found]  # noqa: E402


def _pinned(config: Path) -> dict[str, dict[str, str]]:
    entries = tomllib.loads(config.read_text())["operations"]
    return {e["include-by"].split('"')[1]: e["parameters"] for e in entries if "parameters" in e}


def _accepted(config: Path) -> dict[str, list[str]]:
    entries = tomllib.loads(config.read_text())["operations"]
    return {
        e["include-by"].split('"')[1]: e["checks"]["positive_data_acceptance"]["expected-statuses"]
        for e in entries
        if "checks" in e
    }


def test_the_checked_in_config_is_what_make_generate_writes(tmp_path: Path) -> None:
    copy = tmp_path / "schemathesis.toml"
    shutil.copy(ROOT / "schemathesis.toml", copy)
    assert not schemathesis_pins.rewrite(copy, ROOT / "specs"), "schemathesis.toml is stale: run make generate"


def test_a_new_action_is_pinned_by_regenerating(tmp_path: Path) -> None:
    specs = write_extended_specs(tmp_path / "specs")
    base = tmp_path / "base"  # the main documents only: no UpdateConnection yet
    shutil.copytree(ROOT / "specs", base)
    for extra in base.glob("*.*.yaml"):
        extra.unlink()
    copy = tmp_path / "schemathesis.toml"
    shutil.copy(ROOT / "schemathesis.toml", copy)
    schemathesis_pins.rewrite(copy, base)
    assert "UpdateConnection" not in _pinned(copy)
    assert schemathesis_pins.rewrite(copy, specs)
    pinned = _pinned(copy)
    assert pinned["UpdateConnection"] == {"query.Action": "UpdateConnection", "query.Version": "2020-05-18"}
    assert pinned["CreateConnection"]["query.Action"] == "CreateConnection"
    assert not schemathesis_pins.rewrite(copy, specs)  # idempotent
    assert copy.read_text().count("[generation]") == 1  # the hand-written settings are kept


def test_an_operation_with_a_missing_answer_accepts_that_status(tmp_path: Path) -> None:
    """A schema-valid request naming an id nobody created gets the spec's ``missing`` status (400 here): the
    positive-data check accepts it for exactly those operations, its defaults kept."""
    accepted = _accepted(ROOT / "schemathesis.toml")
    assert set(accepted) == {
        "ShowConnectionDetail",
        "ModifyConnection",
        "BatchDeleteConnectionNew",
        "UpdateConnection",
        "DeleteConnection",
    }
    for statuses in accepted.values():
        assert set(statuses) == set(schemathesis_pins.ACCEPTED) | {"400"}
