# Samordna — the two commands of the README are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL := postgres://postgres@127.0.0.1:5432/test

.PHONY: demo test lint types pytest bench install install-dev lock messages docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# Runtime dependencies exactly as locked (hashes checked), then Samordna itself.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	DEBUG=1 $(BIN)/samordna migrate --verbosity 0
	DEBUG=1 $(BIN)/samordna demo
	@echo "Samordna körs på http://127.0.0.1:8000 (avsluta med Ctrl-C); jobben körs av samordna jobs work"
	DEBUG=1 $(BIN)/samordna jobs work & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		DEBUG=1 $(BIN)/samordna runserver 127.0.0.1:8000

lint: install-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

types: install-dev
	DEBUG=1 $(BIN)/mypy

# The suite on SQLite, and again on DATABASE_URL when it is set; one worker per core
# (pytest-xdist, ADR 0013; PYTEST_WORKERS=0 runs it in one process).
PYTEST_WORKERS ?= auto
# With DATABASE_URL, what does not depend on the database runs once (SAMORDNA_PASS,
# tests/conftest.py): tests without a database on SQLite, the schemathesis runs on the second.
pytest: install-dev
	env -u DATABASE_URL DEBUG=1 SAMORDNA_PASS=$${DATABASE_URL:+first} \
		$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "--- the suite again on $$DATABASE_URL"; \
		DEBUG=1 SAMORDNA_PASS=second $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal; \
	fi

test: lint types pytest

# Benchmarks: prints the figures the issues ask for (docs/benchmarks.md keeps them).
bench: install-dev
	$(BIN)/python -m benchmarks.statistics_bench
	$(BIN)/python -m benchmarks.analysis_bench
	$(BIN)/python -m benchmarks.insights_bench
	$(BIN)/python -m benchmarks.report_bench
	$(BIN)/python -m benchmarks.scale

# Regenerate the locks from pyproject.toml (needs the network).
lock: $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes -o requirements-dev.lock

# Extract messages into the catalogues (django.po is where translations are written; what
# is there is kept, a new message is left empty, never guessed), then compile them.
messages: install-dev
	cd src/samordna && DEBUG=1 ../../$(BIN)/samordna makemessages -l sv -l en --no-obsolete --ignore "migrations/*" --verbosity 0
	cd src/samordna && DEBUG=1 ../../$(BIN)/samordna compilemessages --verbosity 0

# Regenerate docs/permissions.md and docs/cli.md from the code.
docs: install
	DEBUG=1 $(BIN)/samordna gendocs

clean:
	rm -rf $(VENV) var build *.egg-info
