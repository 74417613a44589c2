"""`make run` with DATABASE_URL naming a PostgreSQL database that does not exist yet creates it."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

pytestmark = pytest.mark.slow  # `manage.py create_database` in subprocesses: a second each

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("DATABASE_URL", "")


@pytest.mark.skipif(not SERVER.startswith("postgres"), reason="needs PostgreSQL (DATABASE_URL)")
def test_a_missing_database_is_created_and_an_existing_one_left_alone():
    name = f"tracker_new_{uuid.uuid4().hex[:8]}"
    url = SERVER.rsplit("/", 1)[0] + "/" + name
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    command = [sys.executable, "manage.py", "create_database"]
    try:
        first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        assert first.stdout == f"Created the PostgreSQL database {name!r}.\n", first.stderr
        again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        assert (again.returncode, again.stdout) == (0, "")
    finally:
        with psycopg.connect(SERVER.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_on_sqlite_there_is_nothing_to_create():
    env = {**os.environ, "DATABASE_URL": "sqlite:///:memory:", "DJANGO_DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "manage.py", "create_database"], cwd=ROOT, env=env, capture_output=True
    )
    assert (done.returncode, done.stdout) == (0, b"")
