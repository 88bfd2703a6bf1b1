"""generated/ is exactly what the pinned generator makes from specs/ (the golden-record check), and imports."""

from __future__ import annotations

import filecmp
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _diff(a: Path, b: Path) -> list[str]:
    # Left out: what installing a package leaves behind (all gitignored).
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__", "build"])
    out = [f"only in generated/: {x}" for x in cmp.left_only if not x.endswith(".egg-info")]
    out += [f"missing from generated/: {x}" for x in cmp.right_only]
    out += [f"differs: {x}" for x in cmp.diff_files]
    for sub in cmp.common_dirs:
        out += _diff(a / sub, b / sub)
    return out


def test_generated_matches_a_fresh_generation(tmp_path: Path) -> None:
    subprocess.run([str(ROOT / "scripts/generate.sh"), str(tmp_path)], check=True, capture_output=True)
    for name in ("das-client", "dataworks-client"):
        assert _diff(ROOT / "generated" / name, tmp_path / name) == [], name


def test_generated_model_repr_hides_the_password() -> None:
    from das_client.models import CreateInstanceConnectionRequestBody

    body = CreateInstanceConnectionRequestBody.from_dict(
        {
            "engine_type": "mysql",
            "network_type": "rds",
            "username": "root",
            "is_save_password": True,
            "password": "Gauss_2345",
        }
    )
    assert "Gauss_2345" not in repr(body) and "root" in repr(body)
    assert body.to_dict()["password"] == "Gauss_2345"


def test_generated_functions_fill_action_and_version() -> None:
    from dataworks_client.api.data_sources import create_connection

    kwargs = create_connection._get_kwargs(connection_type="rds", content="{}", env_type=1, name="n", project_id=1)
    assert kwargs["params"]["Action"] == "CreateConnection" and kwargs["params"]["Version"] == "2020-05-18"
    assert "RegionId" not in kwargs["params"]
