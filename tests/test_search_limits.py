"""One search cannot keep the database busy for long: past `SEARCH_TIME_LIMIT_MS` it stops and
the page says so (never a 500), and a page of results costs a fixed number of queries."""

import threading

import psycopg
import pytest
from django.db import connection

from agreements.models import Citation, NegotiationRound, Source
from agreements.search import SEARCH_LOCKS, SearchTooBroad, time_limit

from .factories import make_agreement
from .html_text import elements

SLOW_SQL = {
    "postgresql": "SELECT pg_sleep(2)",
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000)"
    " SELECT count(*) FROM n",
}


@pytest.mark.django_db
def test_a_slow_statement_is_stopped_at_the_limit():
    with pytest.raises(SearchTooBroad), time_limit("default", 50), connection.cursor() as cursor:
        cursor.execute(SLOW_SQL[connection.vendor])
    with connection.cursor() as cursor:  # the connection is usable again
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.django_db
def test_a_page_of_results_costs_the_same_queries_however_many_match(
    client, django_assert_max_num_queries
):
    source = Source.objects.create(slug="s", title="Report", published_on="2024", text="Radar.")
    for number in range(30):
        agreement = make_agreement(f"Partner {number}", iso2=f"Q{chr(65 + number)}")
        round_ = NegotiationRound.objects.create(agreement=agreement, number=1, summary="Radar")
        Citation.objects.create(source=source, quote="Radar.", round=round_)
    # count, page keys, page, pledges, three for the matches; on PostgreSQL also the time limit
    # and the search slot in a transaction (a savepoint here)
    with django_assert_max_num_queries(11):
        response = client.get("/en/agreements/", {"q": "radar"})
    rows = [attrs.get("class") for tag, attrs in elements(response.content.decode()) if tag == "tr"]
    assert rows.count("search-match") == 25


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a second connection")
@pytest.mark.django_db(transaction=True)
def test_a_search_that_runs_too_long_says_so(client, settings):
    make_agreement("Ruritania", summary="Radar stations.")
    settings.SEARCH_TIME_LIMIT_MS = 200
    settings_dict = connection.settings_dict
    locked, release = threading.Event(), threading.Event()

    def hold_a_lock_on_sources():
        with (
            psycopg.connect(
                host=settings_dict["HOST"],
                port=settings_dict["PORT"],
                user=settings_dict["USER"],
                dbname=settings_dict["NAME"],
            ) as other,
            other.transaction(),
        ):
            other.execute("LOCK TABLE agreements_source IN ACCESS EXCLUSIVE MODE")
            locked.set()
            release.wait(10)

    holder = threading.Thread(target=hold_a_lock_on_sources)
    holder.start()
    try:
        assert locked.wait(10)
        response = client.get("/en/agreements/", {"q": "radar"})
        export = client.get("/en/agreements/export.csv", {"q": "radar"})
    finally:
        release.set()
        holder.join()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # next time it may pass
    html = response.content.decode()
    assert "This search took too long to answer and was stopped." in html
    assert "No results: the search was stopped before it finished." in html
    assert export.status_code == 400
    assert "This search took too long" in export.content.decode()
    assert client.get("/en/agreements/", {"q": "radar"}).content.decode().count("Ruritania") >= 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search slots: PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_searches_beyond_the_concurrency_bound_are_asked_to_come_back(client, settings):
    make_agreement("Ruritania", summary="Radar stations.")
    settings.SEARCH_CONCURRENCY = 2
    settings_dict = connection.settings_dict
    others = [
        psycopg.connect(
            host=settings_dict["HOST"],
            port=settings_dict["PORT"],
            user=settings_dict["USER"],
            dbname=settings_dict["NAME"],
        )
        for _ in range(2)
    ]
    try:
        for slot, other in enumerate(others):  # two searches running elsewhere
            other.execute("SELECT pg_advisory_xact_lock(%s, %s)", [SEARCH_LOCKS, slot])
        busy = client.get("/en/agreements/", {"q": "radar"})
        busy_export = client.get("/en/agreements/export.json", {"q": "radar"})
        unsearched = client.get("/en/agreements/")
        others[0].rollback()  # one of them ends
        answered = client.get("/en/agreements/", {"q": "radar"})
    finally:
        for other in others:
            other.close()
    assert (busy.status_code, busy["Retry-After"]) == (503, "5")
    assert "Too many searches are running at this moment." in busy.content.decode()
    assert "no-store" in busy["Cache-Control"]
    assert busy_export.status_code == 503
    assert unsearched.status_code == 200  # only searches take a slot
    assert answered.status_code == 200
    assert "Ruritania" in answered.content.decode()
