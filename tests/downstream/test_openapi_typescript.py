"""openapi-typescript (pinned npm) generates .d.ts from each spec, and a typed usage of each operation compiles
under `tsc --strict`; the usage's @ts-expect-error lines make sure the types are strict enough to catch mistakes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .specs import SPECS
from .tools import ENV, NODE_BIN, run

USAGE = Path(__file__).with_name("ts")
TSC_FLAGS = (
    "--strict", "--noEmit", "--target", "es2022", "--module", "preserve", "--moduleResolution", "bundler",
    "--noUncheckedIndexedAccess", "--exactOptionalPropertyTypes",
)  # fmt: skip

pytestmark = pytest.mark.skipif(not (NODE_BIN / "tsc").exists(), reason="npm tools missing: run make node")


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding das.d.ts, dataworks.d.ts and the usage files that import them."""
    out = tmp_path_factory.mktemp("openapi-typescript")
    for kind, spec in SPECS.items():
        run(NODE_BIN / "openapi-typescript", spec, "-o", out / f"{kind}.d.ts")
    for usage in USAGE.glob("*_usage.ts"):  # written for the seeds; every document's types compile below
        shutil.copy(usage, out)
    return out


def _tsc(folder: Path, *files: str) -> subprocess.CompletedProcess[str]:
    argv = [str(NODE_BIN / "tsc"), *TSC_FLAGS, *files]
    return subprocess.run(argv, cwd=folder, env=ENV, capture_output=True, text=True, timeout=120, check=False)


def test_usage_type_checks_strictly(typed: Path) -> None:
    proc = _tsc(typed, "das_usage.ts", "dataworks_usage.ts", *(f"{kind}.d.ts" for kind in SPECS))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_misuse_fails_to_compile(typed: Path) -> None:
    """Without its @ts-expect-error markers each usage file must fail: the check above is able to fail."""
    for kind in SPECS:
        if not (typed / f"{kind}_usage.ts").exists():  # usages are written for the seeds' documents
            continue
        text = (typed / f"{kind}_usage.ts").read_text()
        (typed / f"{kind}_unmarked.ts").write_text(text.replace("// @ts-expect-error", "// unmarked:"))
    proc = _tsc(typed, "das_unmarked.ts", "dataworks_unmarked.ts")
    errors = [line for line in proc.stdout.splitlines() if ": error TS" in line]
    expected = sum(t.read_text().count("// @ts-expect-error") for t in USAGE.glob("*.ts"))
    assert proc.returncode != 0
    assert len(errors) == expected, proc.stdout
