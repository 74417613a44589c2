"""An analyst opens the front page: counts by status, latest rounds and status changes, a chart."""

import io

import pytest
from django.core.management import call_command
from django.utils import dateformat
from django.utils.timezone import localtime
from pytest_django.asserts import assertContains

from agreements.models import (
    Agreement,
    AgreementStatus,
    Declaration,
    DeclarationSignatory,
    Delegation,
    NegotiationRound,
)

from .factories import make_agreement, make_many
from .html_text import items_of, links

pytestmark = pytest.mark.django_db


def test_the_front_page_counts_the_seed_agreements_by_status(client, seed):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<a href="/en/agreements/?status=signed"><span class="count">9</span> '
        '<span class="status status-signed">signed</span>'
    ) in html
    assert '<span class="count">1</span> <span class="status status-negotiating">' in html
    assert '<span class="count">0</span> <span class="status status-in_force">' in html
    assert "10 agreements tracked in all" in html


def test_the_front_page_shows_the_latest_rounds_newest_first(client, seed):
    response = client.get("/en/")
    assert items_of(response.content.decode(), "latest-round-list") == [
        "Round 3, United States · 2024",
        "Round 1, United States · 3 Aug 2023",
        "Round 2, United States · date unknown (implied by a later round)",
    ]
    link = '<a href="/en/agreements/ukraine-united-states/#round-3">Round 3, United States</a>'
    assertContains(response, link, html=True)
    assertContains(response, '<time datetime="2024">2024</time>', html=True)


def test_the_front_page_links_into_everything(client, seed):
    html = client.get("/en/").content.decode()
    for href in [
        "/en/agreements/",
        "/en/countries/",
        "/en/declarations/g7-joint-declaration-2023/",
        "/en/timeline/",
        "/en/sources/",
        "/en/feeds/updates/",
    ]:
        assert f'href="{href}"' in html, href
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_the_chart_plots_only_dated_facts_and_counts_the_others(client, seed):
    html = client.get("/en/").content.decode()
    assert '<svg class="chart"' in html and 'role="img"' in html
    assert '<title id="chart-title">Signed agreements and declaration signatories' in html
    assert "Not plotted because their dates are unknown: 9 signed agreements and 12" in html
    # The text alternative: the seven founding signatories on 12 July 2023.
    assert (
        '<th scope="row"><time datetime="2023-07-12">12 Jul 2023</time></th><td class="num">7</td>'
    ) in html


def test_an_editors_status_change_appears_on_the_front_page(client, seed):
    agreement = make_agreement("Moldova", negotiations_started_on="2024-01")
    agreement.title = "A renamed agreement"  # an edit that is not a status change
    agreement.save()
    agreement.status = AgreementStatus.SIGNED
    agreement.signed_on = "2024-06"
    agreement.save()
    recorded = dateformat.format(localtime(agreement.history.latest().history_date), "j M Y")
    response = client.get("/en/")
    # Its first record (entered as negotiating) is where its history starts, not a change.
    assert items_of(response.content.decode(), "status-change-list") == [
        f"Moldova: negotiating → signed (recorded {recorded})",
    ]


def test_the_records_first_load_is_not_a_status_change(client, record):
    # As `make run` loads a fresh database: the seed, the public record (which creates most
    # agreements and signs the seed's United States one), then the baselines.
    call_command("baseline_history", stdout=io.StringIO(), stderr=io.StringIO())
    html = client.get("/en/").content.decode()
    assert "No status changes recorded yet." in html
    us = Agreement.objects.get(slug="ukraine-united-states")
    us.status = AgreementStatus.IN_FORCE  # then an editor records a real change
    us.save()
    recorded = dateformat.format(localtime(us.history.latest().history_date), "j M Y")
    html = client.get("/en/").content.decode()
    assert items_of(html, "status-change-list") == [
        f"United States: signed → in force (recorded {recorded})"
    ]


def test_without_history_the_front_page_says_so(client, seed):
    html = client.get("/en/").content.decode()
    assert "No status changes recorded yet." in html


def test_the_front_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    agreements = make_many(50)
    for agreement in agreements[:10]:
        agreement.status = AgreementStatus.EXPIRED
        agreement.save()
    with django_assert_max_num_queries(7):
        response = client.get("/en/")
    html = response.content.decode()
    assert items_of(html, "latest-round-list") == [
        f"Round 3, Partner {number:03d} · Nov 2023" for number in range(5)
    ]
    changed = [partner for partner, _ in links(html, "status-change-list")]
    assert changed == [f"Partner {number:03d}" for number in (9, 8, 7, 6, 5)]
    assert NegotiationRound.objects.count() == 150


def test_a_round_without_a_citation_does_not_lead_the_latest_rounds(client, seed):
    us = Agreement.objects.get(slug="ukraine-united-states")
    NegotiationRound.objects.create(agreement=us, number=4, date="2024-06")
    html = client.get("/en/").content.decode()
    assert items_of(html, "latest-round-list") == [
        "Round 3, United States · 2024",
        "Round 1, United States · 3 Aug 2023",
        "Round 2, United States · date unknown (implied by a later round)",
    ]


def test_every_fact_of_the_seed_is_cited(seed):
    for model in (Agreement, NegotiationRound, DeclarationSignatory, Declaration, Delegation):
        assert model.objects.cited().count() == model.objects.count() > 0, model


def test_the_latest_signings_are_listed_by_their_own_dates(client, record):
    """The record's signings, newest first at the precision known: news from the first day."""
    html = client.get("/en/").content.decode()
    signings = items_of(html, "latest-signing-list")
    assert signings[:4] == [
        "Albania · Jan 2025",
        "Greece · 17 Oct 2024",
        "Croatia · 9 Oct 2024",
        "Ireland · 4 Sep 2024",
    ]
    assert signings[4] in {"Czechia · 18 Jul 2024", "Slovenia · 18 Jul 2024"}
    ukrainian = client.get("/uk/").content.decode()
    assert items_of(ukrainian, "latest-signing-list")[0] == "Албанія · січень 2025"


def test_a_front_page_without_dated_signings_says_so(client):
    make_agreement("Germany", iso2="DE")
    html = client.get("/en/").content.decode()
    assert "No agreement signed on a known date yet." in html
