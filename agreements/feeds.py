"""The Atom feed of the record: the latest facts — negotiations started, rounds, signings (with
place, signatories and pledges), dated ratifications and entries into force, and declaration
joinings (with their reported order) — by their own dates, each saying when the tracker
recorded or corrected it.

A fact's date is the one the sources give; an undated fact is placed by the date the earliest
source citing it for that fact was published ("reported by"). Only cited facts are listed, and
only those with a date of either kind. Entry ids are tag URIs built from natural keys (slugs,
round numbers or dates, ISO codes), so they survive a restore.
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Agreement, AgreementSignatory, DeclarationSignatory, NegotiationRound
from .partial_dates import PartialDate
from .timeline import joining_note, signing_note

FEED_LENGTH = 30
TAG = "tag:security-agreements-tracker,2024"


@dataclass
class Entry:
    title: str
    description: str
    link: str
    guid: str
    on: PartialDate  # the fact's date, or the date it was reported by
    recorded_at: datetime.datetime | None
    corrected_at: datetime.datetime | None

    @property
    def published(self):
        return datetime.datetime.combine(self.on.start, datetime.time(), tzinfo=datetime.UTC)

    @property
    def updated(self):
        return self.corrected_at or self.recorded_at or self.published


def latest(queryset, date_field, supporting=""):
    """The cited rows with the latest dates (own or reported), each with its record times."""
    return (
        queryset.cited()
        .with_earliest_report(supporting)
        .with_record_times()
        .annotate(news_on=Coalesce(F(date_field), F("earliest_report")))
        .exclude(news_on=None)
        .order_by(F("news_on").desc(), "pk")[:FEED_LENGTH]
    )


def dated(row, date):
    """How the entry states its date: the fact's own, or by when it was reported."""
    if date:
        return f"{date}."
    return gettext("date unknown; reported by %(date)s.") % {
        "date": PartialDate.coerce(row.earliest_report)
    }


def record_note(row):
    if row.recorded_at is None:
        return ""
    recorded = PartialDate.from_date(timezone.localtime(row.recorded_at))
    note = " " + gettext("Recorded in the tracker on %(date)s") % {"date": recorded}
    if row.corrected_at != row.recorded_at:
        corrected = PartialDate.from_date(timezone.localtime(row.corrected_at))
        note += ", " + gettext("last corrected on %(date)s") % {"date": corrected}
    return note + "."


def entry(row, *, title, description, link, guid):
    return Entry(
        title=title,
        description=description + record_note(row),
        link=link,
        guid=f"{TAG}:{guid}",
        on=PartialDate.coerce(row.news_on),
        recorded_at=row.recorded_at,
        corrected_at=row.corrected_at,
    )


def negotiation_starts():
    rows = Agreement.objects.select_related("partner")
    for agreement in latest(rows, "negotiations_started_on", supporting="negotiations"):
        yield entry(
            agreement,
            title=gettext("Ukraine–%(partner)s: negotiations started")
            % {"partner": agreement.partner.local_name},
            description=gettext("%(title)s: negotiations started, %(date)s")
            % {
                "title": agreement.local("title").marked,
                "date": dated(agreement, agreement.negotiations_started_on),
            },
            link=agreement.get_absolute_url(),
            guid=f"negotiations-started/{agreement.slug}",
        )


def round_key(round_):
    """A round's part of its entry id: its number, else (a round the sources give no number)
    its date, else its row id."""
    if round_.number is not None:
        return str(round_.number)
    return f"unnumbered-{round_.date.iso if round_.date else round_.pk}"


def rounds():
    rows = NegotiationRound.objects.select_related("agreement__partner")
    for round_ in latest(rows, "date"):
        details = [gettext("Date: %(date)s") % {"date": dated(round_, round_.date)}]
        if round_.place or round_.place_uk:
            details.append(gettext("Place: %(place)s.") % {"place": round_.local("place").marked})
        if round_.summary or round_.summary_uk:
            details.append(round_.local("summary").marked)
        if round_.is_implied:
            details.append(gettext("Not reported itself: implied by the number of a later round."))
        yield entry(
            round_,
            title=gettext("%(round)s of the %(title)s negotiations")
            % {"round": round_.label, "title": round_.agreement.partner.local_name},
            description=" ".join(details),
            link=round_.get_absolute_url(),
            guid=f"round/{round_.agreement.slug}/{round_key(round_)}",
        )


def signings():
    rows = Agreement.objects.signed().select_related("partner")
    signed = latest(rows, "signed_on", supporting="sign").prefetch_related(
        Prefetch("signatories", AgreementSignatory.objects.select_related("person")), "pledges"
    )
    for agreement in signed:
        note = signing_note(agreement, html=False)
        details = f" {note}" if note else ""
        yield entry(
            agreement,
            title=gettext("Ukraine–%(partner)s: agreement signed")
            % {"partner": agreement.partner.local_name},
            description=gettext("%(title)s: signed, %(date)s%(details)s Status: %(status)s.")
            % {
                "title": agreement.local("title").marked,
                "date": dated(agreement, agreement.signed_on),
                "details": details,
                "status": agreement.get_status_display(),
            },
            link=agreement.get_absolute_url(),
            guid=f"signed/{agreement.slug}",
        )


def ratifications_and_entries_into_force():
    """Only dated ones: a ratification or an entry into force the sources do not date is on
    the agreement's page, not news."""
    steps = (
        (
            "ratified_on",
            "ratified",
            _("Ukraine–%(partner)s: agreement ratified"),
            _("%(title)s: ratified, %(date)s."),
        ),
        (
            "in_force_on",
            "in-force",
            _("Ukraine–%(partner)s: agreement in force"),
            _("%(title)s: in force, %(date)s."),
        ),
    )
    rows = (
        Agreement.objects.filter(Q(ratified_on__isnull=False) | Q(in_force_on__isnull=False))
        .select_related("partner")
        .cited()
        .with_record_times()
        .order_by(Coalesce("in_force_on", "ratified_on").desc(), "pk")[:FEED_LENGTH]
    )
    for agreement in rows:
        for field, key, title, description in steps:
            date = getattr(agreement, field)
            if date:
                agreement.news_on = date
                yield entry(
                    agreement,
                    title=str(title) % {"partner": agreement.partner.local_name},
                    description=str(description)
                    % {"title": agreement.local("title").marked, "date": date},
                    link=agreement.get_absolute_url(),
                    guid=f"{key}/{agreement.slug}",
                )


def joinings():
    rows = DeclarationSignatory.objects.joined_later().select_related("country", "declaration")
    for signatory in latest(rows, "joined_on"):
        yield entry(
            signatory,
            title=gettext("%(country)s joined the %(declaration)s")
            % {
                "country": signatory.country.local_name,
                "declaration": signatory.declaration.local("title").marked,
            },
            description=gettext("Joined: %(date)s")
            % {"date": dated(signatory, signatory.joined_on)}
            + (f" {joining_note(signatory)}" if signatory.ordinal else ""),
            link=signatory.get_absolute_url(),
            guid=f"joined/{signatory.declaration.slug}/{signatory.country.iso2}",
        )


class UpdatesFeed(Feed):
    """Newest facts first, by their own dates (one query per kind of fact)."""

    feed_type = Atom1Feed
    title = _("Ukraine Security Agreements Tracker: updates")
    subtitle = _(
        "The latest negotiation starts, rounds, signings, ratifications, entries into force and "
        "declaration joinings, by their own dates, each with when the tracker recorded or last "
        "corrected it."
    )
    link = reverse_lazy("overview")

    def items(self):
        entries = [
            *negotiation_starts(),
            *rounds(),
            *signings(),
            *ratifications_and_entries_into_force(),
            *joinings(),
        ]
        entries.sort(key=lambda entry: (entry.on.iso, entry.updated), reverse=True)
        return entries[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom's summary is type="html": escaped, so the sources' text is shown, never run.
        return escape(item.description)

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated
