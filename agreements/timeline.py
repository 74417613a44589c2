"""The timeline: every event the sources report, dated as precisely as they date it.

`build_events()` reads the facts in a fixed number of queries and turns them into `Event`s;
`group_events()` orders the dated ones by year and month and keeps the undated ones apart —
an event the sources do not date is never given a date here.
"""

import calendar
from dataclasses import dataclass
from itertools import groupby

from django import forms
from django.db import models
from django.db.models import Prefetch

from .models import (
    Agreement,
    AgreementStatus,
    Citation,
    Declaration,
    DeclarationSignatory,
    Delegation,
    NegotiationRound,
    SignatoryRole,
)
from .partial_dates import PartialDate


class EventType(models.TextChoices):
    NEGOTIATIONS_STARTED = "negotiations_started", "negotiations started"
    ROUND = "round", "negotiation round"
    SIGNED = "signed", "agreement signed"
    IN_FORCE = "in_force", "entered into force"
    ENDED = "ended", "agreement ended"
    DECLARATION_ADOPTED = "declaration_adopted", "declaration adopted"
    DECLARATION_JOINED = "declaration_joined", "declaration signed or joined"
    DELEGATION_APPOINTED = "delegation_appointed", "delegation appointed"


EVENT_ORDER = {event_type: position for position, event_type in enumerate(EventType)}

STEP_EVENTS = {
    "negotiations started": EventType.NEGOTIATIONS_STARTED,
    "signed": EventType.SIGNED,
    "entered into force": EventType.IN_FORCE,
    "ended": EventType.ENDED,
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


def cited(queryset):
    """Prefetch each row's citations with their sources, so listing them costs one query."""
    return queryset.prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("source"))
    )


def agreement_events(agreements):
    for agreement in agreements:
        partner = agreement.partner
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
            yield Event(
                date=step.date,
                type=event_type,
                title=f"{agreement.title}: {step.label}",
                url=agreement.get_absolute_url(),
                countries=(partner,),
                citations=tuple(agreement.citations.all()),
                reported_by=step.reported_by,
            )


def round_events(rounds):
    for round_ in rounds:
        agreement = round_.agreement
        title = f"Round {round_.number} of the {agreement.title} negotiations"
        if round_.is_implied:
            title += " (implied)"
        yield Event(
            date=round_.date,
            type=EventType.ROUND,
            title=title,
            url=round_.get_absolute_url(),
            countries=(agreement.partner,),
            citations=tuple(round_.citations.all()),
            note=round_.date_note,
        )


def declaration_events(declarations):
    for declaration in declarations:
        place = f" in {declaration.place}" if declaration.place else ""
        yield Event(
            date=declaration.adopted_on,
            type=EventType.DECLARATION_ADOPTED,
            title=f"{declaration.title} adopted{place}",
            url=declaration.get_absolute_url(),
            countries=(),
            citations=tuple(declaration.citations.all()),
            note=declaration.occasion,
        )
        for signatory in declaration.signatories.all():
            verb = "signed" if signatory.role == SignatoryRole.FOUNDING else "joined"
            yield Event(
                date=signatory.joined_on,
                type=EventType.DECLARATION_JOINED,
                title=f"{signatory.country.name} {verb} the {declaration.title}",
                url=signatory.country.get_absolute_url(),
                countries=(signatory.country,),
                citations=tuple(signatory.citations.all()),
                note=signatory.get_role_display() if verb == "signed" else "",
                reported_by=None if signatory.joined_on else signatory.reported_by,
            )


def delegation_events(delegations):
    for delegation in delegations:
        by = f" by {delegation.appointed_by.name}" if delegation.appointed_by else ""
        led = f", led by {delegation.lead.name}" if delegation.lead else ""
        yield Event(
            date=delegation.appointed_on,
            type=EventType.DELEGATION_APPOINTED,
            title=f"{delegation.name} appointed{by}{led}",
            url="",
            countries=(),
            citations=tuple(delegation.citations.all()),
            note=delegation.mandate,
        )


def build_events():
    """Every event of the tracker, in chronological order (undated ones last): 10 queries."""
    agreements = cited(Agreement.objects.select_related("partner"))
    rounds = cited(NegotiationRound.objects.select_related("agreement__partner"))
    signatories = cited(DeclarationSignatory.objects.select_related("country"))
    declarations = cited(Declaration.objects.all()).prefetch_related(
        Prefetch("signatories", queryset=signatories)
    )
    delegations = cited(Delegation.objects.select_related("appointed_by", "lead"))
    events = [
        *agreement_events(agreements),
        *round_events(rounds),
        *declaration_events(declarations),
        *delegation_events(delegations),
    ]
    return sorted(events, key=lambda event: event.sort_key)


def filter_events(events, country=None, types=None):
    """The events involving the state with ISO code `country`, of the given `types`."""
    if country:
        events = [e for e in events if any(c.iso2 == country for c in e.countries)]
    if types:
        events = [e for e in events if e.type in types]
    return events


@dataclass
class MonthGroup:
    year: int
    month: int
    events: list

    @property
    def label(self):
        return f"{calendar.month_name[self.month]} {self.year}"


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


class TimelineFilterForm(forms.Form):
    """The timeline's GET filters; a bad value is reported and ignored, never fatal."""

    country = forms.ChoiceField(required=False, label="Country")
    type = forms.MultipleChoiceField(
        required=False,
        label="Event type",
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, data=None, *, countries=(), **kwargs):
        if data is not None:
            data = data.copy()
            data["country"] = data.get("country", "").strip().upper()
        super().__init__(data, **kwargs)
        self.fields["country"].choices = [("", "All countries")] + [
            (country.iso2, f"{country.name} ({country.iso2})") for country in countries
        ]

    def filters(self):
        """The valid filters only: a bad value is left out (its error shows on the form)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            "country": self.cleaned_data.get("country") or None,
            "types": self.cleaned_data.get("type") or None,
        }


def countries_of(events):
    """The states the events involve, by name."""
    countries = {country.iso2: country for event in events for country in event.countries}
    return sorted(countries.values(), key=lambda country: country.name)
