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

.PHONY: help guide accept test setup lint mock watch impact bench clean
.DEFAULT_GOAL := help

## help: cette liste (ce qu'affiche `make` seul)
help:
	@sed -n 's/^## \([a-z-]*\): /  make \1\t/p' $(MAKEFILE_LIST) | expand -t 16

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# -qq: errors only; setuptools' « BuildBackendWarning: Editable installation » is not the user's concern
	$(PY) -m pip install -qq -e '.[dev]'
	touch $(STAMP)

## setup: l'environnement Python, le projet et un Chromium (celui de Playwright, sinon celui de la distribution)
setup: $(STAMP)
	$(PY) -m scenarios.target.chromium

## guide: refaire ce qui a changé du guide (captures, vidéos, guide HTML/Word/PDF, revue) ; GUIDE_ARGS=--full refait tout
guide: setup
	$(PY) -m scenarios guide $(GUIDE_ARGS)

## accept: faire des images, vidéos et textes revus du dernier `make guide` le jeu accepté (n'exécute rien)
accept: $(STAMP)
	$(PY) -m scenarios accept

## test: vérifications du code, puis toute la suite (maquette et procédures du guide), sur deux cœurs
test: setup lint
	$(PY) -m pytest -n 2 --junitxml=reports/run/junit.xml $(PYTEST_ARGS)

## bench: les mesures de docs/performance.md (suite, captures, guide, plancher du navigateur, charge)
bench: setup
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/suite.py
	$(PY) bench/shots.py
	$(PY) bench/guide.py
	$(PY) bench/incremental.py
	$(PY) bench/floor.py
	$(PY) bench/load.py

## lint: ruff, mypy et le contrat d'imports entre les pièces (lint-imports), réglés dans pyproject.toml
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

## mock: la maquette à la main, ex. make mock SITUATION=compte-bloque ; OPEN=1 l'ouvre dans Chromium aux adresses du guide
mock: $(if $(OPEN),setup,$(STAMP))
	$(PY) -m scenarios mock $(if $(OPEN),--open) $(if $(SITUATION),--situation "$(SITUATION)") $(if $(SKIN),--skin $(SKIN)) $(MOCK_ARGS)

## watch: à chaque enregistrement (mock_portal/, scenarios/, guide.md), refaire ce qu'il touche ; la revue se recharge seule
watch: setup
	$(PY) -m scenarios watch $(GUIDE_ARGS)

## impact: les étapes et images du guide qu'un changement touche, ex. make impact SINCE=origin/main (ou FILES="...")
impact: $(STAMP)
	$(PY) -m scenarios impact $(if $(SINCE),--since $(SINCE)) $(FILES)

## clean: supprimer l'environnement et tous les rapports produits
clean:
	rm -rf $(VENV) reports test-results
