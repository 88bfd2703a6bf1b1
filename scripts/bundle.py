"""Write self-contained copies of every document in specs/ (YAML and JSON, via `redocly bundle`) and a SHA256SUMS
file to an output folder, so people who feed their own generators get one checked, checksummed file per document
(a service with several documents, e.g. one per RPC action, gets one file per document, named like its source).

Usage: [SPECS_DIR=specs] python scripts/bundle.py [OUT_DIR]   (default: dist/). Deterministic: the same specs give
the same bytes. Documents are found by glob (``SPECS_DIR/*.yaml``), never listed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REDOCLY = ROOT / "node_modules/.bin/redocly"
ENV = {**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}


def bundle(specs: list[Path], out: Path) -> list[Path]:
    """Bundle every spec to OUT/<name>.yaml and OUT/<name>.json; internal $refs stay, external ones are inlined."""
    for ext in ("yaml", "json"):
        names = [str(spec.relative_to(ROOT)) if spec.is_relative_to(ROOT) else str(spec) for spec in specs]
        argv = [str(REDOCLY), "bundle", *names, "--output", str(out), "--ext", ext, "--lint-config", "error"]
        proc = subprocess.run(argv, cwd=ROOT, env=ENV, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.exit(f"bundle: redocly failed\n{proc.stdout}{proc.stderr}")
    return [out / f"{spec.stem}.{ext}" for spec in specs for ext in ("yaml", "json")]


def write_sums(files: list[Path], out: Path) -> Path:
    """SHA256SUMS in `sha256sum -c` format, sorted by name."""
    lines = [f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.name}\n" for f in sorted(files, key=lambda f: f.name)]
    sums = out / "SHA256SUMS"
    sums.write_text("".join(lines))
    return sums


def main(argv: list[str]) -> None:
    out = Path(argv[0] if argv else ROOT / "dist").resolve()
    out.mkdir(parents=True, exist_ok=True)
    specs = Path(os.environ.get("SPECS_DIR") or ROOT / "specs").resolve()
    documents = sorted(specs.glob("*.yaml"))
    if not documents:
        sys.exit(f"bundle: no *.yaml documents in {specs}")
    files = bundle(documents, out)
    write_sums(files, out)
    print(f"bundle: {len(files)} files and SHA256SUMS in {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
