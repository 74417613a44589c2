"""Accepting a candidate: write (or update) the fact it proposes, with its citation.

Each kind of candidate updates one fact row, found by its natural key, and sets only the
fields the quote supports: a later article can add a lead or a date to an earlier round, or
turn an agreement under negotiation into a signed one; a place or a term fills the agreement's
field, a pledge and a signatory are rows of their own. Each row is written in one save (one
history record). Dates are merged by precision ("Jan 2024" does not overwrite "8 Jan 2024");
a contradiction (another date, another place, another term) is refused with a message rather
than silently overwriting what an editor recorded. Everything happens in one transaction, and
accepting twice changes nothing.
"""

import uuid
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from agreements.models import (
    Agreement,
    AgreementSignatory,
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
    Pledge,
    Side,
    SignatoryRole,
    TermKind,
    folded_name,
)
from agreements.partial_dates import PartialDate

from .gazetteer import HOME_ISO2, country_name

CITATION_NAMESPACE = uuid.UUID("5b1f4c1e-9d0a-4a57-8f43-0c1e2a7d9b10")


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
    raise conflict(label, new, current)


def conflict(label, new, current):
    """The refusal of a candidate that contradicts what the tracker holds."""
    return ValidationError(
        gettext(
            "%(label)s: the article says %(new)s, the tracker already has %(current)s. Correct "
            "the fact in admin first, or reject this candidate."
        )
        % {"label": label, "new": new, "current": current}
    )


def agreement_with(partner):
    return gettext("agreement with %(partner)s") % {"partner": partner.local_name}


def same_words(a, b):
    return folded_name(a) == folded_name(b)


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
        """The named person, under any spelling the tracker knows (`Person.aliases`); created
        (and cited for the name) if new."""
        person = Person.objects.by_name(name)
        if person is None:
            person = self.save(Person(name=name))
            self.extra_citations += 1
            self.cite(person, "person", "name", suffix=f":person:{name}")
        return person

    def existing(self, model, label, **lookup):
        try:
            return model.objects.get(**lookup)
        except model.DoesNotExist:
            raise ValidationError(
                gettext("There is no %(label)s yet: accept the candidate that introduces it first.")
                % {"label": label}
            ) from None

    # --- one method per candidate kind ------------------------------------------------------

    def apply_country(self, values):
        country = self.country(values["iso2"])
        if values.get("is_g7"):
            country.is_g7 = True
        return self.save(country)

    def apply_person(self, values):
        person = Person.objects.by_name(values["name"]) or Person(name=values["name"])
        person.role = values.get("role") or person.role
        if values.get("country"):
            person.country = self.country(values["country"])
        return self.save(person)

    def apply_declaration(self, values):
        declaration, _ = Declaration.objects.get_or_create(
            slug=values["slug"], defaults={"title": values["title"]}
        )
        declaration.adopted_on = merge_date(
            gettext("Adopted"), declaration.adopted_on, values.get("adopted_on")
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
        delegation.appointed_on = merge_date(
            gettext("Appointed"), delegation.appointed_on, appointed
        )
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
        if AgreementStatus(values["status"]).rank > AgreementStatus(agreement.status).rank:
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

    def partner_agreement(self, values):
        partner = self.country(values["partner"])
        return self.existing(Agreement, agreement_with(partner), partner=partner)

    def apply_place(self, values):
        """Where the agreement was signed: its `place`."""
        agreement = self.partner_agreement(values)
        if agreement.place:
            if not same_words(agreement.place, values["place"]):
                raise conflict(gettext("Signing place"), values["place"], agreement.place)
            return agreement  # known already: nothing to save
        agreement.place = values["place"]
        return self.save(agreement)

    def apply_term(self, values):
        """How long the agreement runs: its term fields (kind, years or the ending event)."""
        agreement = self.partner_agreement(values)
        if values.get("years"):
            term = {"term_kind": TermKind.YEARS, "term_years": int(values["years"])}
        elif values.get("open_ended"):
            term = {"term_kind": TermKind.OPEN_ENDED}
        else:
            term = {"term_kind": TermKind.UNTIL_EVENT, "term_event": values["until"]}
        if agreement.term_kind:
            known = {name: getattr(agreement, name) for name in term}
            if not all(same_words(str(known[name]), str(term[name])) for name in term):
                raise conflict(gettext("Term"), term_words(term), agreement.term_shown)
            return agreement  # known already: nothing to save
        for name, value in term.items():
            setattr(agreement, name, value)
        return self.save(agreement)

    def apply_pledge(self, values):
        """An amount pledged in the agreement: a Pledge row of its own (one save). The same
        amount in the same currency (for the same period, when both give one) is the same
        pledge; another amount for the same period and currency contradicts it."""
        agreement = self.partner_agreement(values)
        amount = Decimal(str(values["amount"]))
        period = values.get("period", "")
        for pledge in agreement.pledges.filter(currency=values["currency"]):
            same_period = not (period and pledge.period) or pledge.period == period
            if same_period and pledge.amount == amount:
                return pledge
            if period and pledge.period == period:
                raise conflict(
                    gettext("Pledge for %(period)s") % {"period": period},
                    f"{amount:,.0f} {pledge.currency}",
                    f"{pledge.amount:,.0f} {pledge.currency}",
                )
        return self.save(
            Pledge(
                agreement=agreement,
                position=agreement.next_pledge_position(),
                amount=amount,
                currency=values["currency"],
                period=period,
            )
        )

    def apply_signer(self, values):
        """A person who signed the agreement: an AgreementSignatory row (one save), the person
        found under any spelling the tracker knows, with the role they signed in."""
        agreement = self.partner_agreement(values)
        person = self.person(values["name"])
        side = Side.UKRAINE if values.get("side") == HOME_ISO2 else Side.PARTNER
        learnt = {}
        if not person.role and values.get("role"):
            learnt["role"] = values["role"]
        if values.get("side") and not person.country_id:
            learnt["country"] = self.country(values["side"])
        if learnt:
            for name, value in learnt.items():
                setattr(person, name, value)
            self.save(person)
        signatory = AgreementSignatory.objects.filter(agreement=agreement, person=person).first()
        if signatory is None:
            new = AgreementSignatory(
                agreement=agreement, person=person, side=side, role=values.get("role", "")
            )
            return self.save(new)
        if signatory.side != side:
            raise conflict(
                gettext("%(name)s's side") % {"name": person.name},
                Side(side).label,
                signatory.get_side_display(),
            )
        if not signatory.role and values.get("role"):
            signatory.role = values["role"]
            return self.save(signatory)
        return signatory  # known already: nothing to save

    def apply_signatory(self, values):
        declaration = self.existing(
            Declaration,
            gettext("declaration “%(slug)s”") % {"slug": values["declaration"]},
            slug=values["declaration"],
        )
        signatory, _ = DeclarationSignatory.objects.get_or_create(
            declaration=declaration,
            country=self.country(values["country"]),
            defaults={"role": values["role"]},
        )
        if values["role"] == SignatoryRole.FOUNDING:
            signatory.role = SignatoryRole.FOUNDING
        signatory.joined_on = merge_date(
            gettext("Joined"), signatory.joined_on, values.get("joined_on")
        )
        return self.save(signatory)

    def apply_round(self, values):
        partner = self.country(values["partner"])
        agreement = self.existing(Agreement, agreement_with(partner), partner=partner)
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
        round_.date = merge_date(gettext("Date"), round_.date, values.get("date"))
        round_.date_note = values.get("date_note") or round_.date_note
        round_.place = values.get("place") or round_.place
        if values.get("ukrainian_lead"):
            round_.ukrainian_lead = self.person(values["ukrainian_lead"])
        if values.get("delegation"):
            round_.delegation = self.existing(
                Delegation,
                gettext("delegation “%(slug)s”") % {"slug": values["delegation"]},
                slug=values["delegation"],
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
    "place": Acceptor.apply_place,
    "term": Acceptor.apply_term,
    "pledge": Acceptor.apply_pledge,
    "signer": Acceptor.apply_signer,
}
# The citation's field for each kind whose fact is another row's.
CITED_AS = {
    "start": "agreement",
    "place": "agreement",
    "term": "agreement",
    "pledge": "pledge",
    "signer": "agreement_signatory",
}


def term_words(term):
    """A term as `Agreement.term_shown` says it, for a message."""
    return Agreement(**term).term_shown
