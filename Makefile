# One-command entry points. `make reproduce` and `make test` set up .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.PHONY: external venv reproduce analyze test check lint format unit notebooks bench lock clean

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
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

check: $(STAMP) lint
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff format --check analysis tests bench
	$(PY) -m ruff check analysis tests bench

format: $(STAMP)
	$(PY) -m ruff format analysis tests bench
	$(PY) -m ruff check --fix analysis tests bench

bench: $(STAMP)
	$(PY) bench/run.py --reproduce

lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v -E '^(pip|setuptools)==' > requirements.lock.tmp
	echo "setuptools==80.9.0" >> requirements.lock.tmp
	mv requirements.lock.tmp requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
