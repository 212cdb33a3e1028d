# The hub's commands. `make serve` and `make test` set everything up on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: install build serve offline test check hooks benchmark weight clean

install: $(VENV)/.installed

# The hub's own scripts are installed editable, importable from anywhere; PYTHONWARNINGS
# silences setuptools' banner about editable installs. The language identifier's model,
# restricted to the hub's languages, is kept beside the packages (no check waits for it).
$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	PYTHONWARNINGS='ignore:Editable installation' $(PY) -m pip install --quiet --no-deps -e .
	$(PY) -c 'from scripts.language_id import prepare; prepare()'
	touch $@

## build: the complete site in site/, PDF handouts included (HUB_HANDOUTS=off: none)
build: install
	$(PY) -m mkdocs build --strict

## serve: build once (handouts included), serve on http://$(HOST)/ and rebuild on every
## change; a rebuild shows the edited page at once, its handouts' last rendering kept
## while they are rendered again in the background (HUB_HANDOUTS=on: at each rebuild).
## SITE_URL: the local address, so pages are served at its root (`make build` uses the
## public one).
serve: install
	SITE_URL=http://$(HOST)/ HUB_HANDOUTS=$${HUB_HANDOUTS:-background} $(PY) -m mkdocs serve --strict --dev-addr $(HOST)

## offline: dist/menengage-hub-offline.zip, the site (handouts included) to open from
## disk: search works, nothing is fetched (HUB_HANDOUTS as for build)
offline: install
	$(PY) -m scripts.offline_bundle

## test: the consistency checker, then the whole test suite (Chromium found first)
## (pytest-xdist, one worker more than the cores: README, "Speed"; each built site
## shared by all the workers; TEST_WORKERS=0: one process)
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
test: install
	$(PY) -m scripts.chromium
	$(PY) -m scripts.check
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=20

## check: the consistency checker alone (FILES="docs/es/x.md …" to report on some pages)
check: install
	$(PY) -m scripts.check $(FILES)

## hooks: before each commit, check exactly what is staged (.githooks/pre-commit, with
## .venv's Python: nothing to activate)
hooks:
	git config core.hooksPath .githooks

## benchmark: every benchmark of scripts/benchmarks/__main__.py (BENCHMARKS="loop …": some):
## the change loop and first page's weight against stock, the handouts, the checker at scale
benchmark: install
	$(PY) -m scripts.benchmarks $(BENCHMARKS)

## weight: the home page and largest document of each language, cold in Chromium,
## against a stock Material site with the same pages (requests, bytes, load time)
weight: install
	$(PY) -m scripts.benchmarks.page_weight

clean:
	rm -rf site site-offline dist .pytest_cache .cache
