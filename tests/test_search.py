"""An analyst searches with `q`: partner names, titles, summaries, rounds and source texts.

PostgreSQL ranks full-text matches over stored vectors; SQLite matches whole words. The shared
tests hold on both; the last ones run on one database each (`make test` with DATABASE_URL runs
the PostgreSQL ones).
"""

import doctest

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from agreements import names
from agreements.models import Agreement, Citation, NegotiationRound, Source

from .factories import make_agreement
from .html_text import outline, rows_of

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL only"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the containment fallback runs on SQLite only"
)


def found(client, query, **params):
    """The partners of the agreements the list shows for `query`, in order."""
    html = client.get("/en/agreements/", {"q": query, **params}).content.decode()
    return [cells[1] for cells in rows_of(html, "agreement-").values()]


@pytest.fixture
def library():
    """Agreements where a different field holds each searched word."""
    make_agreement("Ruritania")
    make_agreement("Freedonia", title="Freedonia accord on shipbuilding")
    make_agreement("Syldavia", summary="Covers artillery training and demining.")
    borduria = make_agreement("Borduria")
    for number in (1, 2, 3):  # several matching rounds must not duplicate the agreement
        NegotiationRound.objects.create(
            agreement=borduria, number=number, summary=f"Round {number} discussed submarines."
        )
    article = Source.objects.create(
        slug="article",
        title="Talks in the capital",
        published_on="2024-05",
        text="The delegations agreed on cybersecurity cooperation.",
    )
    letter = Source.objects.create(
        slug="letter", title="A letter", published_on="2024", text="Observers came again."
    )
    report = Source.objects.create(
        slug="report", title="A report", published_on="2024", text="Observers were present."
    )
    grand_fenwick = make_agreement("Grand Fenwick")
    Citation.objects.create(
        source=article, quote="agreed on cybersecurity", agreement=grand_fenwick
    )
    Citation.objects.create(source=letter, quote="Observers came again.", agreement=grand_fenwick)
    elbonia = make_agreement("Elbonia")
    round_ = NegotiationRound.objects.create(agreement=elbonia, number=1)
    Citation.objects.create(source=report, quote="Observers were present.", round=round_)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Ruritania", ["Ruritania"]),  # partner name
        ("shipbuilding", ["Freedonia"]),  # title
        ("artillery", ["Syldavia"]),  # summary
        ("submarines", ["Borduria"]),  # round summaries: three rounds, one row
        ("cybersecurity", ["Grand Fenwick"]),  # sources citing the agreement
        ("observers", ["Elbonia", "Grand Fenwick"]),  # ... or one of its rounds
        ("zeppelin", []),
    ],
)
def test_search_finds_each_kind_of_text_once(client, library, query, expected):
    assert sorted(found(client, query)) == expected


def test_search_combines_with_the_other_filters(client, library):
    response = client.get("/en/agreements/", {"q": "observers", "partner": "EL"})
    assert "1 agreement matches" in response.content.decode()


def test_an_explicit_sort_overrides_the_ranking(client, library):
    assert found(client, "observers") == ["Elbonia", "Grand Fenwick"]  # equal rank: by name
    assert found(client, "observers", o="-partner") == ["Grand Fenwick", "Elbonia"]


def test_the_partner_named_ranks_first_in_the_seed(client, seed):
    # The third-round article cites all ten agreements and names Latvia; Latvia comes first.
    names = found(client, "Latvia")
    assert names[0] == "Latvia"
    assert len(names) == 10


def test_search_matches_whole_words_only(client, library):
    make_agreement("United Kingdom", iso2="GB", summary="Signed with the UK in January.")
    assert found(client, "UK") == ["United Kingdom"]  # not every "Ukraine–…" title
    assert found(client, "ubmarine") == []
    assert found(client, "SUBMARINE") == ["Borduria"]  # any case, and the plural


def test_own_texts_rank_above_cited_sources(client, library):
    make_agreement("Observeria", summary="Observers from Observeria.")
    assert found(client, "observers") == ["Observeria", "Elbonia", "Grand Fenwick"]


def test_each_result_says_where_it_matched(client, library):
    make_agreement("Observeria", summary="Observers from Observeria.")
    html = client.get("/en/agreements/", {"q": "observers"}).content.decode()
    assert outline(html, "tr.search-match") == [
        "Summary: Observers from Observeria.",
        "Cited source “A report”: Observers were present.",
        "Cited source “A letter”: Observers came again.",
    ]
    assert outline(html, "mark") == ["Observers", "Observers", "Observers"]


@pytest.fixture
def partners():
    """Partners under their stored names."""
    for name, iso2 in [
        ("United Kingdom", "GB"),
        ("Czechia", "CZ"),
        ("Netherlands", "NL"),
        ("United States", "US"),
        ("Ireland", "IE"),
    ]:
        make_agreement(name, iso2=iso2)


def test_the_names_modules_examples_hold():
    assert doctest.testmod(names).failed == 0


@pytest.mark.parametrize(
    "query, expected",
    [
        ("UK", ["United Kingdom"]),
        ("Britain", ["United Kingdom"]),
        ("Велика Британія", ["United Kingdom"]),  # CLDR's Ukrainian name
        ("Британія", ["United Kingdom"]),
        ("Czech Republic", ["Czechia"]),  # ISO 3166's official name
        ("чехія", ["Czechia"]),  # any case
        ("Holland", ["Netherlands"]),
        ("Нідерланди", ["Netherlands"]),
        ("USA", ["United States"]),
        ("America", ["United States"]),
        ("Ireland", ["Ireland"]),  # not "… of Great Britain and Northern Ireland"
        ("Britain or Holland", ["Netherlands", "United Kingdom"]),
        ("Ukrainian", []),  # neither "UK" nor "Ukraine"
    ],
)
def test_a_partner_is_found_by_the_names_it_goes_by(client, partners, query, expected):
    assert sorted(found(client, query)) == expected


def test_a_partner_named_by_another_name_ranks_with_its_own_texts(client, partners):
    # The UK is named; the Netherlands only cites an article that mentions Great Britain.
    article = Source.objects.create(
        slug="dutch-talks", title="Dutch talks", text="As Great Britain did, the Dutch signed."
    )
    netherlands = Agreement.objects.get(partner__iso2="NL")
    Citation.objects.create(source=article, quote="the Dutch signed", agreement=netherlands)
    assert found(client, "Great Britain") == ["United Kingdom", "Netherlands"]
    html = client.get("/en/agreements/", {"q": "Great Britain"}).content.decode()
    assert outline(html, "tr.search-match") == [
        "Partner: United Kingdom (also called Great Britain)",
        "Cited source “Dutch talks”: As Great Britain did, the Dutch signed.",
    ]
    assert outline(html, "mark") == ["Great", "Britain", "Great", "Britain"]


def test_a_cited_sources_passage_is_where_the_words_stand_together(client, partners):
    text = "The talks went into great detail on air defence and training. " * 3
    article = Source.objects.create(slug="g7", title="G7", text=text + "Great Britain signed.")
    ireland = Agreement.objects.get(partner__iso2="IE")
    Citation.objects.create(source=article, quote="Great Britain signed.", agreement=ireland)
    html = client.get("/en/agreements/", {"q": "Great Britain"}).content.decode()
    assert outline(html, "tr.search-match")[1] == (
        "Cited source “G7”: …talks went into great detail on air defence and training. "
        "Great Britain signed."
    )


def test_a_ukrainian_reader_finds_a_partner_by_its_ukrainian_name(client, partners):
    html = client.get("/uk/agreements/", {"q": "Британія"}).content.decode()
    assert outline(html, "tr.search-match") == ["Партнер: Велика Британія (інша назва: Британія)"]


def test_a_source_without_text_is_found_by_its_title(client, library):
    reference = Source.objects.create(
        slug="treaty-series", title="Treaty series volume", published_on="2024", text=""
    )
    Citation.objects.create(source=reference, quote="", agreement=make_agreement("Carpania"))
    assert found(client, "treaty") == ["Carpania"]
    assert found(client, "volume series") in ([], ["Carpania"])  # phrase (SQLite) or words


def test_a_round_is_found_by_the_name_of_its_ukrainian_lead(client, seed):
    # Andrii Yermak led the US rounds; the other nine cite an article that names him.
    names = found(client, "Yermak")
    assert (names[0], len(names)) == ("United States", 10)
    html = client.get("/en/agreements/", {"q": "Yermak"}).content.decode()
    assert outline(html, "tr.search-match")[0] == (
        "Round 1: Andrii Yermak · Representatives of the Department of State, the Department of "
        "Defense and the National Security Council"
    )


def test_the_seed_finds_what_each_agreement_says_first(client, seed):
    assert found(client, "UK") == ["United Kingdom"]  # "Ukraine" is not "UK"
    names = found(client, "Vilnius")
    assert names == sorted(names)  # no own text names Vilnius: all equal, by partner


@sqlite_only
def test_sqlite_matches_the_words_as_a_phrase(client, library):
    assert found(client, "delegations agreed") == ["Grand Fenwick"]
    assert found(client, "agreed delegations") == []


@postgresql_only
def test_postgresql_matches_word_forms(client, library):
    assert found(client, "submarine") == ["Borduria"]  # stemmed: submarines
    assert found(client, "discussing submarines") == ["Borduria"]
    assert found(client, "ubmarine") == []  # whole words, not fragments


@postgresql_only
def test_postgresql_reads_the_query_like_a_search_box(client, library):
    assert sorted(found(client, "cybersecurity or artillery")) == ["Grand Fenwick", "Syldavia"]
    assert found(client, "observers -came") == ["Elbonia"]  # each text is matched alone
    assert found(client, '"agreed on cybersecurity"') == ["Grand Fenwick"]


@postgresql_only
def test_postgresql_keeps_the_vectors_current_on_every_kind_of_write(library):
    source = Source.objects.get(slug="letter")
    Source.objects.filter(pk=source.pk).update(text="Zeppelins were seen.")  # no save()
    assert Source.objects.filter(search_vector=SearchQuery("zeppelin")).get() == source
