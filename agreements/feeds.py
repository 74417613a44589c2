"""The Atom feed of tracker updates: negotiation rounds added and agreement status changes."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from . import updates
from .models import round_url

FEED_LENGTH = 30
TAG = "tag:security-agreements-tracker,2024"


@dataclass
class Entry:
    title: str
    description: str
    link: str
    when: datetime
    guid: str


def round_entry(record):
    agreement = record.agreement
    details = [f"Date: {record.date}." if record.date else "Date unknown."]
    if record.place:
        details.append(f"Place: {record.place}.")
    if record.summary:
        details.append(record.summary)
    if record.is_implied:
        details.append("Not reported itself: implied by the number of a later round.")
    return Entry(
        title=f"{'A round' if record.number is None else f'Round {record.number}'} of the "
        f"{agreement.partner.name} negotiations",
        description=" ".join(details),
        link=round_url(agreement.get_absolute_url(), record.number)
        if record.number
        else f"{agreement.get_absolute_url()}#rounds",
        when=record.history_date,
        guid=f"{TAG}:round-added/{record.history_id}",
    )


def status_entry(record):
    status = record.get_status_display()
    if record.previous_status:
        title = f"{record.partner.name}: {updates.status_label(record.previous_status)} → {status}"
    else:
        title = f"{record.partner.name}: recorded as {status}"
    description = f"{record.title}: status {status}."
    if record.signed_on:
        description += f" Signed {record.signed_on}."
    return Entry(
        title=title,
        description=description,
        link=reverse("agreement-detail", args=[record.slug]),
        when=record.history_date,
        guid=f"{TAG}:status/{record.history_id}",
    )


class UpdatesFeed(Feed):
    """Newest first; each entry dated when the tracker recorded it (two queries in all)."""

    feed_type = Atom1Feed
    title = "Ukraine Security Agreements Tracker: updates"
    subtitle = "Negotiation rounds added and agreement status changes, as recorded in the tracker."
    link = reverse_lazy("overview")

    def items(self):
        entries = [round_entry(r) for r in updates.rounds_added()[:FEED_LENGTH]]
        entries += [status_entry(r) for r in updates.status_changes()[:FEED_LENGTH]]
        entries.sort(key=lambda entry: entry.when, reverse=True)
        return entries[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.when

    def item_updateddate(self, item):
        return item.when
