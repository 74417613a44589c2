"""A reader who follows a bad link gets a helpful page of the site, never a crash."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.html_text import text_of

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_404_page_of_the_site(client, seed):
    response = client.get("/en/countries/ZZ/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Not found · Ukraine Security Agreements Tracker</title>" in html
    assert '<nav aria-label="Main" id="main-navigation">' in html
    assert "There is no page at /en/countries/ZZ/." in text_of(html, "main")
    assert 'href="/en/countries/US/"' in html


def test_the_404_page_escapes_the_address(client):
    response = client.get("/<b>nowhere</b>/")
    assert response.status_code == 404
    assert "<b>nowhere</b>" not in response.content.decode()


def test_a_bad_host_gets_the_400_page(client):
    response = client.get("/en/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Bad request" in text_of(response.content.decode(), "main")


def test_the_500_page_needs_no_database_or_request_context(django_assert_num_queries):
    request = RequestFactory().get("/en/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'href="/en/timeline/"' in html
    assert "/static/css/site.css" in html


@pytest.mark.parametrize(
    "path",
    [
        "/en/agreements/%00/",
        "/en/agreements/ukraine-united-states%00/",
        "/en/agreements/" + "x" * 3000 + "/",
        "/en/countries/%FF/",
        "/en/countries/%00%00/",
        "/en/countries/" + "U" * 3000 + "/",
        "/en/declarations/%E2%80%8B/",
        "/en/declarations/" + "g" * 3000 + "/",
        "/en/sources/0/",
        "/en/sources/-1/",
        "/en/sources/1e9/",
        "/en/sources/9223372036854775808/",
        "/en/sources/%D9%A3/",
    ],
)
def test_bad_path_segments_are_not_found(client, seed, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/en/agreements/ukraine-united-states/?o=nonsense&page=999999",
        "/en/countries/?country=%FF",
        "/en/countries/US/?x=%00",
        "/en/declarations/g7-joint-declaration-2023/?q=" + "z" * 5000,
        "/en/sources/?page=-1",
        "/en/timeline/?country=%00&type=%00",
    ],
)
def test_stray_query_strings_are_harmless(client, seed, url):
    # Parameters a page does not read are dropped by a redirect to its canonical URL.
    assert client.get(url, follow=True).status_code == 200
