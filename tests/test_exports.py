"""An analyst downloads the filtered list as CSV or JSON, with the same query string."""

import csv
import io
import json

import pytest

from agreements.models import AgreementSignatory, Person
from agreements.views.agreements import EXPORT_FIELDS

from .factories import make_agreement, make_many

pytestmark = pytest.mark.django_db


def body(response):
    """The whole body: the exports are streamed."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff"), "spreadsheet programs need the BOM to read UTF-8"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_csv_export_holds_the_filtered_rows(client, seed):
    response = client.get("/en/agreements/export.csv?status=signed&o=-partner")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="agreements.csv"'
    rows = csv_rows(response)
    assert len(rows) == 9
    assert [row["partner"] for row in rows][:2] == ["United Kingdom", "Netherlands"]
    uk = rows[0]
    assert uk["title"] == "Ukraine–United Kingdom bilateral security agreement"  # UTF-8 dash
    assert (uk["status"], uk["signed_on"], uk["signed_precision"]) == ("signed", "", "unknown")
    assert uk["declaration_membership"] == "founding"
    assert uk["url"] == "http://testserver/en/agreements/ukraine-united-kingdom/"


def test_the_csv_export_gives_dates_as_iso_text_with_their_precision(client, seed):
    (us,) = csv_rows(client.get("/en/agreements/export.csv?partner=US"))
    assert us["negotiations_started_on"] == "2023-08-03"
    assert us["negotiations_started_precision"] == "day"
    assert (us["latest_round_on"], us["latest_round_precision"]) == ("2024", "year")
    assert us["round_count"] == "3"
    assert us["status"] == "negotiating"


def test_the_json_export_holds_the_same_rows(client, seed):
    response = client.get("/en/agreements/export.json?membership=joined")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="agreements.json"'
    data = json.loads(body(response))
    assert data["count"] == 3
    assert [a["partner"] for a in data["agreements"]] == ["Denmark", "Finland", "Netherlands"]
    denmark = data["agreements"][0]
    assert denmark["signed_on"] is None and denmark["signed_precision"] == "unknown"
    assert denmark["declaration_membership"] == "joined"
    csv_partners = [
        r["partner"] for r in csv_rows(client.get("/en/agreements/export.csv?membership=joined"))
    ]
    assert csv_partners == ["Denmark", "Finland", "Netherlands"]


def test_the_exports_are_not_paged(client):
    make_many(30, rounds=1)
    page_2 = client.get("/en/agreements/export.json?page=2", follow=True)
    assert page_2.redirect_chain == [("/en/agreements/export.json", 302)]
    assert json.loads(body(page_2))["count"] == 30
    assert len(csv_rows(client.get("/en/agreements/export.csv"))) == 30


@pytest.mark.parametrize(
    "query", ["status=bogus", "signed_after=notadate", "o=nonsense", "q=" + "x" * 300]
)
def test_an_export_with_a_bad_filter_is_a_bad_request(client, seed, query):
    response = client.get(f"/en/agreements/export.csv?{query}")
    assert response.status_code == 400
    assert response.content.decode().startswith("Invalid filter\n")
    response = client.get(f"/en/agreements/export.json?{query}")
    assert response.status_code == 400
    assert json.loads(response.content)["errors"]


def test_the_exports_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    make_many(50)
    # The rows, their signatories, their pledges; on PostgreSQL the search's time limit and its
    # slot, taken and given back in a savepoint (4).
    with django_assert_max_num_queries(7):
        assert len(csv_rows(client.get("/en/agreements/export.csv?q=signed"))) == 50
    # The JSON export counts the rows first, for its "count"; then the rows, their signatories
    # and their pledges.
    with django_assert_max_num_queries(4):
        data = json.loads(body(client.get("/en/agreements/export.json?o=rounds")))
    assert data["count"] == len(data["agreements"]) == 50


def test_an_export_with_no_rows_is_still_a_whole_file(client, seed):
    assert json.loads(body(client.get("/en/agreements/export.json?status=expired"))) == {
        "count": 0,
        "agreements": [],
    }
    text = body(client.get("/en/agreements/export.csv?status=expired")).decode()
    assert text == "\ufeff" + ",".join(EXPORT_FIELDS) + "\r\n"


def test_a_long_export_is_sent_in_chunks_and_holds_every_row(client):
    make_many(150, rounds=1)  # about 240 KB of JSON: four chunks of 64 KB
    response = client.get("/en/agreements/export.json")
    chunks = list(response.streaming_content)
    assert len(chunks) > 1
    data = json.loads(b"".join(chunks))
    assert data["count"] == len(data["agreements"]) == 150
    assert len({a["url"] for a in data["agreements"]}) == 150
    assert len(csv_rows(client.get("/en/agreements/export.csv"))) == 150


FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_is_text_in_the_csv_and_exact_in_the_json(client, formula):
    make_agreement("Moldova", title=formula)

    (row,) = csv_rows(client.get("/en/agreements/export.csv"))
    assert row["title"] == "'" + formula
    (agreement,) = json.loads(body(client.get("/en/agreements/export.json")))["agreements"]
    assert agreement["title"] == formula


def test_ordinary_cells_are_left_as_they_are(client, seed):
    (row,) = csv_rows(client.get("/en/agreements/export.csv?partner=US"))
    assert (row["title"], row["round_count"]) == (
        "Ukraine–United States bilateral security agreement",
        "3",
    )


UKRAINIAN_HEADER = [
    "Партнер",
    "Код ISO партнера",
    "Назва",
    "Статус",
    "Початок переговорів",
    "Точність дати початку переговорів",
    "Дата підписання",
    "Точність дати підписання",
    "Дата набрання чинності",
    "Точність дати набрання чинності",
    "Дата припинення дії",
    "Точність дати припинення дії",
    "Дата ратифікації",
    "Точність дати ратифікації",
    "Місце підписання",
    "Уточнення місця",
    "Вид строку дії",
    "Строк дії (років)",
    "Подія, що завершує строк",
    "Вид документа",
    "Назва тексту",
    "Посилання на текст",
    "Порядковий номер",
    "Підписанти",
    "Зобов’язання",
    "Суми зобов’язань",
    "Кількість раундів",
    "Останній раунд",
    "Точність дати останнього раунду",
    "Участь у декларації",
    "Адреса сторінки",
]


def csv_lines(response):
    return list(csv.reader(io.StringIO(body(response).decode("utf-8").removeprefix("\ufeff"))))


def test_the_csv_header_is_in_the_language_of_the_address(client):
    make_agreement("Germany", iso2="DE")
    english, ukrainian = (client.get(f"/{lang}/agreements/export.csv") for lang in ("en", "uk"))
    assert csv_lines(english)[0] == EXPORT_FIELDS
    assert csv_lines(ukrainian)[0] == UKRAINIAN_HEADER


def test_the_ukrainian_csv_has_the_ukrainian_names_and_texts_else_the_english_ones(client):
    make_agreement("Germany", iso2="DE", title_uk="Угода з Німеччиною", place="Berlin")
    make_agreement("Canada", iso2="CA", place="Ottawa", place_uk="Оттава")
    lines = csv_lines(client.get("/uk/agreements/export.csv?o=partner"))
    columns = [EXPORT_FIELDS.index(name) for name in ("partner", "partner_iso2", "title", "place")]
    assert [[line[i] for i in columns] for line in lines[1:]] == [
        ["Канада", "CA", "Ukraine–Canada bilateral security agreement", "Оттава"],
        ["Німеччина", "DE", "Угода з Німеччиною", "Berlin"],
    ]
    (english,) = csv_rows(client.get("/en/agreements/export.csv?partner=DE"))
    assert (english["partner"], english["title"]) == (
        "Germany",
        "Ukraine–Germany bilateral security agreement",
    )


def test_the_signatories_cell_is_written_in_the_language_of_the_address(client):
    agreement = make_agreement("Germany", iso2="DE", status="signed", signed_on="2024-02-16")
    zelenskyy = Person.objects.create(name="Volodymyr Zelenskyy")
    scholz = Person.objects.create(name="Olaf Scholz")
    AgreementSignatory.objects.create(
        agreement=agreement,
        person=zelenskyy,
        side="ukraine",
        role="President of Ukraine",
        role_uk="Президент України",
    )
    AgreementSignatory.objects.create(agreement=agreement, person=scholz, side="partner")
    cells = {
        language: csv_lines(client.get(f"/{language}/agreements/export.csv"))[1][
            EXPORT_FIELDS.index("signatories")
        ]
        for language in ("en", "uk")
    }
    assert cells == {
        "en": "Volodymyr Zelenskyy (President of Ukraine; for Ukraine); "
        "Olaf Scholz (role not reported; for partner)",
        "uk": "Volodymyr Zelenskyy (Президент України; від України); "
        "Olaf Scholz (посаду не повідомлено; від партнера)",
    }


def test_the_ukrainian_json_keeps_the_keys_and_localises_the_values(client):
    agreement = make_agreement("Germany", iso2="DE", title_uk="Угода з Німеччиною", status="signed")
    for name, role, role_uk in [
        ("Olaf Scholz", "Federal Chancellor of Germany", "Федеральний канцлер Німеччини"),
        ("Boris Pistorius", "Federal Minister of Defence", ""),
    ]:
        AgreementSignatory.objects.create(
            agreement=agreement,
            person=Person.objects.create(name=name),
            side="partner",
            role=role,
            role_uk=role_uk,
        )
    data = json.loads(body(client.get("/uk/agreements/export.json")))
    (germany,) = data["agreements"]
    assert germany["signatories"] == [
        {"name": "Olaf Scholz", "role": "Федеральний канцлер Німеччини", "side": "partner"},
        {"name": "Boris Pistorius", "role": "Federal Minister of Defence", "side": "partner"},
    ]
    (english,) = json.loads(body(client.get("/en/agreements/export.json")))["agreements"]
    assert [s["role"] for s in english["signatories"]] == [
        "Federal Chancellor of Germany",
        "Federal Minister of Defence",
    ]
    assert sorted(germany) == sorted(EXPORT_FIELDS)
    assert (germany["partner"], germany["partner_iso2"], germany["title"]) == (
        "Німеччина",
        "DE",
        "Угода з Німеччиною",
    )
    assert germany["status"] == "signed"  # identifiers stay identifiers
    assert germany["url"] == "http://testserver/uk/agreements/ukraine-germany/"


def test_the_ukrainian_exports_run_as_few_queries(client, django_assert_max_num_queries):
    make_many(50)
    with django_assert_max_num_queries(3):
        assert len(csv_lines(client.get("/uk/agreements/export.csv"))) == 51
    with django_assert_max_num_queries(4):
        data = json.loads(body(client.get("/uk/agreements/export.json")))
    assert data["count"] == len(data["agreements"]) == 50
