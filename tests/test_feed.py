"""A subscriber follows /feeds/updates/: the latest facts by their own dates, as valid Atom."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.utils import timezone

from agreements.models import AgreementStatus, Citation, NegotiationRound

from .factories import cite, make_agreement, make_many, make_source

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
TAG = "tag:security-agreements-tracker,2024:"
TEXT = "Talks were held. The parties met again. Moldova signed. Talks on negotiations began."


def entries(client):
    response = client.get("/en/feeds/updates/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "Ukraine Security Agreements Tracker: updates"
    return [
        {
            "title": entry.find(f"{ATOM}title").text,
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.find(f"{ATOM}id").text,
            "published": entry.find(f"{ATOM}published").text,
            "updated": entry.find(f"{ATOM}updated").text,
            "summary": entry.find(f"{ATOM}summary").text,
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def today():
    return f"{timezone.localdate():%d %b %Y}"


@pytest.fixture
def moldova():
    source = make_source(slug="md", text=TEXT, published_on="2024-07")
    agreement = make_agreement(
        "Moldova",
        status=AgreementStatus.SIGNED,
        signed_on="2024-06-13",
        negotiations_started_on="2024-01",
    )
    cite(source, "Moldova signed.", agreement=agreement, supports="status, signed")
    round_ = NegotiationRound.objects.create(agreement=agreement, number=1, date="2024-02")
    round_.place = "Kyiv"
    round_.save()
    cite(source, round=round_)
    return source, agreement


def test_the_latest_facts_are_listed_by_their_own_dates(client, moldova):
    feed = entries(client)
    assert [(e["title"], e["published"], e["id"]) for e in feed] == [
        (
            "Ukraine–Moldova: agreement signed",
            "2024-06-13T00:00:00+00:00",
            TAG + "signed/ukraine-moldova",
        ),
        (
            "Round 1 of the Moldova negotiations",
            "2024-02-01T00:00:00+00:00",
            TAG + "round/ukraine-moldova/1",
        ),
        (
            "Ukraine–Moldova: negotiations started",
            "2024-01-01T00:00:00+00:00",
            TAG + "negotiations-started/ukraine-moldova",
        ),
    ]
    signed, round_, _started = feed
    assert signed["link"] == "http://testserver/en/agreements/ukraine-moldova/"
    assert signed["summary"] == (
        "Ukraine–Moldova bilateral security agreement: signed, 13 Jun 2024. Status: signed. "
        f"Recorded in the tracker on {today()}."
    )
    assert round_["link"] == "http://testserver/en/agreements/ukraine-moldova/#round-1"
    assert round_["summary"] == (
        f"Date: Feb 2024. Place: Kyiv. Recorded in the tracker on {today()}, "
        f"last corrected on {today()}."
    )


def test_an_undated_fact_is_placed_by_the_date_it_was_reported(client, moldova):
    source, agreement = moldova
    agreement.negotiations_started_on = None
    agreement.save()
    assert "Ukraine–Moldova: negotiations started" not in [e["title"] for e in entries(client)]

    cite(source, "Talks on negotiations began.", agreement=agreement, supports="negotiations")
    started = next(e for e in entries(client) if "negotiations started" in e["title"])
    assert (started["published"], started["id"]) == (
        "2024-07-01T00:00:00+00:00",
        TAG + "negotiations-started/ukraine-moldova",
    )
    assert started["summary"].startswith(
        "Ukraine–Moldova bilateral security agreement: negotiations started, date unknown; "
        "reported by Jul 2024."
    )


def test_rounds_without_a_number_have_entry_ids_of_their_own(client, moldova):
    source, agreement = moldova
    for date in ("2024-03-05", "2024-04"):
        cite(source, round=NegotiationRound.objects.create(agreement=agreement, date=date))
    rounds = [(e["title"], e["id"]) for e in entries(client) if "Round" in e["title"]]
    assert rounds == [
        (
            "Round (number not reported) of the Moldova negotiations",
            TAG + "round/ukraine-moldova/unnumbered-2024-04",
        ),
        (
            "Round (number not reported) of the Moldova negotiations",
            TAG + "round/ukraine-moldova/unnumbered-2024-03-05",
        ),
        ("Round 1 of the Moldova negotiations", TAG + "round/ukraine-moldova/1"),
    ]


def test_a_correction_keeps_the_entry_id_and_moves_its_updated_time(client, moldova):
    _, agreement = moldova
    before = entries(client)[0]
    agreement.summary = "Corrected."
    agreement.save()
    after = entries(client)[0]
    assert after["id"] == before["id"]
    assert after["updated"] > before["updated"]


def test_a_fact_without_a_citation_is_not_in_the_feed(client, moldova):
    _, agreement = moldova
    NegotiationRound.objects.create(agreement=agreement, number=2, date="2024-05")
    assert [e["title"] for e in entries(client)] == [
        "Ukraine–Moldova: agreement signed",
        "Round 1 of the Moldova negotiations",
        "Ukraine–Moldova: negotiations started",
    ]


def test_text_from_the_record_is_escaped_so_feed_readers_show_it(client, moldova):
    round_ = NegotiationRound.objects.get(number=1)
    round_.place = '<img src=x onerror="alert(1)">'
    round_.save()
    (summary,) = [e["summary"] for e in entries(client) if e["title"].startswith("Round 1")]
    # type="html": the HTML a reader renders is escaped text, not an element.
    assert summary.startswith(
        "Date: Feb 2024. Place: &lt;img src=x onerror=&quot;alert(1)&quot;&gt;."
    )


def test_the_feed_is_useful_from_the_first_day_and_valid_atom(client, seed):
    response = client.get("/en/feeds/updates/")
    parsed = feedparser.parse(response.content)
    assert (parsed.bozo, parsed.version) == (False, "atom10")
    # 3 rounds, the US negotiations' start, 9 signings and 12 joinings, none of them news to
    # the tracker's history (the seed was loaded without it), all news to a subscriber.
    assert len(parsed.entries) == 3 + 1 + 9 + 12
    assert all(
        e.id.startswith(TAG) and e.title and e.link and e.published_parsed and e.updated_parsed
        for e in parsed.entries
    )
    assert len({e.id for e in parsed.entries}) == len(parsed.entries)
    first = parsed.entries[0]
    assert (first.title, first.id) == (
        "Round 3 of the United States negotiations",
        TAG + "round/ukraine-united-states/3",
    )
    ids = {e.id for e in parsed.entries}
    assert TAG + "round/ukraine-united-states/1" in ids
    assert TAG + "negotiations-started/ukraine-united-states" in ids


def test_the_feed_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    make_many(50)
    # One per kind of fact (five), and the signings' signatories and pledges.
    with django_assert_max_num_queries(7):
        assert len(entries(client)) == 30
    assert Citation.objects.count() > 100
