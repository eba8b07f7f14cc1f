# healthfigures: `make dataset` and `make test` work on a fresh clone with Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CORPUS ?= corpus
OUTPUT ?= output
GOLD   ?= tests/data/gold
JOBS   ?= $(shell nproc 2>/dev/null || echo 1)
ENGINE ?= local
CACHE  ?= .cache/healthfigures

.PHONY: dataset test lint eval bench notebooks clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

dataset: $(STAMP)
	$(BIN)/python -m extract.cli build --corpus $(CORPUS) --output $(OUTPUT) --jobs $(JOBS) \
		--engine $(ENGINE) --cache $(CACHE)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check extract schemas tests

eval: dataset
	$(BIN)/python -m extract.cli eval --gold $(GOLD) --figures $(OUTPUT)/figures.parquet

notebooks: dataset
	HEALTHFIGURES_OUTPUT=$(abspath $(OUTPUT)) $(BIN)/jupyter nbconvert --to html --execute \
		--output-dir notebooks/html notebooks/*.ipynb
	@echo "rendered: notebooks/html/"

bench: $(STAMP)
	$(BIN)/python -m extract.bench --mb $(or $(MB),50)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
