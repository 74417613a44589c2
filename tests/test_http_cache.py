"""Public pages carry validators and Cache-Control a shared cache can use; editors' are private."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.cache import bump_data_version
from agreements.models import Country

pytestmark = pytest.mark.django_db


def test_a_public_page_carries_validators_and_may_be_kept_by_a_shared_cache(client, seed, settings):
    settings.PROXY_CACHE_SECONDS, settings.PROXY_STALE_SECONDS = 10, 30
    response = client.get("/en/agreements/")
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
    assert response["Last-Modified"].endswith(" GMT")
    assert sorted(response["Cache-Control"].split(", ")) == [
        "max-age=0",
        "public",
        "s-maxage=10",
        "stale-while-revalidate=30",
    ]


def test_a_request_holding_the_current_etag_gets_304_without_the_view_running(client, seed):
    etag = client.get("/en/agreements/?status=signed")["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/agreements/?status=signed", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in response["Cache-Control"]
    assert not [q for q in queries if "agreements_agreement" in q["sql"]]


def test_a_request_holding_last_modified_gets_304(client, seed):
    last_modified = client.get("/en/countries/")["Last-Modified"]
    response = client.get("/en/countries/", headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_each_page_and_query_has_its_own_etag(client, seed):
    etags = {
        client.get(url)["ETag"]
        for url in ["/en/agreements/", "/en/agreements/?status=signed", "/en/", "/uk/agreements/"]
    }
    assert len(etags) == 4


def test_the_same_page_keeps_its_etag_until_an_edit(client, seed):
    first = client.get("/en/agreements/")["ETag"]
    assert client.get("/en/agreements/")["ETag"] == first
    Country.objects.filter(iso2="US").get().save()
    response = client.get("/en/agreements/", headers={"if-none-match": first})
    assert response.status_code == 200
    assert response["ETag"] != first


def test_a_write_that_bumps_the_data_version_changes_the_etag(client, seed):
    first = client.get("/en/")["ETag"]
    bump_data_version()
    assert client.get("/en/")["ETag"] != first


def test_head_has_the_same_validators_as_get(client, seed):
    assert client.head("/en/sources/")["ETag"] == client.get("/en/sources/")["ETag"]


def test_an_editor_gets_private_pages_without_validators(client, seed):
    client.force_login(User.objects.create_user("editor", is_staff=True))
    response = client.get("/en/agreements/")
    assert response.status_code == 200
    assert "ETag" not in response
    assert sorted(response["Cache-Control"].split(", ")) == ["no-cache", "private"]


def test_an_editors_admin_pages_stay_private(admin_client):
    response = admin_client.get("/admin/")
    assert "private" in response["Cache-Control"].split(", ")
    assert "public" not in response["Cache-Control"]


def test_a_missing_page_gets_no_validators(client, seed):
    response = client.get("/en/agreements/no-such-agreement/")
    assert response.status_code == 404
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")
