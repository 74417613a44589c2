"""Public pages come from the cache until someone edits a fact, and never after."""

import re
import threading

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from agreements.cache import (
    VERSION_KEY,
    LocalPages,
    PublicPageCacheMiddleware,
    bump_data_version,
    lock_key,
    page_key,
)
from agreements.models import Agreement, Country, NegotiationRound

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:  # an export reads its rows while it is sent
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return response, len(queries)


def test_a_repeated_visit_is_served_from_the_cache_without_touching_the_data(client, seed):
    first, first_queries = queries_for(client, "/en/")
    second, second_queries = queries_for(client, "/en/")
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second


def test_an_edit_in_the_admin_shows_on_the_next_visit(client, admin_client, seed):
    before, _ = queries_for(client, "/en/")
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

    after, queries = queries_for(client, "/en/")
    assert queries > 0
    assert "United States of America" in after.content.decode()


def test_a_deleted_round_disappears_from_the_cached_page(client, seed):
    before, _ = queries_for(client, "/en/")
    NegotiationRound.objects.filter(agreement__partner__iso2="US", number=3).delete()
    after, queries = queries_for(client, "/en/")
    assert queries > 0
    assert after.content != before.content


def test_writes_that_bypass_signals_must_bump_the_version_themselves(client, seed):
    queries_for(client, "/en/")
    Agreement.objects.filter(partner__iso2="US").update(status="signed", signed_on="2024-06")
    stale, _ = queries_for(client, "/en/")
    assert "Jun 2024" not in stale.content.decode()  # what bump_data_version() is for
    bump_data_version()
    fresh, _ = queries_for(client, "/en/")
    assert "Jun 2024" in fresh.content.decode()


def test_logged_in_editors_always_get_a_fresh_page(client, seed):
    editor = User.objects.create_user("editor", is_staff=True)
    client.force_login(editor)
    _, first = queries_for(client, "/en/")
    _, second = queries_for(client, "/en/")
    assert second == first > 0


def test_page_caching_can_be_switched_off(client, seed, settings):
    settings.PAGE_CACHE_SECONDS = 0
    queries_for(client, "/en/")
    _, queries = queries_for(client, "/en/")
    assert queries > 0


def test_pages_are_served_fresh_when_the_cache_is_unusable(client, seed, settings, caplog):
    # A file cache whose directory cannot exist: every read and write fails with an OSError.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": "/dev/null/page-cache",
        }
    }
    _, first_queries = queries_for(client, "/en/")
    second, second_queries = queries_for(client, "/en/")
    assert "United States" in second.content.decode()
    assert second_queries == first_queries > 0
    assert "Page cache unavailable" in caplog.text


def test_each_process_keeps_recent_pages_but_checks_the_shared_version_every_time(client, seed):
    """A worker that served a page keeps it and asks the shared cache only for the version:
    the page is served even when the shared copy is gone, and never after another process's
    edit replaced the version."""
    first, _ = queries_for(client, "/en/agreements/")
    key = page_key(RequestFactory().get("/en/agreements/"))
    cache.delete(key)  # only this process's copy is left
    second, second_queries = queries_for(client, "/en/agreements/")
    assert second_queries == 0
    assert second.content == first.content

    Country.objects.filter(iso2="US").update(name="Renamed State")
    bump_data_version()  # as another app server does after its edit
    third, third_queries = queries_for(client, "/en/agreements/")
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


def test_a_form_sent_with_empty_fields_leads_to_the_address_of_what_it_shows(client, seed):
    response = client.get(
        "/en/agreements/?q=&status=signed&partner=&membership=&signed_after=&signed_before=&o="
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/agreements/?status=signed"


def test_unknown_parameters_and_repeats_are_dropped_from_the_address(client, seed):
    response = client.get("/en/agreements/ukraine-united-states/?utm_source=x&rounds=2&rounds=2")
    assert response["Location"] == "/en/agreements/ukraine-united-states/?rounds=2"
    assert client.get("/en/?fbclid=1")["Location"] == "/en/"


def test_a_thousand_junk_query_strings_add_at_most_one_entry(client, seed):
    client.get("/en/agreements/")
    before = len(cache._cache)
    for number in range(1000):
        client.get(f"/en/agreements/?utm={number}&q=")
    assert len(cache._cache) - before <= 1


def test_the_order_of_the_parameters_does_not_make_another_entry(client, seed):
    first, _ = queries_for(client, "/en/agreements/?status=signed&partner=US")
    second, queries = queries_for(client, "/en/agreements/?partner=US&status=signed")
    assert queries == 0
    assert second.content == first.content


def test_a_response_over_the_size_limit_is_not_stored(client, seed, settings):
    settings.PAGE_CACHE_MAX_BYTES = 1000
    queries_for(client, "/en/agreements/export.json")
    _, queries = queries_for(client, "/en/agreements/export.json")
    assert queries > 0


def test_a_full_database_cache_culls_pages_but_keeps_the_version(client, seed, settings, db):
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "OPTIONS": {"MAX_ENTRIES": 5, "CULL_FREQUENCY": 2},
        }
    }
    cache.clear()
    queries_for(client, "/en/")
    version = cache.get(VERSION_KEY)
    for partner in ["US", "GB", "DE", "FR", "IT", "CA", "DK", "NL"]:
        queries_for(client, f"/en/agreements/?partner={partner}")
    assert cache.get(VERSION_KEY) == version


def test_another_build_of_the_code_does_not_serve_the_old_pages(client, seed, monkeypatch):
    queries_for(client, "/en/")
    monkeypatch.setattr("agreements.cache.code_version", lambda: "next-deploy")
    _, queries = queries_for(client, "/en/")
    assert queries > 0


def test_the_code_version_is_a_digest_of_the_files():
    from agreements.cache import code_version

    assert re.fullmatch(r"[0-9a-f]{12}", code_version())


def test_identical_misses_wait_for_the_first_render_instead_of_repeating_it():
    wait_for_another_render = PublicPageCacheMiddleware.wait_for_another_render
    assert wait_for_another_render("page:x", "v1") is None  # the first renders, holding the lock
    waited = []
    second = threading.Thread(target=lambda: waited.append(wait_for_another_render("page:x", "v1")))
    second.start()
    second.join(0.2)
    assert second.is_alive()  # still waiting for the page
    cache.set("page:x", ("v1", b"the page", {}))
    cache.delete(lock_key("page:x"))
    second.join(5)
    assert waited == [("v1", b"the page", {})]


def test_a_render_that_stores_nothing_releases_the_waiting_requests():
    wait_for_another_render = PublicPageCacheMiddleware.wait_for_another_render
    assert wait_for_another_render("page:y", "v1") is None
    cache.delete(lock_key("page:y"))  # as after a response that is not cached
    assert wait_for_another_render("page:y", "v1") is None  # renders it itself, at once
