"""An analyst opens one agreement: parties, status history, rounds and the quotes behind them."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Q

from agreements.models import Agreement, Citation, Country
from tests.factories import (
    add_contents,
    cite,
    make_agreement_with_rounds,
    make_countries,
    make_reference,
    make_source,
)
from tests.html_text import elements, ids_of, links, page_text, text_of

pytestmark = pytest.mark.django_db

US_URL = "/en/agreements/ukraine-united-states/"


def test_the_us_rounds_show_as_a_timeline_as_the_sources_report_them(client, seed):
    html = client.get(US_URL).content.decode()

    first = text_of(html, "round-1")
    assert first.startswith("Round 1")
    assert "3 Aug 2023 (exact day)" in first
    assert "Andrii Yermak" in first
    for department in ["Department of State", "Department of Defense", "National Security Council"]:
        assert department in first

    second = text_of(html, "round-2")
    assert second.startswith("Round 2 implied")
    assert "known only because a later round has a higher number" in second
    assert "date unknown" in second
    assert '<li id="round-2" class="round round-implied">' in html

    third = text_of(html, "round-3")
    assert third.startswith("Round 3")
    assert "2024 (year only)" in third
    assert "$61 billion aid package to Ukraine (April 2024)" in third
    assert "Negotiating group on security guarantees for Ukraine, appointed 8 Jan 2024" in third
    # The rounds are an ordered list, in order.
    assert ids_of(html, "round-") == ["round-1", "round-2", "round-3"]


def test_the_parties_and_status_history_are_shown_with_their_precision(client, seed):
    text = page_text(client.get(US_URL))
    assert "Ukraine — the home party" in text
    assert "United States (US) — the partner, a G7 member" in text
    assert "founding G7 signatory of the Joint Declaration of Support for Ukraine" in text
    assert "Current status: negotiating" in text
    assert "Negotiations started: 3 Aug 2023 (exact day)" in text
    assert "Signed:" not in text  # not reached: nothing is invented


def test_an_undated_signing_says_when_it_was_reported_and_invents_no_date(client, seed):
    text = page_text(client.get("/en/agreements/ukraine-denmark/"))
    assert "Current status: signed" in text
    assert "Signed: date unknown — the sources do not date it; reported signed by 2024" in text
    assert "Negotiations started: date unknown" in text


def test_each_fact_has_numbered_markers_and_each_quote_is_listed_once(client, seed):
    html = client.get(US_URL).content.decode()
    assert text_of(html, "round-3").endswith("Sources [source 6][source 7][source 8]")
    assert ids_of(html, "note-") == [f"note-{number}" for number in range(1, 9)]
    markers = [attrs["href"] for _, attrs in elements(html, "main") if attrs.get("class") == "cite"]
    assert markers == [
        "#note-1",
        "#note-2",
        "#note-3",
        "#note-3",
        "#note-4",
        "#note-5",
        "#note-6",
        "#note-6",
        "#note-7",
        "#note-8",
    ]
    # One quote supports rounds 2 and 3: it is listed once, with both.
    shared = text_of(html, "note-6")
    assert shared.endswith("Cited for: Round 2; Round 3.")
    quote = Citation.objects.filter(round__number=3).first().quote[:40]
    assert [note for note in ids_of(html, "note-") if quote in text_of(html, note)] == ["note-6"]


def test_each_note_links_to_its_passage_marked_in_the_source(client, seed):
    html = client.get(US_URL).content.decode()
    note = text_of(html, "note-8")
    assert note.startswith("“During the meeting, the parties reviewed the draft agreement's text")
    assert note.endswith("Cited for: Round 3.")
    round_three = Agreement.objects.get(slug="ukraine-united-states").rounds.get(number=3)
    meeting = round_three.citations.get(quote__startswith="During the meeting")
    source = meeting.source
    assert links(html, "note-8") == [
        (source.title, f"{source.get_absolute_url()}#quote-{meeting.pk}")
    ]


def test_an_agreement_in_force_lists_each_dated_step(client):
    partner = Country.objects.create(iso2="QA", name="Qatarland")
    agreement = Agreement.objects.create(
        slug="ukraine-qatarland",
        partner=partner,
        title="Ukraine–Qatarland agreement",
        status="in_force",
        negotiations_started_on="2023-09",
        signed_on="2024-01-12",
        in_force_on="2024",
    )
    cite(make_source(), agreement=agreement)
    text = page_text(client.get(agreement.get_absolute_url()))
    assert "Negotiations started: Sep 2023 (month only)" in text
    assert "Signed: 12 Jan 2024 (exact day)" in text
    assert "Entered into force: 2024 (year only)" in text
    assert "Ended" not in text
    assert "No rounds recorded." in text


def test_the_page_runs_a_fixed_number_of_queries_however_many_rounds(
    client, django_assert_max_num_queries
):
    (partner,) = make_countries(1)
    agreement = make_agreement_with_rounds(partner, rounds=40, citations_per_round=2)
    add_contents(agreement, source=make_reference())
    # + the signatories, the pledges and the citations of each.
    with django_assert_max_num_queries(10):
        response = client.get(agreement.get_absolute_url())
    html = response.content.decode()
    assert len(ids_of(html, "round-")) == 40
    # 81 quoted citations (two quotes) and 3 of one reference with one note: one numbered note
    # each, and a marker beside each fact.
    assert ids_of(html, "note-") == ["note-1", "note-2", "note-3"]
    cites = [
        attrs
        for tag, attrs in elements(html, "main")
        if tag == "dd" and attrs.get("class") == "cites"
    ]
    assert len(cites) == 40  # a marker beside each round's facts


def test_an_unknown_agreement_is_not_found(client, seed):
    assert client.get("/en/agreements/ukraine-atlantis/").status_code == 404


def test_the_agreement_page_has_a_print_stylesheet():
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    print_rules = "".join(re.findall(r"@media print \{(.*?)\n\}", css, re.S))
    assert ".round-timeline > li" in print_rules
    assert ".notes > li" in print_rules


def test_each_quote_link_lands_on_its_marked_passage_in_the_source(client, seed):
    html = client.get(US_URL).content.decode()
    notes = ids_of(html, "note-")
    addresses = [links(html, note)[0][1] for note in notes]  # each note's source, first
    assert len(notes) == 8  # one per quote
    agreement = Agreement.objects.get(slug="ukraine-united-states")
    cited = Citation.objects.filter(Q(agreement=agreement) | Q(round__agreement=agreement))
    pages = {}
    for address in addresses:
        path, anchor = address.split("#")
        citation = cited.get(pk=anchor.removeprefix("quote-"))
        assert path == citation.source.get_absolute_url()
        page = pages.setdefault(path, client.get(path).content.decode())
        assert text_of(page, anchor) == citation.quote


def test_hundreds_of_rounds_come_a_hundred_at_a_time_and_links_find_their_block(
    client, django_assert_max_num_queries
):
    """An analyst reads a negotiation with 250 rounds: rounds 1–100 first, then the next blocks;
    a link to round 150 (from the timeline, a country page or the feed) opens its block."""
    (partner,) = make_countries(1)
    agreement = make_agreement_with_rounds(partner, rounds=250, citations_per_round=1)
    url = agreement.get_absolute_url()
    with django_assert_max_num_queries(10):
        first = client.get(url).content.decode()
    assert ids_of(first, "round-") == [f"round-{n}" for n in range(1, 101)]
    assert "Rounds 1–100 of the 250 numbered so far" in first
    assert 'href="?rounds=2#rounds" rel="next">Later rounds' in first
    assert 'href="?rounds=3#rounds">Rounds 201–250</a>' in first

    round_150 = agreement.rounds.get(number=150)
    assert round_150.get_absolute_url() == f"{url}?rounds=2#round-150"
    assert agreement.rounds.get(number=100).get_absolute_url() == f"{url}#round-100"
    with django_assert_max_num_queries(10):
        second = client.get(round_150.get_absolute_url()).content.decode()
    assert ids_of(second, "round-") == [f"round-{n}" for n in range(101, 201)]
    # past the end: the last block; not a number: the first
    last = client.get(url, {"rounds": "99"}).content.decode()
    assert ids_of(last, "round-") == [f"round-{n}" for n in range(201, 251)]
    assert "Rounds 1–100 of the 250" in client.get(url, {"rounds": "x"}).content.decode()


def test_a_short_negotiation_shows_every_round_without_block_links(client, seed):
    html = client.get(US_URL).content.decode()
    assert "Blocks of rounds" not in html
    assert len(ids_of(html, "round-")) == 3


def test_rounds_without_a_number_follow_the_numbered_ones_by_date(client, seed):
    """Two rounds whose number no source gives: after the numbered rounds, earliest first."""
    us = Agreement.objects.get(slug="ukraine-united-states")
    later = us.rounds.create(date="2024-06-10", place="Washington")
    earlier = us.rounds.create(date="2024-05", place="Kyiv")
    html = client.get(US_URL).content.decode()
    assert ids_of(html, "round-") == [
        "round-1",
        "round-2",
        "round-3",
        f"round-unnumbered-{earlier.pk}",
        f"round-unnumbered-{later.pk}",
    ]
    assert text_of(html, f"round-unnumbered-{earlier.pk}").startswith(
        "Round (number not reported) Date May 2024"
    )


def test_rounds_without_a_number_are_on_the_last_block_of_a_long_negotiation(client):
    (partner,) = make_countries(1)
    agreement = make_agreement_with_rounds(partner, rounds=150, citations_per_round=1)
    unnumbered = agreement.rounds.create(date="2024-02-01")
    url = agreement.get_absolute_url()
    first = ids_of(client.get(url).content.decode(), "round-")
    last = ids_of(client.get(url, {"rounds": "2"}).content.decode(), "round-")
    assert f"round-unnumbered-{unnumbered.pk}" not in first
    assert last[-2:] == ["round-150", f"round-unnumbered-{unnumbered.pk}"]
