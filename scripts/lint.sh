#!/usr/bin/env bash
# Static checks: ruff and mypy --strict on hand-written and generated code; every document in specs/ with
# openapi-spec-validator, Redocly (recommended rules) and Spectral (spectral:oas). Specs and generated packages
# are found by glob, never listed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PWD/node_modules/.bin:$PATH" REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
specs=(specs/*.yaml)
# generated/<dist>/ is a project root holding the package <dist with - as _>; mypy needs each root on its path so
# files under it are named `das_client.…` (pyproject.toml's mypy_path holds the hand-written roots).
roots=() packages=()
for setup in generated/*/setup.py; do
  root=${setup%/setup.py}
  roots+=("$root")
  packages+=("$root/$(basename "$root" | tr - _)")
done
echo "== ruff"
ruff check --no-cache overlays scripts tests generated
ruff format --no-cache --check overlays scripts tests generated
echo "== mypy --strict"
MYPYPATH=$(IFS=:; echo "${roots[*]}") mypy --no-incremental --cache-dir=/dev/null overlays/cloudsign "${packages[@]}" \
  scripts tests
echo "== openapi-spec-validator"
openapi-spec-validator "${specs[@]}"
echo "== redocly lint"
redocly lint --format=stylish "${specs[@]}" 2>&1 | grep -v -e '^$' -e '║' -e '╔' -e '╚'
if [ -f .spectral.yaml ]; then
  echo "== spectral lint"
  spectral lint --fail-severity=warn "${specs[@]}"
fi
