#!/usr/bin/env bash
# The whole test suite: static checks, the breaking-change gate against HEAD~1 (scripts/breaking), then pytest on
# 2 workers. CLOUDSIGN_SLOW=1 runs the larger variants.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PWD/node_modules/.bin:$PATH"
scripts/lint.sh
echo "== breaking changes since the previous commit"
PYTHONPATH=scripts python -m breaking --base HEAD~1 --skip-missing-base
echo "== pytest"
exec python -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile -p no:cacheprovider "$@"
