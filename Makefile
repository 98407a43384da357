# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test lint typecheck unit install install-dev lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The runtime environment: pinned versions with hashes, then warlog itself (no deps).
$(VENV)/.installed: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/base.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Tables are 120 columns wide when make's output is not a terminal (rich would use 80).
DEMO_ENV := COLUMNS=$${COLUMNS:-120}

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(DEMO_ENV) $(BIN)/warlog ingest --db $(DEMO_DB) examples/articles
	$(DEMO_ENV) $(BIN)/warlog events --db $(DEMO_DB) --since 2020-10-01
	$(DEMO_ENV) $(BIN)/warlog casualties --db $(DEMO_DB) --side AM
	$(DEMO_ENV) $(BIN)/warlog actors --db $(DEMO_DB) --side AM
	@echo "Browse it: .venv/bin/warlog serve --db $(DEMO_DB), then open http://127.0.0.1:8765"

lint: install-dev
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks

typecheck: install-dev
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest

# Re-pin after changing requirements/*.in (needs pip-tools; not part of the two commands).
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements/base.txt requirements/base.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements/dev.txt requirements/dev.in

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB).lock .mypy_cache .ruff_cache .pytest_cache
