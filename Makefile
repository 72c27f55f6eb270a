# Fazhi — the two commands: `make demo` and `make test`. Everything else is a step of theirs.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: demo test install migrate serve bench lint check-browser clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

migrate: install
	$(PY) manage.py migrate --noinput -v0

## make demo: install, build the demo district (seed scale) and serve it on http://$(HOST):$(PORT)
demo: migrate
	$(PY) manage.py demo_district --if-empty
	$(PY) manage.py collectstatic --noinput -v0
	@$(PY) manage.py demo_accounts
	@echo "Serving http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	@trap 'kill $$HUEY_PID 2>/dev/null' EXIT; \
	 $(PY) manage.py run_huey --quiet & HUEY_PID=$$!; \
	 $(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --timeout 300 --access-logfile -

## make test: install and run the whole suite (SQLite unless DATABASE_URL is set)
test: install
	@bash scripts/ensure_chromium.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(VENV)/bin/pytest $(PYTEST_ARGS)

## make bench: run every benchmark under bench/ and print its figures
bench: migrate
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

lint: install
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/lint-imports --no-cache

clean:
	rm -rf var staticfiles
