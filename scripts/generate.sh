#!/usr/bin/env bash
# Regenerate the typed clients from specs/ with the pinned openapi-python-client and ruff.
# Usage: scripts/generate.sh [OUTPUT_DIR]   (default: generated/). Deterministic: no caches, no timestamps.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/generated}" && cd "${1:-$root/generated}" && pwd)
export PATH="$root/.venv/bin:$PATH"
# The generator's post-hooks run `ruff`; without it on PATH they are skipped with only a warning.
command -v ruff >/dev/null || { echo "generate: ruff is not on PATH (run make setup)" >&2; exit 1; }
[ "$(command -v ruff)" = "$root/.venv/bin/ruff" ] || { echo "generate: ruff is not the pinned one in .venv" >&2; exit 1; }
export RUFF_NO_CACHE=true
gen() {  # gen NAME SPEC CONFIG
  rm -rf "${out:?}/$1"
  (cd "$root" && openapi-python-client generate --path "specs/$2" --config "generator/$3" --meta setup \
      --custom-template-path generator/templates --output-path "$out/$1" --overwrite >/dev/null)
  find "$out/$1" -name .ruff_cache -prune -exec rm -rf {} +
}
gen das-client huaweicloud-das.yaml das.yaml
gen dataworks-client alibabacloud-dataworks.yaml dataworks.yaml
echo "generated: $out/das-client $out/dataworks-client"
