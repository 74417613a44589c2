"""An analyst asks which declaration signatories have no agreement with Ukraine yet."""

import pytest

from agreements.models import Agreement, Citation, Declaration, ParticipantCount
from tests.factories import (
    make_agreement_with_rounds,
    make_countries,
    make_declaration_with_signatories,
    make_reference,
)
from tests.html_text import elements, ids_of, page_text, rows_of, text_of

pytestmark = pytest.mark.django_db

URL = "/en/declarations/g7-joint-declaration-2023/"


def signatory_codes(html, table_id):
    rows = rows_of(html, "signatory-", within=table_id)
    return [row_id.removeprefix("signatory-") for row_id in rows]


def test_the_declaration_shows_its_adoption_and_sources(client, seed):
    html = client.get(URL).content.decode()
    text = text_of(html, "main")
    assert "Adopted 12 Jul 2023 (exact day)" in text
    assert "Place Vilnius" in text
    assert "Occasion On the sidelines of the NATO summit" in text
    assert "“On July 12, 2023, on the sidelines of the NATO summit in Vilnius" in text


def test_signatories_are_split_into_founding_and_joined_later(client, seed):
    html = client.get(URL).content.decode()
    founding = signatory_codes(html, "founding-signatories")
    joined = signatory_codes(html, "joined-signatories")
    assert sorted(founding) == ["CA", "DE", "FR", "GB", "IT", "JP", "US"]
    assert len(joined) == 12
    assert {"DK", "ES", "NL", "NO", "SE", "CZ", "FI", "IS", "BE", "PT", "IE", "RO"} == set(joined)
    text = text_of(html, "main")
    assert "Founding signatories (7)" in text
    assert "Joined later (12)" in text


def test_each_signatory_shows_its_date_or_when_it_was_reported(client, seed):
    html = client.get(URL).content.decode()
    founding = text_of(html, "signatory-JP")
    assert founding.startswith("Japan 12 Jul 2023 no agreement recorded")
    denmark = text_of(html, "signatory-DK")
    assert denmark.startswith("Denmark date not reported; reported by Aug 2023 signed")
    assert "date unknown" in denmark  # its signing date
    assert denmark.endswith("[source 5]")
    assert text_of(html, "note-5").startswith(
        "“12 countries have already joined the G7 declaration of support for Ukraine: …” "
        "Then, for each fact: … Belgium, … the Czech Republic (Czechia), … Denmark,"
    )


def test_the_signatories_without_a_signed_agreement_are_named(client, seed):
    html = client.get(URL).content.decode()
    without = text_of(html, "without-signed-agreement")
    names = [
        "Belgium",
        "Czechia",
        "Iceland",
        "Ireland",
        "Japan",
        "Norway",
        "Portugal",
        "Romania",
        "Spain",
        "Sweden",
        "United States (negotiating)",
    ]
    assert without == " ".join(names)
    assert "Signatories without a signed agreement (11)" in page_text(client.get(URL))
    # Latvia signed an agreement but the sources do not list it as a signatory.
    assert text_of(html, "signed-not-signatories") == "Latvia"


def test_signing_an_agreement_takes_a_state_off_the_without_list(client, seed):
    Agreement.objects.filter(slug="ukraine-united-states").update(status="signed")
    html = client.get(URL).content.decode()
    assert "United States" not in text_of(html, "without-signed-agreement")


def test_the_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    countries = make_countries(30)
    declaration = make_declaration_with_signatories(countries)
    for country in countries[::3]:
        make_agreement_with_rounds(country, rounds=1)
    reference = make_reference()
    for value in range(10, 30):
        count = ParticipantCount.objects.create(declaration=declaration, value=value, as_of="2024")
        Citation.objects.create(source=reference, note="Background.", participant_count=count)
    # + the participant counts and their citations
    with django_assert_max_num_queries(8):
        response = client.get("/en/declarations/test-declaration/")
    html = response.content.decode()
    assert len(rows_of(html, "signatory-")) == 30
    assert len(rows_of(html, "count-")) == 20
    assert text_of(html, "without-signed-agreement").count("(negotiating)") == 10


def test_a_page_citing_many_sources_folds_its_notes_under_one_line(client, db):
    declaration = make_declaration_with_signatories(make_countries(12))
    for n, signatory in enumerate(declaration.signatories.order_by("country__name")):
        source = make_reference(slug=f"list-{n}", title=f"List {n}")
        Citation.objects.create(source=source, note=f"Lists state {n}.", signatory=signatory)
    html = client.get("/en/declarations/test-declaration/").content.decode()
    notes = [f"note-{n}" for n in range(1, 14)]
    assert ids_of(html, "note-") == notes
    markers = {
        attrs["href"].removeprefix("#")
        for tag, attrs in elements(html)
        if tag == "a" and "cite" in (attrs.get("class") or "").split()
    }
    assert sorted(markers) == sorted(notes)
    summary = "13 notes: the quote or reference behind each number"
    folded = " ".join([summary, *(text_of(html, note) for note in notes)])
    assert text_of(html, "notes-fold") == folded


def test_a_page_citing_a_few_sources_shows_its_notes(client, seed):
    html = client.get(URL).content.decode()
    assert ids_of(html, "note-") == ["note-1", "note-2", "note-3", "note-4", "note-5"]
    assert ids_of(html, "notes-fold") == []


def test_an_unknown_declaration_is_not_found(client, seed):
    assert client.get("/en/declarations/g8/").status_code == 404


def test_a_ukrainian_reader_reads_by_when_an_undated_joining_was_reported(client, seed):
    html = client.get(URL.replace("/en/", "/uk/")).content.decode()
    assert text_of(html, "signatory-DK").startswith(
        "Данія дату не повідомлено; повідомлено станом на серпень 2023 "
    )


def test_an_occasion_only_in_english_is_capitalised_and_marked_on_a_ukrainian_page(client, seed):
    Declaration.objects.update(occasion_uk="")
    text = text_of(client.get("/uk" + URL.removeprefix("/en")).content.decode(), "main")
    assert "On the sidelines of the NATO summit (англійською)" in text
