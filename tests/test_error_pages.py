"""A reader who follows a bad link gets a helpful page of the site, never a crash."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.html_text import text_of

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_404_page_of_the_site(client, seed):
    response = client.get("/countries/ZZ/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Not found · Ukraine Security Agreements Tracker</title>" in html
    assert '<nav aria-label="Main" id="main-navigation">' in html
    assert "There is no page at /countries/ZZ/." in text_of(html, "main")
    assert 'href="/countries/US/"' in html


def test_the_404_page_escapes_the_address(client):
    response = client.get("/<b>nowhere</b>/")
    assert response.status_code == 404
    assert "<b>nowhere</b>" not in response.content.decode()


def test_a_bad_host_gets_the_400_page(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Bad request" in text_of(response.content.decode(), "main")


def test_the_500_page_needs_no_database_or_request_context(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'href="/timeline/"' in html
    assert "/static/css/site.css" in html


@pytest.mark.parametrize(
    "path",
    [
        "/agreements/%00/",
        "/agreements/ukraine-united-states%00/",
        "/agreements/" + "x" * 3000 + "/",
        "/countries/%FF/",
        "/countries/%00%00/",
        "/countries/" + "U" * 3000 + "/",
        "/declarations/%E2%80%8B/",
        "/declarations/" + "g" * 3000 + "/",
        "/sources/0/",
        "/sources/-1/",
        "/sources/1e9/",
        "/sources/9223372036854775808/",
        "/sources/%D9%A3/",
    ],
)
def test_bad_path_segments_are_not_found(client, seed, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/agreements/ukraine-united-states/?o=nonsense&page=999999",
        "/countries/?country=%FF",
        "/countries/US/?x=%00",
        "/declarations/g7-joint-declaration-2023/?q=" + "z" * 5000,
        "/sources/?page=-1",
        "/timeline/?country=%00&type=%00",
    ],
)
def test_stray_query_strings_are_harmless(client, seed, url):
    # Parameters a page does not read are dropped by a redirect to its canonical URL.
    assert client.get(url, follow=True).status_code == 200
