# waitinfo: the commands people use. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install install-test run serve demo migrate test test-fast browser-test bench audit lint clean

help: ## show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## create .venv and install waitinfo

install-test: $(VENV)/.installed-test ## install waitinfo with what the tests need

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

audit: install-test ## check installed dependencies against PyPI's vulnerability data (scripts/audit_deps.py)
	$(BIN)/python scripts/audit_deps.py

clean: ## remove the virtualenv, embedded database and artefacts
	rm -rf $(VENV) .waitinfo artifacts
