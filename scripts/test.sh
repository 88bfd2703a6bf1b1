#!/usr/bin/env bash
# The whole test suite: static checks, then pytest on 2 workers. CLOUDSIGN_SLOW=1 runs the larger variants.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PWD/node_modules/.bin:$PATH"
scripts/lint.sh
echo "== pytest"
exec python -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile -p no:cacheprovider "$@"
