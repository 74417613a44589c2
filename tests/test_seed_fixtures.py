"""The seed fixtures hold every fact the two seed articles state, each cited, and nothing else."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from agreements.models import (
    FACT_FIELDS,
    Agreement,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    Delegation,
    NegotiationRound,
    Person,
    Source,
    quote_occurs_in,
)
from agreements.partial_dates import Precision

pytestmark = pytest.mark.django_db

SIGNED_PARTNERS = {"GB", "DE", "FR", "DK", "CA", "IT", "NL", "FI", "LV"}
FOUNDING = {"US", "CA", "GB", "FR", "DE", "IT", "JP"}
JOINED = {"DK", "ES", "NL", "NO", "SE", "CZ", "FI", "IS", "BE", "PT", "IE", "RO"}


def test_both_articles_are_sources_with_honest_dates(seed):
    third_round = Source.objects.get(title__contains="third round")
    assert third_round.published_on.precision == Precision.YEAR
    assert third_round.published_on.iso == "2024"
    assert "$61 billion" in third_round.date_note and "April 2024" in third_round.date_note
    assert third_round.publisher == ""  # the article does not name its publisher
    start = Source.objects.get(publisher="Ukrainian News Agency")
    assert (start.published_on.iso, start.published_on.precision) == ("2023-08", Precision.MONTH)
    assert not start.text.startswith(" date")


def test_the_site_footer_is_not_article_text(seed):
    third_round = Source.objects.get(title__contains="third round")
    assert third_round.text.rstrip().endswith("Latvia.")
    for footer_text in ["Свіжі дописи", "Новини", "Cookies", "January 5th, 2025"]:
        assert footer_text not in third_round.text
    assert "footer" in third_round.notes


def test_the_g7_declaration_and_its_signatories(seed):
    declaration = Declaration.objects.get()
    assert declaration.adopted_on.iso == "2023-07-12"
    assert declaration.place == "Vilnius"
    assert "NATO summit" in declaration.occasion
    founding = declaration.signatories.founding()
    joined = declaration.signatories.joined_later()
    assert set(founding.values_list("country__iso2", flat=True)) == FOUNDING
    assert set(joined.values_list("country__iso2", flat=True)) == JOINED
    assert {s.joined_on.iso for s in founding} == {"2023-07-12"}
    assert {s.joined_on.precision for s in joined} == {Precision.UNKNOWN}
    denmark = joined.get(country__iso2="DK")
    assert str(denmark.reported_by) == "Aug 2023"
    assert set(Country.objects.filter(is_g7=True).values_list("iso2", flat=True)) == FOUNDING


def test_nine_signed_agreements_with_unknown_signing_dates(seed):
    signed = Agreement.objects.signed()
    assert set(signed.values_list("partner__iso2", flat=True)) == SIGNED_PARTNERS
    assert {a.signed_on.precision for a in signed} == {Precision.UNKNOWN}
    assert {a.negotiations_started_on.precision for a in signed} == {Precision.UNKNOWN}


def test_the_us_negotiations_and_their_three_rounds(seed):
    us = Agreement.objects.with_round_stats().get(partner__iso2="US")
    assert us.status == "negotiating"
    assert us.negotiations_started_on.iso == "2023-08-03"
    assert us.round_count == 3
    first, second, third = us.rounds.order_by("number")
    assert (first.date.iso, first.date.precision) == ("2023-08-03", Precision.DAY)
    assert first.ukrainian_lead.name == "Andrii Yermak"
    for department in ["Department of State", "Department of Defense", "National Security Council"]:
        assert department in first.partner_delegation
    assert not first.is_implied
    assert second.is_implied and not second.date and second.ukrainian_lead is None
    assert (third.date.iso, third.date.precision) == ("2024", Precision.YEAR)
    assert "$61 billion" in third.date_note
    assert third.delegation.slug == "negotiating-group-2024-01"


def test_the_negotiating_group_appointed_on_8_january_2024(seed):
    group = Delegation.objects.get()
    assert (group.appointed_on.iso, group.appointed_on.precision) == ("2024-01-08", Precision.DAY)
    assert group.appointed_by.name == "Volodymyr Zelensky"
    assert group.lead.name == "Andrii Yermak"
    # Roles are kept as the articles word them: both call Yermak "the head of the Office of the
    # President" (the hand-built fixture had added "of Ukraine"); his country is Ukraine.
    assert Person.objects.get(name="Andrii Yermak").country.iso2 == "UA"
    assert set(Person.objects.values_list("name", "role")) == {
        ("Andrii Yermak", "Head of the Office of the President"),
        ("Volodymyr Zelensky", "President of Ukraine"),
    }


def test_counts(seed):
    assert Agreement.objects.count() == 10
    assert NegotiationRound.objects.count() == 3
    assert DeclarationSignatory.objects.count() == 19
    assert Country.objects.count() == 21
    assert Country.objects.get(is_home=True).iso2 == "UA"
    assert Source.objects.count() == 2


@pytest.mark.parametrize(
    "model", [Agreement, NegotiationRound, DeclarationSignatory, Declaration, Delegation, Person]
)
def test_every_fact_row_cites_a_source(seed, model):
    uncited = model.objects.annotate(n=Count("citations")).filter(n=0)
    assert not uncited.exists(), f"{model.__name__} rows without a citation: {list(uncited)}"


def test_every_g7_flag_is_cited(seed):
    assert not Country.objects.filter(is_g7=True, citations=None).exists()


def test_every_quote_occurs_in_its_source(seed):
    citations = Citation.objects.select_related("source")
    assert citations.count() > 40
    for citation in citations:
        assert quote_occurs_in(citation.quote, citation.source.text), citation.quote
        assert sum(getattr(citation, f"{f}_id") is not None for f in FACT_FIELDS) == 1


def test_every_seed_row_passes_model_validation(seed):
    for model in [Country, Person, Source, Declaration, DeclarationSignatory, Delegation]:
        for row in model.objects.all():
            row.full_clean()
    for row in [*Agreement.objects.all(), *NegotiationRound.objects.all(), *Citation.objects.all()]:
        row.full_clean()


def test_loading_the_fixtures_twice_changes_nothing(seed):
    def snapshot():
        return {
            model.__name__: sorted(map(str, model.objects.values_list()))
            for model in [Country, Source, Agreement, NegotiationRound, Citation]
        }

    before = snapshot()
    call_command("loaddata", "seed", verbosity=0)
    assert snapshot() == before


def test_a_bad_fixture_is_refused_and_nothing_of_it_is_kept(seed, tmp_path):
    """A duplicate round number makes loaddata fail and roll back the whole file."""
    agreement = {"slug": "ukraine-poland", "partner": ["PL"], "title": "PL", "status": "signed"}
    round_1 = {"agreement": ["ukraine-poland"], "number": 1}
    bad = [
        {"model": "agreements.country", "fields": {"iso2": "PL", "name": "Poland"}},
        {"model": "agreements.agreement", "fields": agreement},
        {"model": "agreements.negotiationround", "fields": round_1},
        {"model": "agreements.negotiationround", "pk": 999999, "fields": round_1},
    ]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    with pytest.raises((CommandError, Exception)):  # the backend's IntegrityError
        call_command("loaddata", str(path), verbosity=0)
    assert not Country.objects.filter(iso2="PL").exists()
    assert not Agreement.objects.filter(slug="ukraine-poland").exists()


def test_a_malformed_date_in_a_fixture_is_refused(seed, tmp_path):
    bad = [{"model": "agreements.country", "fields": {"iso2": "PL", "name": "Poland"}},
           {"model": "agreements.source", "fields": {"slug": "x", "title": "x", "text": "x",
                                                     "published_on": "2024-13"}}]  # fmt: skip
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    with pytest.raises(Exception, match="no month 13"):
        call_command("loaddata", str(path), verbosity=0)
    assert not Country.objects.filter(iso2="PL").exists()
