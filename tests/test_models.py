"""Domain rules: database constraints refuse bad rows, clean() explains bad edits."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from agreements.models import (
    Agreement,
    AgreementStatus,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    NegotiationRound,
    Pledge,
    SignatoryRole,
    Source,
)
from agreements.quotes import quote_occurs_in
from tests.factories import make_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(united_states):
    return Agreement.objects.create(
        slug="ukraine-us",
        partner=united_states,
        title="Ukraine–US",
        negotiations_started_on="2023-08-03",
    )


@pytest.fixture
def declaration():
    return Declaration.objects.create(slug="g7", title="G7 declaration", adopted_on="2023-07-12")


def test_a_round_number_is_unique_per_agreement(agreement):
    NegotiationRound.objects.create(agreement=agreement, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        NegotiationRound.objects.create(agreement=agreement, number=1)


def test_round_number_zero_is_refused_by_the_model_and_the_database(agreement):
    with pytest.raises(IntegrityError), transaction.atomic():
        NegotiationRound.objects.create(agreement=agreement, number=0)
    with pytest.raises(ValidationError) as refused:
        NegotiationRound(agreement=agreement, number=0).full_clean()
    assert refused.value.message_dict == {
        "number": ["Ensure this value is greater than or equal to 1."]
    }


def test_a_round_before_negotiations_started_is_invalid(agreement):
    round_ = NegotiationRound(agreement=agreement, number=1, date="2023-07")
    with pytest.raises(ValidationError, match="before negotiations started"):
        round_.full_clean()
    NegotiationRound(agreement=agreement, number=1, date="2023-08").full_clean()  # may overlap


def test_a_round_after_the_signing_is_invalid(agreement):
    agreement.status = AgreementStatus.SIGNED
    agreement.signed_on = "2024-06-13"
    agreement.save()
    with pytest.raises(ValidationError, match="after the agreement was signed"):
        NegotiationRound(agreement=agreement, number=1, date="2024-07").full_clean()


def test_rounds_keep_their_numbers_in_date_order(agreement):
    NegotiationRound.objects.create(agreement=agreement, number=3, date="2024-04")
    with pytest.raises(ValidationError, match="after a round with a higher number"):
        NegotiationRound(agreement=agreement, number=2, date="2024-05").full_clean()
    NegotiationRound(agreement=agreement, number=2, date="2024").full_clean()  # not certain


def test_a_negotiating_agreement_has_no_signing_date(agreement):
    agreement.signed_on = "2024-01"
    with pytest.raises(ValidationError, match="no signing date"):
        agreement.full_clean()


def test_a_signing_before_negotiations_is_invalid(agreement):
    agreement.status = AgreementStatus.SIGNED
    agreement.signed_on = "2023-07"
    with pytest.raises(ValidationError, match="before negotiations started"):
        agreement.full_clean()


def test_ukraine_is_not_its_own_partner():
    ukraine = Country.objects.create(iso2="UA", name="Ukraine", is_home=True)
    with pytest.raises(ValidationError, match="other than Ukraine"):
        Agreement(slug="x", partner=ukraine, title="x").full_clean()


def test_only_one_home_country(united_states):
    Country.objects.create(iso2="UA", name="Ukraine", is_home=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(iso2="PL", name="Poland", is_home=True)


def test_country_codes_are_two_upper_case_letters():
    for bad_code in ["us", "U"]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Country.objects.create(iso2=bad_code, name="USA")
    country = Country(iso2="u1", name="Nowhere")
    with pytest.raises(ValidationError, match="two-letter"):
        country.full_clean()


def test_one_signatory_row_per_country_and_declaration(declaration, united_states):
    DeclarationSignatory.objects.create(
        declaration=declaration, country=united_states, role="founding"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        DeclarationSignatory.objects.create(
            declaration=declaration, country=united_states, role="joined"
        )


def test_joining_before_the_declaration_is_invalid(declaration, united_states):
    signatory = DeclarationSignatory(
        declaration=declaration,
        country=united_states,
        role=SignatoryRole.JOINED,
        joined_on="2023-06",
    )
    with pytest.raises(ValidationError, match="before the declaration was adopted"):
        signatory.full_clean()


def test_a_citation_cites_exactly_one_fact(agreement, united_states):
    source = Source.objects.create(slug="s", title="S", text="Talks began.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(source=source, quote="Talks began.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(
            source=source, quote="Talks began.", agreement=agreement, country=united_states
        )
    for facts in ({}, {"agreement": agreement, "country": united_states}):
        with pytest.raises(ValidationError) as refused:
            Citation(source=source, quote="Talks began.", **facts).full_clean()
        assert refused.value.messages == ["A citation supports exactly one fact: choose one."]
    Citation.objects.create(source=source, quote="Talks began.", agreement=agreement)


def test_a_quote_must_occur_in_its_source(agreement):
    source = Source.objects.create(
        slug="s",
        title="S",
        text="Ukraine “today”   started\nnegotiations with the USA, namely: A, B.",
    )
    citation = Citation(source=source, agreement=agreement, quote="Ukraine invaded nobody.")
    with pytest.raises(ValidationError, match="does not occur"):
        citation.full_clean()
    citation.quote = 'ukraine "today" started negotiations'
    citation.full_clean()
    assert quote_occurs_in("namely: … B", source.text)
    assert not quote_occurs_in("B … namely", source.text)


def test_facts_protect_their_country_and_source(agreement, united_states):
    source = Source.objects.create(slug="s", title="S", text="Talks began.")
    Citation.objects.create(source=source, quote="Talks began.", agreement=agreement)
    with pytest.raises(ProtectedError):
        united_states.delete()
    with pytest.raises(ProtectedError):
        source.delete()
    agreement.delete()  # a fact takes its own citations with it
    assert not Citation.objects.exists()


def test_signed_queryset_includes_every_signed_state(united_states):
    for status in AgreementStatus:
        country = Country.objects.create(iso2=status.value[:2].upper(), name=status.label)
        Agreement.objects.create(slug=status.value, partner=country, title=status, status=status)
    signed = set(Agreement.objects.signed().values_list("status", flat=True))
    assert signed == {"signed", "in_force", "expired"}
    assert list(Agreement.objects.negotiating().values_list("status", flat=True)) == ["negotiating"]


@pytest.mark.parametrize(
    "model",
    [
        model
        for model in apps.get_app_config("agreements").get_models()
        if getattr(model, "constraints_checked_in_python", ())
    ],
    ids=lambda model: model.__name__,
)
def test_the_constraints_left_to_python_are_the_models_own(model):
    """A misspelt name would leave a rule to nobody but the database's IntegrityError."""
    names = {constraint.name for constraint in model._meta.constraints}
    assert set(model.constraints_checked_in_python) <= names


@pytest.mark.parametrize(
    "build, field",
    [
        (lambda agreement: Country(iso2="U1", name="Nowhere"), "iso2"),
        (
            lambda agreement: Pledge(agreement=agreement, position=1, amount=1, currency="eu1"),
            "currency",
        ),
        (lambda agreement: NegotiationRound(agreement=agreement, number=0), "number"),
    ],
)
def test_a_row_breaking_a_constraint_left_to_python_is_refused_by_full_clean(build, field):
    agreement = make_agreement("Checkland")
    with pytest.raises(ValidationError) as refused:
        build(agreement).full_clean()
    assert field in refused.value.message_dict
