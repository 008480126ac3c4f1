# Two commands: `make demo` runs the guarded-vs-raw evaluation, `make test` runs the test suite.
# Each creates its own virtual environment in .venv if it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/guards ab --agent simulated:calibrated --suite calendar --trials 3 --out results/demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/env_bench.py
	$(BIN)/python benchmarks/guard_bench.py
	$(BIN)/python benchmarks/server_bench.py

clean:
	rm -rf $(VENV) results .mypy_cache .ruff_cache .pytest_cache
