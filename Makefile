# unspin: `make run` sets everything up and analyses a bundled example;
# `make test` sets everything up and runs the whole test suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
EXAMPLE ?= examples/opinion-grain-corridor.txt
# The browser the web tests drive (Debian's package; Playwright never downloads one).
CHROMIUM := /usr/bin/chromium
EXAMPLE_DB := example.duckdb
EXAMPLE_INPUTS := examples/corpus examples/opinion-grain-corridor.txt \
                  examples/news-port-strike.html examples/opinion-energy-prices.html

.PHONY: install browser run serve test test-fast lint bench bench-serve clean

install: $(STAMP) browser

# tests/web/test_browser.py drives Chromium; install Debian's when it is missing and
# apt-get can (as root); otherwise those tests skip and say why.
browser:
	@if [ ! -x $(CHROMIUM) ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "installing chromium (Debian package) for the browser tests"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
		|| echo "could not install chromium (no package source?): the browser tests will skip"; \
	fi

# Quick when nothing changed: the stamp is newer than pyproject.toml.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(VENV)/bin/unspin analyze $(EXAMPLE)

# The web app over a corpus of the bundled examples (built once; not in the repository).
$(EXAMPLE_DB): | $(STAMP)
	$(VENV)/bin/unspin corpus add $(EXAMPLE_INPUTS) --db $(EXAMPLE_DB) --quiet

serve: install $(EXAMPLE_DB)
	$(VENV)/bin/unspin serve --db $(EXAMPLE_DB)

test: install
	$(PY) -m pytest -n 2 -q

test-fast: install
	$(PY) -m pytest -n 2 -q -m 'not slow'

lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy src

bench: install
	$(PY) benchmarks/analyze_throughput.py

bench-serve: install
	$(PY) benchmarks/serve_load.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
