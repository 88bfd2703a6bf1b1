#!/usr/bin/env bash
# Static checks: ruff and mypy --strict on hand-written and generated code; the specs with
# openapi-spec-validator, Redocly (recommended rules) and Spectral (spectral:oas).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PWD/node_modules/.bin:$PATH" REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
echo "== ruff"
ruff check --no-cache overlays scripts tests generated
ruff format --no-cache --check overlays scripts tests generated
echo "== mypy --strict"
mypy --no-incremental --cache-dir=/dev/null overlays/cloudsign generated/das-client/das_client \
  generated/dataworks-client/dataworks_client scripts tests
echo "== openapi-spec-validator"
openapi-spec-validator specs/huaweicloud-das.yaml specs/alibabacloud-dataworks.yaml
echo "== redocly lint"
redocly lint --format=stylish specs/huaweicloud-das.yaml specs/alibabacloud-dataworks.yaml 2>&1 | grep -v -e '^$' -e '║' -e '╔' -e '╚'
if [ -f .spectral.yaml ]; then
  echo "== spectral lint"
  spectral lint --fail-severity=warn specs/huaweicloud-das.yaml specs/alibabacloud-dataworks.yaml
fi
