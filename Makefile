# The front door. Every target installs what it needs into .venv/ (and node_modules/) on first use.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
export PATH := $(CURDIR)/$(VENV)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true
export NO_UPDATE_NOTIFIER := 1
PYTEST_WORKERS ?= 3
DAS_EMULATOR_PORT ?= 18780
DATAWORKS_EMULATOR_PORT ?= 18781
export DAS_EMULATOR_PORT DATAWORKS_EMULATOR_PORT
HAND_WRITTEN := overlays scripts tests

BASE ?= HEAD

.PHONY: help setup node generate breaking lint typecheck test test-slow run emulate contract bench bundle docs downstream load clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

setup: $(VENV)/.bootstrap-stamp  ## create .venv with the locked dependencies (idempotent)
$(VENV)/.bootstrap-stamp: requirements/dev.lock requirements/uv.txt overlays/pyproject.toml $(wildcard generated/*/setup.py)
	@scripts/bootstrap.sh

node: node_modules/.package-lock.json  ## install the pinned npm tools (Redocly, Spectral, openapi-typescript)
node_modules/.package-lock.json: package.json package-lock.json
	@npm ci --no-audit --no-fund --loglevel=error

generate: setup  ## regenerate generated/ from every document in specs/ (byte for byte)
	@scripts/generate.sh generated

breaking: setup  ## breaking changes in specs/ and the generated packages since BASE (default HEAD): make breaking BASE=main
	@PYTHONPATH=scripts $(PY) -m breaking --base "$(BASE)"

# .venv/ and node_modules/ are independent: made side by side (from a fresh clone ~15 s instead of ~27 s one after the
# other, each being ~14 s of one core).
TOOLS := $(MAKE) --no-print-directory -j2 setup node

lint:  ## ruff + mypy --strict on everything; spec validation and Redocly/Spectral lint
	@$(TOOLS)
	@scripts/lint.sh

test:  ## the full test suite (what CI runs)
	@$(TOOLS)
	@scripts/test.sh

test-slow:  ## larger randomized runs (more hypothesis and schemathesis examples)
	@$(TOOLS)
	@CLOUDSIGN_SLOW=1 scripts/test.sh

run: setup  ## start both emulators, call both APIs with every scheme, print a table, stop
	@$(PY) scripts/run.py

emulate: setup  ## serve both emulators on 127.0.0.1 in the foreground
	@$(PY) -m cloudsign.emulate

contract: setup  ## schemathesis against any deployment: make contract URL=... SPEC=specs/... [SIGNATURE=HMAC-SHA1]
	@$(PY) scripts/contract.py --url "$(URL)" --spec "$(SPEC)" --signature "$(SIGNATURE)"

bundle: setup node  ## self-contained YAML and JSON copies of both specs, with SHA256SUMS, in dist/ (deterministic)
	@$(PY) scripts/bundle.py dist

docs: node  ## static HTML API reference of every spec in dist/docs/ (no browser needed; its test installs one)
	@scripts/docs.sh dist/docs

downstream: setup node docs  ## specs/ through other generators (openapi-generator, openapi-typescript, datamodel-codegen), bundle, docs
	@$(PY) -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider tests/downstream

load: setup  ## 10 000 async creates per API at 256 in flight against the emulators (also part of make test)
	@$(PY) -m pytest tests/load -p no:cacheprovider -q -s

bench: setup  ## benchmark against the official SDKs and the httpx/stdlib floors (a few minutes; QUICK=1: a smoke run)
	@$(VENV)/bin/uv pip install -q --python $(PY) -r requirements/bench.lock
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { apt-get update -qq && apt-get install -y -qq nginx; }
	@PYTHONPATH=scripts $(PY) -m bench $(if $(filter 1,$(QUICK)),--quick) $(BENCH_ARGS)

clean:  ## remove the virtualenv, node_modules and build leftovers
	rm -rf $(VENV) node_modules dist build .pytest_cache .mypy_cache .hypothesis
