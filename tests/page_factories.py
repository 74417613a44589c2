"""Small factories for the page tests: many rows, each cited, to catch N+1 queries."""

from agreements.models import (
    Agreement,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    NegotiationRound,
    Person,
    Source,
)


def iso_code(i):
    """Distinct two-letter codes that stay clear of the seed's: QA, QB, ..., RA, ..."""
    return f"{chr(ord('Q') + i // 26)}{chr(65 + i % 26)}"


def make_source(slug="report", text="Talks were held. The parties met again.", **fields):
    return Source.objects.create(
        slug=slug, title=fields.pop("title", f"Report {slug}"), text=text, **fields
    )


def make_countries(count):
    return Country.objects.bulk_create(
        Country(iso2=iso_code(i), name=f"State {i:03d}") for i in range(count)
    )


def cite(source, quote="Talks were held.", **fact):
    return Citation.objects.create(source=source, quote=quote, **fact)


def make_agreement_with_rounds(partner, rounds=40, citations_per_round=2, source=None):
    """An agreement under negotiation with many dated, led and cited rounds."""
    source = source or make_source(slug=f"report-{partner.iso2.lower()}")
    lead = Person.objects.get_or_create(name="Chief Negotiator", defaults={"role": "Envoy"})[0]
    agreement = Agreement.objects.create(
        slug=f"ukraine-{partner.iso2.lower()}",
        partner=partner,
        title=f"Ukraine–{partner.name} agreement",
        negotiations_started_on="2023-01",
    )
    cite(source, agreement=agreement)
    made = NegotiationRound.objects.bulk_create(
        NegotiationRound(
            agreement=agreement,
            number=n,
            date=f"2023-{1 + n % 12:02d}",
            ukrainian_lead=lead,
            place=f"City {n}",
        )
        for n in range(1, rounds + 1)
    )
    Citation.objects.bulk_create(
        Citation(source=source, quote="The parties met again.", round=round_)
        for round_ in made
        for _ in range(citations_per_round)
    )
    return agreement


def make_declaration_with_signatories(countries, source=None):
    source = source or make_source(slug="declaration-report")
    declaration = Declaration.objects.create(
        slug="test-declaration", title="Test Declaration", adopted_on="2023-07-12"
    )
    signatories = DeclarationSignatory.objects.bulk_create(
        DeclarationSignatory(
            declaration=declaration,
            country=country,
            role="founding" if i % 2 else "joined",
            joined_on="2023-07-12" if i % 2 else None,
        )
        for i, country in enumerate(countries)
    )
    Citation.objects.bulk_create(
        Citation(source=source, quote="Talks were held.", signatory=signatory)
        for signatory in signatories
    )
    return declaration
