"""Through nginx with the repository's configuration (deploy/nginx-site.conf): public pages are
kept by the proxy and revalidated with 304s, an edit shows once the cache time has passed,
editors are never served a shared copy, static files come from disk, compressed.

gunicorn runs with production settings on a fresh database with the seed data, the proxy's
cache time shortened to 2 s so the test can wait it out. Needs Debian's nginx (.ci/run
installs it).
"""

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.html_text import elements
from tests.live_proxy import NGINX, nginx
from tests.live_server import (
    PYTHON,
    ROOT,
    create_postgres_database,
    drop_postgres_database,
    environment,
    free_port,
    gunicorn,
    manage,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which(NGINX), reason="needs nginx (apt install nginx)"),
]

CACHE_SECONDS = 2


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(nginx URL, gunicorn URL, environment) on a fresh database with the seed data."""
    database_url = os.environ.get("DATABASE_URL", "")
    postgres = database_url.startswith("postgres")
    if postgres:
        database_url += "_proxy"
        create_postgres_database(database_url, drop=True)
    else:
        database_url = f"sqlite:///{tmp_path_factory.mktemp('proxy') / 'proxy.sqlite3'}"
    env = environment(
        database_url,
        DJANGO_PROXY_CACHE_SECONDS=str(CACHE_SECONDS),
        DJANGO_PROXY_STALE_SECONDS="1",
        DJANGO_PROXY_COUNT="1",
    )
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "loaddata", "seed", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    with gunicorn(env, free_port(0, 0), workers=2) as app, nginx(app) as proxy:
        yield proxy, app, env
    if postgres:
        drop_postgres_database(database_url)


def get(url, headers=None):
    """(status, headers, body) of a GET, a 304 included."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_the_proxy_keeps_a_public_page_and_serves_it_without_the_app(site):
    proxy, _, _ = site
    statuses = [get(f"{proxy}/countries/")[1]["X-Cache-Status"] for _ in range(3)]
    assert statuses[0] in {"MISS", "EXPIRED"}
    assert statuses[1:] == ["HIT", "HIT"]


def test_the_proxy_answers_a_conditional_request_with_304(site):
    proxy, _, _ = site
    _, headers, _ = get(f"{proxy}/sources/")
    status, again, body = get(f"{proxy}/sources/", {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")
    assert again["ETag"] == headers["ETag"]


def test_the_app_itself_answers_a_conditional_request_with_304(site):
    _, app, _ = site
    _, headers, _ = get(f"{app}/agreements/")
    assert (get(f"{app}/agreements/", {"If-None-Match": headers["ETag"]})[0]) == 304
    assert (get(f"{app}/agreements/", {"If-Modified-Since": headers["Last-Modified"]})[0]) == 304


def test_an_edit_shows_through_the_proxy_once_the_cache_time_has_passed(site):
    proxy, _, env = site
    assert b"Freedonia" not in get(f"{proxy}/countries/")[2]
    subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from agreements.models import Country; "
            "Country.objects.create(iso2='FD', name='Freedonia')",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    time.sleep(CACHE_SECONDS + 0.5)
    # The first request after the cache time may still get the kept copy while nginx asks the
    # app again in the background (stale-while-revalidate); the next ones get the new page.
    get(f"{proxy}/countries/")
    time.sleep(0.5)
    status, _, body = get(f"{proxy}/countries/")
    assert status == 200
    assert b"Freedonia" in body


def test_an_editor_is_never_served_the_shared_copy(site):
    proxy, _, _ = site
    get(f"{proxy}/agreements/")
    status, headers, _ = get(f"{proxy}/agreements/", {"Cookie": "sessionid=someone"})
    assert status == 200
    assert headers["X-Cache-Status"] == "BYPASS"


def test_pages_are_compressed_for_clients_that_accept_it(site):
    proxy, _, _ = site
    _, headers, body = get(f"{proxy}/agreements/", {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert body[:2] == b"\x1f\x8b"


def test_static_files_come_from_disk_with_a_long_lifetime_when_hashed(site):
    proxy, _, _ = site
    page = get(f"{proxy}/")[2].decode()
    links = [a for tag, a in elements(page) if tag == "link"]
    # the site's stylesheet is a static file (the print stylesheet, after it, is a page)
    stylesheet, _ = [a["href"] for a in links if a["rel"] == "stylesheet"]
    status, headers, _ = get(f"{proxy}{stylesheet}", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert "immutable" in headers["Cache-Control"], stylesheet
    assert headers["Server"].startswith("nginx")
    assert "X-Cache-Status" not in headers  # not proxied


def test_a_body_over_the_limit_is_refused_by_the_proxy(site):
    proxy, _, _ = site
    request = urllib.request.Request(f"{proxy}/admin/login/", data=b"x" * (7 * 1024 * 1024))
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 413
