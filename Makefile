# Pacte: `make demo` runs the product, `make test` runs the whole check.
SHELL := /bin/bash
PY := .venv/bin/python
MANAGE := $(PY) manage.py
STAMP := .venv/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
PYTEST_ARGS ?=
DEMO_CONTACTS ?= 30000
DEMO_MONTHS ?= 12
PORT ?= 8000

.PHONY: install demo test lint typecheck migrations-check pytest fuzz bench bench-dunning messages static clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3.11 -m venv .venv || python3 -m venv .venv
	test -x .venv/bin/uv || { $(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip >/dev/null; \
		$(PY) -m pip install --quiet --disable-pip-version-check uv; }
	.venv/bin/uv pip install --quiet --python $(PY) -r requirements.txt -r requirements-dev.txt
	rm -f .venv/.installed-*
	touch $(STAMP)

install: $(STAMP) static messages

static:
	bin/vendor-static.sh

messages: $(STAMP)
	cd src/pacte && ../../$(PY) ../../manage.py compilemessages -v 0

demo: install
	bin/demo.sh --contacts $(DEMO_CONTACTS) --months $(DEMO_MONTHS) --port $(PORT)

lint: $(STAMP)
	.venv/bin/ruff check src manage.py
	.venv/bin/ruff format --check src manage.py
	PYTHONPATH=src .venv/bin/lint-imports --no-cache

typecheck: $(STAMP)
	.venv/bin/mypy src

migrations-check: $(STAMP)
	$(MANAGE) makemigrations --check --dry-run

pytest: install
	.venv/bin/pytest -n 2 --cov --cov-report=term --cov-fail-under=90 $(PYTEST_ARGS)

test: lint typecheck migrations-check pytest

# The API fuzzed longer than in `make test` (which runs 6 examples per operation and role).
FUZZ_EXAMPLES ?= 60
fuzz: install
	PACTE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) .venv/bin/pytest -n 2 src/pacte/api/tests/test_fuzz.py

bench: install
	$(MANAGE) run_bench

# Dunning only (T4.3): 1,000,000 unpaid-bill CSV rows, 100,000 suspensions checked.
bench-dunning: install
	$(MANAGE) run_bench --dunning-only

clean:
	rm -rf .venv var src/pacte/static/vendor
