"""The public record (record/*.toml): loaded, merged with the seed, cited, and shown."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from agreements.models import (
    Agreement,
    AgreementSignatory,
    Citation,
    DeclarationSignatory,
    NegotiationRound,
    ParticipantCount,
    Person,
    Pledge,
)
from agreements.record import load_record
from tests.factories import make_agreement, make_reference, make_source
from tests.html_text import ids_of, text_of

pytestmark = pytest.mark.django_db
RECORD = Path(settings.BASE_DIR) / "record"

MINI_SOURCES = """
[[source]]
key = "ref-a"
url = "https://example.org/a"
publisher = "Office A"
published = "2024-01-12"
title = "A signs"

[[source]]
key = "ref-b"
url = "https://example.org/b"
publisher = "Paper B"
published = "2024-01-13"
title = "B reports"
"""

MINI_GB = """
partner = "GB"
status = "signed"
signed = "2024-01-12"
place = "Kyiv"
term = "years"
term_years = 10

[[signatory]]
side = "partner"
name = "Rishi Sunak"
role = "Prime Minister"

[[pledge]]
amount = "2500000000"
currency = "GBP"
period = "2024/2025"
purpose = "military aid"

[[citation]]
source = "ref-a"
supports = ["status", "signed", "place", "term", "term_years", "signatory:Rishi Sunak", "pledge:0"]
note = "Lead: signed in Kyiv on 12 January."

[[citation]]
source = "ref-b"
supports = ["place"]
note = "Second paragraph gives the 11th."
reports = { signed = "2024-01-11" }

[resolution]
signed = "The official release gives the 12th."
"""


def mini_record(root, gb=MINI_GB):
    (root / "sources").mkdir(parents=True)
    (root / "agreements").mkdir()
    (root / "sources" / "mini.toml").write_text(MINI_SOURCES)
    (root / "agreements" / "GB.toml").write_text(gb)
    (root / "countries.toml").write_text('[[country]]\ncode = "GB"\nname = "United Kingdom"\n')
    return root


def test_the_public_record_holds_every_signing_and_participant_each_cited(record):
    dated = Agreement.objects.signed().filter(signed_on__regex=r"^\d{4}-\d{2}-\d{2}$")
    assert dated.count() >= 28
    assert DeclarationSignatory.objects.count() >= 30
    for model in (Agreement, AgreementSignatory, Pledge, DeclarationSignatory, ParticipantCount):
        uncited = model.objects.filter(citations=None)
        assert list(uncited) == [], model
    for citation in Citation.objects.filter(source__text=""):
        assert citation.note and not citation.quote


def test_the_record_merges_with_the_seed_rows(record):
    us = Agreement.objects.get(partner__iso2="US")
    assert us.slug == "ukraine-united-states"  # the seed's row, not a second one
    assert Agreement.objects.filter(partner__iso2="US").count() == 1
    assert list(us.rounds.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert str(us.rounds.get(number=3).date) == "29 Apr 2024"  # the record's precise date
    # The seed's people take their Ukrainian roles from people.toml.
    assert list(
        Person.objects.filter(name__in=["Volodymyr Zelenskyy", "Andrii Yermak"])
        .order_by("name")
        .values_list("role_uk", flat=True)
    ) == ["Керівник Офісу Президента України", "Президент України"]


def test_loading_again_changes_nothing(record):
    out = io.StringIO()
    call_command("load_record", stdout=out, stderr=io.StringIO())
    assert out.getvalue() == "The database already holds the record: nothing to change.\n"


def test_the_record_loads_the_same_rows_whatever_the_active_language(record):
    """An editor may run the loader with Ukrainian active: its keys must not be translated."""
    out = io.StringIO()
    with translation.override("uk"):
        call_command("load_record", stdout=out, stderr=io.StringIO())
    assert out.getvalue() == "The database already holds the record: nothing to change.\n"


def test_a_row_an_editor_changed_is_left_alone_and_reported(db, tmp_path):
    root = mini_record(tmp_path / "record")
    load_record(root=root)
    gb = Agreement.objects.get(partner__iso2="GB")
    gb.place = "Kyiv, Mariinskyi Palace"
    gb._change_reason = "Corrected by an editor"
    gb.save()
    (root / "agreements" / "GB.toml").write_text(MINI_GB.replace('"Kyiv"', '"Lviv"'))
    report = load_record(root=root)
    gb.refresh_from_db()
    assert gb.place == "Kyiv, Mariinskyi Palace"
    assert len(report.kept) == 1
    assert "changed by an editor" in report.kept[0] and "place" in report.kept[0]


def test_a_bad_file_is_reported_and_the_rest_loaded(db, tmp_path):
    root = mini_record(tmp_path / "record")
    (root / "agreements" / "DE.toml").write_text('partner = "DE"\nsigned = ')
    (root / "agreements" / "FR.toml").write_text('partner = "FR"\nstatus = "signed"\n')
    report = load_record(root=root)
    assert Agreement.objects.filter(partner__iso2="GB").exists()
    assert report.problems[0].startswith("record/agreements/DE.toml: not read")
    assert report.problems[1] == (
        "record/agreements/FR.toml: no country with the code “FR” (add it to countries.toml)"
    )


def test_a_row_that_breaks_the_admin_rules_is_refused_with_the_reason(db, tmp_path):
    root = mini_record(tmp_path / "record", gb=MINI_GB.replace("term_years = 10\n", ""))
    report = load_record(root=root)
    assert not Agreement.objects.exists()
    assert report.problems == [
        "record/agreements/GB.toml: agreement “Ukraine–United Kingdom bilateral security "
        "agreement” refused: term_years: Give the number of years."
    ]


def test_a_conflicting_report_is_shown_with_every_source_and_the_reason(client, db, tmp_path):
    load_record(root=mini_record(tmp_path / "record"))
    html = client.get(Agreement.objects.get().get_absolute_url()).content.decode()
    assert text_of(html, "fact-signed").startswith(
        "12 Jan 2024 (exact day) Sources disagree. Reported as 12 Jan 2024 [Office A, 12 Jan "
        "2024]; 11 Jan 2024 [Paper B, 13 Jan 2024]. We hold the first. "
        "Why: The official release gives the 12th. "
    )


def test_the_contents_are_shown_each_with_its_reference(client, db, tmp_path):
    load_record(root=mini_record(tmp_path / "record"))
    html = client.get(Agreement.objects.get().get_absolute_url()).content.decode()
    assert text_of(html, "pledge-0").startswith("GBP 2,500,000,000 2024/2025 military aid ")
    assert (
        text_of(html, "signatories")
        == "Rishi Sunak, Prime Minister (for United Kingdom) [source 1]"
    )
    assert text_of(html, "note-1").startswith(
        "Reference, no quote: Lead: signed in Kyiv on 12 January. A signs, Office A, 12 Jan 2024"
    )


def test_a_citation_of_a_reference_needs_a_note_and_no_quote(db):
    agreement = make_agreement("Testland")
    citation = Citation(source=make_reference(), agreement=agreement, quote="Signed.")
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert set(error.value.message_dict) == {"quote", "note"}
    Citation(source=make_reference("r2"), agreement=agreement, note="Lead paragraph.").full_clean()


def test_a_citation_of_a_held_text_still_needs_its_quote(db):
    citation = Citation(source=make_source(), agreement=make_agreement("Testland"), note="x")
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert error.value.message_dict == {"quote": ["Quote the sentence(s) of the source."]}


def test_a_reported_value_must_name_a_field_and_be_a_date_where_a_date_is_due(db):
    agreement = make_agreement("Testland")
    source = make_reference()
    for reported, message in [
        ({"colour": "red"}, "“colour” is not a field of the agreement."),
        ({"signed_on": "12 Jan"}, "signed_on: “12 Jan” is not a date"),
    ]:
        citation = Citation(source=source, agreement=agreement, note="n", reported_values=reported)
        with pytest.raises(ValidationError) as error:
            citation.full_clean()
        assert error.value.message_dict["reported_values"][0].startswith(message)


def test_the_comparison_sets_agreements_side_by_side(
    client, db, tmp_path, django_assert_max_num_queries
):
    load_record(root=mini_record(tmp_path / "record"))
    with django_assert_max_num_queries(8):
        page = client.get("/en/agreements/compare/?a=gb&a=ZZ&a=<b>&a=GB")
    html = page.content.decode()
    assert page.status_code == 200
    assert ids_of(html, "col-") == ["col-GB"]  # one column: the unknown codes are left out
    assert text_of(html, "col-GB") == "United Kingdom"
    assert text_of(html, "row-term") == "Term10 years [source 1]"
    assert text_of(html, "row-pledges") == (
        "Pledged supportGBP 2,500,000,000 (2024/2025): military aid [source 1]"
    )
    assert text_of(html, "note-1") == (
        "Reference, no quote: Lead: signed in Kyiv on 12 January. A signs, Office A, 12 Jan 2024, "
        "original. Cited for: United Kingdom: the status; United Kingdom: the signing date; "
        "United Kingdom: the place; United Kingdom: Rishi Sunak; United Kingdom: the term; "
        "United Kingdom: GBP 2,500,000,000 (2024/2025)."
    )
    assert "or more than 6 chosen): ZZ, &lt;b&gt;." in html


def test_the_comparison_has_a_bounded_number_of_columns(client, db):
    codes = ["AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH"]
    for code in codes:
        make_agreement(f"State {code}", iso2=code)
    html = client.get("/en/agreements/compare/", {"a": codes}).content.decode()
    shown = [code for code in codes if f'id="col-{code}"' in html]
    assert shown == codes[:6]


def test_the_exports_carry_the_contents(client, db, tmp_path):
    load_record(root=mini_record(tmp_path / "record"))
    (row,) = json.loads(b"".join(client.get("/en/agreements/export.json").streaming_content))[
        "agreements"
    ]
    assert row["signed_on"] == "2024-01-12" and row["signed_precision"] == "day"
    assert (row["place"], row["term_kind"], row["term_years"]) == ("Kyiv", "years", 10)
    assert row["signatories"] == [
        {"name": "Rishi Sunak", "role": "Prime Minister", "side": "partner"}
    ]
    assert row["pledges"] == [
        {
            "amount": "2500000000",
            "currency": "GBP",
            "period": "2024/2025",
            "purpose": "military aid",
        }
    ]
    assert row["pledge_totals"] == [
        {"currency": "GBP", "period": "2024/2025", "total": "2500000000"}
    ]
    text = b"".join(client.get("/en/agreements/export.csv").streaming_content).decode("utf-8-sig")
    (line,) = csv.DictReader(io.StringIO(text))
    assert line["pledges"] == "GBP 2500000000 (2024/2025): military aid"
    assert line["signatories"] == "Rishi Sunak (Prime Minister; for partner)"


def test_the_list_filters_by_term_and_pledge_currency(client, db, tmp_path):
    load_record(root=mini_record(tmp_path / "record"))
    make_agreement("Testland", iso2="TL")
    for query, expected in [
        ("term=years", ["United Kingdom"]),
        ("term=none", ["Testland"]),
        ("currency=gbp", ["United Kingdom"]),
        ("currency=EUR", []),
    ]:
        page = client.get(f"/en/agreements/?{query}")
        assert [a.partner.name for a in page.context["agreements"]] == expected, query


def test_an_unnumbered_round_is_matched_on_the_next_load(db, tmp_path):
    root = mini_record(tmp_path / "record")
    (root / "rounds").mkdir()
    (root / "rounds" / "GB.toml").write_text(
        'partner = "GB"\n[[round]]\nplace = "London"\n'
        '[[citation]]\nsource = "ref-b"\nsupports = ["round:0"]\nnote = "A round, no number."\n'
    )
    load_record(root=root)
    load_record(root=root)
    (round_,) = NegotiationRound.objects.all()
    assert (round_.number, round_.place, round_.label) == (
        None,
        "London",
        "Round (number not reported)",
    )


@pytest.mark.slow  # runs the real migrations, which the fast suite (--nomigrations) leaves out
@pytest.mark.django_db(transaction=True)
def test_a_round_numbered_only_by_its_place_loses_that_number_in_migration_0010():
    """Before 0010 the loader numbered a round the sources give no number (`number_reported`
    false); the migration leaves it without a number and keeps the reported numbers."""
    before = ("agreements", "0009_rounds_without_number_and_news_candidate_kinds")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    partner = old.get_model("agreements", "Country").objects.create(iso2="PL", name="Poland")
    agreement = old.get_model("agreements", "Agreement").objects.create(
        slug="ukraine-poland", partner=partner, title="Ukraine–Poland agreement"
    )
    Round = old.get_model("agreements", "NegotiationRound")
    Round.objects.create(agreement=agreement, number=1, date="2024-05-24")
    Round.objects.create(agreement=agreement, number=2, date="2024-06-21", number_reported=False)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    rounds = NegotiationRound.objects.order_by("pk").values_list("number", flat=True)
    assert list(rounds) == [1, None]
