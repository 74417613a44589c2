"""Public pages come from the cache until someone edits a fact, and never after."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from agreements.cache import LocalPages, bump_data_version, page_key
from agreements.models import Agreement, Country, NegotiationRound

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def test_a_repeated_visit_is_served_from_the_cache_without_touching_the_data(client, seed):
    first, first_queries = queries_for(client, "/")
    second, second_queries = queries_for(client, "/")
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second


def test_an_edit_in_the_admin_shows_on_the_next_visit(client, admin_client, seed):
    before, _ = queries_for(client, "/")
    assert "United States of America" not in before.content.decode()
    us = Country.objects.get(iso2="US")
    response = admin_client.post(
        f"/admin/agreements/country/{us.pk}/change/",
        {
            "name": "United States of America",
            "iso2": "US",
            "kind": "state",
            "is_g7": "on",
            "loaded_version": str(us.version),
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    after, queries = queries_for(client, "/")
    assert queries > 0
    assert "United States of America" in after.content.decode()


def test_a_deleted_round_disappears_from_the_cached_page(client, seed):
    before, _ = queries_for(client, "/")
    NegotiationRound.objects.filter(agreement__partner__iso2="US", number=3).delete()
    after, queries = queries_for(client, "/")
    assert queries > 0
    assert after.content != before.content


def test_writes_that_bypass_signals_must_bump_the_version_themselves(client, seed):
    queries_for(client, "/")
    Agreement.objects.filter(partner__iso2="US").update(status="signed", signed_on="2024-06")
    stale, _ = queries_for(client, "/")
    assert "Jun 2024" not in stale.content.decode()  # what bump_data_version() is for
    bump_data_version()
    fresh, _ = queries_for(client, "/")
    assert "Jun 2024" in fresh.content.decode()


def test_logged_in_editors_always_get_a_fresh_page(client, seed):
    editor = User.objects.create_user("editor", is_staff=True)
    client.force_login(editor)
    _, first = queries_for(client, "/")
    _, second = queries_for(client, "/")
    assert second == first > 0


def test_page_caching_can_be_switched_off(client, seed, settings):
    settings.PAGE_CACHE_SECONDS = 0
    queries_for(client, "/")
    _, queries = queries_for(client, "/")
    assert queries > 0


def test_pages_are_served_fresh_when_the_cache_is_unusable(client, seed, settings, caplog):
    # A file cache whose directory cannot exist: every read and write fails with an OSError.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": "/dev/null/page-cache",
        }
    }
    _, first_queries = queries_for(client, "/")
    second, second_queries = queries_for(client, "/")
    assert "United States" in second.content.decode()
    assert second_queries == first_queries > 0
    assert "Page cache unavailable" in caplog.text


def test_each_process_keeps_recent_pages_but_checks_the_shared_version_every_time(client, seed):
    """A worker that served a page keeps it and asks the shared cache only for the version:
    the page is served even when the shared copy is gone, and never after another process's
    edit replaced the version."""
    first, _ = queries_for(client, "/agreements/")
    key = page_key(RequestFactory().get("/agreements/"))
    cache.delete(key)  # only this process's copy is left
    second, second_queries = queries_for(client, "/agreements/")
    assert second_queries == 0
    assert second.content == first.content

    Country.objects.filter(iso2="US").update(name="Renamed State")
    bump_data_version()  # as another app server does after its edit
    third, third_queries = queries_for(client, "/agreements/")
    assert third_queries > 0
    assert "Renamed State" in third.content.decode()


def test_the_local_copies_are_bounded_in_bytes_oldest_out_first():
    pages = LocalPages(max_bytes=800)
    for name in "abcde":
        pages.put(name, ("v", b"x" * 100, {}))
    pages.put("huge", ("v", b"x" * 101, {}))  # over an eighth of the budget: not kept
    assert pages.get("huge") is None
    pages.get("a")  # recently used again
    for name in "fghij":
        pages.put(name, ("v", b"x" * 100, {}))
    assert pages.size <= 800
    assert pages.get("a") is not None
    assert pages.get("b") is None
