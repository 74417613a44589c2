"""A subscriber follows /feeds/updates/: new rounds and status changes, as Atom."""

import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from agreements.models import Agreement, AgreementStatus, NegotiationRound

from .factories import make_agreement, make_many

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client):
    response = client.get("/feeds/updates/")
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
            "updated": entry.find(f"{ATOM}updated").text,
            "summary": entry.find(f"{ATOM}summary").text,
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def test_a_new_round_and_a_status_change_appear_newest_first(client):
    agreement = make_agreement("Moldova", negotiations_started_on="2024-01")
    NegotiationRound.objects.create(agreement=agreement, number=1, date="2024-02", place="Kyiv")
    agreement.status = AgreementStatus.SIGNED
    agreement.signed_on = "2024-06-13"
    agreement.save()

    feed = entries(client)
    assert [e["title"] for e in feed] == [
        "Moldova: negotiating → signed",
        "Round 1 of the Moldova negotiations",
        "Moldova: recorded as negotiating",
    ]
    signed, round_, _created = feed
    assert signed["link"] == "http://testserver/agreements/ukraine-moldova/"
    assert "Signed 13 Jun 2024." in signed["summary"]
    assert round_["link"] == "http://testserver/agreements/ukraine-moldova/#round-1"
    assert round_["summary"] == "Date: Feb 2024. Place: Kyiv."
    assert len({e["id"] for e in feed}) == 3
    assert all(e["updated"] for e in feed)


def test_edits_that_change_no_status_are_not_news(client):
    agreement = make_agreement("Moldova")
    agreement.summary = "Reworded."
    agreement.save()
    round_ = NegotiationRound.objects.create(agreement=agreement, number=1)
    round_.place = "Chișinău"
    round_.save()
    assert [e["title"] for e in entries(client)] == [
        "Round 1 of the Moldova negotiations",
        "Moldova: recorded as negotiating",
    ]


def test_a_deleted_round_leaves_the_feed(client):
    agreement = make_agreement("Moldova")
    NegotiationRound.objects.create(agreement=agreement, number=1).delete()
    assert [e["title"] for e in entries(client)] == ["Moldova: recorded as negotiating"]


def test_seed_data_without_history_gives_an_empty_valid_feed(client, seed):
    assert entries(client) == []


def test_the_seed_load_is_not_news_but_the_first_edit_after_it_is(client, seed):
    """`make run` gives seed rows baseline history records; those are not reported."""
    call_command("baseline_history", verbosity=0)
    assert entries(client) == []
    assert "No status changes recorded yet" in client.get("/").content.decode()

    us = Agreement.objects.get(slug="ukraine-united-states")
    us.status = AgreementStatus.SIGNED
    us.signed_on = "2024-06-13"
    us.save()

    [entry] = entries(client)
    assert "United States" in entry["title"] and "signed" in entry["title"]
    assert "United States" in client.get("/").content.decode().split("Latest status changes")[1]


def test_the_feed_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    make_many(50)
    with django_assert_max_num_queries(2):
        assert len(entries(client)) == 30
