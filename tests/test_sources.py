"""An analyst asks where a fact comes from: the article, with every quoted passage marked."""

import pytest

from agreements.models import (
    Citation,
    Country,
    Source,
)
from agreements.quotes import TextPiece, highlight_passages, quote_occurs_in, quote_spans
from tests.factories import cite, make_agreement_with_rounds, make_countries, make_source
from tests.html_text import ids_of, items_of, links, outline, rows_of, text_of

# -- finding quotes in the text ------------------------------------------------------------------


def quoted(text, quote):
    return [text[start:end] for start, end in quote_spans(quote, text)]


def test_a_verbatim_quote_is_found_where_it_stands():
    text = "Before. The talks began today. After."
    assert quote_spans("The talks began today.", text) == [(8, 30)]


def test_white_space_case_and_quote_marks_do_not_matter():
    text = "He said: “We   will\nsign it” — soon.\n"
    assert quoted(text, '"we will sign it" - SOON.') == ["“We   will\nsign it” — soon."]
    assert quoted(text, "he said: “we will") == ["He said: “We   will"]
    assert quoted(text, "he said: 'we will") == []  # single and double quotes still differ


def test_an_elided_quote_marks_each_passage():
    text = "Signed with nine states, namely:\n\n  • Great Britain,\n  • Latvia.\n"
    assert quoted(text, "nine states, namely: … Latvia") == ["nine states, namely", "Latvia"]
    assert quoted(text, "nine states... Great Britain") == ["nine states", "Great Britain"]


def test_passages_out_of_order_or_absent_are_not_found():
    text = "Alpha beta. Gamma delta."
    assert quote_spans("Gamma … Alpha", text) == []
    assert quote_spans("Epsilon", text) == []
    assert quote_spans("…", text) == []
    assert not quote_occurs_in("Epsilon", text)
    assert quote_occurs_in("alpha … DELTA", text)


def test_spans_stay_right_after_characters_that_fold_to_two():
    text = "Die Straße  ist breit. Ende."
    assert quoted(text, "strasse ist breit") == ["Straße  ist breit"]
    assert quoted(text, "Ende.") == ["Ende."]


def test_every_seed_quote_is_found_in_its_source(seed):
    for citation in Citation.objects.select_related("source"):
        spans = quote_spans(citation.quote, citation.source.text)
        assert spans, citation.quote
        assert quote_occurs_in(citation.quote, citation.source.text)


# -- cutting the text into marked pieces ---------------------------------------------------------


def test_the_text_is_cut_into_paragraphs_and_quoted_pieces():
    text = "One two three.\n\nFour five.\n"
    paragraphs = highlight_passages(text, {7: [(4, 7)], 8: [(16, 20)]})
    assert paragraphs == [
        [TextPiece("One "), TextPiece("two", [7], [7]), TextPiece(" three.")],
        [TextPiece("Four", [8], [8]), TextPiece(" five.")],
    ]


def test_overlapping_quotes_each_get_an_anchor_once():
    text = "abcdefgh"
    paragraphs = highlight_passages(text, {1: [(0, 4)], 2: [(2, 6)], 3: [(0, 4)]})
    assert paragraphs == [
        [
            TextPiece("ab", [1, 3], [1, 3]),
            TextPiece("cd", [1, 2, 3], [2]),
            TextPiece("ef", [2], []),
            TextPiece("gh"),
        ]
    ]
    assert paragraphs[0][2].mark_ids == [None]


def test_a_quote_across_paragraphs_is_marked_in_each():
    text = "First part.\n\nSecond part."
    first, second = highlight_passages(text, {5: [(6, 19)]})
    assert first == [TextPiece("First "), TextPiece("part.", [5], [5])]
    assert second == [TextPiece("Second", [5], []), TextPiece(" part.")]


# -- the pages -----------------------------------------------------------------------------------

db_test = pytest.mark.django_db


@db_test
def test_every_quote_is_marked_in_its_source_page(client, seed):
    for source in Source.objects.all():
        html = client.get(source.get_absolute_url()).content.decode()
        quotes = [f"quote-{pk}" for pk in source.citations.values_list("pk", flat=True)]
        assert sorted(ids_of(html, "quote-")) == sorted(quotes)  # each marked, and only those
        linked = [href for _, href in links(html, "cited-facts") if href.startswith("#")]
        assert sorted(linked) == sorted(f"#{quote}" for quote in quotes)
    # The photo caption is in the third round's text, but no quote takes it in.
    third_round = Source.objects.get(slug="ukraine-us-third-round-2024")
    html = client.get(third_round.get_absolute_url()).content.decode()
    caption = "Photo: Office of the President"
    assert caption in text_of(html, "article-text")
    assert [mark for mark in outline(html, "mark") if caption in mark] == []


@db_test
def test_a_source_page_shows_the_article_and_the_facts_citing_it(client, seed):
    source = Source.objects.get(slug="ukraine-us-third-round-2024")
    html = client.get(source.get_absolute_url()).content.decode()
    text = text_of(html, "main")
    assert "Publisher not stated" in text
    assert "Published 2024 (year only) The article carries no date." in text
    assert "page text around the article" in text and "not part of the article" in text
    assert f"Facts citing this article ({source.citations.count()})" in text
    assert "Negotiation round: Round 3 – Ukraine–United States bilateral security agreement" in text
    assert (
        "Agreement: Ukraine–Latvia bilateral security agreement · supports: status: signed" in text
    )
    assert 'href="/en/agreements/ukraine-united-states/#round-2"' in html
    assert 'href="/en/agreements/ukraine-latvia/"' in html
    assert "Delegation: Negotiating group on security guarantees for Ukraine" in text
    # The article's text, with its quoted passages marked, e.g. the sentences on the meeting.
    meeting = source.citations.get(quote__startswith="During the meeting")
    assert text_of(html, f"quote-{meeting.pk}") == (
        "During the meeting, the parties reviewed the draft agreement's text in great detail. "
        "They acknowledged significant progress in aligning the main provisions of the document "
        "and revised the process for future actions."
    )


@db_test
def test_signatory_facts_link_to_their_row_of_the_declaration(client, seed):
    source = Source.objects.get(slug="ukraine-us-negotiations-start-2023-08")
    html = client.get(source.get_absolute_url()).content.decode()
    assert 'href="/en/declarations/g7-joint-declaration-2023/#signatory-DK"' in html
    assert "Publisher Ukrainian News Agency" in text_of(html, "main")
    assert "Published Aug 2023 (month only)" in text_of(html, "main")


@db_test
def test_article_text_is_escaped_and_a_missing_quote_is_said_so(client):
    source = make_source(text='<script>alert("x")</script> Talks were held & ended.')
    (country,) = make_countries(1)
    found = cite(source, quote="Talks were held & ended.", country=country)
    # Saved without validation, e.g. before the text was corrected.
    Citation.objects.create(source=source, quote="Never said.", country=country)
    html = client.get(source.get_absolute_url()).content.decode()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert text_of(html, "article-text") == '<script>alert("x")</script> Talks were held & ended.'
    assert text_of(html, f"quote-{found.pk}") == "Talks were held & ended."
    assert items_of(html, "cited-facts") == [
        f"Country: {country.name} — quote in the text for {country.name}",
        f"Country: {country.name} — quote not found in the stored text: “Never said.”",
    ]


@db_test
def test_the_source_list_shows_each_article(client, seed):
    html = client.get("/en/sources/").content.decode()
    assert outline(html, "caption") == ["2 sources"]
    # newest first: title, publisher, publication date and the number of facts citing it
    assert list(rows_of(html, "source-").values()) == [
        [
            "Ukraine and US continue security agreement talks in third round of negotiations",
            "not stated",
            "2024 (year only)",
            "20",
        ],
        [
            "Ukraine and the United States have started negotiations on bilateral obligations in "
            "the field of security",
            "Ukrainian News Agency",
            "Aug 2023 (month only)",
            "35",
        ],
    ]


@db_test
def test_source_pages_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    source = make_source()
    for country in make_countries(3):
        make_agreement_with_rounds(country, rounds=20, citations_per_round=1, source=source)
    assert source.citations.count() == 63
    with django_assert_max_num_queries(2):
        response = client.get(source.get_absolute_url())
    assert len(ids_of(response.content.decode(), "quote-")) == 63
    with django_assert_max_num_queries(2):  # the count and the page
        client.get("/en/sources/")


@db_test
def test_many_sources_are_paged_newest_first(client):
    for n in range(60):
        source = make_source(slug=f"report-{n:02d}", published_on=f"2023-{1 + n % 12:02d}")
        cite(source, country=Country.objects.get_or_create(iso2="QA", name="State QA")[0])
    first = text_of(client.get("/en/sources/").content.decode(), "main")
    assert "60 sources; showing 1–50" in first
    last = text_of(client.get("/en/sources/", {"page": 2}).content.decode(), "main")
    assert "60 sources; showing 51–60" in last
    # newest first across the pages: every December report before any January one
    assert "Dec 2023" in first and "Jan 2023" not in first
    assert "Jan 2023" in last and "Dec 2023" not in last
    assert client.get("/en/sources/", {"page": "999"}).status_code == 200


@db_test
@pytest.mark.parametrize("path", ["/en/sources/999999/", "/en/sources/99999999999999999999999/"])
def test_an_unknown_source_is_not_found(client, path):
    assert client.get(path).status_code == 404
