"""An editor imports the seed articles: exactly these candidates, each quoted, nothing else."""

from pathlib import Path

import pytest
from django.conf import settings

from agreements.importing import ArticleError, import_article
from agreements.importing.dates import find_dates
from agreements.importing.extract import extract
from agreements.importing.gazetteer import countries_in, lookup_country
from agreements.importing.text import clean, decode
from agreements.models import CandidateFact, Source
from agreements.partial_dates import PartialDate, Precision
from agreements.quotes import quote_occurs_in

ARTICLES = Path(settings.BASE_DIR) / "fixtures" / "articles"
THIRD_ROUND = ARTICLES / "000_688109b70dedab2e.txt"
START = ARTICLES / "002_46082a52ef3250a1.txt"
US = "ukraine-united-states"
G7_DECLARATION = "g7-joint-declaration-2023"


LONG_TEXTS = {"summary", "date_note", "partner_delegation"}


def brief(values):
    """Long texts (summaries, notes) shortened to their first words, for readable expectations."""
    return {k: v[:30] + "…" if k in LONG_TEXTS else v for k, v in values.items()}


def candidates_of(source):
    return [(c.kind, c.target, brief(c.values)) for c in source.candidates.order_by("position")]


G7_FOUNDERS = ["US", "CA", "GB", "FR", "DE", "IT", "JP"]
JOINERS = ["DK", "ES", "NL", "NO", "SE", "CZ", "FI", "IS", "BE", "PT", "IE", "RO"]
SIGNED = [
    ("GB", "ukraine-united-kingdom"),
    ("DE", "ukraine-germany"),
    ("FR", "ukraine-france"),
    ("DK", "ukraine-denmark"),
    ("CA", "ukraine-canada"),
    ("IT", "ukraine-italy"),
    ("NL", "ukraine-netherlands"),
    ("FI", "ukraine-finland"),
    ("LV", "ukraine-latvia"),
]

START_CANDIDATES = [
    ("agreement", US, {"partner": "US", "status": "negotiating"}),
    ("start", f"{US} start", {"partner": "US", "date": "2023-08-03"}),
    (
        "round",
        f"{US} #1",
        {
            "partner": "US",
            "number": 1,
            "is_implied": False,
            "date": "2023-08-03",
            "ukrainian_lead": "Andrii Yermak",
        },
    ),
    (
        "person",
        "Andrii Yermak",
        {"name": "Andrii Yermak", "role": "Head of the Office of the President", "country": "UA"},
    ),
    ("round", f"{US} #1", {"partner": "US", "number": 1, "ukrainian_lead": "Andrii Yermak"}),
    (
        "round",
        f"{US} #1",
        {"partner": "US", "number": 1, "partner_delegation": "Representatives of the Departm…"},
    ),
    *[("country", iso2, {"iso2": iso2, "is_g7": True}) for iso2 in G7_FOUNDERS],
    (
        "declaration",
        G7_DECLARATION,
        {
            "slug": G7_DECLARATION,
            "title": "Joint Declaration of Support for Ukraine",
            "adopted_on": "2023-07-12",
        },
    ),
    *[
        (
            "signatory",
            f"{G7_DECLARATION} {iso2}",
            {
                "declaration": G7_DECLARATION,
                "country": iso2,
                "role": "founding",
                "joined_on": "2023-07-12",
            },
        )
        for iso2 in G7_FOUNDERS
    ],
    (
        "declaration",
        G7_DECLARATION,
        {
            "slug": G7_DECLARATION,
            "title": "Joint Declaration of Support for Ukraine",
            "summary": "It is a step towards the concl…",
        },
    ),
    *[
        (
            "signatory",
            f"{G7_DECLARATION} {iso2}",
            {"declaration": G7_DECLARATION, "country": iso2, "role": "joined"},
        )
        for iso2 in JOINERS
    ],
]

THIRD_ROUND_CANDIDATES = [
    ("agreement", US, {"partner": "US", "status": "negotiating"}),
    (
        "person",
        "Andrii Yermak",
        {"name": "Andrii Yermak", "role": "Head of the Office of the President"},
    ),
    (
        "round",
        f"{US} #3",
        {
            "partner": "US",
            "number": 3,
            "is_implied": False,
            "date": "2024",
            "date_note": "Not dated in the article; repo…",
            "ukrainian_lead": "Andrii Yermak",
        },
    ),
    ("round", f"{US} #2", {"partner": "US", "number": 2, "is_implied": True}),
    ("round", f"{US} #1", {"partner": "US", "number": 1, "is_implied": True}),
    (
        "person",
        "Volodymyr Zelenskyy",
        {"name": "Volodymyr Zelenskyy", "role": "President of Ukraine", "country": "UA"},
    ),
    (
        "delegation",
        "negotiating-group-2024-01",
        {"slug": "negotiating-group-2024-01", "appointed_on": "2024-01-08"},
    ),
    (
        "round",
        f"{US} #3",
        {"partner": "US", "number": 3, "delegation": "negotiating-group-2024-01"},
    ),
    (
        "round",
        f"{US} #3",
        {"partner": "US", "number": 3, "summary": "During the meeting, the partie…"},
    ),
    (
        "declaration",
        G7_DECLARATION,
        {
            "slug": G7_DECLARATION,
            "title": "Joint Declaration of Support for Ukraine",
            "adopted_on": "2023-07-12",
            "occasion": "on the sidelines of the NATO summit",
            "place": "Vilnius",
        },
    ),
    (
        "declaration",
        G7_DECLARATION,
        {
            "slug": G7_DECLARATION,
            "title": "Joint Declaration of Support for Ukraine",
            "summary": "The document discussed, in par…",
        },
    ),
    (
        "delegation",
        "negotiating-group-2024-01",
        {
            "slug": "negotiating-group-2024-01",
            "appointed_on": "2024-01",
            "name": "Negotiating group on security guarantees for Ukraine",
            "mandate": "To negotiate security guarantees for Ukraine.",
            "appointed_by": "Volodymyr Zelenskyy",
            "lead": "Andrii Yermak",
        },
    ),
    *[("agreement", slug, {"partner": iso2, "status": "signed"}) for iso2, slug in SIGNED],
]


@pytest.mark.django_db
def test_the_negotiations_start_article_yields_exactly_its_candidates():
    result = import_article(START.read_bytes())
    source = result.source
    assert result.created and not result.warnings
    assert candidates_of(source) == START_CANDIDATES
    assert source.published_on.iso == "2023-08"  # from its "date 2023-08" line
    assert source.publisher == "Ukrainian News Agency"  # "…, Ukrainian News Agency reports."
    assert source.title.startswith("Ukraine and the United States have started negotiations")
    assert set(source.candidates.values_list("status", flat=True)) == {"pending"}


@pytest.mark.django_db
def test_the_third_round_article_yields_exactly_its_candidates():
    result = import_article(
        THIRD_ROUND.read_bytes(), published=PartialDate(2024), date_note="Editorial note."
    )
    source = result.source
    assert result.created and not result.warnings
    assert candidates_of(source) == THIRD_ROUND_CANDIDATES
    assert source.title == (
        "Ukraine and US continue security agreement talks in third round of negotiations"
    )
    assert source.publisher == ""  # "The Office of the President's press service reported this."
    third = source.candidates.get(target=f"{US} #3", values__has_key="date")
    assert third.values["date_note"].endswith("Editorial note.")


@pytest.mark.django_db
@pytest.mark.parametrize("path", [START, THIRD_ROUND])
def test_every_candidate_quotes_its_source(path):
    source = import_article(path.read_bytes(), published=PartialDate(2024)).source
    for candidate in source.candidates.all():
        assert quote_occurs_in(candidate.quote, source.text), candidate.quote
        assert candidate.supports


def test_the_site_footer_is_left_out_and_yields_no_candidates():
    article = clean(decode(THIRD_ROUND.read_bytes()))
    assert article.text.rstrip().endswith("Latvia.")
    assert "Cookies" not in article.text and "Новини" not in article.text
    assert len(article.left_out) > 10 and any("footer" in note for note in article.notes)
    footer = "\n\n".join(article.left_out)
    assert "Sunday January 5th, 2025" in footer
    # On its own the footer is no article, and its text proposes nothing.
    assert clean(footer).text == ""
    assert extract(footer, PartialDate(2025)) == ([], [])


ENGLISH_FOOTER = """Recent posts

  • News

Ukraine and Norway signed a bilateral security agreement

Ukraine and Norway signed a bilateral security agreement on the sidelines of the summit… Read more

Sunday January 5th, 2025
  • News

Will Poland sign a security agreement with Ukraine?

Warsaw and Kyiv started negotiations on a bilateral security agreement in… Read more

Saturday January 4th, 2025
  • Politics

Occupiers attacked Chernihiv region: 7 injured, a hospital damaged

Late in the evening of January 4, Russian invaders dropped four guided bombs on… Read more

04.01.2025, 18:30

This site uses cookies to improve your experience.
"""


@pytest.mark.django_db
def test_a_footer_in_the_articles_own_language_is_left_out_and_yields_no_candidates():
    # The third-round article as an English site would serve it: the same list of other posts
    # (headlines, "Read more" teasers, category bullets, dates) and cookie notice, in English.
    article = THIRD_ROUND.read_text()
    page = article[: article.index("Свіжі дописи")] + ENGLISH_FOOTER
    result = import_article(page.encode(), published=PartialDate(2024), date_note="Editorial note.")
    source = result.source
    assert source.text == clean(decode(THIRD_ROUND.read_bytes())).text
    assert source.text.rstrip().endswith("Latvia.")
    assert "Read more" not in source.text and "Norway" not in source.text
    assert candidates_of(source) == THIRD_ROUND_CANDIDATES
    assert not result.warnings
    # On its own the footer is no article either.
    assert clean(ENGLISH_FOOTER).text == ""


def test_an_articles_closing_list_is_kept_even_when_it_looks_like_a_label():
    text = (
        "Ukraine has already signed a bilateral security agreement with one more state, namely:"
        "\n\n  • Germany\n\nRecent posts\n\nSome other headline\n\n"
        "Sunday January 5th, 2025\n  • News\n"
    )
    article = clean(text)
    assert article.text.endswith("namely:\n\n  • Germany\n")
    assert len(article.left_out) == 3


def test_page_furniture_around_any_article_is_recognised_by_its_look():
    page = (
        "Home | News | Contact\n\nПідписуйтесь на наші новини\n\n"
        "Poland and Ukraine started negotiations on a security agreement on 2 May 2024.\n\n"
        "Read more: other news\n\nMonday May 6th, 2024\n\nWe use cookies on this site.\n"
    )
    article = clean(page)
    assert article.text == (
        "Poland and Ukraine started negotiations on a security agreement on 2 May 2024.\n"
    )
    assert len(article.left_out) == 5


@pytest.mark.django_db
def test_importing_the_same_article_twice_creates_nothing_new():
    first = import_article(START.read_bytes())
    # The same text with other white space and typographic quotes is the same article.
    again = START.read_text().replace('"', "“", 1).replace(". ", ".  ")
    second = import_article(again.encode())
    assert not second.created and second.source == first.source
    assert Source.objects.count() == 1
    assert CandidateFact.objects.count() == len(START_CANDIDATES)


@pytest.mark.django_db
def test_a_count_that_does_not_match_its_list_is_flagged():
    text = (
        "As of today, Ukraine has already signed bilateral security agreements with nine states, "
        "namely: Poland, Estonia and Lithuania.\n"
    )
    result = import_article(text.encode(), published=PartialDate(2024, 3))
    assert [c.values["partner"] for c in result.candidates] == ["PL", "EE", "LT"]
    assert result.warnings == [
        "The article says 9 states but lists 3: check the list (“As of today, Ukraine has "
        "already signed bilateral security a…”)."
    ]
    assert all("says 9 states but lists 3" in c.note for c in result.candidates)


@pytest.mark.django_db
def test_simple_html_is_read_as_text():
    page = (
        "<html><head><title>Talks start</title><script>var x;</script></head><body>"
        "<nav>Home News</nav><p>Ukraine and Japan started negotiations on a security "
        "agreement on 2 May 2024.</p><p>&copy; 2024 All rights reserved</p></body></html>"
    )
    result = import_article(page.encode())
    assert result.source.title == "Talks start"
    assert result.source.text == (
        "Ukraine and Japan started negotiations on a security agreement on 2 May 2024.\n"
    )
    agreement, start = result.candidates[:2]
    assert (agreement.kind, agreement.target) == ("agreement", "ukraine-japan")
    assert (start.kind, start.values) == ("start", {"partner": "JP", "date": "2024-05-02"})


@pytest.mark.parametrize(
    "text, iso2",
    [
        ("Great Britain", "GB"),
        ("the UK", "GB"),
        ("the United Kingdom", "GB"),
        ("the United States of America", "US"),
        ("USA", "US"),
        ("the US", "US"),
        ("U.S.", "US"),
        ("the Netherlands", "NL"),
        ("the Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Türkiye", "TR"),
        ("Atlantis", None),
    ],
)
def test_the_gazetteer_knows_common_variants(text, iso2):
    assert lookup_country(text) == iso2


def test_country_mentions_in_running_text():
    sentence = "Let us see: the U.S. and Great Britain, unlike us, talked to Czechia and Ukraine."
    assert countries_in(sentence) == ["US", "GB", "CZ", "UA"]


@pytest.mark.parametrize(
    "text, published, iso, precision",
    [
        ("On July 12, 2023, in Vilnius", "", "2023-07-12", Precision.DAY),
        ("signed on 12 July 2023", "", "2023-07-12", Precision.DAY),
        ("on January 8 of this year", "2024", "2024-01-08", Precision.DAY),
        ("on the evening of August 3", "2023-08", "2023-08-03", Precision.DAY),
        ("In January, the President", "2024", "2024-01", Precision.MONTH),
        ("on December 20", "2024-01-15", "2023-12-20", Precision.DAY),  # last December
        ("in March 2024", "", "2024-03", Precision.MONTH),
        ("on August 3", "", "", Precision.UNKNOWN),  # no year anywhere: unknown, not guessed
    ],
)
def test_dates_are_resolved_against_the_publication_date_at_their_precision(
    text, published, iso, precision
):
    (found,) = find_dates(text, PartialDate.parse(published))
    assert (found.date.iso, found.date.precision) == (iso, precision)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Ukraine and Germany signed a bilateral security agreement on 16 February 2024.",
            {"partner": "DE", "status": "signed", "signed_on": "2024-02-16"},
        ),
        # Canada's prime minister, named by his surname
        (
            "President Zelensky and Prime Minister Trudeau signed the security agreement in Kyiv.",
            {"partner": "CA", "status": "signed"},
        ),
        (
            "Ukraine and Canada signed the security agreement in Kyiv.",
            {"partner": "CA", "status": "signed"},
        ),
        # not signed yet
        (
            "The agreement with Japan is expected to be signed in June.",
            {"partner": "JP", "status": "negotiating"},
        ),
        ("Ukraine has not signed an agreement with Poland.", None),
    ],
)
def test_a_single_signing_is_proposed_with_its_date_and_mood(sentence, expected):
    proposals, _ = extract(sentence, PartialDate(2024, 3))
    signed = [p.values for p in proposals if p.kind == "agreement"]
    assert signed == ([expected] if expected else [])


def test_only_ukrainian_officials_lead_the_ukrainian_delegation():
    text = (
        "US Secretary of State, Antony Blinken, and the head of the Office of the President, "
        "Andrii Yermak, held the fourth round of negotiations with the United States.\n\n"
        "The Ukrainian delegation met the US Secretary of State, Antony Blinken.\n"
    )
    proposals, _ = extract(text, PartialDate(2024, 5, 2))
    people = {p.values["name"]: p.values.get("country") for p in proposals if p.kind == "person"}
    assert people == {"Antony Blinken": None, "Andrii Yermak": None}
    (fourth,) = [p.values for p in proposals if p.target == "ukraine-united-states #4"]
    assert fourth["ukrainian_lead"] == "Andrii Yermak"
    assert (fourth["date"], fourth["date_note"]) == (
        "2024",
        "Not dated in the article; reported in an article published 2 May 2024.",
    )


@pytest.mark.parametrize("published", ["2024-05-02", "2024-05", "2024"])
def test_an_undated_round_reported_as_news_gets_only_the_year_of_publication(published):
    # The round took place by the time it was reported, perhaps weeks before: the month of
    # publication would be a guess, its year is what the date says.
    text = "Andrii Yermak held the second round of negotiations with Japan.\n"
    proposals, _ = extract(text, PartialDate.parse(published), "Dated by its web page.")
    (second,) = [p.values for p in proposals if p.target == "ukraine-japan #2"]
    assert PartialDate.parse(second["date"]).precision == Precision.YEAR
    assert second["date"] == "2024"
    assert second["date_note"] == (
        "Not dated in the article; reported in an article published "
        f"{PartialDate.parse(published)}. Dated by its web page."
    )


def test_a_foreign_title_is_not_a_ukrainian_lead():
    text = "German Chancellor, Olaf Scholz, held the first round of negotiations with Germany."
    proposals, _ = extract(text, PartialDate(2024, 2))
    (first,) = [p.values for p in proposals if p.target == "ukraine-germany #1"]
    assert "ukrainian_lead" not in first


def test_joiners_are_counted_and_unknown_names_reported():
    text = (
        "Three countries have already joined the G7 declaration of support for Ukraine: "
        "Denmark, Narnia.\n"
    )
    proposals, warnings = extract(text, PartialDate(2023, 8))
    assert [(p.kind, p.values["country"]) for p in proposals] == [("signatory", "DK")]
    assert warnings == [
        "The article says 3 countries but lists 2: check the list (“Three countries have "
        "already joined the G7 declaration of su…”).",
        "“Narnia” is not a country the gazetteer knows: skipped",
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_refused_as_not_utf8_rather_than_binary(encoding):
    raw = "Ukraine and Japan started negotiations on 2 May 2024.".encode(encoding)
    with pytest.raises(ArticleError) as refused:
        decode(raw)
    assert str(refused.value) == (
        "not UTF-8: the file is UTF-16 text; save it as UTF-8 and import it again"
    )
