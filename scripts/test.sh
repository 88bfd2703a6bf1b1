#!/usr/bin/env bash
# The whole test suite: static checks and the breaking-change gate against HEAD~1 (scripts/breaking), then pytest
# on 3 workers (PYTEST_WORKERS). CLOUDSIGN_SLOW=1 runs the larger variants.
#
# Three workers on two cores: the suite waits a good part of its time (timeouts of hostile servers, sleeps of fault
# tests, subprocesses starting), and a third worker fills those gaps (a fresh clone, quiet 2-core machine: 4 m 30 s
# with 3 workers, 5 m 08 s with 2).
#
# The static checks and the gate are single-threaded (~30 s) and run beside pytest, using the CPU its workers leave
# idle (waiting on subprocesses, servers and sleeps); their output is printed when they end, and the command fails
# if either side failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PWD/node_modules/.bin:$PATH"
# Bytecode is written once, outside the tree (.venv/pycache), and read by every later process. Where the environment
# sets PYTHONDONTWRITEBYTECODE (this machine's does), every Python process of the suite (3 workers, and about a
# hundred subprocesses: the schemathesis CLI, contract runs, `make run`, the README's examples) would otherwise compile
# every module it imports from source again (collecting the tests alone: 19 s of CPU per worker, 11 s with it).
export PYTHONPYCACHEPREFIX="$PWD/.venv/pycache"
unset PYTHONDONTWRITEBYTECODE
static_log=$(mktemp)
trap 'rm -f "$static_log"' EXIT
(
  scripts/lint.sh
  echo "== breaking changes since the previous commit"
  PYTHONPATH=scripts python -m breaking --base HEAD~1 --skip-missing-base
) >"$static_log" 2>&1 &
static_pid=$!
echo "== pytest (static checks and the breaking-change gate run beside it; their output follows it)"
pytest_status=0
python -m pytest -n "${PYTEST_WORKERS:-3}" --dist loadfile --no-loadscope-reorder -p no:cacheprovider "$@" || pytest_status=$?
static_status=0
wait "$static_pid" || static_status=$?
echo "== static checks and the breaking-change gate"
cat "$static_log"
if [ "$static_status" -ne 0 ]; then
  echo "static checks or the breaking-change gate FAILED (exit $static_status)" >&2
fi
exit $(( pytest_status != 0 ? pytest_status : static_status ))
