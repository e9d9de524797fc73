# Two commands, both of which install what they need first:
#   make run    - runs Tend (the playground when BOT_TOKEN is unset)
#   make check  - lint, types and the whole test suite (what CI runs)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run check lint test journeys bench clean

$(STAMP): pyproject.toml
	$(PY) -c 'import sys; assert sys.version_info >= (3, 11), "Tend needs Python 3.11 or newer"'
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/tend run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(STAMP)
	bash scripts/system-deps
	$(BIN)/pytest

check: lint test

# A longer search of random journeys than CI's (tests/test_journeys.py); shrinks failures.
journeys: $(STAMP)
	JOURNEYS_EXAMPLES=$${JOURNEYS_EXAMPLES:-300} JOURNEYS_STEPS=$${JOURNEYS_STEPS:-40} \
		$(BIN)/pytest tests/test_journeys.py -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python -m bench.scheduling

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
