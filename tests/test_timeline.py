"""An analyst reads what happened when: every dated event in order, the undated ones apart."""

import re

import pytest

from agreements.models import Agreement, Country, Delegation, NegotiationRound
from agreements.timeline import (
    EventKeys,
    EventType,
    event_key_kinds,
    event_keys,
    events_for,
    group_events,
    ordered,
)
from agreements.views.timeline import TimelineView
from tests.factories import (
    make_agreement_with_rounds,
    make_countries,
    make_declaration_with_signatories,
)
from tests.html_text import ids_of, outline, page_text, text_of

pytestmark = pytest.mark.django_db


def build_events(country=None, types=None):
    """Every event (or those of one state, of some types), in the timeline's order: what the
    pages of /timeline/ show one after the other."""
    return events_for(list(ordered(event_keys(country, types))))


def dated_part(html):
    return html[: html.index('id="undated"')]


def undated_part(html):
    """From the undated events to the page's notes (whose sources carry their own dates)."""
    return html[html.index('id="undated"') : html.index('class="citation-notes"')]


def test_events_come_in_chronological_order_grouped_by_year_and_month(client, seed):
    html = client.get("/en/timeline/").content.decode()
    texts = outline(html, "h2", "h3", "p.event-when", "p.event-title")
    g7 = "Joint Declaration of Support for Ukraine"
    founders = ["Canada", "France", "Germany", "Italy", "Japan", "United Kingdom", "United States"]
    us = "Ukraine–United States bilateral security agreement"
    assert texts[texts.index("2023") : texts.index("Undated events")] == [
        "2023",
        "Jul 2023",
        "12 Jul 2023 declaration adopted",
        f"{g7} adopted in Vilnius",
        *[
            text
            for name in founders
            for text in ("12 Jul 2023 declaration signed or joined", f"{name} signed the {g7}")
        ],
        "Aug 2023",
        "3 Aug 2023 negotiations started",
        f"{us}: negotiations started",
        "3 Aug 2023 negotiation round",
        f"Round 1 of the {us} negotiations",
        "2024",
        "Jan 2024",
        "8 Jan 2024 delegation appointed",
        "Negotiating group on security guarantees for Ukraine appointed by Volodymyr Zelenskyy, "
        "led by Andrii Yermak",
        "2024, month not reported",
        "2024 negotiation round",
        f"Round 3 of the {us} negotiations",
    ]
    assert "34 events shown, 22 of them undated." in html


def test_undated_events_are_listed_apart_and_never_given_a_date(client, seed):
    html = client.get("/en/timeline/").content.decode()
    undated = text_of(html, "main").split("Undated events", 1)[1]
    for partner in ["United Kingdom", "Germany", "France", "Denmark", "Canada", "Italy"]:
        assert f"Ukraine–{partner} bilateral security agreement: signed" in undated
    assert undated.count("agreement signed") == 9
    assert "Date not reported; reported by 2024." in undated
    assert "Denmark joined the Joint Declaration of Support for Ukraine" in undated
    assert "Date not reported; reported by Aug 2023." in undated
    assert (
        "Round 2 of the Ukraine–United States bilateral security agreement negotiations (implied)"
        in undated
    )
    assert "<time" not in undated_part(html)
    # and none of them appears among the dated events
    assert "agreement: signed" not in dated_part(html)
    assert "Denmark joined" not in dated_part(html)


def test_each_event_cites_its_sources_as_numbered_notes(client, seed):
    html = client.get("/en/timeline/").content.decode()
    notes = ids_of(html, "note-")
    assert sorted(set(re.findall(r'class="cite" href="#(note-\d+)"', html))) == sorted(notes)
    round_one = html[html.index("Round 1 of the") :]
    first = re.search(r'class="cite" href="#(note-\d+)"', round_one).group(1)
    assert text_of(html, first).endswith(
        "Cited for: Ukraine–United States bilateral security agreement: negotiations started; "
        "Round 1 of the Ukraine–United States bilateral security agreement negotiations."
    )


def test_an_analyst_filters_by_country(client, seed):
    for code in ["US", "us", " Us "]:
        text = page_text(client.get("/en/timeline/", {"country": code}))
        assert "5 events shown, 1 of them undated." in text
        assert "United States signed the Joint Declaration" in text
        assert "Round 2 of the Ukraine–United States" in text
        assert "Denmark" not in text.split("Undated events", 1)[1]
    html = client.get("/en/timeline/?country=us").content.decode()
    assert '<option value="US" selected>United States (US)</option>' in html


def test_an_analyst_filters_by_event_type(client, seed):
    text = page_text(client.get("/en/timeline/", {"type": "signed"}))
    assert "9 events shown, 9 of them undated." in text
    assert "No dated events match." in text
    text = page_text(client.get("/en/timeline/", {"type": ["round", "declaration_adopted"]}))
    assert "4 events shown, 1 of them undated." in text
    html = client.get("/en/timeline/?type=round&country=US").content.decode()
    assert "3 events shown" in html
    assert 'value="round" id="id_type_1" checked' in html


@pytest.mark.parametrize(
    "query",
    [
        "country=XX",
        "country=%FF%FE",
        "country=" + "A" * 5000,
        "type=bogus",
        "type=round&type=%00",
        "country=US&type=" + "x" * 5000,
    ],
)
def test_a_bad_filter_value_is_reported_and_ignored(client, seed, query):
    response = client.get(f"/en/timeline/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some values could not be used; the list below ignores them" in html
    assert "Select a valid choice" in html
    if query.startswith("country=US"):
        assert "5 events shown" in html  # the valid filter still applies
    else:
        assert "34 events shown" in html


def test_less_precise_dates_follow_the_precise_ones_of_their_month_and_year(client):
    dates = {"QA": "2024-06-13", "QB": "2024-06", "QC": "2024", "QD": "2024-02-01"}
    for iso, signed_on in dates.items():
        partner = Country.objects.create(iso2=iso, name=f"State {iso}")
        Agreement.objects.create(
            slug=iso.lower(),
            partner=partner,
            title=f"Pact {iso}",
            status="signed",
            signed_on=signed_on,
        )
    years, undated = group_events([e for e in build_events() if e.type == EventType.SIGNED])
    assert undated == []
    (year,) = years
    assert [(m.label, [e.title for e in m.events]) for m in year.months] == [
        ("Feb 2024", ["Pact QD: signed"]),
        ("Jun 2024", ["Pact QA: signed", "Pact QB: signed"]),
    ]
    assert [e.title for e in year.year_only] == ["Pact QC: signed"]
    html = client.get("/en/timeline/?type=signed").content.decode()
    assert outline(html, "h3", "p.event-title") == [
        "Feb 2024",
        "Pact QD: signed",
        "Jun 2024",
        "Pact QA: signed",
        "Pact QB: signed",
        "2024, month not reported",
        "Pact QC: signed",
    ]


def test_the_timeline_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    countries = make_countries(30)
    make_declaration_with_signatories(countries)
    for country in countries:
        make_agreement_with_rounds(country, rounds=3)
    Delegation.objects.create(slug="team", name="Team", appointed_on="2024-01-08")
    # The states for the filter, two counts, the page's keys (one query for each of the nine
    # kinds of event), then each kind of fact shown with its citations (five kinds), and the
    # signings' signatories and pledges.
    with django_assert_max_num_queries(24):
        response = client.get("/en/timeline/")
    assert re.search(r"\b152 events shown", response.content.decode())
    with django_assert_max_num_queries(24):
        response = client.get("/en/timeline/", {"page": "last"})
    assert response.status_code == 200


def test_a_long_timeline_is_paged_in_order_with_the_undated_events_last(client):
    """An analyst pages through hundreds of events: each page continues where the last ended,
    the grouping by year and month is kept, and the undated events come on the last page."""
    per_page = TimelineView.paginate_by
    (partner,) = make_countries(1)
    agreement = make_agreement_with_rounds(partner, rounds=per_page + 50, citations_per_round=1)
    NegotiationRound.objects.filter(number__gt=per_page + 40).update(date=None)
    everything = [event.title for event in build_events()]
    assert len(everything) == per_page + 51  # the rounds and "negotiations started"

    first = client.get("/en/timeline/").content.decode()
    assert f"{per_page + 51} events shown, 10 of them undated." in first
    assert f"This is page 1 of 2: events 1–{per_page}" in first
    assert 'id="undated"' not in first  # the undated events come last
    assert 'href="?page=2" rel="next"' in first
    second = client.get("/en/timeline/", {"page": 2}).content.decode()
    assert f"events {per_page + 1}–{per_page + 51}" in second
    assert "Undated events" in second

    shown = outline(first, "p.event-title") + outline(second, "p.event-title")
    assert shown == everything
    undated = undated_part(second)
    assert undated.count("event-round") == 10
    assert f"Round {per_page + 50} of the {agreement.title} negotiations" in undated
    # the month headings go on where the first page stopped
    assert '<h3 id="month-2023-' in dated_part(second)
    # a page past the end shows the last one, a bad page number the first
    assert "Undated events" in client.get("/en/timeline/", {"page": 99}).content.decode()
    assert "This is page 1 of 2" in client.get("/en/timeline/", {"page": "x"}).content.decode()


@pytest.mark.parametrize("merge_depth", [10, 1000])
def test_every_slice_of_the_paged_keys_is_the_slice_of_the_fully_sorted_keys(
    merge_depth, monkeypatch
):
    # A small depth takes all three ways: merged from the start, from the end, sorted whole.
    monkeypatch.setattr(EventKeys, "MERGE_DEPTH", merge_depth)
    countries = make_countries(4)
    make_declaration_with_signatories(countries)
    for n, country in enumerate(countries):
        make_agreement_with_rounds(country, rounds=5 + n)
    NegotiationRound.objects.filter(number=2).update(date="2024")
    NegotiationRound.objects.filter(number=3).update(date="2024-03")
    NegotiationRound.objects.filter(number=4).update(date=None)
    everything = list(ordered(event_keys()))
    paged = EventKeys(event_key_kinds())
    assert paged.count() == len(everything) > 30
    for start in range(0, len(everything), 7):
        assert paged[start : start + 7] == everything[start : start + 7]
