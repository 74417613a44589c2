"""A real gunicorn server, as in production: it holds up under concurrent load, and a real
browser finds nothing on its pages that the Content Security Policy blocks.

The load test is a light version of the one in bench/ (50 clients for 30 s): 10 connections for
3 s on loopback, on a database of its own (PostgreSQL when DATABASE_URL says so). It needs
Debian's wrk, the browser check Debian's chromium; .ci/run installs wrk.
"""

import os
import shutil
import subprocess

import pytest

from tests.live_server import (
    create_postgres_database,
    drop_postgres_database,
    environment,
    free_port,
    gunicorn,
    manage,
    wrk,
)
from tests.public_pages import PAGES, is_routed, path_values

CHROMIUM = shutil.which("chromium")

pytestmark = pytest.mark.slow  # gunicorn on a fresh database, then wrk for seconds


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with production settings over HTTP, on a fresh database with the seed data."""
    database_url = os.environ.get("DATABASE_URL", "")
    postgres = database_url.startswith("postgres")
    if postgres:
        database_url += "_load"
        create_postgres_database(database_url, drop=True)
    else:
        database_url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.sqlite3'}"
    env = environment(database_url)
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "loaddata", "seed", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    with gunicorn(env, free_port(0, 0), workers=2) as url:
        yield url
    if postgres:
        drop_postgres_database(database_url)


@pytest.fixture
def seeded_paths(client, seed):
    """The public pages of this build, with the seed data's slugs (sources by id are left out).

    A page that answers 404 with these arguments (say it wants a lower-case country code) is
    left out here; any other answer, a 500 included, stays in and fails the test under load.
    """
    values = path_values()
    paths = {page.path.format(**values) for page in PAGES if "{source}" not in page.path}
    paths = sorted(path for path in paths if is_routed(path))
    return [path for path in paths if client.get(path).status_code != 404]


@pytest.mark.skipif(not shutil.which("wrk"), reason="needs wrk (apt install wrk)")
def test_ten_concurrent_clients_get_no_errors(server, seeded_paths):
    result = wrk(server, connections=10, duration="3s", paths=seeded_paths)
    assert result["requests"] > 0, result["output"]
    assert result["non_2xx_3xx"] == 0, result["output"]
    assert result["socket_errors"] == 0, result["output"]


@pytest.mark.e2e
@pytest.mark.skipif(not CHROMIUM, reason="needs chromium")
def test_a_browser_reports_no_content_security_policy_violations(server, seeded_paths, client):
    # Pages only: a browser downloads the CSV and JSON exports and shows the feed as text.
    html_pages = [p for p in seeded_paths if client.get(p)["Content-Type"].startswith("text/html")]
    assert len(html_pages) >= 8
    for path in [*html_pages, "/admin/login/"]:
        browser = subprocess.run(
            [
                CHROMIUM,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--enable-logging=stderr",
                "--virtual-time-budget=2000",
                "--dump-dom",
                server + path,
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert "</html>" in browser.stdout, path  # the page really loaded
        # Chromium logs every blocked script, style or image as a console message.
        assert "Content Security Policy" not in browser.stderr, (path, browser.stderr)
