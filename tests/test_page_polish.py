"""What every public page shares: navigation, favicon, print stylesheet, quotes and dates that
read the same everywhere, filter panels that say the same."""

import re

import pytest

from agreements.models import Agreement, Country, NegotiationRound
from tests.factories import cite, make_source
from tests.html_text import ids_of, outline, page_text, text_of

pytestmark = pytest.mark.django_db


def negotiating_agreement(**fields):
    partner = Country.objects.create(iso2="QA", name="Qatarland")
    return Agreement.objects.create(
        slug="ukraine-qatarland",
        partner=partner,
        title="Ukraine–Qatarland agreement",
        status="negotiating",
        **fields,
    )


def test_the_navigation_leads_to_the_declaration(client, seed):
    html = client.get("/en/").content.decode()
    nav = text_of(html, "main-navigation")
    assert nav == "Overview Agreements Countries Declaration Timeline Sources"
    response = client.get("/en/declaration/")
    assert response.status_code == 302
    assert response["Location"] == "/en/declarations/g7-joint-declaration-2023/"


def test_without_a_declaration_its_link_finds_nothing(client, db):
    assert client.get("/en/declaration/").status_code == 404


def test_every_page_has_a_favicon_and_a_print_stylesheet(client, seed):
    html = client.get("/en/agreements/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="stylesheet" href="/print.css" media="print">' in html


def test_printed_links_show_their_full_address(client):
    css = client.get("/print.css").content.decode()
    assert 'main a[href^="/"]::after { content: " <http://testserver" attr(href) ">"; }' in css


def test_a_quote_that_opens_with_its_own_quotation_mark_gets_no_second_one(client):
    agreement = negotiating_agreement()
    cite(
        make_source(text="“We will sign,” he said."),
        "“We will sign,” he said.",
        agreement=agreement,
    )
    note = text_of(client.get(agreement.get_absolute_url()).content.decode(), "note-1")
    assert note.startswith("“We will sign,” he said. Report report")


def test_a_reference_without_a_quote_shows_as_a_reference(client):
    agreement = negotiating_agreement()
    cite(make_source(), "", note="Our summary of the treaty's article 3.", agreement=agreement)
    note = text_of(client.get(agreement.get_absolute_url()).content.decode(), "note-1")
    assert note.startswith(
        "Reference, no quote: Our summary of the treaty's article 3. Report report"
    )


def test_talks_are_under_way_by_the_first_round_when_the_sources_report_them_later(client):
    agreement = negotiating_agreement()
    cite(make_source(published_on="2024-03-04"), agreement=agreement, supports="status")
    NegotiationRound.objects.create(agreement=agreement, number=1, date="2024-03-03")
    text = page_text(client.get(agreement.get_absolute_url()))
    assert (
        "Negotiations started: date unknown — the sources do not date it; "
        "under way by 3 Mar 2024, when the first recorded round was held" in text
    )
    assert "reported negotiations started by 4 Mar 2024" not in text


def test_talks_reported_before_their_first_round_keep_the_report_date(client):
    agreement = negotiating_agreement()
    cite(make_source(published_on="2024-03-01"), agreement=agreement, supports="status")
    NegotiationRound.objects.create(agreement=agreement, number=1, date="2024-03-03")
    text = page_text(client.get(agreement.get_absolute_url()))
    assert "reported negotiations started by 1 Mar 2024" in text


@pytest.mark.parametrize("url", ["/en/agreements/", "/en/timeline/"])
def test_both_filter_panels_have_the_same_buttons_and_open_only_when_filtering(client, seed, url):
    html = client.get(url).content.decode()
    assert '<details class="filters">' in html
    assert text_of(html, "filter-actions") == "Apply Clear all"
    # Each page redirects away the parameter it does not know, and keeps its own.
    filtered = client.get(url + "?country=ZZ&partner=ZZ", follow=True).content.decode()
    assert '<details class="filters" open>' in filtered
    assert "Some values could not be used; the list below ignores them" in filtered


def test_dates_read_the_same_on_every_page(client, seed):
    """Day, abbreviated month, year, as precise as known: "3 Aug 2023", "Aug 2023", "2023"."""
    spelling = re.compile(r"(\d{1,2} )?([A-Z][a-z]{2} )?\d{4}")
    for url in [
        "/en/",
        "/en/agreements/",
        "/en/timeline/",
        "/en/declarations/g7-joint-declaration-2023/",
    ]:
        html = client.get(url).content.decode()
        shown = outline(html, "time") + [text_of(html, month) for month in ids_of(html, "month-")]
        assert shown
        assert [date for date in shown if not spelling.fullmatch(date)] == []
