# healthfigures: `make dataset` and `make test` work on a fresh clone with Python 3.11+ and make.
# Every path variable is passed to the shell quoted, so folders with spaces or non-ASCII names work:
#   make dataset CORPUS="My documents/2024" OUTPUT="résultats"
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CORPUS ?= corpus
OUTPUT ?= output
GOLD   ?= tests/data/gold
DEV    ?= tests/data/dev
DEV_OUTPUT ?= build/dev-output
MISSES ?= 0
JOBS   ?= $(shell nproc 2>/dev/null || echo 1)
ENGINE ?= local
CACHE  ?= .cache/healthfigures

# $(call q,VALUE): VALUE as one single-quoted shell word (a ' inside becomes '\'').
q = '$(subst ','\'',$(1))'

.PHONY: dataset test lint eval bench notebooks clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

dataset: $(STAMP)
	$(BIN)/python -m extract.cli build --corpus $(call q,$(CORPUS)) --output $(call q,$(OUTPUT)) \
		--jobs $(call q,$(JOBS)) --engine $(call q,$(ENGINE)) --cache $(call q,$(CACHE))

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check extract schemas tests

# Scores on the bundled corpus (GOLD against OUTPUT) and on the development set of real
# documents (DEV/gold against a build of DEV/corpus into DEV_OUTPUT). MISSES=N lists the
# first N misses, false positives, wrong values and wrong attributes of each.
eval: dataset
	@echo "== bundled corpus ($(CORPUS)) against $(GOLD)"
	$(BIN)/python -m extract.cli eval --gold $(call q,$(GOLD)) --figures $(call q,$(OUTPUT))/figures.parquet \
		--misses $(call q,$(MISSES))
	@mkdir -p "$$(dirname $(call q,$(DEV_OUTPUT)))"
	$(BIN)/python -m extract.cli build --corpus $(call q,$(DEV))/corpus --output $(call q,$(DEV_OUTPUT)) \
		--jobs $(call q,$(JOBS)) --cache $(call q,$(CACHE))
	@echo "== development set ($(DEV)/corpus) against $(DEV)/gold"
	$(BIN)/python -m extract.cli eval --gold $(call q,$(DEV))/gold --figures $(call q,$(DEV_OUTPUT))/figures.parquet \
		--misses $(call q,$(MISSES))

# The analysis notebooks run on the dataset already in OUTPUT: they never rebuild it.
notebooks: $(STAMP)
	@test -f $(call q,$(OUTPUT))/figures.parquet || { \
		echo "no dataset in $(OUTPUT): run 'make dataset OUTPUT=...' first" >&2; exit 2; }
	HEALTHFIGURES_OUTPUT="$$(cd $(call q,$(OUTPUT)) && pwd)" $(BIN)/jupyter nbconvert --to html --execute \
		--output-dir notebooks/html notebooks/*.ipynb
	@echo "rendered: notebooks/html/"

bench: $(STAMP)
	$(BIN)/python -m extract.bench --mb $(call q,$(or $(MB),50))

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
