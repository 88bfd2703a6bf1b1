#!/usr/bin/env bash
# Create .venv/ with the locked dependencies and install the generated clients and the overlay into it.
# Idempotent: a stamp file records the inputs it was built from, so a second run does nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
py=${PYTHON:-python3}
stamp=.venv/.bootstrap-stamp
want=$(cat requirements/dev.lock requirements/uv.txt overlays/pyproject.toml generated/*/setup.py | sha256sum | cut -c1-64)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && .venv/bin/python -c 'import das_client, dataworks_client, cloudsign' 2>/dev/null; then
  exit 0
fi
"$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required" >&2; exit 1; }
[ -x .venv/bin/python ] || "$py" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/uv.txt
export UV_PYTHON=.venv/bin/python UV_NO_PROGRESS=1
.venv/bin/uv pip sync --quiet requirements/dev.lock
# editable_mode=compat: a plain path entry, which mypy and every tool can follow.
.venv/bin/uv pip install --quiet --no-deps -C editable_mode=compat \
  -e generated/das-client -e generated/dataworks-client -e overlays
echo "$want" > "$stamp"
echo "bootstrap: .venv ready"
