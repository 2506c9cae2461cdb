#!/usr/bin/env bash
# Regenerate the pinned requirements in requirements/ from pyproject.toml with pip-tools (`make lock`).
#
#   test.txt  runtime + dev (embedded PostgreSQL) + test extras: `make install-test`, `make test`, CI
#   dev.txt   runtime + dev: `make install`, `make run`
#   base.txt  runtime only: the production image (Dockerfile)
#   load.txt  runtime + Locust: `make load`
#
# test.txt is resolved first and constrains the others, so one package has one version everywhere.
# Pass --upgrade (make lock LOCK_ARGS=--upgrade) to move every pin to the newest allowed release.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
"$PYTHON" -m piptools --version >/dev/null 2>&1 || "$PYTHON" -m pip install --quiet "pip-tools>=7.4"
export CUSTOM_COMPILE_COMMAND="make lock"
compile() {
  "$PYTHON" -m piptools compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
    --no-emit-trusted-host --annotation-style=line --resolver=backtracking "$@" pyproject.toml
}
compile "$@" --extra dev --extra test --output-file requirements/test.txt
compile "$@" --extra dev --constraint requirements/test.txt --output-file requirements/dev.txt
compile "$@" --constraint requirements/test.txt --output-file requirements/base.txt
compile "$@" --extra load --constraint requirements/test.txt --output-file requirements/load.txt
echo "requirements/*.txt bijgewerkt; commit ze samen met pyproject.toml."
