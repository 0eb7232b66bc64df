# Job Forge — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test worker scheduler lint format screenshots bench bench-load clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## Set up and serve the app on the embedded defaults (SQLite, no Redis, offline AI), in debug mode.
run: $(VENV)/.runtime
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

## Set up and run lint, format and migration checks, then the whole test suite.
test: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=1 $(VENV)/bin/pytest $(PYTEST_ARGS)

## Run a queue worker for local development (needs REDIS_URL).
worker: $(VENV)/.runtime
	DJANGO_DEBUG=1 $(PY) manage.py rqworker default

## Run the schedule that enqueues the reminder mails for the workers (needs REDIS_URL).
scheduler: $(VENV)/.runtime
	DJANGO_DEBUG=1 $(PY) manage.py rqcron tracking.cron

## Save PNG screenshots of the main pages into docs/screenshots/ (needs Chromium).
screenshots: $(VENV)/.dev
	JOBFORGE_SCREENSHOTS=1 DJANGO_DEBUG=1 $(VENV)/bin/pytest tests/e2e/test_screenshots.py

## Time document exports (median and p95 over 20 runs).
bench: $(VENV)/.runtime
	DJANGO_DEBUG=1 $(PY) bench/export.py

## Load-and-fault check: 50 API clients for 2 minutes on gunicorn, PostgreSQL, Redis and a
## worker of its own (loopback only), restarting Redis and PostgreSQL during it.
## BENCH_ARGS=--quick for a 20-second smoke run.
bench-load: $(VENV)/.runtime
	$(PY) bench/load_fault.py $(BENCH_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
