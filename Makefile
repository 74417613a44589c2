# make run  — create .venv, install, migrate, load the seed fixtures, serve with gunicorn on :8000
# make test — ruff, migration check and the whole pytest suite (PostgreSQL when DATABASE_URL says so)

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3

# Test runs use a throwaway key and plain HTTP; production sets these in its environment.
TEST_ENV := DJANGO_SECRET_KEY=insecure-test-only-key DJANGO_DEBUG=0 DJANGO_SECURE_SSL=0

.PHONY: run serve test lint format install migrate seed clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

migrate: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py createcachetable

seed: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py loaddata seed

run: seed
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/gunicorn tracker.wsgi --bind $(HOST):$(PORT) \
		--workers $(WORKERS) --access-logfile -

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmarks (not tests): per-page queries and time at 1k/10k/100k rounds, throughput, load.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 artifacts .pytest_cache .ruff_cache
