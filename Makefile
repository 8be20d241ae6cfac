# One-command entry points. `make reproduce` and `make test` set up .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.PHONY: external venv reproduce analyze test check lint format unit notebooks bench lock clean

venv: $(STAMP)

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

## the main job: tables, figures, executed notebooks and HTML reports, from scratch
reproduce: $(STAMP) external
	$(PY) -m analysis reproduce

## link the benchmark data folders of ../shared/data into data/external when present
external:
	@if [ -d ../shared/data ]; then for d in ../shared/data/*/; do \
	  n=$$(basename "$$d"); [ -e "data/external/$$n" ] || ln -s "$$(cd "$$d" && pwd)" "data/external/$$n"; \
	done; fi

analyze: $(STAMP)
	$(PY) -m analysis analyze

## lint, unit tests, and a check that every notebook executes
test: $(STAMP) external lint
	$(PY) -m pytest -q
	$(PY) -m analysis reproduce --check-notebooks

## lint + the fast tests (no notebook execution) on both cores: under a minute
check: $(STAMP) lint
	$(PY) -m pytest -q -n 2 -m "not slow"

lint: $(STAMP)
	$(PY) -m ruff format --check analysis tests bench notebooks/*.py
	$(PY) -m ruff check analysis tests bench notebooks/*.py

format: $(STAMP)
	$(PY) -m ruff format analysis tests bench notebooks/*.py
	$(PY) -m ruff check --fix analysis tests bench notebooks/*.py

## bench/results.csv (one row per measure) and its table; bigger corpora:
## `python -m bench.scale 10000 --write` (see bench/README.md). About 10 minutes on 2 cores.
bench: $(STAMP) external
	$(PY) -m bench.splitter --corpus seeds nyt babe --write
	$(PY) -m bench.scale 300 1000 --write
	$(PY) -m bench.workers 300 --dask --write
	$(PY) -m bench.results

## re-pin: runtime packages to requirements.lock, dev tools (DEV_TOOLS and what they need) to requirements-dev.lock
DEV_TOOLS := execnet iniconfig pluggy pytest pytest-xdist ruff
lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v -E '^(pip|setuptools)==' > requirements.all.tmp
	grep -i -v -E '^($(subst $(space),|,$(DEV_TOOLS)))==' requirements.all.tmp > requirements.lock.tmp
	echo "setuptools==80.9.0" >> requirements.lock.tmp
	(echo "# development tools (tests, lint); the runtime pins are in requirements.lock"; \
	 grep -i -E '^($(subst $(space),|,$(DEV_TOOLS)))==' requirements.all.tmp) > requirements-dev.lock.tmp
	mv requirements.lock.tmp requirements.lock
	mv requirements-dev.lock.tmp requirements-dev.lock
	rm requirements.all.tmp

space := $(subst ,, )

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
