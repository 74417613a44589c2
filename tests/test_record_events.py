"""The loaded public record on the timeline, in the feed and on the country and declaration
pages: signings with place, signatories and pledges, joinings with their reported order,
ratifications, unnumbered rounds, and the participant counts that disagree."""

import pytest

from agreements.models import Agreement, NegotiationRound
from tests.html_text import items_of, outline, rows_of, text_of
from tests.test_feed import entries

pytestmark = pytest.mark.django_db
G7 = "Joint Declaration of Support for Ukraine"


def events(client, **query):
    html = client.get("/en/timeline/", query).content.decode()
    return outline(html, "p.event-when", "p.event-title", "p.event-note")


def test_a_signing_on_the_timeline_says_where_by_whom_and_what_was_pledged(client, record):
    uk = Agreement.objects.get(partner__iso2="GB")
    assert events(client, country="GB", type="signed") == [
        "12 Jan 2024 agreement signed",
        f"{uk.title}: signed",
        "In Kyiv (Mariinskyi Palace). Signed by Volodymyr Zelenskyy (President of Ukraine) and "
        "Rishi Sunak (Prime Minister of the United Kingdom). Pledged: GBP 2,500,000,000 "
        "(2024/2025).",
    ]


def test_a_joining_on_the_timeline_gives_its_reported_order(client, record):
    assert events(client, country="SI", type="declaration_joined") == [
        "25 Aug 2023 declaration signed or joined",
        f"Slovenia joined the {G7}",
        "Reported as the 22nd to join.",
    ]


def test_a_dated_ratification_is_an_event_with_its_sources(client, record):
    uk = Agreement.objects.get(partner__iso2="GB")
    Agreement.objects.filter(pk=uk.pk).update(ratified_on="2024-03")
    assert events(client, country="GB", type="ratified") == [
        "Mar 2024 agreement ratified",
        f"{uk.title}: ratified",
    ]
    assert events(client, country="FR", type="ratified") == []


def test_an_unnumbered_round_says_so_instead_of_a_number(client, record):
    poland = Agreement.objects.get(partner__iso2="PL")
    assert poland.rounds.get().number is None
    assert events(client, country="PL", type="round") == [
        "21 Jun 2024 negotiation round",
        f"Round (number not reported) of the {poland.title} negotiations",
    ]
    html = client.get(poland.get_absolute_url()).content.decode()
    assert outline(html, "h3") == [
        "Status history as known",
        "Round (number not reported)",
    ]
    html = client.get("/en/countries/PL/").content.decode()
    assert items_of(html, f"rounds-{poland.slug}") == [
        "Round (number not reported): 21 Jun 2024, led by Ihor Zhovkva"
    ]


def test_the_partner_page_summarises_what_the_agreement_holds(client, record):
    uk = Agreement.objects.get(partner__iso2="GB")
    html = client.get("/en/countries/GB/").content.decode()
    assert text_of(html, f"contents-{uk.slug}") == (
        "Signed 12 Jan 2024 Place Kyiv (Mariinskyi Palace) "
        "Term 10 years from signing; ends on Ukraine's accession to NATO"
    )
    us = Agreement.objects.get(partner__iso2="US")
    html = client.get("/en/countries/US/").content.decode()
    assert text_of(html, f"contents-{us.slug}").startswith("Signed 13 Jun 2024 Place ")


def test_the_declaration_lists_joinings_with_their_order_and_counts_that_disagree(client, record):
    html = client.get("/en/declarations/g7-joint-declaration-2023/").content.decode()
    joined = rows_of(html, "signatory-", within="joined-signatories")
    assert joined["signatory-SI"][:2] == ["Slovenia", "25 Aug 2023; reported as the 22nd to join"]
    assert joined["signatory-GR"][:2] == ["Greece", "12 Aug 2023; reported as the 14th to join"]
    counts = [cells[:2] for cells in rows_of(html, "count-").values()]
    assert ["22 Jan 2024", "30 (fewer than the 31 reported as of 22 Dec 2023)"] in counts
    assert ["23 Dec 2023", "31"] in counts


def test_the_feed_carries_a_signing_with_its_place_signatories_and_pledges(client, record):
    eu = Agreement.objects.get(partner__iso2="EU")
    feed = {entry["id"].rsplit(":", 1)[1]: entry for entry in entries(client)}
    summary = feed[f"signed/{eu.slug}"]["summary"]
    assert summary.startswith(f"{eu.title}: signed, 27 Jun 2024. In Brussels")
    assert "Signed by " in summary and "Volodymyr Zelenskyy (President of Ukraine)" in summary


def test_the_feed_carries_dated_ratifications(client, record):
    uk = Agreement.objects.get(partner__iso2="GB")
    Agreement.objects.filter(pk=uk.pk).update(ratified_on="2025-02-03")
    feed = {entry["id"].rsplit(":", 1)[1]: entry for entry in entries(client)}
    entry = feed[f"ratified/{uk.slug}"]
    assert (entry["title"], entry["published"][:10]) == (
        "Ukraine–United Kingdom: agreement ratified",
        "2025-02-03",
    )
    assert entry["summary"].startswith(f"{uk.title}: ratified, 3 Feb 2025.")
    assert not [key for key in feed if key.startswith("in-force/")]


def test_record_pages_run_a_bounded_number_of_queries(
    client, record, django_assert_max_num_queries
):
    with django_assert_max_num_queries(24):
        assert client.get("/en/timeline/").status_code == 200
    with django_assert_max_num_queries(7):
        assert len(entries(client)) == 30
    assert NegotiationRound.objects.count() > 10
