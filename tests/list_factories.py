"""Small factories for the list-page tests: many agreements with rounds, sources and citations."""

from agreements.models import (
    Agreement,
    AgreementStatus,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    NegotiationRound,
    SignatoryRole,
    Source,
)


def iso_code(i):
    return f"{chr(65 + i // 26)}{chr(65 + i % 26)}"


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
