# Two commands: `make demo` runs the guarded-vs-raw evaluation, `make test` runs the test suite.
# Each creates the virtual environment in .venv if it is missing and installs only what it needs:
# the demo the core and the report extras (.[eval]), the tests everything (.[dev]). Separate stamps,
# so running one and then the other installs the difference.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_STAMP := $(VENV)/.installed-demo
DEV_STAMP := $(VENV)/.installed-dev
export NO_MKDOCS_2_WARNING := 1

.PHONY: demo test docs bench clean browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(DEMO_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[eval]"
	touch $(DEMO_STAMP)

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"
	touch $(DEV_STAMP) $(DEMO_STAMP)

demo: $(DEMO_STAMP)
	$(BIN)/guards ab --agent simulated:calibrated --suite calendar --trials 3 --out results/demo

# report.html is checked in a real headless Chromium (tests/evals/test_episode_view.py). CI runs as
# root on Debian, so it installs the distribution's chromium from the package mirror; elsewhere the
# test runs where a chromium is installed (and fails under CI=true without one, never skips there).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  command -v google-chrome >/dev/null 2>&1 || \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else \
	    echo "note: no chromium; the browser check of report.html needs one (apt-get install chromium)"; \
	  fi

# pytest -n auto: the tests spread over every core (pytest-xdist); each test is independent of the others.
test: $(DEV_STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/mkdocs build --strict --quiet
	$(BIN)/pytest -n auto

docs: $(DEV_STAMP)
	$(BIN)/mkdocs serve

# scale_bench builds a million-event world (minutes); SCALE_ARGS="--big-events 0" skips it.
bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/env_bench.py
	$(BIN)/python benchmarks/guard_bench.py
	$(BIN)/python benchmarks/server_bench.py --workers 1 2
	$(BIN)/python benchmarks/scale_bench.py $(SCALE_ARGS)
	$(BIN)/python benchmarks/rollout_bench.py

clean:
	rm -rf $(VENV) results site .mypy_cache .ruff_cache .pytest_cache
