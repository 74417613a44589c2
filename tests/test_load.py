"""Under concurrent load, gunicorn serves every public page without a single error.

A light version of the load test in bench/ (50 clients for 30 s): 10 connections for 3 s
against a real gunicorn on loopback, on a database of its own (PostgreSQL when DATABASE_URL
says so). It needs Debian's wrk; .ci/run installs it.
"""

import os
import shutil

import pytest

from bench.pages import PAGES, is_routed, path_values
from bench.server import (
    create_postgres_database,
    drop_postgres_database,
    environment,
    free_port,
    gunicorn,
    manage,
    wrk,
)

pytestmark = pytest.mark.skipif(not shutil.which("wrk"), reason="needs wrk (apt install wrk)")


@pytest.fixture
def load_database(tmp_path):
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgres"):
        database_url += "_load"
        create_postgres_database(database_url, drop=True)
        yield database_url
        drop_postgres_database(database_url)
    else:
        yield f"sqlite:///{tmp_path / 'load.sqlite3'}"


@pytest.fixture
def seeded_paths(seed):
    """The public pages of this build, with the seed data's slugs (sources by id are left out)."""
    values = path_values()
    paths = {page.path.format(**values) for page in PAGES if "{source}" not in page.path}
    return sorted(path for path in paths if is_routed(path))


def test_ten_concurrent_clients_get_no_errors(load_database, seeded_paths):
    env = environment(load_database)
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "loaddata", "seed", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    with gunicorn(env, free_port(0, 0), workers=2) as url:
        result = wrk(url, connections=10, duration="3s", paths=seeded_paths)
    assert result["requests"] > 0, result["output"]
    assert result["non_2xx_3xx"] == 0, result["output"]
    assert result["socket_errors"] == 0, result["output"]
