"""A developer fills an empty database with synthetic data to try the tracker at scale."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from agreements.models import (
    Agreement,
    AgreementStatus,
    Citation,
    Country,
    DeclarationSignatory,
    NegotiationRound,
    Source,
)
from agreements.quotes import quote_occurs_in

pytestmark = pytest.mark.django_db

SMALL = {"countries": 12, "agreements": 30, "rounds": 400, "sources": 40}


def generate(**options):
    out = StringIO()
    call_command("generate_demo_data", stdout=out, stderr=StringIO(), **{**SMALL, **options})
    return out.getvalue()


def test_it_generates_the_requested_amounts_clearly_marked_as_synthetic():
    output = generate()
    assert "30 agreements, 400 rounds, 40 sources" in output
    assert Country.objects.count() == 12
    assert Agreement.objects.count() == 30
    assert NegotiationRound.objects.count() == 400
    assert Source.objects.count() == 40
    assert all(
        name.endswith("(synthetic)") for name in Country.objects.values_list("name", flat=True)
    )
    assert not Agreement.objects.exclude(slug__startswith="synthetic-").exists()
    assert set(Source.objects.values_list("publisher", flat=True)) == {"Synthetic data generator"}


def test_every_generated_row_obeys_the_models_own_rules():
    generate()
    for model in (Agreement, NegotiationRound, DeclarationSignatory, Source):
        for row in model.objects.all():
            row.full_clean()
    # Unique round numbers per agreement, counting up from 1.
    for agreement in Agreement.objects.with_round_stats():
        numbers = list(agreement.rounds.values_list("number", flat=True))
        assert numbers == list(range(1, agreement.round_count + 1))


def test_dates_come_at_every_precision_and_statuses_vary():
    generate()
    precisions = Counter(r.date.precision for r in NegotiationRound.objects.all())
    assert set(precisions) == {"day", "month", "year", "unknown"}
    statuses = set(Agreement.objects.values_list("status", flat=True))
    assert statuses == set(AgreementStatus.values)
    assert not Agreement.objects.negotiating().exclude(signed_on=None).exists()


def test_every_fact_is_cited_by_a_quote_found_in_its_source():
    generate()
    for citation in Citation.objects.select_related("source"):
        assert quote_occurs_in(citation.quote, citation.source.text), citation.quote
    assert not Agreement.objects.filter(citations=None).exists()
    assert not DeclarationSignatory.objects.filter(citations=None).exists()
    assert not NegotiationRound.objects.filter(citations=None, is_implied=False).exists()


def test_the_rounds_are_spread_unevenly_like_real_negotiations():
    generate()
    counts = sorted(Agreement.objects.with_round_stats().values_list("round_count", flat=True))
    assert counts[-1] > 3 * counts[len(counts) // 2]  # some agreements have many more rounds


def test_it_refuses_to_mix_into_curated_data_unless_forced(seed):
    with pytest.raises(CommandError, match="holds curated data"):
        generate()
    assert not Source.objects.filter(slug__startswith="synthetic-").exists()

    generate(force=True)
    assert Agreement.objects.count() == 10 + 30
    assert Country.objects.get(iso2="US").name == "United States"


def test_it_refuses_to_generate_twice():
    generate()
    with pytest.raises(CommandError, match="already holds synthetic data"):
        generate()
    assert NegotiationRound.objects.count() == 400


@pytest.mark.parametrize(
    "options, message",
    [
        ({"rounds": -1}, "cannot be negative"),
        ({"sources": 0}, "at least one --sources"),
        ({"countries": 0}, "need partner countries"),
        ({"countries": 700}, "two-letter country codes"),
    ],
)
def test_bad_options_are_reported_and_nothing_is_written(options, message):
    with pytest.raises(CommandError, match=message):
        generate(**options)
    assert not Country.objects.exists()
