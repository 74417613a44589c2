"""Small factories for tests: many rows, each cited, so that an N+1 query shows."""

from decimal import Decimal

from agreements.models import (
    Agreement,
    AgreementSignatory,
    AgreementStatus,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    NegotiationRound,
    ParticipantCount,
    Person,
    Pledge,
    SignatoryRole,
    Source,
)


def iso_code(i, first="A"):
    """Distinct two-letter codes: AA, AB, …; from first="Q" on they stay clear of the seed's."""
    return f"{chr(ord(first) + i // 26)}{chr(65 + i % 26)}"


def make_source(slug="report", text="Talks were held. The parties met again.", **fields):
    return Source.objects.create(
        slug=slug, title=fields.pop("title", f"Report {slug}"), text=text, **fields
    )


def make_countries(count):
    return Country.objects.bulk_create(
        Country(iso2=iso_code(i, first="Q"), name=f"State {i:03d}") for i in range(count)
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


def make_agreement(name, *, status=AgreementStatus.NEGOTIATING, signed_on=None, **fields):
    country = Country.objects.create(iso2=fields.pop("iso2", name[:2].upper()), name=name)
    return Agreement.objects.create(
        slug=f"ukraine-{name.lower().replace(' ', '-')}",
        partner=country,
        title=fields.pop("title", f"Ukraine–{name} bilateral security agreement"),
        status=status,
        signed_on=signed_on,
        **fields,
    )


def add_contents(agreement, *, source, quote="", note="States it."):
    """A cited signatory and two cited pledges (in two currencies) for `agreement`."""
    person, _ = Person.objects.get_or_create(name="Volodymyr Zelenskyy")
    signatory = AgreementSignatory.objects.create(
        agreement=agreement, person=person, side="ukraine", role="President of Ukraine"
    )
    Citation.objects.create(source=source, quote=quote, note=note, agreement_signatory=signatory)
    for position, currency in enumerate(["EUR", "USD"]):
        pledge = Pledge.objects.create(
            agreement=agreement, position=position, amount=Decimal("1000000"), currency=currency
        )
        Citation.objects.create(source=source, quote=quote, note=note, pledge=pledge)


def make_many(count, rounds=3):
    """`count` agreements, each with rounds, a citation on it and on every round, half of
    the partners in a declaration: enough rows for an N+1 query to show."""
    source = Source.objects.create(
        slug="many", title="Many agreements", published_on="2024", text="Agreements were signed."
    )
    declaration = Declaration.objects.create(slug="decl", title="Declaration", adopted_on="2023")
    agreements = []
    for i in range(count):
        signed = i % 2 == 0
        agreement = make_agreement(
            f"Partner {i:03d}",
            iso2=iso_code(i),
            status=AgreementStatus.SIGNED if signed else AgreementStatus.NEGOTIATING,
            signed_on=["2024", "2024-03", "2024-03-05", None][i % 4] if signed else None,
            negotiations_started_on="2023-08",
            summary=f"Agreement number {i}.",
        )
        agreements.append(agreement)
        Citation.objects.create(source=source, quote="Agreements were signed.", agreement=agreement)
        add_contents(agreement, source=source, quote="Agreements were signed.")
        for number in range(1, rounds + 1):
            round_ = NegotiationRound.objects.create(
                agreement=agreement, number=number, date=f"2023-{number + 8:02d}", summary="Talks."
            )
            Citation.objects.create(source=source, quote="Agreements were signed.", round=round_)
        if i % 2:
            DeclarationSignatory.objects.create(
                declaration=declaration,
                country=agreement.partner,
                role=SignatoryRole.FOUNDING if i % 4 == 1 else SignatoryRole.JOINED,
                joined_on="2023-07",
            )
    return agreements


def make_reference(slug="reference", **fields):
    """A source cited by URL, whose text the tracker does not hold."""
    return Source.objects.create(
        slug=slug,
        title=fields.pop("title", f"Reference {slug}"),
        url=fields.pop("url", f"https://example.org/{slug}"),
        text="",
        **fields,
    )


def make_contents(agreement, *, source=None):
    """A signatory and a pledge for `agreement`, and a participant count, each cited."""
    source = source or make_reference(slug=f"contents-{agreement.slug}")
    person, _ = Person.objects.get_or_create(name="Volodymyr Zelenskyy")
    signatory = AgreementSignatory.objects.create(
        agreement=agreement, person=person, side="ukraine", role="President of Ukraine"
    )
    pledge = Pledge.objects.create(
        agreement=agreement, amount=Decimal("2500000000"), currency="GBP", period="2024"
    )
    declaration = Declaration.objects.first() or Declaration.objects.create(
        slug="declaration", title="Joint Declaration", adopted_on="2023-07-12"
    )
    count = ParticipantCount.objects.create(declaration=declaration, value=32, as_of="2024-07")
    for fact in [
        {"agreement_signatory": signatory},
        {"pledge": pledge},
        {"participant_count": count},
    ]:
        Citation.objects.create(source=source, note="States it in its lead.", **fact)
    return signatory, pledge, count
