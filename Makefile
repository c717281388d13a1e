# Two commands do all setup on a fresh machine: `make graph` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

.PHONY: install graph test lint
install: $(VENV)/.installed

# Build the graph of seeds/: Turtle, a PNG plot and a summary.
graph: install
	$(BIN)/kg build seeds/ -o out/graph.ttl --plot out/graph.png --fresh

lint: install
	$(BIN)/ruff check .

# Lint, then the test suite (unit tests, doctests, the notebook, gold-set floors).
test: lint
	$(BIN)/python -m pytest
