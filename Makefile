# Two commands do everything, set-up included: `make guide` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# Bytecode of our own modules (and of the test modules pytest rewrites) is cached outside the source tree,
# even where PYTHONDONTWRITEBYTECODE is set: otherwise every process, each xdist worker included, compiles
# them again, about a second each.
export PYTHONPYCACHEPREFIX := $(CURDIR)/.venv/pycache
unexport PYTHONDONTWRITEBYTECODE
# The same for Playwright's driver (Node): its compiled modules are cached, 0.56 -> 0.43 s per start, paid by
# every process that drives a browser.
export NODE_COMPILE_CACHE := $(CURDIR)/.venv/node-compile-cache

.PHONY: guide accept test setup lint mock watch impact bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## setup: virtualenv, project and a Chromium (Playwright's, else the distribution's)
setup: $(STAMP)
	$(PY) -m scenarios.target.chromium

## guide: regenerate the guide's screenshots and the run report
guide: setup
	$(PY) -m scenarios guide $(GUIDE_ARGS)

## accept: make the last reviewed `make guide` run's images the accepted set (runs nothing)
accept: $(STAMP)
	$(PY) -m scenarios accept

## test: lint, then the whole suite (mock unit tests and every scenario), two workers
test: setup lint
	$(PY) -m pytest -n 2 --junitxml=reports/run/junit.xml $(PYTEST_ARGS)

## bench: figures for docs/performance.md (suite, screenshots, guide, floor ratio, load)
bench: setup
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/suite.py
	$(PY) bench/shots.py
	$(PY) bench/guide.py
	$(PY) bench/incremental.py
	$(PY) bench/floor.py
	$(PY) bench/load.py

## lint: ruff, mypy and the rooms' import contract (lint-imports), all configured in pyproject.toml
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

## mock: run the mock locally, e.g. make mock SITUATION=compte-bloque; OPEN=1 shows it in Chromium at the guide's addresses
mock: $(if $(OPEN),setup,$(STAMP))
	$(PY) -m scenarios mock $(if $(OPEN),--open) $(if $(SITUATION),--situation "$(SITUATION)") $(if $(SKIN),--skin $(SKIN)) $(MOCK_ARGS)

## watch: on every save in mock_portal/, scenarios/ or guide.md, redo what it touches (review.html reloads itself)
watch: setup
	$(PY) -m scenarios watch $(GUIDE_ARGS)

## impact: which guide steps and images a change touches, e.g. make impact SINCE=origin/main (or FILES="...")
impact: $(STAMP)
	$(PY) -m scenarios impact $(if $(SINCE),--since $(SINCE)) $(FILES)

clean:
	rm -rf $(VENV) reports test-results
