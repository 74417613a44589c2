"""What editors write, in English and Ukrainian: each page shows the text in its language, or
the other one marked as such; the record carries the Ukrainian texts; search finds Ukrainian
words in their other forms, on SQLite and PostgreSQL alike."""

import pytest
from pytest_django.asserts import assertInHTML

from agreements.models import (
    Agreement,
    AgreementSignatory,
    Declaration,
    NegotiationRound,
    Person,
    Pledge,
)
from agreements.record import load_record
from tests.factories import cite, make_agreement, make_source
from tests.html_text import elements, outline, rows_of, text_of
from tests.test_record import MINI_GB, mini_record

pytestmark = pytest.mark.django_db


def heading(client, url):
    (text,) = outline(client.get(url).content.decode(), "h1")
    return text


def test_a_page_shows_the_text_written_in_its_language(client):
    make_agreement(
        "Germany",
        iso2="DE",
        title="Ukraine–Germany bilateral security agreement",
        title_uk="Двостороння безпекова угода між Україною та Німеччиною",
    )
    assert heading(client, "/en/agreements/ukraine-germany/") == (
        "Ukraine–Germany bilateral security agreement"
    )
    assert heading(client, "/uk/agreements/ukraine-germany/") == (
        "Двостороння безпекова угода між Україною та Німеччиною"
    )


def test_a_text_written_only_in_english_is_shown_on_a_ukrainian_page_marked_english(client):
    make_agreement("Canada", summary="Signed in Kyiv by both leaders.")
    html = client.get("/uk/agreements/ukraine-canada/").content.decode()
    assertInHTML(
        '<h1><span lang="en">Ukraine–Canada bilateral security agreement</span> '
        '<span class="in-language">(англійською)</span></h1>',
        html,
    )
    assertInHTML(
        '<p class="lead"><span lang="en">Signed in Kyiv by both leaders.</span> '
        '<span class="in-language">(англійською)</span></p>',
        html,
    )


def test_a_text_written_only_in_ukrainian_is_shown_on_an_english_page_marked_ukrainian(client):
    make_agreement("Canada", summary_uk="Підписали у Києві лідери обох держав.")
    html = client.get("/en/agreements/ukraine-canada/").content.decode()
    assertInHTML(
        '<p class="lead"><span lang="uk">Підписали у Києві лідери обох держав.</span> '
        '<span class="in-language">(in Ukrainian)</span></p>',
        html,
    )


def test_the_timeline_and_the_feed_mark_a_title_in_the_other_language(client):
    agreement = make_agreement("Canada", negotiations_started_on="2023-12")
    NegotiationRound.objects.create(agreement=agreement, number=1, date="2024-01")
    cite(make_source(), supports="negotiations started", agreement=agreement)
    marked = (
        '<span lang="en">Ukraine–Canada bilateral security agreement</span> '
        '<span class="in-language">(англійською)</span>'
    )
    assert client.get("/uk/timeline/").content.decode().count(marked) == 2  # start, round 1
    assert marked not in client.get("/en/timeline/").content.decode()
    agreement.title_uk = "Угода з Канадою"
    agreement.save()
    html = client.get("/uk/timeline/").content.decode()
    assert marked not in html
    assert outline(html, "p.event-title") == [
        "Угода з Канадою: розпочато переговори",
        "Раунд 1 переговорів — Угода з Канадою",
    ]
    feed = client.get("/uk/feeds/updates/").content.decode()
    assert "Угода з Канадою: розпочато переговори, грудень 2023." in feed


@pytest.fixture
def sweden(db):
    """Signed by two people, one of whose roles is written in Ukrainian too; a round led by a
    third, whose role is too."""
    agreement = make_agreement("Sweden", iso2="SE", status="signed", signed_on="2024-03-01")
    cite(make_source(), quote="Sweden signed.", agreement=agreement, supports="status, signed")
    for name, side, role, role_uk in [
        ("Volodymyr Zelenskyy", "ukraine", "President of Ukraine", "Президент України"),
        ("Ulf Kristersson", "partner", "Prime Minister of Sweden", ""),
    ]:
        AgreementSignatory.objects.create(
            agreement=agreement,
            person=Person.objects.create(name=name),
            side=side,
            role=role,
            role_uk=role_uk,
        )
    lead = Person.objects.create(
        name="Andrii Yermak",
        role="Head of the Office of the President",
        role_uk="Керівник Офісу Президента України",
    )
    NegotiationRound.objects.create(agreement=agreement, number=1, ukrainian_lead=lead)
    return agreement


MARKED_ROLE = (
    '<span lang="en">Prime Minister of Sweden</span> <span class="in-language">(англійською)</span>'
)


def test_a_signatory_s_role_is_shown_in_ukrainian_where_written_else_marked_english(client, sweden):
    html = client.get("/uk/agreements/ukraine-sweden/").content.decode()
    zelenskyy, kristersson = sweden.signatories.order_by("-side")
    assert text_of(html, f"signatory-{zelenskyy.pk}").startswith(
        "Volodymyr Zelenskyy, Президент України (від України)"
    )
    assert text_of(html, f"signatory-{kristersson.pk}").startswith(
        "Ulf Kristersson, Prime Minister of Sweden (англійською) (від сторони: Швеція)"
    )
    assertInHTML(MARKED_ROLE, html)
    assert "Andrii Yermak, Керівник Офісу Президента України" in text_of(html, "round-1")
    english = client.get("/en/agreements/ukraine-sweden/").content.decode()
    assert text_of(english, f"signatory-{kristersson.pk}").startswith(
        "Ulf Kristersson, Prime Minister of Sweden (for Sweden)"
    )
    assert "Andrii Yermak, Head of the Office of the President" in text_of(english, "round-1")
    assert "англійською" not in english

    compared = client.get("/uk/agreements/compare/?a=SE").content.decode()
    signatories = text_of(compared, "row-signatories")
    assert "Volodymyr Zelenskyy, Президент України" in signatories
    assert "Ulf Kristersson, Prime Minister of Sweden (англійською)" in signatories
    assertInHTML(MARKED_ROLE, compared)


def test_the_timeline_and_the_feed_give_a_signatory_s_role_in_ukrainian_else_marked(client, sweden):
    timeline = client.get("/uk/timeline/").content.decode()
    assertInHTML(
        '<p class="event-note">Підписали: Volodymyr Zelenskyy (Президент України) і '
        f"Ulf Kristersson ({MARKED_ROLE}).</p>",
        timeline,
    )
    feed = client.get("/uk/feeds/updates/").content.decode()
    assert (
        "Volodymyr Zelenskyy (Президент України) і "
        "Ulf Kristersson (Prime Minister of Sweden (англійською))." in feed
    )


def test_the_record_carries_the_ukrainian_texts(client, db, tmp_path):
    gb = (
        MINI_GB.replace('place = "Kyiv"', 'place = "Kyiv"\nplace_uk = "Київ"')
        .replace('status = "signed"', 'status = "signed"\ntitle_uk = "Угода з Британією"')
        .replace(
            'purpose = "military aid"',
            'purpose = "military aid"\npurpose_uk = "військова допомога"',
        )
        .replace('role = "Prime Minister"', 'role = "Prime Minister"\nrole_uk = "Прем’єр-міністр"')
    )
    root = mini_record(tmp_path / "record", gb=gb)
    (root / "rounds").mkdir()
    (root / "rounds" / "GB.toml").write_text(
        'partner = "GB"\n[[round]]\nnumber = 1\ndate = "2023-09"\nplace = "London"\n'
        'place_uk = "Лондон"\nsummary = "First talks."\nsummary_uk = "Перші переговори."\n'
        '[[citation]]\nsource = "ref-a"\nsupports = ["round:0"]\nnote = "Round one."\n'
    )
    (root / "declaration.toml").write_text(
        '[declaration]\ntitle_uk = "Спільна декларація на підтримку України"\n'
    )
    report = load_record(root=root)
    assert report.problems == []
    agreement = Agreement.objects.get(partner__iso2="GB")
    assert (agreement.title_uk, agreement.place, agreement.place_uk) == (
        "Угода з Британією",
        "Kyiv",
        "Київ",
    )
    assert Pledge.objects.get(agreement=agreement).purpose_uk == "військова допомога"
    signatory = agreement.signatories.select_related("person").get()
    assert (signatory.role, signatory.role_uk, signatory.person.role_uk) == (
        "Prime Minister",
        "Прем’єр-міністр",
        "Прем’єр-міністр",
    )
    round_ = agreement.rounds.get()
    assert (round_.place_uk, round_.summary, round_.summary_uk) == (
        "Лондон",
        "First talks.",
        "Перші переговори.",
    )
    assert Declaration.objects.get().title_uk == "Спільна декларація на підтримку України"
    assert load_record(root=root).updated == {}  # loading again changes nothing


def test_the_public_record_names_the_declaration_and_the_agreements_in_ukrainian(client, record):
    html = client.get("/uk/declarations/g7-joint-declaration-2023/").content.decode()
    assert outline(html, "h1") == ["Спільна декларація на підтримку України"]
    assert "<title>Спільна декларація на підтримку України ·" in html
    germany = client.get("/uk/agreements/ukraine-germany/").content.decode()
    assert outline(germany, "h1") == ["Двостороння безпекова угода між Україною та Німеччиною"]
    assert text_of(germany, "fact-place").startswith("Берлін (Федеральна канцелярія)")


def test_a_place_written_in_one_language_is_shown_in_both(client, db):
    make_agreement("Germany", iso2="DE", place_uk="Берлін", place_detail="Chancellery")
    english = client.get("/en/agreements/ukraine-germany/").content.decode()
    ukrainian = client.get("/uk/agreements/ukraine-germany/").content.decode()
    assert text_of(english, "fact-place") == "Берлін (in Ukrainian) (Chancellery) no source"
    assert text_of(ukrainian, "fact-place") == "Берлін (Chancellery (англійською)) джерела немає"
    compared = client.get("/en/agreements/compare/", {"a": "DE"}).content.decode()
    assert text_of(compared, "row-place").endswith("Берлін (in Ukrainian) (Chancellery) no source")


# --- search ----------------------------------------------------------------------------------


def found(client, query):
    """The codes of the partners of the agreements a Ukrainian list shows for `query`."""
    html = client.get("/uk/agreements/", {"q": query}).content.decode()
    return [row_id.removeprefix("agreement-ukraine-") for row_id in rows_of(html, "agreement-")]


@pytest.fixture
def ukrainian_texts():
    germany = make_agreement(
        "Germany",
        iso2="DE",
        title_uk="Двостороння безпекова угода між Україною та Німеччиною",
    )
    NegotiationRound.objects.create(
        agreement=germany, number=3, summary_uk="Третій раунд переговорів відбувся в Берліні."
    )
    make_agreement("Canada", iso2="CA")
    make_agreement("Austria", iso2="AT", summary_uk="Співробітництво у сфері розмінування.")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Німеччина", ["germany"]),  # the partner's name in Ukrainian (CLDR)
        ("Німеччиною", ["germany"]),  # … in another case
        ("Канадою", ["canada"]),  # with no Ukrainian text of its own
        ("раунд", ["germany"]),  # a word of a round's Ukrainian summary
        ("раундів", ["germany"]),
        ("безпекової угоди", ["germany"]),  # words of the Ukrainian title, other forms
        ("розмінуванням", ["austria"]),
        ("Germany", ["germany"]),  # English still works on a Ukrainian page
        ("Британії", []),
    ],
)
def test_a_ukrainian_search_finds_the_other_forms_of_its_words(
    client, ukrainian_texts, query, expected
):
    assert found(client, query) == expected


def test_a_rounds_match_is_shown_in_the_language_searched(client, ukrainian_texts):
    NegotiationRound.objects.filter(number=3).update(
        summary="The third round was held in Berlin.", place="Berlin", place_uk="Берлін"
    )
    html = client.get("/uk/agreements/", {"q": "раунду"}).content.decode()
    assert outline(html, "tr.search-match") == [
        "Раунд 3: Третій раунд переговорів відбувся в Берліні. · Берлін"
    ]
    assert ("span", {"lang": "uk"}) in elements(html)
    html = client.get("/en/agreements/", {"q": "third round"}).content.decode()
    assert outline(html, "tr.search-match") == [
        "Round 3: The third round was held in Berlin. · Berlin"
    ]
    assert ("span", {"lang": "en"}) in elements(html)


def test_a_ukrainian_match_is_shown_with_its_words_marked(client, ukrainian_texts):
    html = client.get("/uk/agreements/", {"q": "раунду"}).content.decode()
    assert outline(html, "tr.search-match") == [
        "Раунд 3: Третій раунд переговорів відбувся в Берліні."
    ]
    assert outline(html, "mark") == ["раунд"]
