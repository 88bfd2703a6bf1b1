"""`make bundle` (scripts/bundle.py): self-contained, valid, faithful and byte-for-byte reproducible."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from .specs import ROOT, SPECS, load
from .tools import run

pytestmark = pytest.mark.skipif(not (ROOT / "node_modules/.bin/redocly").exists(), reason="run make node")


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two independent runs of the bundler."""
    first, second = tmp_path_factory.mktemp("bundle-1"), tmp_path_factory.mktemp("bundle-2")
    for out in (first, second):
        run(sys.executable, ROOT / "scripts/bundle.py", out)
    return first, second


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [r for v in node.values() for r in _refs(v)]
    return [r for v in node for r in _refs(v)] if isinstance(node, list) else []


def test_bundle_is_deterministic(bundles: tuple[Path, Path]) -> None:
    first, second = bundles
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    stems = [spec.stem for spec in SPECS.values()]
    assert names == sorted(["SHA256SUMS", *(f"{stem}.{ext}" for stem in stems for ext in ("json", "yaml"))])
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_checksums_match(bundles: tuple[Path, Path]) -> None:
    out = bundles[0]
    lines = (out / "SHA256SUMS").read_text().splitlines()
    assert len(lines) == 2 * len(SPECS)  # each document as YAML and as JSON
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest


@pytest.mark.parametrize("kind", SPECS)
def test_bundle_is_valid_self_contained_and_faithful(bundles: tuple[Path, Path], kind: str) -> None:
    stem = SPECS[kind].stem
    as_yaml = yaml.safe_load((bundles[0] / f"{stem}.yaml").read_text())
    as_json = json.loads((bundles[0] / f"{stem}.json").read_text())
    assert as_yaml == as_json
    assert as_json == load(kind), "the bundle must say exactly what specs/ says"
    validate(as_json)
    assert all(ref.startswith("#/") for ref in _refs(as_json)), "an external $ref survived bundling"
