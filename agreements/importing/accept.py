"""Accepting a candidate: write (or update) the fact it proposes, with its citation.

Each kind of candidate updates one fact row, found by its natural key, and sets only the
fields the quote supports: a later article can add a lead or a date to an earlier round, or
turn an agreement under negotiation into a signed one. Dates are merged by precision ("Jan
2024" does not overwrite "8 Jan 2024"); a contradiction is refused with a message rather than
silently overwriting. Everything happens in one transaction, and accepting twice changes
nothing.
"""

import uuid

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from agreements.models import (
    Agreement,
    AgreementStatus,
    CandidateFact,
    CandidateStatus,
    Citation,
    Country,
    Declaration,
    DeclarationSignatory,
    Delegation,
    NegotiationRound,
    Person,
    SignatoryRole,
)
from agreements.partial_dates import PartialDate

from .gazetteer import HOME_ISO2, country_name

CITATION_NAMESPACE = uuid.UUID("5b1f4c1e-9d0a-4a57-8f43-0c1e2a7d9b10")
STATUS_RANK = [
    AgreementStatus.NEGOTIATING,
    AgreementStatus.SIGNED,
    AgreementStatus.IN_FORCE,
    AgreementStatus.EXPIRED,
]


def citation_key(candidate, suffix=""):
    """The same article and candidate always give the same citation key (stable fixtures)."""
    name = f"{candidate.source.fingerprint}:{candidate.position}{suffix}"
    return uuid.uuid5(CITATION_NAMESPACE, name)


def accept_candidate(candidate, user=None):
    with transaction.atomic():
        candidate = (
            CandidateFact.objects.select_for_update(of=("self",))
            .select_related("source", "citation")
            .get(pk=candidate.pk)
        )
        if candidate.status == CandidateStatus.ACCEPTED:
            return candidate.citation.fact if candidate.citation else None
        acceptor = Acceptor(candidate)
        fact = APPLY[candidate.kind](acceptor, candidate.values)
        if fact is not None:
            field = CITED_AS.get(candidate.kind, candidate.kind)
            candidate.citation = acceptor.cite(fact, field, supported(candidate))
        candidate.status = CandidateStatus.ACCEPTED
        candidate.reviewed_by = user
        candidate.reviewed_at = timezone.now()
        candidate.save()
        return fact


def mark_signed(agreements, *, signed_on, source, quote):
    """Mark `agreements` signed on `signed_on`, each with a citation of `quote` from `source`:
    all or none (the admin's "mark signed" action; `MarkSignedForm` validates its input).

    Raises ValidationError, keyed by "signed_on", "source", "quote" or NON_FIELD_ERRORS, with
    every reason an agreement was refused (each message naming the agreement, but the quote's);
    then nothing is written.
    """
    problems = {}  # field -> {message: None}: ordered and without repeats
    with transaction.atomic():
        for agreement in agreements:
            agreement.status = AgreementStatus.SIGNED
            agreement.signed_on = signed_on
            citation = Citation(
                agreement=agreement, source=source, quote=quote, supports="status, signed"
            )
            try:
                agreement.full_clean()
                citation.full_clean()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    target = field if field in MARK_SIGNED_FIELDS else NON_FIELD_ERRORS
                    for message in messages:
                        text = message if field == "quote" else f"{agreement}: {message}"
                        problems.setdefault(target, {})[text] = None
                continue
            agreement.save()
            citation.save()
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ValidationError({field: list(messages) for field, messages in problems.items()})


MARK_SIGNED_FIELDS = ("signed_on", "source", "quote")


def supported(candidate):
    """What the citation supports, in words: the candidate's own, and for a detail of an
    agreement that has no field yet, the detail itself ("place: Kyiv")."""
    values = candidate.values
    detail = {
        "place": lambda: f"place: {values.get('place')}",
        "term": lambda: (
            "term: "
            + (
                f"{values['years']} years"
                if values.get("years")
                else "open-ended"
                if values.get("open_ended")
                else f"until {values.get('until')}"
            )
        ),
        "pledge": lambda: (
            f"pledge: {values.get('amount')} {values.get('currency')}"
            + (f" ({values['period']})" if values.get("period") else "")
        ),
        "signer": lambda: f"signatory: {values.get('name')}",
        "start": lambda: "negotiations started",
    }.get(candidate.kind)
    return (detail() if detail else candidate.supports)[:100]


def merge_date(label, current, new):
    """The more precise of two compatible dates; a ValidationError when they contradict."""
    new = PartialDate.parse(new) if isinstance(new, str) else new
    if not new:
        return current
    if not current:
        return new
    if current.start <= new.start and new.end <= current.end:
        return new
    if new.start <= current.start and current.end <= new.end:
        return current
    raise ValidationError(
        f"{label}: the article says {new}, the tracker already has {current}. "
        "Correct the fact in admin first, or reject this candidate."
    )


def merge_text(current, new):
    if not new or new in current:
        return current
    return f"{current} {new}".strip()


class Acceptor:
    def __init__(self, candidate):
        self.candidate = candidate
        self.extra_citations = 0

    def cite(self, fact, field, supports, suffix=""):
        candidate = self.candidate
        citation = Citation(
            key=citation_key(candidate, suffix),
            source=candidate.source,
            quote=candidate.quote,
            supports=supports[:100],
            note=candidate.note,
            **{field: fact},
        )
        citation.full_clean()
        citation.save()
        return citation

    def save(self, row):
        row.full_clean()
        row.save()
        return row

    def country(self, iso2):
        Country.objects.get_or_create(
            iso2=HOME_ISO2, defaults={"name": country_name(HOME_ISO2), "is_home": True}
        )
        country, _ = Country.objects.get_or_create(
            iso2=iso2, defaults={"name": country_name(iso2), "is_home": iso2 == HOME_ISO2}
        )
        return country

    def person(self, name):
        """The named person; created (and cited for the name) if new."""
        person, created = Person.objects.get_or_create(name=name)
        if created:
            self.extra_citations += 1
            self.cite(person, "person", "name", suffix=f":person:{name}")
        return person

    def existing(self, model, label, **lookup):
        try:
            return model.objects.get(**lookup)
        except model.DoesNotExist:
            raise ValidationError(
                f"There is no {label} yet: accept the candidate that introduces it first."
            ) from None

    # --- one method per candidate kind ------------------------------------------------------

    def apply_country(self, values):
        country = self.country(values["iso2"])
        if values.get("is_g7"):
            country.is_g7 = True
        return self.save(country)

    def apply_person(self, values):
        person, _ = Person.objects.get_or_create(name=values["name"])
        person.role = values.get("role") or person.role
        if values.get("country"):
            person.country = self.country(values["country"])
        return self.save(person)

    def apply_declaration(self, values):
        declaration, _ = Declaration.objects.get_or_create(
            slug=values["slug"], defaults={"title": values["title"]}
        )
        declaration.adopted_on = merge_date(
            "Adopted", declaration.adopted_on, values.get("adopted_on")
        )
        declaration.place = values.get("place") or declaration.place
        declaration.occasion = values.get("occasion") or declaration.occasion
        declaration.summary = merge_text(declaration.summary, values.get("summary"))
        return self.save(declaration)

    def apply_delegation(self, values):
        appointed = PartialDate.parse(values.get("appointed_on"))
        delegation, _ = Delegation.objects.get_or_create(
            slug=values["slug"],
            defaults={"name": values.get("name") or f"Negotiating group appointed {appointed}"},
        )
        delegation.name = values.get("name") or delegation.name
        delegation.appointed_on = merge_date("Appointed", delegation.appointed_on, appointed)
        delegation.mandate = values.get("mandate") or delegation.mandate
        if values.get("appointed_by"):
            delegation.appointed_by = self.person(values["appointed_by"])
        if values.get("lead"):
            delegation.lead = self.person(values["lead"])
        return self.save(delegation)

    def agreement(self, partner_code, status=AgreementStatus.NEGOTIATING):
        """The agreement with a partner, as an unsaved row if the tracker has none yet."""
        partner = self.country(partner_code)
        try:
            return Agreement.objects.get(partner=partner)
        except Agreement.DoesNotExist:
            return Agreement(
                partner=partner,
                slug=f"ukraine-{partner.name.lower().replace(' ', '-')}",
                title=f"Ukraine–{partner.name} bilateral security agreement",
                status=status,
            )

    def apply_agreement(self, values):
        agreement = self.agreement(values["partner"], values["status"])
        # News reports status changes forwards: an older article saying "negotiating" does
        # not undo a signing recorded from a newer one.
        if STATUS_RANK.index(values["status"]) > STATUS_RANK.index(agreement.status):
            agreement.status = values["status"]
        for field in ["negotiations_started_on", "signed_on", "in_force_on"]:
            label = Agreement._meta.get_field(field).verbose_name.capitalize()
            merged = merge_date(label, getattr(agreement, field), values.get(field))
            setattr(agreement, field, merged)
        return self.save(agreement)

    def apply_start(self, values):
        """When negotiations began: the agreement's `negotiations_started_on`."""
        return self.apply_agreement(
            {
                "partner": values["partner"],
                "status": AgreementStatus.NEGOTIATING,
                "negotiations_started_on": values.get("date"),
            }
        )

    def apply_detail(self, values):
        """A place, term or pledge of an agreement: cited on the agreement, in the citation's
        words ("place: Kyiv"), until the agreement has a field of its own for it."""
        partner = self.country(values["partner"])
        return self.existing(Agreement, f"agreement with {partner.name}", partner=partner)

    def apply_signer(self, values):
        """A person who signed an agreement: the person row (with role and side), and the
        agreement cited for the signature."""
        person, _ = Person.objects.get_or_create(name=values["name"])
        person.role = person.role or values.get("role", "")
        if values.get("side") and not person.country_id:
            person.country = self.country(values["side"])
        self.save(person)
        return self.apply_detail(values)

    def apply_signatory(self, values):
        declaration = self.existing(
            Declaration, f"declaration “{values['declaration']}”", slug=values["declaration"]
        )
        signatory, _ = DeclarationSignatory.objects.get_or_create(
            declaration=declaration,
            country=self.country(values["country"]),
            defaults={"role": values["role"]},
        )
        if values["role"] == SignatoryRole.FOUNDING:
            signatory.role = SignatoryRole.FOUNDING
        signatory.joined_on = merge_date("Joined", signatory.joined_on, values.get("joined_on"))
        return self.save(signatory)

    def apply_round(self, values):
        partner = self.country(values["partner"])
        agreement = self.existing(Agreement, f"agreement with {partner.name}", partner=partner)
        number = values.get("number")
        if values.get("is_implied"):
            if agreement.rounds.filter(number=number).exists():
                return None  # already known, better than by implication
            return self.save(NegotiationRound(agreement=agreement, number=number, is_implied=True))
        if number is None:
            # A round the source gives no number: one round per date it is reported for.
            lookup = {"number": None, "date": PartialDate.parse(values.get("date"))}
        else:
            lookup = {"number": number}
        # One save, so that the round's first history record (what the feed announces) has
        # every value the article gives, its date included.
        round_ = agreement.rounds.filter(**lookup).first() or NegotiationRound(
            agreement=agreement, **lookup
        )
        if "is_implied" in values:
            round_.is_implied = False
        round_.date = merge_date("Date", round_.date, values.get("date"))
        round_.date_note = values.get("date_note") or round_.date_note
        round_.place = values.get("place") or round_.place
        if values.get("ukrainian_lead"):
            round_.ukrainian_lead = self.person(values["ukrainian_lead"])
        if values.get("delegation"):
            round_.delegation = self.existing(
                Delegation, f"delegation “{values['delegation']}”", slug=values["delegation"]
            )
        round_.partner_delegation = values.get("partner_delegation") or round_.partner_delegation
        round_.summary = merge_text(round_.summary, values.get("summary"))
        return self.save(round_)


APPLY = {
    "country": Acceptor.apply_country,
    "person": Acceptor.apply_person,
    "declaration": Acceptor.apply_declaration,
    "delegation": Acceptor.apply_delegation,
    "agreement": Acceptor.apply_agreement,
    "signatory": Acceptor.apply_signatory,
    "round": Acceptor.apply_round,
    "start": Acceptor.apply_start,
    "place": Acceptor.apply_detail,
    "term": Acceptor.apply_detail,
    "pledge": Acceptor.apply_detail,
    "signer": Acceptor.apply_signer,
}
# The citation's field for each kind whose fact is another row's.
CITED_AS = {
    "start": "agreement",
    "place": "agreement",
    "term": "agreement",
    "pledge": "agreement",
    "signer": "agreement",
}
