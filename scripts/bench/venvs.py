"""Isolated virtualenvs under build/bench-venv/: one holding only cloudsign's runtime dependencies (installed
non-editable), one per official SDK. Each is measured for installed size right after installation (before any
bytecode exists), then byte-compiled so the cold-start figures do not pay for compiling."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_ROOT = ROOT / "build" / "bench-venv"
UV = ROOT / ".venv" / "bin" / "uv"


@dataclass(frozen=True)
class Venv:
    name: str
    path: Path
    size_bytes: int
    distributions: int

    @property
    def python(self) -> Path:
        return self.path / "bin" / "python"


# Every generated project (one per service in specs/), found by glob: the overlay does not name them.
GENERATED = [f"./{p.parent.relative_to(ROOT).as_posix()}" for p in sorted((ROOT / "generated").glob("*/setup.py"))]

SPECS: dict[str, list[str]] = {
    "ours": ["-r", "requirements/runtime.lock", *GENERATED, "./overlays"],
    "official-das": ["huaweicloudsdkdas==3.1.219", "huaweicloudsdkcore==3.1.219", "-c", "requirements/dev.lock"],
    "official-dataworks": ["alibabacloud-dataworks-public20200518==10.1.1", "-c", "requirements/dev.lock"],
}


def _fingerprint(args: list[str]) -> str:
    """Changes when the install arguments or any local input they name change."""
    h = hashlib.sha256(json.dumps(args).encode())
    for arg in args:
        p = ROOT / arg
        if p.is_file():
            h.update(p.read_bytes())
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and "egg-info" not in str(f) and "__pycache__" not in str(f):
                    h.update(str(f.relative_to(p)).encode())
                    h.update(f.read_bytes())
    return h.hexdigest()


def site_packages(path: Path) -> Path:
    return next((path / "lib").glob("python3*/site-packages"))


def tree_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def ensure(name: str) -> Venv:
    """Create or reuse ``build/bench-venv/<name>``."""
    args = SPECS[name]
    path = VENV_ROOT / name
    stamp = path / "bench-stamp.json"
    fingerprint = _fingerprint(args)
    if stamp.exists():
        data = json.loads(stamp.read_text())
        if data.get("fingerprint") == fingerprint:
            return Venv(name, path, data["size_bytes"], data["distributions"])
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    subprocess.run(
        [str(UV), "venv", "-q", "--clear", "--python", sys.executable, str(path)], check=True, cwd=ROOT, env=env
    )
    subprocess.run(
        [str(UV), "pip", "install", "-q", "--python", str(path / "bin" / "python"), *args],
        check=True,
        cwd=ROOT,
        env=env,
    )
    sp = site_packages(path)
    size = tree_size(sp)
    dists = len(list(sp.glob("*.dist-info")))
    compile_env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [str(path / "bin" / "python"), "-m", "compileall", "-q", "-j", "0", str(sp)],
        check=False,
        env=compile_env,
        stdout=subprocess.DEVNULL,
    )
    stamp.write_text(json.dumps({"fingerprint": fingerprint, "size_bytes": size, "distributions": dists}))
    return Venv(name, path, size, dists)
