# waitinfo: the commands people use. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
LOCK_ARGS ?=

.PHONY: help install install-test run serve demo migrate test test-fast browser-test bench load audit lint lock wheel-smoke clean

help: ## show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools

# Pinned versions from the lock files in requirements/ (`make lock` regenerates them), then waitinfo itself.
$(VENV)/.installed: pyproject.toml requirements/dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml requirements/test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## create .venv and install waitinfo (pinned, with the embedded PostgreSQL)

install-test: $(VENV)/.installed-test ## install waitinfo with what the tests and lint need (pinned)

lock: | $(BIN)/python ## regenerate requirements/*.txt from pyproject.toml (pip-tools; LOCK_ARGS=--upgrade for newer pins)
	bash scripts/lock.sh $(LOCK_ARGS)

run: install ## set up, migrate, load the demo data for all of Twente and serve on http://127.0.0.1:8000
	$(BIN)/waitinfo demo
	$(BIN)/waitinfo serve

serve: install ## serve the app without reloading demo data
	$(BIN)/waitinfo migrate
	$(BIN)/waitinfo serve

demo: install ## (re)load the demo data (deterministic)
	$(BIN)/waitinfo demo

migrate: install ## bring the database schema up to date
	$(BIN)/waitinfo migrate

test: install-test ## set up and run the whole test suite (browser tests need Debian's chromium)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: install-test ## run the tests without the browser and slow tests
	$(BIN)/python -m pytest -m "not browser and not slow" $(PYTEST_ARGS)

browser-test: install-test ## run only the browser tests (screenshots in artifacts/screenshots)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

bench: install-test ## run the benchmarks and write docs/performance.md
	$(BIN)/python -m bench.run_all

load: install ## Locust step load on `waitinfo serve --workers 2` (demo data): highest rate with p95 < 100 ms
	$(BIN)/pip install --quiet -r requirements/load.txt
	$(BIN)/python -m bench.load --write

lint: install-test ## ruff: lint and formatting check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

wheel-smoke: ## build the wheel, install it in a fresh venv, migrate, load the demo and GET two pages
	bash scripts/wheel_smoke.sh

audit: install-test ## check installed dependencies against PyPI's vulnerability data (scripts/audit_deps.py)
	@# jsonschema-rs: schemathesis (test extra) caps it below the newest release, which alone can be checked here.
	@# With pinned versions, "niet de nieuwste versie" means: run `make lock LOCK_ARGS=--upgrade` and commit.
	$(BIN)/python scripts/audit_deps.py --ignore jsonschema-rs

clean: ## remove the virtualenv, embedded database and artefacts
	rm -rf $(VENV) .waitinfo artifacts
