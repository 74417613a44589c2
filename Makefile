# make run  — create .venv, install, migrate, load the seed fixtures, serve the site as users see
#             it (debug off, the site's own error pages) with gunicorn on :8000 (PORT=8100 to change)
# make dev  — the same data, served by Django's debug server that reloads on every code change
# make test — ruff, migration check and the fast tests, under a minute (PostgreSQL when DATABASE_URL says so)
# make test-all — the same with the slow and browser tests too (load under wrk, fuzzing, Chromium): what CI runs
# make backup — every tracker table, its history, review queue and accounts, ids kept, into backups/ (restore: see README, Editors)
# make messages — extract the strings to translate into locale/uk/LC_MESSAGES/django.po (needs GNU gettext)
# make score — the importer's figures on the corpus of news articles (tests/corpus)
# make fixtures — rebuild fixtures/seed.json by importing the seed articles and accepting them all

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
# Threads keep /healthz and cached pages answering while other requests wait on the database.
THREADS ?= 4

# Test runs use a throwaway key and plain HTTP; production sets these in its environment.
TEST_ENV := DJANGO_SECRET_KEY=insecure-test-only-key DJANGO_DEBUG=0 DJANGO_SECURE_SSL=0

.PHONY: run dev database serve test test-all lint format install migrate seed roles backup clean fixtures bench score \
	translations messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# The .po catalogues compiled to .mo in pure Python (Babel): no GNU gettext needed to run.
translations: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py compile_translations

# New or changed strings into the catalogue (`makemessages` needs GNU gettext: apt-get install
# gettext); then translate every empty msgstr — a test fails on an untranslated or fuzzy entry.
messages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --locale uk --no-obsolete \
		--ignore '.venv/*' --ignore 'artifacts/*' --ignore 'tests/*' --ignore 'bench/*'

# The secret key `make run` signs sessions with: generated once, kept out of git (.gitignore).
SECRET_KEY_FILE := .secret_key
$(SECRET_KEY_FILE):
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# A PostgreSQL database named by DATABASE_URL that does not exist yet is created.
database: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py create_database

migrate: database
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py createcachetable

# The seed fixtures (on a fresh database only), then the public record (record/*.toml; merges
# with the seed's rows, idempotent, never overwrites an editor's change).
# Fixtures load without edit history: baseline_history records a first version of each row
# (once), the starting point for history diffs, the overview's status changes and the feed.
seed: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py load_seed
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py load_record
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py baseline_history

roles: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py setup_roles

backup: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py backup

# Served as users see it: debug off, plain HTTP on this machine, static files by whitenoise.
RUN_ENV = DJANGO_DEBUG=0 DJANGO_SECURE_SSL=0 DJANGO_SECRET_KEY="$$(cat $(SECRET_KEY_FILE))" \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-localhost,127.0.0.1,[::1],$(HOST)}

run: seed roles translations $(SECRET_KEY_FILE)
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Serving http://$(HOST):$(PORT)/ (debug off; make dev for the debug server)"
	$(RUN_ENV) $(BIN)/gunicorn tracker.wsgi --bind $(HOST):$(PORT) \
		--workers $(WORKERS) --threads $(THREADS) --access-logfile -

dev: seed roles translations
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The marks are registered in pyproject.toml: `e2e` drives Chromium, `slow` takes seconds a test.
# The fast tests build their database from the models (--nomigrations): applying the migrations
# to it took 3 to 9 s of each run. The line above checks that models and migrations agree, and
# `make test-all` (CI) builds its database by migrating.
FAST := -m "not e2e and not slow" --nomigrations
# The fast tests run in one process per CPU (pytest-xdist), each with its own test database;
# TEST_WORKERS=0 runs them all in this one process (e.g. to debug with --pdb).
TEST_WORKERS ?= auto

test: lint translations
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/python -m pytest $(FAST) -n $(TEST_WORKERS) $(PYTEST_ARGS)

# One process: the slow tests run gunicorn under wrk, nginx and Chromium, and collect the static
# files into staticfiles/; nothing else runs beside them to slow them down or share their files.
test-all: lint translations
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

# The seed fixture is what the import makes of the two seed articles, every candidate accepted,
# in a throwaway SQLite database. Re-running it reproduces fixtures/seed.json byte for byte.
FIXTURE_DB ?= artifacts/fixtures.sqlite3
SEED_FIXTURE ?= fixtures/seed.json
FIXTURE_MANAGE = DATABASE_URL=sqlite:///$(abspath $(FIXTURE_DB)) DJANGO_DEBUG=1 \
	$(BIN)/python manage.py
SEED_MODELS := agreements.country agreements.person agreements.source agreements.declaration \
	agreements.declarationsignatory agreements.delegation agreements.agreement \
	agreements.negotiationround agreements.citation
# Editorial knowledge, not article text: the third-round article carries no date.
UNDATED_NOTE := The article carries no date. It reports the recent US approval of the $$61 billion \
	aid package to Ukraine (April 2024) and calls 8 January a date “of this year”: published in \
	2024, not before late April. Only the year is recorded.

fixtures: install
	mkdir -p $(dir $(FIXTURE_DB)) && rm -f $(FIXTURE_DB)
	$(FIXTURE_MANAGE) migrate --noinput --verbosity 0
	$(FIXTURE_MANAGE) import_article fixtures/articles/002_46082a52ef3250a1.txt \
		--slug ukraine-us-negotiations-start-2023-08
	$(FIXTURE_MANAGE) import_article fixtures/articles/000_688109b70dedab2e.txt \
		--slug ukraine-us-third-round-2024 --published 2024 --date-note '$(UNDATED_NOTE)'
	$(FIXTURE_MANAGE) accept_candidates
	$(FIXTURE_MANAGE) dumpdata $(SEED_MODELS) --natural-foreign --natural-primary --indent 2 \
		--output $(SEED_FIXTURE)
	rm -f $(FIXTURE_DB)

# The importer's score on tests/corpus (recall, exact dates, must-not hits, publication dates),
# imported into a throwaway SQLite database. SCORE_ARGS: e.g. --lang uk --verbose, or --json.
SCORE_DB ?= artifacts/score.sqlite3
SCORE_MANAGE = DATABASE_URL=sqlite:///$(abspath $(SCORE_DB)) DJANGO_DEBUG=1 $(BIN)/python manage.py

score: install
	mkdir -p $(dir $(SCORE_DB)) && rm -f $(SCORE_DB)
	$(SCORE_MANAGE) migrate --noinput --verbosity 0
	$(SCORE_MANAGE) score_import $(SCORE_ARGS)
	rm -f $(SCORE_DB)

# Benchmarks (not tests): per-page queries and time at 1k/10k/100k rounds, throughput, load.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 $(SECRET_KEY_FILE) artifacts .pytest_cache .ruff_cache
