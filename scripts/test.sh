#!/usr/bin/env bash
# The whole test suite: static checks, the breaking-change gate against HEAD~1 (scripts/breaking), then pytest on
# 2 workers. CLOUDSIGN_SLOW=1 runs the larger variants.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PWD/node_modules/.bin:$PATH"
scripts/lint.sh
echo "== breaking changes since the previous commit"
if git rev-parse --quiet --verify 'HEAD~1^{commit}' >/dev/null 2>&1; then
  PYTHONPATH=scripts python -m breaking --base HEAD~1
else
  echo "breaking: skipped: no previous commit here (not a git checkout, or a shallow or single-commit clone)"
fi
echo "== pytest"
exec python -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile -p no:cacheprovider "$@"
