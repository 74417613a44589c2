"""An analyst reads what happened when: every dated event in order, the undated ones apart."""

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
from tests.html_text import elements, ids_of, items_of, links, outline, text_of, texts_of

pytestmark = pytest.mark.django_db


def build_events(country=None, types=None):
    """Every event (or those of one state, of some types), in the timeline's order: what the
    pages of /timeline/ show one after the other."""
    return events_for(list(ordered(event_keys(country, types))))


def dated_titles(html):
    """The titles of the events with a date, in order: those before the undated events."""
    texts = outline(html, "h2", "p.event-title")
    years = {text for text in texts if text.isdigit()}
    return [text for text in texts[: texts.index("Undated events")] if text not in years]


def marker_of(html, source_title, fact):
    """An event's marker: the number of the page's one note that cites this source for it."""
    (note,) = [
        note
        for note, text in texts_of(html, "note-").items()
        if source_title in text and fact in text
    ]
    return f"Source: [source {note.removeprefix('note-')}]"


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
    assert text_of(html, "result-count") == "34 events shown, 22 of them undated."


def test_undated_events_are_listed_apart_and_never_given_a_date(client, seed):
    html = client.get("/en/timeline/").content.decode()
    us = "Ukraine–United States bilateral security agreement"
    g7 = "Joint Declaration of Support for Ukraine"
    signed = ["Canada", "Denmark", "Finland", "France", "Germany", "Italy", "Latvia"]
    signed += ["Netherlands", "United Kingdom"]
    joined = ["Belgium", "Czechia", "Denmark", "Finland", "Iceland", "Ireland", "Netherlands"]
    joined += ["Norway", "Portugal", "Romania", "Spain", "Sweden"]
    third_round = "Ukraine and US continue security agreement talks in third"
    start = "Ukraine and the United States have started negotiations on"
    round_two = f"Round 2 of the {us} negotiations (implied)"
    assert items_of(html, "undated-events") == [
        f"date unknown negotiation round {round_two} {marker_of(html, third_round, round_two)}",
        *[
            f"date unknown agreement signed Ukraine–{partner} bilateral security agreement: "
            f"signed Date not reported; reported by 2024. "
            + marker_of(
                html, third_round, f"Ukraine–{partner} bilateral security agreement: signed"
            )
            for partner in signed
        ],
        *[
            f"date unknown declaration signed or joined {country} joined the {g7} "
            f"Date not reported; reported by Aug 2023. "
            + marker_of(html, start, f"{country} joined the {g7}")
            for country in joined
        ],
    ]
    assert [tag for tag, _ in elements(html, "undated-events") if tag == "time"] == []
    # and none of them appears among the dated events
    dated = dated_titles(html)
    assert [title for title in dated if title.endswith(": signed") or " joined " in title] == []


def test_each_event_cites_its_sources_as_numbered_notes(client, seed):
    html = client.get("/en/timeline/").content.decode()
    notes = ids_of(html, "note-")
    markers = [
        attrs["href"].removeprefix("#")
        for tag, attrs in elements(html, "main")
        if tag == "a" and "cite" in attrs.get("class", "").split()
    ]
    assert sorted(set(markers)) == sorted(notes)
    texts = [text for text, _ in links(html, "main")]
    round_one = texts.index(
        "Round 1 of the Ukraine–United States bilateral security agreement negotiations"
    )
    first = links(html, "main")[round_one + 1][1].removeprefix("#")
    assert text_of(html, first).endswith(
        "Cited for: Ukraine–United States bilateral security agreement: negotiations started; "
        "Round 1 of the Ukraine–United States bilateral security agreement negotiations."
    )


def test_an_analyst_filters_by_country(client, seed):
    for code in ["US", "us", " Us "]:
        html = client.get("/en/timeline/", {"country": code}).content.decode()
        assert text_of(html, "result-count") == "5 events shown, 1 of them undated."
        assert dated_titles(html) == [
            "United States signed the Joint Declaration of Support for Ukraine",
            "Ukraine–United States bilateral security agreement: negotiations started",
            "Round 1 of the Ukraine–United States bilateral security agreement negotiations",
            "Round 3 of the Ukraine–United States bilateral security agreement negotiations",
        ]
        round_two = "Round 2 of the Ukraine–United States bilateral security agreement negotiations"
        third_round = marker_of(html, "Ukraine and US continue security agreement talks", round_two)
        assert items_of(html, "undated-events") == [
            "date unknown negotiation round Round 2 of the Ukraine–United States bilateral "
            f"security agreement negotiations (implied) {third_round}"
        ]
        selected = [
            attrs["value"] for _, attrs in elements(html, "id_country") if "selected" in attrs
        ]
        assert selected == ["US"]


def test_an_analyst_filters_by_event_type(client, seed):
    html = client.get("/en/timeline/", {"type": "signed"}).content.decode()
    assert text_of(html, "result-count") == "9 events shown, 9 of them undated."
    assert dated_titles(html) == []
    assert "No dated events match." in text_of(html, "main")
    html = client.get("/en/timeline/", {"type": ["round", "declaration_adopted"]}).content.decode()
    assert text_of(html, "result-count") == "4 events shown, 1 of them undated."
    html = client.get("/en/timeline/?type=round&country=US").content.decode()
    assert text_of(html, "result-count") == "3 events shown, 1 of them undated."
    checked = [a["value"] for _, a in elements(html) if a.get("name") == "type" and "checked" in a]
    assert checked == ["round"]


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
    if query.startswith("country=US"):  # the valid filter still applies
        assert text_of(html, "result-count") == "5 events shown, 1 of them undated."
    else:
        assert text_of(html, "result-count") == "34 events shown, 22 of them undated."


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
    assert text_of(response.content.decode(), "result-count") == (
        "152 events shown, 15 of them undated."
    )
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
    shown = f"{per_page + 51} events shown, 10 of them undated."
    assert text_of(first, "result-count") == (
        f"{shown} This is page 1 of 2: events 1–{per_page}, the undated ones last."
    )
    assert ids_of(first, "undated") == []  # the undated events come last
    assert [a["href"] for tag, a in elements(first) if tag == "a" and a.get("rel") == "next"] == [
        "?page=2",
        "?page=2",
    ]
    second = client.get("/en/timeline/", {"page": 2}).content.decode()
    events = f"events {per_page + 1}–{per_page + 51}"
    last_page = f"{shown} This is page 2 of 2: {events}, the undated ones last."
    assert text_of(second, "result-count") == last_page

    assert outline(first, "p.event-title") + outline(second, "p.event-title") == everything
    texts = outline(second, "h2", "h3", "p.event-title")
    undated = texts[texts.index("Undated events") + 1 : texts.index("Sources")]
    assert undated == [
        f"Round {number} of the {agreement.title} negotiations"
        for number in range(per_page + 41, per_page + 51)
    ]
    # the year and month headings go on where the first page stopped
    assert outline(second, "h2", "h3") == [
        "2023",
        "Oct 2023",
        "Nov 2023",
        "Dec 2023",
        "Undated events",
        "Sources",
    ]
    # a page past the end shows the last one, a bad page number the first
    assert text_of(client.get("/en/timeline/", {"page": 99}).content.decode(), "result-count") == (
        last_page
    )
    page_x = client.get("/en/timeline/", {"page": "x"}).content.decode()
    assert text_of(page_x, "result-count") == text_of(first, "result-count")


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
