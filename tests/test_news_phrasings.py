"""The language of news, one phrasing per test: what the importer proposes for each."""

import pytest

from agreements.importing.dates import find_dates
from agreements.importing.extract import extract
from agreements.importing.gazetteer import countries_in, lookup_country
from agreements.importing.text import clean
from agreements.partial_dates import PartialDate

FRIDAY = PartialDate(2024, 2, 16)


def facts(text, published=FRIDAY, kinds=("agreement",)):
    article = clean(text)
    proposals, _ = extract(article.text, published, "", article.title)
    return [(p.kind, p.values) for p in proposals if p.kind in kinds]


def agreements(text, published=FRIDAY):
    return sorted(
        (v["partner"], v["status"], v.get("signed_on", "")) for _, v in facts(text, published)
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Canada and Ukraine signed an agreement on security cooperation on Friday.",
            [("CA", "signed", "2024-02-16")],
        ),
        (
            "Ukraine concluded a bilateral security cooperation deal with Spain on Monday.",
            [("ES", "signed", "2024-02-12")],
        ),
        (
            "Zelensky signed security agreements with Lithuania and Estonia in Brussels.",
            [("EE", "signed", ""), ("LT", "signed", "")],
        ),
        (
            "Biden and Zelenskyy signed a long-term security agreement on Thursday.",
            [("US", "signed", "2024-02-15")],
        ),
        (
            "The UK-Ukraine Agreement on Security Cooperation was signed in Kyiv on 12 January "
            "2024.",
            [("GB", "signed", "2024-01-12")],
        ),
    ],
)
def test_signings_name_their_partners_and_dates(text, expected):
    assert agreements(text) == expected


def test_a_headline_gives_the_partners_the_body_only_refers_to():
    text = (
        "Ukraine signs security pacts with EU, Lithuania and Estonia\n\n"
        "The agreements were signed in Brussels on Thursday, officials said.\n"
    )
    assert set(agreements(text, PartialDate(2024, 6, 28))) >= {
        ("EU", "signed", "2024-06-27"),
        ("LT", "signed", "2024-06-27"),
        ("EE", "signed", "2024-06-27"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky and Macron will sign a bilateral security agreement in Paris.",
        "Ukraine and Japan are to sign a security agreement next week.",
        "Ukraine is expected to sign a security agreement with Japan at the G7 summit.",
        "Talks are finalised with Poland; the signing of the security agreement is planned "
        "for Thursday.",
        "The security agreement with Poland could be finalised and signed before July.",
    ],
)
def test_a_signing_to_come_is_negotiating_never_signed(text):
    statuses = {status for _, status, _ in agreements(text)}
    assert statuses == {"negotiating"}


def test_a_denied_signing_proposes_nothing():
    assert agreements("Ukraine has not signed a security agreement with Hungary.") == []


def test_place_signatories_and_term_of_a_signing():
    text = (
        "Ukraine and Denmark sign security pact\n\n"
        "Danish Prime Minister Mette Frederiksen and President Zelenskyy signed a 10-year "
        "security agreement in Lviv on Friday.\n"
    )
    found = facts(text, kinds=("place", "signer", "term"))
    assert ("place", {"partner": "DK", "place": "Lviv"}) in found
    names = {v["name"] for kind, v in found if kind == "signer"}
    assert names == {"Mette Frederiksen", "Volodymyr Zelenskyy"}
    assert ("term", {"partner": "DK", "years": 10}) in found


def test_a_pledge_has_its_amount_and_currency_and_a_conversion_is_not_one():
    text = (
        "Norway and Ukraine signed a security agreement on Friday.\n\n"
        "Under the agreement Norway will provide NOK 13.5 billion (roughly EUR 1.2 billion) "
        "in military aid this year.\n"
    )
    pledges = [v for _, v in facts(text, kinds=("pledge",))]
    assert [(v["amount"], v["currency"]) for v in pledges] == [("13500000000", "NOK")]


@pytest.mark.parametrize(
    "sentence, number",
    [
        ("Ukraine and Canada held the third round of negotiations on 26 January 2024.", 3),
        ("Ukraine and Canada held the 14th round of talks on 26 January 2024.", 14),
        ("Ukraine and Canada held another round of talks on 26 January 2024.", None),
        ("Ukraine and Canada held a new round of consultations on 26 January 2024.", None),
    ],
)
def test_rounds_keep_the_number_the_source_gives_and_no_other(sentence, number):
    rounds = [v for _, v in facts(sentence, kinds=("round",)) if not v.get("is_implied")]
    assert [(r["partner"], r.get("number"), r["date"]) for r in rounds] == [
        ("CA", number, "2024-01-26")
    ]


def test_a_round_hoped_for_is_no_round():
    text = "Ukraine hoped one more round of negotiations with Japan would be enough."
    assert facts(text, kinds=("round",)) == []


def test_talks_that_began_in_a_month_are_dated_to_the_month():
    text = "Negotiations with the Netherlands began in August 2023, the ministry said."
    assert facts(text, kinds=("start",)) == [("start", {"partner": "NL", "date": "2023-08"})]


def test_an_ordinal_joiner_is_one_country_not_a_count():
    text = "Slovenia became the 22nd country to join the G7 declaration on security guarantees."
    joiners = [v["country"] for _, v in facts(text, kinds=("signatory",))]
    assert joiners == ["SI"]


def test_the_baltic_states_are_three_joiners():
    text = "The Baltic states joined the G7 Joint Declaration of Support for Ukraine on Monday."
    joiners = sorted(v["country"] for _, v in facts(text, kinds=("signatory",)))
    assert joiners == ["EE", "LT", "LV"]


def test_footnote_markers_glued_to_names_are_not_part_of_them():
    assert [lookup_country(name) for name in ["Kosovo3", "Greece6", "Spain[2]", "Norway*"]] == [
        "XK",
        "GR",
        "ES",
        "NO",
    ]


def test_the_eu_and_kosovo_are_partners_under_their_two_letter_codes():
    assert countries_in("the European Union, the EU and Kosovo") == ["EU", "XK"]


@pytest.mark.parametrize(
    "text, published, iso",
    [
        ("on Friday", "2024-02-16", "2024-02-16"),  # the day of publication itself
        ("on Thursday", "2024-02-16", "2024-02-15"),
        ("Feb. 16 (UPI) —", "2024-02-20", "2024-02-16"),
        ("on December 20", "2024-01-15", "2023-12-20"),  # never after publication
        ("у серпні 2023 року", "", "2023-08"),
        ("8 січня", "2024-03-01", "2024-01-08"),
        ("May\n31, 2024", "", "2024-05-31"),
    ],
)
def test_dates_as_news_write_them(text, published, iso):
    (found,) = [f for f in find_dates(text, PartialDate.parse(published)) if f.date]
    assert found.date.iso == iso


@pytest.mark.parametrize(
    "page, iso",
    [
        ("BRUSSELS, Jan 12, 2024 (Reuters) - Ukraine and Britain signed a deal.", "2024-01-12"),
        (
            "Wednesday, 20 December 2023, 18:42\n\nUkraine and the UK held talks today.",
            "2023-12-20",
        ),
        ("Published May 31,2024\n\nSweden and Ukraine signed a security agreement.", "2024-05-31"),
    ],
)
def test_the_publication_date_is_read_from_datelines_and_date_lines(page, iso):
    assert clean(page).published.iso == iso


def test_zelensky_is_one_person_whatever_the_spelling():
    text = (
        "Ukraine and Italy sign security agreement\n\n"
        "Italian Prime Minister Giorgia Meloni and Ukrainian President Volodymyr Zelenskiy "
        "signed the agreement in Kyiv on Saturday.\n"
    )
    signers = [v for _, v in facts(text, kinds=("signer",))]
    assert {v["name"] for v in signers} == {"Giorgia Meloni", "Volodymyr Zelenskyy"}


def test_page_furniture_of_news_sites_is_left_out():
    page = (
        "Укр Рус Eng\n\nUkraine and Sweden sign security agreement\n\n"
        "Sweden and Ukraine signed a security agreement in Stockholm on Friday.\n\n"
        "Advertisement:\n\nRead also: Ukraine and Norway sign security pact\n\n"
        "Subjects: Sweden, Ukraine\n\nSupport Us\n"
    )
    article = clean(page)
    assert article.text == (
        "Ukraine and Sweden sign security agreement\n\n"
        "Sweden and Ukraine signed a security agreement in Stockholm on Friday.\n"
    )


def test_a_signing_whose_partner_cannot_be_told_is_a_warning_not_silence():
    _, warnings = extract("The security agreement was signed on Friday.", FRIDAY)
    assert warnings == [
        "A signing whose partner the importer cannot tell (“The security agreement was "
        "signed on Friday.”)"
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Україна та Німеччина підписали угоду про співробітництво у сфері безпеки.",
            [("DE", "signed", "")],
        ),
        ("Зеленський і Шольц підпишуть безпекову угоду з Німеччиною.", [("DE", "negotiating", "")]),
    ],
)
def test_ukrainian_signings(text, expected):
    assert agreements(text) == expected


def test_a_ukrainian_round_with_its_number():
    text = "Україна та Франція провели третій раунд переговорів 5 березня 2024 року."
    rounds = [v for _, v in facts(text, kinds=("round",)) if not v.get("is_implied")]
    assert [(r["partner"], r["number"], r["date"]) for r in rounds] == [("FR", 3, "2024-03-05")]


# --- partners listed as having signed, or as still negotiating ------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The pacts stem from the G7 pledge. Sweden, Norway and the U.K. have already "
            "signed theirs.",
            [("GB", "signed", ""), ("NO", "signed", ""), ("SE", "signed", "")],
        ),
        (
            "The security deal adds to others; earlier signatories include Canada and Japan.",
            [("CA", "signed", ""), ("JP", "signed", "")],
        ),
        (
            "Spain now has a security agreement; Ottawa, Rome and the European Union are "
            "among those that signed earlier.",
            [("CA", "signed", ""), ("EU", "signed", ""), ("IT", "signed", "")],
        ),
        (
            "Which states have concluded security agreements? Belgium and Portugal have done so.",
            [("BE", "signed", ""), ("PT", "signed", "")],
        ),
        (
            "Japan would join the countries, among them Finland and Latvia, that have signed "
            "such security agreements.",
            [("FI", "signed", ""), ("LV", "signed", "")],
        ),
    ],
)
def test_partners_listed_as_having_signed_their_agreements(text, expected):
    assert [row for row in agreements(text) if row[0] != "ES"] == expected


def test_a_list_of_signings_in_turn_gives_each_its_date():
    text = (
        "On security agreements, Paris was first to sign, on 16 February 2024; Belgium and "
        "Portugal followed in May, Sweden signed shortly afterwards, and Iceland and Norway "
        "concluded theirs on 31 May 2024."
    )
    assert agreements(text, PartialDate(2024, 6, 3)) == [
        ("BE", "signed", "2024-05"),
        ("FR", "signed", "2024-02-16"),
        ("IS", "signed", "2024-05-31"),
        ("NO", "signed", "2024-05-31"),
        ("PT", "signed", "2024-05"),
        ("SE", "signed", ""),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "On the security agreements, Austria and Malta are still negotiating.",
            [("AT", "negotiating", ""), ("MT", "negotiating", "")],
        ),
        (
            "Brussels is now negotiating its own security agreement with Kyiv, and each member "
            "state, Cyprus included, is in separate bilateral talks.",
            [("CY", "negotiating", ""), ("EU", "negotiating", "")],
        ),
        (
            "Background: Washington and Ottawa had already entered similar talks with Kyiv on "
            "security guarantees.",
            [("CA", "negotiating", ""), ("US", "negotiating", "")],
        ),
    ],
)
def test_partners_listed_as_still_negotiating(text, expected):
    assert agreements(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Talks on the security agreement in London followed.",
        "Poland has not signed its own security agreement yet.",
        "Ministers met in Washington and Berlin to discuss the security agreements.",
        "Ukraine now has a draft security agreement with Portugal.",
    ],
)
def test_what_is_not_a_listed_signing(text):
    assert [row for row in agreements(text) if row[1] == "signed"] == []


def test_an_aid_package_announced_beside_the_agreement_is_not_its_pledge():
    text = (
        "Belgium and Ukraine signed a security agreement on Friday.\n\n"
        "In Brussels, Prime Minister Alexander De Croo hailed the accord and unveiled a "
        "€500 million military aid package for Ukraine.\n"
    )
    assert facts(text, kinds=("pledge",)) == []


def test_money_put_under_the_agreement_is_its_pledge():
    text = (
        "Belgium and Ukraine signed a security agreement on Friday.\n\n"
        "Under the agreement, Belgium will provide a €500 million military aid package in 2024.\n"
    )
    pledges = [v for _, v in facts(text, kinds=("pledge",))]
    assert [(p["partner"], p["amount"], p["currency"]) for p in pledges] == [
        ("BE", "500000000", "EUR")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "After the signing of the Ukraine-Spain security agreement the two leaders are due to "
        "brief the press.",
        "Following the signing of the security deal with Spain, Sánchez will visit a hospital.",
        "Spain and Ukraine: after the signing of the security agreement later today, the leaders "
        "meet the press.",
    ],
)
def test_a_signing_around_which_everything_is_still_to_come_is_not_signed(text):
    assert [row for row in agreements(text) if row[1] == "signed"] == []


def test_a_signing_that_took_place_stays_signed():
    text = "After the signing of the security agreement with Spain, which took place in Madrid."
    assert agreements(text) == [("ES", "signed", "")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Austrian Chancellor Karl Nehammer and Zelensky put their signatures to the security "
            "agreement in Vienna on Friday.",
            [("AT", "signed", "2024-02-16")],
        ),
        (
            "Malta and Ukraine put pen to paper on a security agreement on Friday.",
            [("MT", "signed", "2024-02-16")],
        ),
        (
            "Ukraine now has a security cooperation agreement with Portugal, Zelenskyy said.",
            [("PT", "signed", "")],
        ),
        (
            "Belgium and Ukraine now have a bilateral security agreement: the two leaders signed "
            "it on Friday.",
            [("BE", "signed", "2024-02-16")],
        ),
    ],
)
def test_other_words_for_a_signing(text, expected):
    assert agreements(text) == expected


def test_a_headline_that_seals_a_pact_reports_a_signing():
    text = "Croatia and Ukraine seal long-term security pact\n\nThe leaders met on Friday.\n"
    assert ("HR", "signed", "") in agreements(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Kyiv has now signed six such agreements; Sweden and Norway came before Portugal.",
            [("NO", "signed", ""), ("PT", "signed", ""), ("SE", "signed", "")],
        ),
        (
            "Kyiv has added Belgium and Iceland to its list of security-agreement partners.",
            [("BE", "signed", ""), ("IS", "signed", "")],
        ),
        (
            "The deal brings Kyiv's count of security agreements to 20; among its partners are "
            "the U.S. and Japan.",
            [("JP", "signed", ""), ("US", "signed", "")],
        ),
        (
            "Further agreements are in preparation with Austria and Malta, officials said.",
            [("AT", "negotiating", ""), ("MT", "negotiating", "")],
        ),
        (
            "On the security agreements, next in line, officials say, are Cyprus and Malta.",
            [("CY", "negotiating", ""), ("MT", "negotiating", "")],
        ),
    ],
)
def test_more_ways_of_listing_partners(text, expected):
    assert agreements(text) == expected


def test_partners_listed_outside_the_talk_of_agreements_are_nothing():
    assert agreements("Among its partners are France and Japan, the exporter said.") == []


def test_signed_with_a_leader_in_an_article_about_the_agreements():
    text = (
        "Ukraine concludes security agreements with Malta and Cyprus\n\n"
        "In Valletta, before the summit opened, Zelenskyy signed with Maltese Prime Minister "
        "Robert Abela and then with Cypriot President Nikos Christodoulides.\n"
    )
    assert {row[:2] for row in agreements(text)} >= {("MT", "signed"), ("CY", "signed")}
    places = {(v["partner"], v["place"]) for _, v in facts(text, kinds=("place",))}
    assert ("MT", "Valletta") in places


def test_signed_with_a_friend_is_not_an_agreement_outside_such_articles():
    text = "The striker signed with Maltese club Hibernians on Friday.\n"
    assert agreements(text) == []


def test_the_agreement_that_two_leaders_signed():
    text = (
        "Austria will send Ukraine aid under a bilateral security agreement that Austrian "
        "Chancellor Karl Nehammer and Ukrainian President Volodymyr Zelenskyy signed on Friday."
    )
    assert agreements(text) == [("AT", "signed", "2024-02-16")]


def test_a_subject_with_an_aside_in_commas_signs_for_its_country():
    text = (
        "Ukraine and Austria have a security agreement.\n\n"
        "Austrian Chancellor Karl Nehammer, in Kyiv on a visit that began that morning, signed it "
        "after talks with Zelenskyy.\n"
    )
    signers = {(v["partner"], v["name"]) for _, v in facts(text, kinds=("signer",))}
    assert ("AT", "Karl Nehammer") in signers


def test_the_two_leaders_the_sentences_before_named_sign():
    text = (
        "Croatia and Ukraine seal long-term support pact\n\n"
        "Croatia's Prime Minister Andrej Plenkovic and Ukraine's President Volodymyr Zelensky "
        "hosted the summit on Friday.\n"
        "Following their talks, the two leaders signed the Agreement on Long-term Cooperation "
        "and Support between Croatia and Ukraine.\n"
    )
    signers = {(v["partner"], v["name"]) for _, v in facts(text, kinds=("signer",))}
    assert signers == {("HR", "Andrej Plenković"), ("HR", "Volodymyr Zelenskyy")}


def test_a_leader_written_without_diacritics_takes_the_trackers_spelling():
    text = "Spanish Prime Minister Pedro Sanchez and Zelenskyy signed a security agreement."
    signers = {(v["partner"], v["name"]) for _, v in facts(text, kinds=("signer",))}
    assert ("ES", "Pedro Sánchez") in signers


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "Austria signs security pact with Ukraine\n\n"
            "A security deal was signed on Friday by Austria and Ukraine.\n\n"
            "President Zelenskyy was in Vienna for the signing.\n",
            "Vienna",
        ),
        (
            "Nehammer signs security pact with Ukraine on surprise trip to Odesa\n\n"
            "Austria and Ukraine signed a security agreement on Friday.\n",
            "Odesa",
        ),
        (
            "Ukraine on Friday signed a security agreement with Austria in the Austrian capital.",
            "Vienna",
        ),
    ],
)
def test_the_place_of_a_signing_said_around_it(text, place):
    places = {(v["partner"], v["place"]) for _, v in facts(text, kinds=("place",))}
    assert places == {("AT", place)}


def test_partners_listed_as_having_entered_talks_started_them():
    text = (
        "Background: Washington and Ottawa had already entered similar talks with Kyiv on "
        "security guarantees in January."
    )
    starts = sorted((v["partner"], v.get("date")) for _, v in facts(text, kinds=("start",)))
    assert starts == [("CA", "2024-01"), ("US", "2024-01")]


def test_a_month_that_ends_the_sentence_is_a_date():
    found = [d.date for d in find_dates("The talks began in August.", PartialDate(2023, 9, 1))]
    assert found == [PartialDate(2023, 8)]


def test_a_lifetime_in_years_is_the_term():
    text = (
        "Austria and Ukraine signed a security agreement on Friday.\n\n"
        "The agreement’s planned lifetime is ten years.\n"
    )
    assert [v for _, v in facts(text, kinds=("term",))] == [{"partner": "AT", "years": 10}]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Talks on a security agreement between Ukraine and Austria are now under way.",
            [("AT", "negotiating", "")],
        ),
        (
            "Negotiations with Malta on the security agreement are ongoing.",
            [("MT", "negotiating", "")],
        ),
        ("Talks in Vienna on the security agreement are under way.", []),
    ],
)
def test_talks_said_to_be_under_way(text, expected):
    assert agreements(text) == expected


# --- what an article says further from the signing ---------------------------------------------

AUSTRIA_SIGNS = "Austria and Ukraine signed a security agreement on Friday.\n\n"


def pledges(text, published=FRIDAY):
    found = facts(text, published, kinds=("pledge",))
    return [(v["partner"], v["amount"], v["currency"], v.get("period")) for _, v in found]


def test_a_bulleted_background_is_read_sentence_by_sentence():
    text = (
        AUSTRIA_SIGNS + "Background:\n\n"
        "  • Ukraine and Malta began talks on a bilateral security agreement in August 2023.\n"
        "  • An agreement with Cyprus was also signed on 12 February.\n"
    )
    assert facts(text, kinds=("start",)) == [("start", {"partner": "MT", "date": "2023-08"})]
    assert ("CY", "signed", "2024-02-12") in agreements(text)


def test_a_date_belongs_to_the_clause_it_is_said_in():
    text = (
        "Before Austria, Ukraine had concluded such security agreements with Germany and "
        "Denmark; an agreement with Italy was also signed on 12 February."
    )
    assert agreements(text) == [
        ("DE", "signed", ""),
        ("DK", "signed", ""),
        ("IT", "signed", "2024-02-12"),
    ]


def test_a_partners_turn_to_sign_that_was_is_a_signing():
    text = "On the security agreements: in January it was Austria's turn to sign."
    assert agreements(text) == [("AT", "signed", "2024-01")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Under the deal Austria commits two billion euros in military aid for this year.",
            [("AT", "2000000000", "EUR", None)],
        ),
        (
            "The Austrian chancellor brought a 2.5-billion-euro aid commitment for this year.",
            [("AT", "2500000000", "EUR", None)],
        ),
        # A currency's country is not a partner of the sentence.
        (
            "This year's Austrian contribution is set at EUR 3.02 billion (roughly US$3.3 "
            "billion).",
            [("AT", "3020000000", "EUR", None)],
        ),
        # The period is the amount's own, before or after it; past years are no pledge.
        (
            "For 2024 Austria has allocated 80 million euros in military aid; it provided 74 "
            "million euros in 2022 and 96 million euros in 2023.",
            [("AT", "80000000", "EUR", "2024")],
        ),
        # Aid given so far is said in another clause than the commitment.
        (
            "He said Austria had given Ukraine about 380 million euros since the war began, and "
            "that Vienna had committed an extra 128 million euros this year.",
            [("AT", "128000000", "EUR", None)],
        ),
        (
            "On top of that, 5 million euros more will flow this year to humanitarian needs.",
            [("AT", "5000000", "EUR", None)],
        ),
        (
            "Austria's next defence package, worth an estimated 188 million euros, was also "
            "presented; with it, Austrian aid since 2022 reaches about 2 billion euros.",
            [("AT", "188000000", "EUR", None)],
        ),
        (
            "Back in December Vienna had promised 1 billion euros and said it could go higher.",
            [],
        ),
    ],
)
def test_pledges_said_of_the_agreement_signed(sentence, expected):
    assert pledges(AUSTRIA_SIGNS + sentence + "\n") == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # A country in a person's name is not a partner: Portugal's prime minister.
        "Portuguese Prime Minister Luís Montenegro said the ten-year term set no limit on help.",
        "Its planned lifetime is ten years.",
    ],
)
def test_a_term_said_without_naming_the_agreement(sentence):
    text = "Portugal and Ukraine signed a security agreement on Friday.\n\n" + sentence + "\n"
    assert [v for _, v in facts(text, kinds=("term",))] == [{"partner": "PT", "years": 10}]


@pytest.mark.parametrize(
    "sentence, signer",
    [
        (
            "Prime Minister Jonas Gahr Støre signed the security agreement.",
            {"partner": "NO", "name": "Jonas Gahr Støre", "side": "NO", "role": "Prime Minister"},
        ),
        (
            "Kyriakos Mitsotakis, Greece's Prime Minister, signed the security agreement.",
            {
                "partner": "GR",
                "name": "Kyriakos Mitsotakis",
                "side": "GR",
                "role": "Greece's Prime Minister",
            },
        ),
    ],
)
def test_names_with_accents_and_roles_after_them(sentence, signer):
    assert [v for _, v in facts(sentence, kinds=("signer",))] == [signer]


def test_the_ceremony_and_the_signatories_told_apart_from_the_signing():
    text = (
        "Austria and Ukraine signed a security agreement on Friday.\n\n"
        "The ceremony was held in Vienna, with Volodymyr Zelenskyy and Austria's Chancellor "
        "Karl Nehammer as signatories.\n"
    )
    found = facts(text, kinds=("place", "signer"))
    assert ("place", {"partner": "AT", "place": "Vienna"}) in found
    assert sorted(v["name"] for kind, v in found if kind == "signer") == [
        "Karl Nehammer",
        "Volodymyr Zelenskyy",
    ]


def test_the_signatory_named_after_the_word_not_the_one_who_said_so():
    text = (
        "Japan and Ukraine signed a security agreement on Friday.\n\n"
        "The Japanese signatory was Prime Minister Fumio Kishida, Mr. Zelensky said.\n"
    )
    signers = [v["name"] for _, v in facts(text, kinds=("signer",))]
    assert signers == ["Fumio Kishida"]


def test_the_first_round_of_talks_is_their_start():
    text = "A Ukrainian team today began its first round of negotiations with Malta."
    assert facts(text, kinds=("start",)) == [
        ("start", {"partner": "MT", "date": "2024-02-16"}),
    ]


def test_a_signing_in_the_lead_without_a_partner_is_the_headlines():
    text = (
        "Ukraine signs security deal with Sweden\n\n"
        "Ukrainian President Volodymyr Zelensky put his name to a bilateral security agreement "
        "on Friday, as Kyiv presses for more help.\n"
    )
    assert agreements(text) == [("SE", "signed", ""), ("SE", "signed", "2024-02-16")]
    signers = [v["name"] for _, v in facts(text, kinds=("signer",))]
    assert signers == ["Volodymyr Zelenskyy"]


def test_partners_counted_not_named_are_the_headlines():
    text = (
        "Ukraine concludes security agreements with Lithuania and Estonia at the EU summit\n\n"
        "Two member states of both the EU and NATO put their names to bilateral agreements with "
        "Zelenskyy on Friday.\n"
    )
    assert agreements(text) == [
        ("EE", "signed", ""),
        ("EE", "signed", "2024-02-16"),
        ("LT", "signed", ""),
        ("LT", "signed", "2024-02-16"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "EU leaders met in Brussels.",
        "The three agreements were signed with EU countries.",
        "The agreements were concluded at the EU summit.",
        "Two member states of both the EU and NATO signed.",
    ],
)
def test_the_eu_naming_whose_leaders_or_members_is_no_partner(text):
    assert countries_in(text) == []


def test_a_partner_in_an_aside_about_where_is_not_the_signings():
    text = (
        "In Brussels, before EU leaders sat down for the European Council, where Zelenskyy was "
        "a guest, he signed security agreements with Lithuanian President Gitanas Nausėda."
    )
    assert agreements(text) == [("LT", "signed", "")]


def test_a_weekday_of_an_undated_article_is_the_day_it_writes_in_full_elsewhere():
    text = (
        "BORGO EGNAZIA, Italy (AP) — A security pact was signed Thursday by U.S. President Joe "
        "Biden and Volodymyr Zelenskyy.\n\n"
        "Handshake after the signing: Zelenskyy and Biden at the summit venue in Savelletri, "
        "Italy, on Thursday, June 13, 2024.\n\n"
        "Biden said the pact would outlast his presidency.\n"
    )
    article = clean(text)
    assert not article.published.is_known
    proposals, _ = extract(article.text, article.published, "", article.title)
    dates = {p.values.get("signed_on") for p in proposals if p.kind == "agreement"}
    assert "2024-06-13" in dates


def test_an_ordinal_country_backing_the_declaration_joined_it():
    text = "Zelensky said on Aug. 12 that Greece is now the 14th country backing the G7's joint "
    text += "declaration."
    found = [v for _, v in facts(text, PartialDate(2023, 8, 12), kinds=("signatory",))]
    assert [(v["country"], v.get("joined_on")) for v in found] == [("GR", "2023-08-12")]


def test_a_support_declaration_is_no_joining():
    text = "Kyiv has opened consultations with the EU, building on the G7 support declaration."
    assert facts(text, kinds=("signatory",)) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # The partner's leader in a city, in a caption of the signing.
        (
            "Ukraine and Spain agree security pact\n\n"
            "Zelenskiy and Sanchez in Madrid on Friday, after the signing.\n\n"
            "Spanish Prime Minister Pedro Sanchez and Zelenskiy signed a security agreement on "
            "Friday.\n",
            {("ES", "Madrid")},
        ),
        # The place a later sentence about the partner's accord opens with.
        (
            "Zelenskyy signed a security agreement with Germany on Friday.\n\n"
            "In Berlin that morning, Chancellor Olaf Scholz hailed the accord as historic.\n",
            {("DE", "Berlin")},
        ),
        # "The <capital> signing": that capital's country's signing, there.
        (
            "Zelenskyy seals security pacts with France and Germany\n\n"
            "The Paris signing came on Friday evening, after an earlier stop in Berlin.\n",
            {("FR", "Paris")},
        ),
        (
            "Croatia and Ukraine seal long-term support pact as Dubrovnik summit opens\n\n"
            "The leaders met on Friday.\n",
            {("HR", "Dubrovnik")},
        ),
        # A wire dateline is the place when the sentence places the signing nowhere else.
        (
            "FASANO, Italy (AP) — A security pact was signed Thursday by U.S. President Joe Biden "
            "and Volodymyr Zelenskyy.",
            {("US", "Fasano")},
        ),
        (
            "COPENHAGEN (Reuters) - A security agreement between Finland and Ukraine was signed "
            "on Wednesday during Stubb's visit to Ukraine.",
            set(),
        ),
        (
            "UPDATE - A security agreement between Finland and Ukraine was signed on Wednesday.",
            set(),
        ),
    ],
)
def test_the_place_of_a_signing_told_apart_from_it(text, expected):
    places = {(v["partner"], v["place"]) for _, v in facts(text, kinds=("place",))}
    assert places == expected


def test_the_capital_signing_is_dated_for_its_partner():
    text = (
        "Zelenskyy seals security pacts with France and Germany\n\n"
        "The Paris signing came on Friday evening, after an earlier stop in Berlin.\n"
    )
    assert ("FR", "signed", "2024-02-16") in agreements(text)


def test_a_start_of_talks_in_a_clause_beside_a_round():
    text = (
        "Bilateral talks are under way with a number of partners: Malta's started on November "
        "17, while the UK and Ukraine met for a second round on December 20."
    )
    found = facts(text, PartialDate(2023, 12, 23), kinds=("start", "round"))
    assert ("start", {"partner": "MT", "date": "2023-11-17"}) in found
    rounds = [(v["partner"], v["number"], v.get("date")) for kind, v in found if kind == "round"]
    assert ("GB", 2, "2023-12-20") in rounds


def test_talks_opened_with_a_capital():
    text = "Talks with Washington on security commitments opened on August 4; Yermak was there."
    found = facts(text, PartialDate(2023, 8, 11), kinds=("start",))
    assert found == [("start", {"partner": "US", "date": "2023-08-04"})]


def test_the_signing_by_both_leaders_of_the_meeting_the_sentence_before_reports():
    text = (
        "On June 13, Mr. KISHIDA Fumio, Prime Minister of Japan, held a summit meeting with "
        "H.E. Mr. Volodymyr Zelenskyy, President of Ukraine.\n\n"
        "The meeting opened with the signing by both leaders of the security agreement between "
        "Japan and Ukraine.\n"
    )
    found = facts(text, PartialDate(2024, 6, 13), kinds=("agreement", "signer"))
    assert ("agreement", {"partner": "JP", "status": "signed", "signed_on": "2024-06-13"}) in found
    assert sorted((v["name"], v["role"]) for kind, v in found if kind == "signer") == [
        ("Fumio Kishida", "Prime Minister of Japan"),
        ("Volodymyr Zelenskyy", "President of Ukraine"),
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Britain had been the first to sign such an agreement, in January.", "signed"),
        ("Denmark is the first country outside the G7 to sign such an agreement.", "signed"),
        ("Japan could be the first country in Asia to sign such an agreement.", "negotiating"),
    ],
)
def test_the_first_to_sign_signed(sentence, expected):
    assert {status for _, status, _ in agreements(sentence)} == {expected}


def test_who_a_signing_is_according_to_is_not_its_signatory():
    text = "According to Zhovkva, Denmark is the first country to sign such an agreement."
    assert facts(text, kinds=("signer",)) == []


def test_a_visit_that_began_is_not_the_start_of_talks():
    text = (
        "Irish Prime Minister Simon Harris, in Kyiv on an official visit that began that "
        "morning, signed the security agreement after talks with Zelenskyy."
    )
    assert facts(text, kinds=("start",)) == []
    assert agreements(text) == [("IE", "signed", "")]


def test_the_country_that_hosted_a_round_is_its_place_not_its_partner():
    text = (
        "Ukraine and the Netherlands open talks on security guarantees\n\n"
        "Malta, where security advisers were holding their third meeting, hosted the first "
        "round on Saturday.\n"
    )
    rounds = [v for _, v in facts(text, kinds=("round",)) if "place" in v]
    assert [(r["partner"], r["number"], r["place"]) for r in rounds] == [("NL", 1, "Malta")]


@pytest.mark.parametrize(
    "label",
    ["WORLD", "THE KYIV INDEPENDENT", "Canada", "All Sections", "news.example.com › Ukraine"],
)
def test_a_site_or_section_label_over_the_headline_is_not_the_headline(label):
    page = (
        f"{label}\n\nUkraine signs security deal with Sweden\n\n"
        "Sweden and Ukraine signed a security agreement in Stockholm on Friday.\n"
    )
    article = clean(page)
    assert article.title == "Ukraine signs security deal with Sweden"
    assert article.text.startswith("Ukraine signs security deal with Sweden\n\n")


def test_a_language_switcher_naming_english_is_furniture():
    page = (
        "日本語 | English\n\nJapan-Ukraine Summit Meeting\n\n"
        "Japan and Ukraine signed a security agreement on Thursday.\n"
    )
    assert clean(page).title == "Japan-Ukraine Summit Meeting"


def test_an_editors_sign_off_ends_the_text_it_does_not_end_it_early():
    page = (
        "Luxembourg joins the G7 declaration\n\n"
        "Luxembourg joined the G7 declaration on security guarantees for Ukraine.\n\n"
        "The accession took effect on Monday, the ministry said. (Red.)\n"
    )
    assert clean(page).text.endswith(
        "The accession took effect on Monday, the ministry said. (Red.)\n"
    )


def test_a_place_taken_from_the_dateline_says_so():
    text = "FASANO, Italy (AP) — A security pact was signed Thursday by Joe Biden and Zelenskyy."
    proposals, _ = extract(text, FRIDAY)
    (place,) = [p for p in proposals if p.kind == "place"]
    assert (place.values["place"], place.note) == (
        "Fasano",
        "The place the article was filed from (its dateline); the text does not say where the "
        "signing was.",
    )
