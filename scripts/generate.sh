#!/usr/bin/env bash
# Regenerate the typed clients from every document in specs/ with the pinned openapi-python-client and ruff:
# one package per service, all documents of a service merged into it (scripts/generate_merge.py).
# Usage: [SPECS_DIR=specs] scripts/generate.sh [OUTPUT_DIR]   (default: generated/); also schemathesis.toml's pinned
# constants (scripts/schemathesis_pins.py) when SPECS_DIR is specs/. Deterministic: no caches,
# no timestamps. Settings: generator/default.yaml, plus generator/<cloud>-<service>.yaml when present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/generated}" && cd "${1:-$root/generated}" && pwd)
specs=$(cd "${SPECS_DIR:-$root/specs}" && pwd)
export PATH="$root/.venv/bin:$PATH"
# The generator's post-hooks run `ruff`; without it on PATH they are skipped with only a warning.
command -v ruff >/dev/null || { echo "generate: ruff is not on PATH (run make setup)" >&2; exit 1; }
[ "$(command -v ruff)" = "$root/.venv/bin/ruff" ] || { echo "generate: ruff is not the pinned one in .venv" >&2; exit 1; }
export RUFF_NO_CACHE=true
# The contract runs' pinned constants come from the same specs (only for the project's own specs/).
if [ "$specs" = "$root/specs" ]; then
  "$root/.venv/bin/python" "$root/scripts/schemathesis_pins.py" "$specs" "$root/schemathesis.toml"
fi
exec "$root/.venv/bin/python" "$root/scripts/generate_merge.py" "$specs" "$out"
