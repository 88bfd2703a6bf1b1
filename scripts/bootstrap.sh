#!/usr/bin/env bash
# Create .venv/ with the locked dependencies and install every generated client (generated/*/) and the overlay into it.
# Idempotent: a stamp file records the inputs it was built from, so a second run does nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
py=${PYTHON:-python3}
stamp=.venv/.bootstrap-stamp
# Every generated project (one per service in specs/), found by glob: generated/<dist>/ holds the package <dist with - as _>.
projects=()
for setup in generated/*/setup.py; do [ -f "$setup" ] && projects+=("${setup%/setup.py}"); done
[ ${#projects[@]} -gt 0 ] || { echo "bootstrap: no generated project in generated/ (run scripts/generate.sh)" >&2; exit 1; }
packages=$(for p in "${projects[@]}"; do basename "$p" | tr - _; done | paste -sd, -)
want=$(cat requirements/dev.lock requirements/uv.txt overlays/pyproject.toml generated/*/setup.py | sha256sum | cut -c1-64)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && .venv/bin/python -c "import $packages, cloudsign" 2>/dev/null; then
  exit 0
fi
"$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required" >&2; exit 1; }
[ -x .venv/bin/python ] || "$py" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/uv.txt
export UV_PYTHON=.venv/bin/python UV_NO_PROGRESS=1
.venv/bin/uv pip sync --quiet requirements/dev.lock
# editable_mode=compat: a plain path entry, which mypy and every tool can follow.
editables=()
for p in "${projects[@]}" overlays; do editables+=(-e "$p"); done
.venv/bin/uv pip install --quiet --no-deps -C editable_mode=compat "${editables[@]}"
echo "$want" > "$stamp"
echo "bootstrap: .venv ready"
