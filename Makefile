# MentorMatch: `make demo` runs the whole site on SQLite; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.11 python3.12 python3.13 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/mentormatch

.PHONY: install demo serve test test-fast lint typecheck test-sqlite test-postgres bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt scripts/install-system-deps.sh scripts/system-packages.txt $(wildcard package.json package-lock.json)
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (python3.11 not found)."; exit 1; }
	bash scripts/install-system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,embeddings]'
	if [ -f package.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi
	touch $@

demo: install
	bash scripts/demo.sh

# The production web server with the README's production settings in the environment
# (DJANGO_SECRET_KEY, DATABASE_URL, ...): checks, migrations, static files, then gunicorn.
serve: install
	bash scripts/serve.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	DJANGO_SECRET_KEY=typecheck-only $(BIN)/mypy .

test-sqlite: install
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: install
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest

test: lint typecheck test-sqlite test-postgres

# The loop to run before each commit: ruff, then the suite on SQLite without the browser tests
# (tests/browser and every test marked `browser`), nor the few marked `slow` (the real embedding
# model, whole site processes); no PostgreSQL, no mypy. `make test` runs all.
# One process: pytest-xdist's -n 2 was measured slower on the 2-core machine (more CPU, no gain).
test-fast: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	env -u DATABASE_URL $(BIN)/pytest -q --ignore=tests/browser -m "not browser and not slow"

bench: install
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[bench]"
	$(BIN)/python bench/engine.py

clean:
	rm -rf $(VENV) node_modules staticfiles .mypy_cache .pytest_cache .ruff_cache
