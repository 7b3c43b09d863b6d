# make run   set up .venv, then code the bundled example articles and print a table of events
# make test  set up .venv (with test extras and Chromium for browser tests), then lint and test
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: setup setup-test run test lint bench train clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; set PYTHON=/path/to/python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[web]'
	@touch $(STAMP)

$(TSTAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test]'
	@bash scripts/install-chromium.sh
	@touch $(TSTAMP)

setup: $(STAMP)

setup-test: $(TSTAMP)

run: setup
	$(BIN)/eventwire code examples/articles --format table

test: setup-test
	$(BIN)/ruff check eventwire tests benchmarks scripts
	$(BIN)/python -m pytest -q -p no:cacheprovider

# make train  retrain the shipped models from the repository and ../shared (fixed seed); never part of run/test
train: setup-test
	$(BIN)/python -m eventwire.events.model.train --folds 4
	$(BIN)/python scripts/train_confidence.py --seed 0

bench: setup-test
	$(BIN)/python benchmarks/bench_coder.py

clean:
	rm -rf $(VENV) build *.egg-info
