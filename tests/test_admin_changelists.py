"""Changelists show annotated columns and run a bounded number of queries, however many rows."""

import pytest
from django.urls import reverse

from agreements.admin.facts import SourceAdmin
from agreements.models import (
    Agreement,
    AgreementStatus,
    CandidateFact,
    CandidateKind,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    NegotiationRound,
    Person,
    Source,
)

pytestmark = pytest.mark.django_db

ROWS = 40


@pytest.fixture
def many_rows(db):
    """ROWS partners, each with an agreement, three rounds, a signature and citations."""
    source = Source.objects.create(
        slug="bulk", title="Bulk", published_on="2024-02", text="Talks were held. It was signed."
    )
    lead = Person.objects.create(name="A Lead")
    declaration = Declaration.objects.create(slug="g7", title="G7", adopted_on="2023-07-12")
    countries = Country.objects.bulk_create(
        Country(iso2=f"{chr(65 + i // 26)}{chr(65 + i % 26)}", name=f"Country {i:02}")
        for i in range(ROWS)
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(
            slug=f"a-{i}",
            partner=country,
            title=f"Agreement {i:02}",
            status=AgreementStatus.SIGNED if i % 2 else AgreementStatus.NEGOTIATING,
            signed_on="2024-01" if i % 2 else None,
        )
        for i, country in enumerate(countries)
    )
    rounds = NegotiationRound.objects.bulk_create(
        NegotiationRound(agreement=agreement, number=n, date=f"2023-0{n + 1}", ukrainian_lead=lead)
        for agreement in agreements
        for n in (1, 2, 3)
    )
    signatories = DeclarationSignatory.objects.bulk_create(
        DeclarationSignatory(declaration=declaration, country=country, role="joined")
        for country in countries
    )
    Citation.objects.bulk_create(
        [Citation(source=source, quote="Talks were held.", round=round_) for round_ in rounds]
        + [Citation(source=source, quote="It was signed.", agreement=a) for a in agreements]
        + [Citation(source=source, quote="It was signed.", signatory=s) for s in signatories]
        + [Citation(source=source, quote="It was signed.", country=c) for c in countries]
        + [Citation(source=source, quote="Talks were held.", person=lead)]
    )


@pytest.mark.parametrize(
    "model",
    [
        "agreement",
        "negotiationround",
        "citation",
        "declarationsignatory",
        "source",
        "country",
        "person",
        "declaration",
        "delegation",
    ],
)
def test_a_changelist_runs_a_bounded_number_of_queries(
    editor_client, many_rows, model, django_assert_max_num_queries
):
    url = reverse(f"admin:agreements_{model}_changelist")
    with django_assert_max_num_queries(10):
        response = editor_client.get(url, {"all": ""})
    assert response.status_code == 200


def test_the_agreement_list_shows_round_count_and_latest_round(editor_client, many_rows):
    response = editor_client.get(reverse("admin:agreements_agreement_changelist"))
    rows = {row.title: row for row in response.context["cl"].result_list}
    assert rows["Agreement 00"].round_count == 3
    assert '<td class="field-latest_round">Apr 2023</td>' in response.text


def test_editors_filter_agreements_by_partner_membership_and_signing_year(editor_client, seed):
    url = reverse("admin:agreements_agreement_changelist")
    for role in ("founding", "joined"):
        shown = editor_client.get(url, {"partner_declaration": role}).context["cl"].result_list
        signed_declaration = DeclarationSignatory.objects.filter(role=role)
        expected = set(signed_declaration.values_list("country__iso2", flat=True))
        assert {a.partner.iso2 for a in shown} == expected & set(
            Agreement.objects.values_list("partner__iso2", flat=True)
        )
        assert shown
    outside = editor_client.get(url, {"partner_declaration": "none"}).context["cl"]
    assert not DeclarationSignatory.objects.filter(
        country__in=[a.partner for a in outside.result_list]
    ).exists()
    g7 = editor_client.get(url, {"partner__is_g7__exact": "1"}).context["cl"]
    assert "US" in {a.partner.iso2 for a in g7.result_list}
    undated = editor_client.get(url, {"signed_on_year": "unknown"}).context["cl"]
    assert undated.result_count == Agreement.objects.filter(signed_on=None).count()
    nonsense = editor_client.get(url, {"signed_on_year": "'; drop"})
    assert nonsense.status_code == 200


def test_rounds_filter_by_year_of_their_partial_date(editor_client, seed):
    url = reverse("admin:agreements_negotiationround_changelist")
    cl = editor_client.get(url, {"date_year": "2024"}).context["cl"]
    assert [r.number for r in cl.result_list] == [3]
    cl = editor_client.get(url, {"date_year": "unknown"}).context["cl"]
    assert [r.number for r in cl.result_list] == [2]


def test_citations_filter_by_the_kind_of_fact_they_support(editor_client, seed):
    url = reverse("admin:agreements_citation_changelist")
    cl = editor_client.get(url, {"fact": "round", "all": ""}).context["cl"]
    assert cl.result_count == Citation.objects.filter(round__isnull=False).count() > 0
    assert all(citation.round_id for citation in cl.result_list)


def test_sources_and_rounds_show_their_citation_counts_and_sort_by_them(editor_client, many_rows):
    quiet = Source.objects.create(slug="quiet", title="Quiet", text="Nothing.")
    column = SourceAdmin.list_display.index("citation_count")  # "o" counts from 0
    response = editor_client.get(reverse("admin:agreements_source_changelist"), {"o": f"-{column}"})
    rows = [(source.title, source.citation_count) for source in response.context["cl"].result_list]
    assert rows == [("Bulk", Citation.objects.filter(source__slug="bulk").count()), ("Quiet", 0)]
    assert quiet.citations.count() == 0
    response = editor_client.get(reverse("admin:agreements_negotiationround_changelist"))
    counts = {r.pk: r.citation_count for r in response.context["cl"].result_list}
    assert counts == {
        r.pk: r.citations.count() for r in NegotiationRound.objects.filter(pk__in=counts)
    }


def test_the_review_queue_filters_by_the_sources_that_have_candidates_only(editor_client, seed):
    imported = [
        Source.objects.create(slug=f"imported-{n}", title=f"Imported {n}", text="Talks were held.")
        for n in (1, 2)
    ]
    for source in imported:
        CandidateFact.objects.create(
            source=source, position=1, kind=CandidateKind.ROUND, target="x", values={}, quote="x"
        )
    response = editor_client.get(reverse("admin:agreements_candidatefact_changelist"), follow=True)
    (spec,) = [f for f in response.context["cl"].filter_specs if f.title == "article"]
    # the seed's sources have no candidates and are not offered
    assert sorted(label for _, label in spec.lookup_choices) == sorted(map(str, imported))
