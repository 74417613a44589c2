"""Measure SQL queries and server time of every page on one database (run by bench/run.py).

Runs in its own process because the database comes from DATABASE_URL at start-up. Prints one
JSON object per page on stdout. Each page is requested in-process through Django's test client
(the whole middleware stack, no network): one warm-up, then REPEAT timed requests; the figure is
the median. Page caching is off for the "uncached" column, on for the "cached" one.
"""

import json
import os
import statistics
import sys
import time

import django

REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))


def timed(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm-up: connection, templates, cache entry
    times, queries, status = [], [], None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            if response.streaming:  # the exports: the time includes producing every row
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
        status = response.status_code
    return status, max(queries), statistics.median(times)


def main():
    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import override_settings

    from tests.public_pages import admin_changelists, public_urls

    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    anonymous, editor = Client(), Client()
    editor.force_login(admin)

    for label, url in public_urls():
        with override_settings(PAGE_CACHE_SECONDS=0):
            status, queries, ms = timed(anonymous, url, REPEAT)
        _, cached_queries, cached_ms = timed(anonymous, url, REPEAT)
        print(
            json.dumps(
                {
                    "kind": "page",
                    "label": label,
                    "url": url,
                    "status": status,
                    "queries": queries,
                    "ms": round(ms, 1),
                    "cached_queries": cached_queries,
                    "cached_ms": round(cached_ms, 1),
                }
            ),
            flush=True,
        )
    for label, url in admin_changelists():
        status, queries, ms = timed(editor, url, REPEAT)
        print(
            json.dumps(
                {
                    "kind": "admin",
                    "label": label,
                    "url": url,
                    "status": status,
                    "queries": queries,
                    "ms": round(ms, 1),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    sys.exit(main())
