"""The timeline: every event the sources report, dated as precisely as they date it.

`event_keys()` orders every event in the database (one UNION ALL of sort keys), so the page
reads and builds only the events it shows (`events_for()`, a fixed number of queries);
`group_events()` groups them by year and month and keeps the undated ones apart — an event the
sources do not date is never given a date here.
"""

import heapq
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby, islice
from operator import itemgetter

from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Value
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .bilingual import interpolate, local_html
from .models import (
    SIGNED_STATUSES,
    Agreement,
    AgreementSignatory,
    AgreementStatus,
    Country,
    Declaration,
    DeclarationSignatory,
    Delegation,
    NegotiationRound,
    SignatoryRole,
)
from .partial_dates import PartialDate, sort_date


class EventType(models.TextChoices):
    NEGOTIATIONS_STARTED = "negotiations_started", _("negotiations started")
    ROUND = "round", _("negotiation round")
    SIGNED = "signed", _("agreement signed")
    RATIFIED = "ratified", _("agreement ratified")
    IN_FORCE = "in_force", _("entered into force")
    ENDED = "ended", _("agreement ended")
    DECLARATION_ADOPTED = "declaration_adopted", _("declaration adopted")
    DECLARATION_JOINED = "declaration_joined", _("declaration signed or joined")
    DELEGATION_APPOINTED = "delegation_appointed", _("delegation appointed")


EVENT_ORDER = {event_type: position for position, event_type in enumerate(EventType)}

STEP_EVENTS = {
    "negotiations started": EventType.NEGOTIATIONS_STARTED,
    "signed": EventType.SIGNED,
    "entered into force": EventType.IN_FORCE,
    "ended": EventType.ENDED,
}


# What a citation's "supports" mentions when it reports the step.
STEP_SUPPORTS = {
    EventType.NEGOTIATIONS_STARTED: "negotiat",
    EventType.SIGNED: "sign",
    EventType.IN_FORCE: "force",
    EventType.ENDED: "end",
}


@dataclass(frozen=True)
class Event:
    """Something that happened, on a (possibly partial or unknown) date."""

    date: PartialDate
    type: str
    title: str
    url: str
    countries: tuple  # the partner states involved, as Country rows
    citations: tuple
    note: str = ""
    reported_by: PartialDate | None = None  # for undated events: earliest source saying so
    by_round: bool = False  # reported_by is the date of the first recorded round instead

    @property
    def type_label(self):
        return EventType(self.type).label

    @property
    def sources(self):
        """One citation per source, for a compact list of links."""
        first = {}
        for citation in self.citations:
            first.setdefault(citation.source_id, citation)
        return list(first.values())

    @property
    def sort_key(self):
        """Chronological; within a year or month, events known only to the year or month come
        after the more precisely dated ones; undated events last."""
        date = self.date
        when = (date.year, date.month or 13, date.day or 32) if date else (0, 0, 0)
        return (not date, when, EVENT_ORDER[self.type], self.title)


def amount(value):
    """A pledged amount as the pages show it: whole units with thousands separators."""
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def signing_note(agreement, *, html=True):
    """Where and by whom it was signed and what was pledged, as far as reported (prefetch
    `signatories__person` and `pledges`): HTML for a page, where a role in the other language
    keeps its `lang` (`local_html`), or plain text for a feed (`html=False`), where it is
    followed by its marker ("(in English)")."""
    if html:
        fill, role = interpolate, lambda signatory: local_html(signatory.local("role"))
    else:
        fill, role = plain_interpolate, lambda signatory: signatory.local("role").marked

    def joined(separator, texts):
        if html:
            return format_html_join(separator, "{}", ((text,) for text in texts))
        return separator.join(texts)

    parts = []
    if agreement.place:
        parts.append(fill(gettext("In %(place)s."), place=agreement.place_shown))
    signatories = [
        fill("%(name)s (%(role)s)", name=s.person.name, role=role(s))
        if s.local("role")
        else s.person.name
        for s in agreement.signatories.all()
    ]
    if signatories:
        names = joined(" " + gettext("and") + " ", signatories)
        parts.append(fill(gettext("Signed by %(names)s."), names=names))
    totals = [
        f"{currency} {amount(total)}" + (f" ({period})" if period else "")
        for currency, period, total in agreement.pledge_totals
    ]
    if totals:
        parts.append(fill(gettext("Pledged: %(totals)s."), totals="; ".join(totals)))
    return joined(" ", parts)


def plain_interpolate(template, **values):
    """`template % values`, for plain text (`interpolate`'s counterpart)."""
    return template % values


def about(citations, word):
    """The citations whose "supports" mentions `word` (e.g. "sign"), or all of them if none
    does: an event shows the sources of that step first."""
    return tuple(c for c in citations if word in c.supports.lower()) or tuple(citations)


def agreement_events(agreements):
    for agreement in agreements:
        partner = agreement.partner
        citations = agreement.citations.all()
        if agreement.ratified_on:
            yield Event(
                date=agreement.ratified_on,
                type=EventType.RATIFIED,
                title=interpolate(
                    gettext("%(title)s: ratified"), title=local_html(agreement.local("title"))
                ),
                url=agreement.get_absolute_url(),
                countries=(partner,),
                citations=about(citations, "ratif"),
            )
        for step in agreement.status_history():
            event_type = STEP_EVENTS[step.label]
            if (
                event_type == EventType.NEGOTIATIONS_STARTED
                and not step.date
                and agreement.status != AgreementStatus.NEGOTIATING
            ):
                # A later step (the signing) already stands for an agreement whose talks the
                # sources never date; an undated "talks started" for it would be noise.
                continue
            signed = event_type == EventType.SIGNED
            yield Event(
                date=step.date,
                type=event_type,
                title=interpolate(
                    "%(title)s: %(step)s",
                    title=local_html(agreement.local("title")),
                    step=step.display,
                ),
                url=agreement.get_absolute_url(),
                countries=(partner,),
                citations=about(citations, STEP_SUPPORTS[event_type]),
                note=signing_note(agreement) if signed else "",
                reported_by=step.reported_by,
                by_round=step.by_round,
            )


def round_events(rounds):
    for round_ in rounds:
        agreement = round_.agreement
        title = interpolate(
            gettext("%(round)s of the %(title)s negotiations"),
            round=round_.label,
            title=local_html(agreement.local("title")),
        )
        if round_.is_implied:
            title = interpolate("%(title)s %(implied)s", title=title, implied=gettext("(implied)"))
        yield Event(
            date=round_.date,
            type=EventType.ROUND,
            title=title,
            url=round_.get_absolute_url(),
            countries=(agreement.partner,),
            citations=tuple(round_.citations.all()),
            note=local_html(round_.local("date_note")),
        )


def declaration_event(declaration):
    name = local_html(declaration.local("title"))
    if declaration.place or declaration.place_uk:
        title = interpolate(
            gettext("%(title)s adopted in %(place)s"),
            title=name,
            place=local_html(declaration.local("place")),
        )
    else:
        title = interpolate(gettext("%(title)s adopted"), title=name)
    return Event(
        date=declaration.adopted_on,
        type=EventType.DECLARATION_ADOPTED,
        title=title,
        url=declaration.get_absolute_url(),
        countries=(),
        citations=tuple(declaration.citations.all()),
        note=local_html(declaration.local("occasion")),
    )


def signatory_event(signatory):
    declaration = signatory.declaration
    verb = "signed" if signatory.role == SignatoryRole.FOUNDING else "joined"
    names = {
        "country": signatory.country.local_name,
        "declaration": local_html(declaration.local("title")),
    }
    if verb == "signed":
        title = interpolate(gettext("%(country)s signed the %(declaration)s"), **names)
    else:
        title = interpolate(gettext("%(country)s joined the %(declaration)s"), **names)
    return Event(
        date=signatory.joined_on,
        type=EventType.DECLARATION_JOINED,
        title=title,
        url=signatory.country.get_absolute_url(),
        countries=(signatory.country,),
        citations=tuple(signatory.citations.all()),
        note=signatory.get_role_display() if verb == "signed" else joining_note(signatory),
        reported_by=None if signatory.joined_on else signatory.reported_by,
    )


def joining_note(signatory):
    if not signatory.ordinal:
        return ""
    return gettext("Reported as %(order)s.") % {"order": signatory.joining_order}


def delegation_event(delegation):
    title = interpolate(gettext("%(name)s appointed"), name=local_html(delegation.local("name")))
    if delegation.appointed_by:
        by = gettext("by %(name)s") % {"name": delegation.appointed_by.name}
        title = interpolate("%(title)s %(by)s", title=title, by=by)
    if delegation.lead:
        led = gettext("led by %(name)s") % {"name": delegation.lead.name}
        title = interpolate("%(title)s, %(led)s", title=title, led=led)
    return Event(
        date=delegation.appointed_on,
        type=EventType.DELEGATION_APPOINTED,
        title=title,
        url="",
        countries=(),
        citations=tuple(delegation.citations.all()),
        note=local_html(delegation.local("mandate")),
    )


# Event keys
# ----------
# The timeline is paged in the database: each row of a key query is only an event's sort key and
# the primary key of its fact, so a page reads and builds just its own events. The sort key
# follows `Event.sort_key`, with the date as `partial_dates.sort_date` pads it; rounds and
# agreements, nearly all the events, have it stored and indexed (`NegotiationRound.date_sort`,
# `Agreement.signed_sort`, …).

AGREEMENT_STEP_DATES = {
    EventType.NEGOTIATIONS_STARTED: "negotiations_started_on",
    EventType.SIGNED: "signed_on",
    EventType.RATIFIED: "ratified_on",
    EventType.IN_FORCE: "in_force_on",
    EventType.ENDED: "ended_on",
}


KEY_ORDER = ("key_date", "key_type", "key_tie", "key_number", "key_pk")


@dataclass(frozen=True)
class EventKind:
    """One kind of event: its facts (filtered) and their keys (unordered)."""

    facts: models.QuerySet
    keys: models.QuerySet


def keyed(queryset, event_type, date_field, tie, number=None, undated=False, stored_key=None):
    """`queryset` as event keys: (sort date, type, tie-breaking text and number, pk). The sort
    date is computed from `date_field`, or read from the column `stored_key` that holds it."""
    if undated:
        queryset = queryset.filter(**{f"{date_field}__isnull": True})
    keys = (
        queryset.order_by()
        .annotate(
            key_date=F(stored_key) if stored_key else sort_date(date_field),
            key_type=Value(EVENT_ORDER[event_type]),
            key_tie=F(tie),
            key_number=F(number) if number else Value(0),
            key_pk=F("pk"),
        )
        .values(*KEY_ORDER)
    )
    return EventKind(queryset, keys)


def agreement_step_keys(event_type, country, undated):
    agreements = Agreement.objects.all()
    if country:
        agreements = agreements.filter(partner__iso2=country)
    if event_type == EventType.NEGOTIATIONS_STARTED:
        # As in `agreement_events`: no undated "talks started" for an agreement signed since.
        agreements = agreements.exclude(
            Q(negotiations_started_on__isnull=True) & ~Q(status=AgreementStatus.NEGOTIATING)
        )
    elif event_type == EventType.SIGNED:
        agreements = agreements.filter(status__in=SIGNED_STATUSES)
    elif event_type == EventType.RATIFIED:  # only a dated ratification is an event
        agreements = agreements.filter(ratified_on__isnull=False)
    elif event_type == EventType.IN_FORCE:
        agreements = agreements.filter(
            Q(status=AgreementStatus.IN_FORCE) | Q(in_force_on__isnull=False)
        )
    else:
        agreements = agreements.filter(status=AgreementStatus.EXPIRED)
    date_field = AGREEMENT_STEP_DATES[event_type]
    # Ratifications are few: their sort key is computed, the others' stored and indexed.
    stored_key = None if event_type == EventType.RATIFIED else f"{date_field[:-3]}_sort"
    return keyed(agreements, event_type, date_field, "title", None, undated, stored_key)


def event_key_kinds(country=None, types=None, undated=False):
    """A key query per kind of event (unordered): the events involving the state with ISO code
    `country`, of the given `types`, only the undated ones if `undated`."""
    wanted = set(types or EventType.values)
    branches = [
        agreement_step_keys(t, country, undated) for t in AGREEMENT_STEP_DATES if t in wanted
    ]
    if EventType.ROUND in wanted:
        rounds = NegotiationRound.objects.all()
        if country:
            rounds = rounds.filter(agreement__partner__iso2=country)
        branches.append(
            keyed(
                rounds,
                EventType.ROUND,
                "date",
                "agreement__title",
                "number",
                undated,
                stored_key="date_sort",
            )
        )
    if EventType.DECLARATION_JOINED in wanted:
        signatories = DeclarationSignatory.objects.all()
        if country:
            signatories = signatories.filter(country__iso2=country)
        branches.append(
            keyed(
                signatories,
                EventType.DECLARATION_JOINED,
                "joined_on",
                "country__name",
                undated=undated,
            )
        )
    if not country:
        if EventType.DECLARATION_ADOPTED in wanted:
            branches.append(
                keyed(
                    Declaration.objects.all(),
                    EventType.DECLARATION_ADOPTED,
                    "adopted_on",
                    "title",
                    undated=undated,
                )
            )
        if EventType.DELEGATION_APPOINTED in wanted:
            branches.append(
                keyed(
                    Delegation.objects.all(),
                    EventType.DELEGATION_APPOINTED,
                    "appointed_on",
                    "name",
                    undated=undated,
                )
            )
    if not branches:  # e.g. only declaration events, for one state
        branches.append(
            keyed(Declaration.objects.none(), EventType.DECLARATION_ADOPTED, "adopted_on", "title")
        )
    return branches


def event_keys(country=None, types=None, undated=False):
    """Every event's key as one UNION ALL query (unordered); arguments as `event_key_kinds`."""
    return union_of(event_key_kinds(country, types, undated))


def union_of(kinds):
    first, *others = (kind.keys for kind in kinds)
    return first.union(*others, all=True) if others else first


def ordered(keys):
    return keys.order_by(*KEY_ORDER)


class EventKeys:
    """Every event's key in timeline order, for a paginator: `count()` and slices.

    A slice near either end reads each kind of event's keys in order along its index (the
    stored sort keys), only as far as the slice reaches, and merges the kinds here: no query
    sorts the events. Two kinds never tie (each has its own `key_type`), so merging on
    (date, type) keeps each kind's own order. A slice deep in the middle, where that would
    read more keys than sorting them all costs, is sorted in the database as one query.
    """

    MERGE_DEPTH = 2000  # keys read per kind, at most, before sorting them all is cheaper

    def __init__(self, kinds):
        self.kinds = kinds  # EventKind

    @cached_property
    def total(self):
        # The facts are counted, not their keys: no sort key computed, no join for a tie.
        first, *others = (kind.facts.order_by().values("pk") for kind in self.kinds)
        return first.union(*others, all=True).count() if others else first.count()

    def count(self):
        return self.total

    def __getitem__(self, index):
        start, stop = index.start or 0, min(index.stop, self.total)
        if start >= stop:
            return []
        if stop <= self.MERGE_DEPTH:
            return self.merged(start, stop)
        if self.total - start <= self.MERGE_DEPTH:
            return self.merged(self.total - stop, self.total - start, backwards=True)[::-1]
        return list(ordered(union_of(self.kinds))[start:stop])

    def merged(self, start, stop, backwards=False):
        order = [f"-{key}" for key in KEY_ORDER] if backwards else KEY_ORDER
        kinds = [kind.keys.order_by(*order)[:stop] for kind in self.kinds]
        keys = heapq.merge(*kinds, key=itemgetter("key_date", "key_type"), reverse=backwards)
        return list(islice(keys, start, stop))


def events_for(keys):
    """The events of `keys` (event key rows), in their order: one or two queries per kind."""
    types = {position: event_type for event_type, position in EVENT_ORDER.items()}
    wanted = {}
    for key in keys:
        wanted.setdefault(types[key["key_type"]], set()).add(key["key_pk"])
    agreement_ids = set().union(*(wanted.get(t, ()) for t in AGREEMENT_STEP_DATES))
    built = {}
    if agreement_ids:
        agreements = (
            Agreement.objects.select_related("partner")
            .with_citations()
            .with_first_round_on()
            .prefetch_related(
                Prefetch("signatories", AgreementSignatory.objects.select_related("person")),
                "pledges",
            )
            .filter(pk__in=agreement_ids)
        )
        for agreement in agreements:
            for event in agreement_events([agreement]):
                built[event.type, agreement.pk] = event
    if EventType.ROUND in wanted:
        rounds = NegotiationRound.objects.select_related("agreement__partner").with_citations()
        for round_ in rounds.filter(pk__in=wanted[EventType.ROUND]):
            built[EventType.ROUND, round_.pk] = next(round_events([round_]))
    if EventType.DECLARATION_ADOPTED in wanted:
        declarations = Declaration.objects.with_citations()
        for declaration in declarations.filter(pk__in=wanted[EventType.DECLARATION_ADOPTED]):
            built[EventType.DECLARATION_ADOPTED, declaration.pk] = declaration_event(declaration)
    if EventType.DECLARATION_JOINED in wanted:
        signatories = DeclarationSignatory.objects.select_related(
            "country", "declaration"
        ).with_citations()
        for signatory in signatories.filter(pk__in=wanted[EventType.DECLARATION_JOINED]):
            built[EventType.DECLARATION_JOINED, signatory.pk] = signatory_event(signatory)
    if EventType.DELEGATION_APPOINTED in wanted:
        delegations = Delegation.objects.select_related("appointed_by", "lead").with_citations()
        for delegation in delegations.filter(pk__in=wanted[EventType.DELEGATION_APPOINTED]):
            built[EventType.DELEGATION_APPOINTED, delegation.pk] = delegation_event(delegation)
    # A fact deleted between the two reads is left out rather than failing the page.
    found = ((types[key["key_type"]], key["key_pk"]) for key in keys)
    return [built[found_key] for found_key in found if found_key in built]


@dataclass
class MonthGroup:
    year: int
    month: int
    events: list

    @property
    def label(self):
        """The month as every date on the site spells it: "Jul 2023"."""
        return str(PartialDate(self.year, self.month))


@dataclass
class YearGroup:
    """A year's events: by month, then those the sources date only to the year."""

    year: int
    months: list
    year_only: list


def group_events(events):
    """(year groups, undated events) from chronologically sorted `events`."""
    dated = [event for event in events if event.date]
    undated = [event for event in events if not event.date]
    years = []
    for year, in_year in groupby(dated, key=lambda event: event.date.year):
        in_year = list(in_year)
        year_only = [event for event in in_year if event.date.month is None]
        by_month = [event for event in in_year if event.date.month is not None]
        months = [
            MonthGroup(year, month, list(in_month))
            for month, in_month in groupby(by_month, key=lambda event: event.date.month)
        ]
        years.append(YearGroup(year, months, year_only))
    return years, undated


def countries_with_events():
    """The states some event involves (a partner or a declaration signatory), by name."""
    return Country.objects.filter(
        Exists(Agreement.objects.filter(partner=OuterRef("pk")))
        | Exists(DeclarationSignatory.objects.filter(country=OuterRef("pk")))
    ).order_by("name")
