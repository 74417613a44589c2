"""The agreement list's filters, shared by the list page and its CSV and JSON exports.

Signing-date range and partial dates
------------------------------------
`signed_after` and `signed_before` take "YYYY", "YYYY-MM" or "YYYY-MM-DD" and include the whole
period they name: `signed_after=2024` means "on 1 January 2024 or later", `signed_before=2024-03`
means "on 31 March 2024 or earlier". A stored date matches only when *every* day it could be
falls inside the range, the same certainty rule as `PartialDate.definitely_before`:

- an agreement signed in "2024" (year precision) matches `signed_after=2024` and
  `signed_before=2024`, but not `signed_after=2024-03` (it may have been signed in February);
- an agreement signed in "Mar 2024" matches `signed_after=2024-03` and `signed_before=2024-03`,
  not `signed_before=2024-03-15`;
- an agreement whose signing date is unknown matches neither bound.

Both comparisons run in the database on the stored ISO text (see `on_or_after` / `on_or_before`).
"""

import calendar
from functools import lru_cache
from typing import NamedTuple

import django_filters
from django import forms
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from . import names, search
from .forms import AgreementFilterForm
from .models import (
    MEMBERSHIP_CHOICES,
    NO_MEMBERSHIP,
    Agreement,
    AgreementStatus,
    Country,
    Pledge,
    SignatoryRole,
    TermKind,
)
from .partial_dates import PartialDateFormField
from .widgets import PlainCheckboxes, PlainOptionsSelect

MAX_SEARCH_LENGTH = 200


class ListColumn(NamedTuple):
    key: str  # the value of `o` in the URL ("-key" for descending)
    field: str | None  # the field or annotation of `base_queryset()` it sorts by; None: unsorted
    heading: str  # the list's column heading
    label: str  # the choice in the "Sort by" select


# The agreement list's columns, in the table's order: the filter's sort choices and the
# table's headings are both built from this one list.
LIST_COLUMNS = [
    ListColumn("partner", "partner__name", _("Partner"), _("partner")),
    ListColumn("status", "status_rank", _("Status"), _("status")),
    ListColumn(
        "started", "negotiations_started_on", _("Negotiations started"), _("negotiations started")
    ),
    ListColumn("signed", "signed_on", _("Signed"), _("signed")),
    ListColumn("place", "place", _("Place"), _("signing place")),
    ListColumn("term", "term_years", _("Term"), _("term in years")),
    ListColumn("pledges", None, _("Pledges"), _("pledges")),
    ListColumn("rounds", "round_count", _("Rounds"), _("number of rounds")),
    ListColumn("latest_round", "latest_round_on", _("Latest round"), _("latest round")),
    ListColumn(
        "membership", "membership_rank", _("Declaration membership"), _("declaration membership")
    ),
]
SORT_COLUMNS = [column for column in LIST_COLUMNS if column.field]

NOT_REPORTED = "none"


def shortest_iso_from(day):
    """The shortest ISO prefix whose first day is `day`: 2024-01-01 → "2024"."""
    if day.month == 1 and day.day == 1:
        return f"{day.year:04d}"
    if day.day == 1:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def on_or_after(field, bound):
    """Q: every day the partial date in `field` could be is on or after `bound.start`.

    The earliest day of a stored ISO prefix is on or after day D exactly when the prefix sorts
    at or after the shortest prefix starting on D ("2024-03" ≥ "2024-03"; "2024" < "2024-03").
    """
    return Q(**{f"{field}__gte": shortest_iso_from(bound.start)})


def on_or_before(field, bound):
    """Q: every day the partial date in `field` could be is on or before `bound.end`."""
    last = bound.end
    # The last whole month and year up to `last`, as ISO prefixes; none before year 1.
    year, month = last.year, last.month
    if last.day != calendar.monthrange(year, month)[1]:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    last_year = last.year if (last.month, last.day) == (12, 31) else last.year - 1
    condition = Q(Exact(Length(field), 10)) & Q(**{f"{field}__lte": last.isoformat()})
    if year >= 1:
        condition |= Q(Exact(Length(field), 7)) & Q(**{f"{field}__lte": f"{year:04d}-{month:02d}"})
    if last_year >= 1:
        condition |= Q(Exact(Length(field), 4)) & Q(**{f"{field}__lte": f"{last_year:04d}"})
    return condition


class PartialDateFilter(django_filters.Filter):
    """Takes "YYYY", "YYYY-MM" or "YYYY-MM-DD"; the filtering is done by the FilterSet method."""

    field_class = PartialDateFormField

    def __init__(self, *args, **kwargs):
        # A filter bound is a question, not a fact: "signed before 1950" is simply empty.
        super().__init__(*args, record_bounds=False, **kwargs)


class CountryChoices(forms.models.ModelChoiceIterator):
    """The choices as (ISO code, name in the active language) read straight from the database,
    without building a Country for each of them, in that language's alphabetical order."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = tuple(self.queryset.values_list("iso2", "name"))
        yield from country_choices(rows, get_language())


@lru_cache(maxsize=16)
def country_choices(rows, language):
    """(ISO code, name in `language`) of (ISO code, stored name) rows, in `language`'s
    alphabetical order: named and sorted once per list of partners and language, not on every
    uncached list page."""
    choices = [
        (iso2, names.territory_name(iso2, default=name, own_name=name, language=language))
        for iso2, name in rows
    ]
    return tuple(sorted(choices, key=lambda choice: names.collation_key(choice[1], language)))


class CountryCodeField(forms.ModelChoiceField):
    """A partner chosen by ISO code; accepts lower case (`?partner=us`)."""

    iterator = CountryChoices

    def to_python(self, value):
        return super().to_python(value.strip().upper() if isinstance(value, str) else value)

    def label_from_instance(self, country):
        return country.local_name


class CountryCodeFilter(django_filters.ModelChoiceFilter):
    field_class = CountryCodeField


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sort by the chosen columns, unknown values last in either direction, then by partner."""

    def build_choices(self, fields, labels):
        # Built once, at import: the labels stay lazy so that each request reads its language.
        ascending = [(param, labels[field]) for field, param in fields.items()]
        descending = [
            (f"-{param}", format_lazy("{} ({})", label, _("descending")))
            for param, label in ascending
        ]
        return [choice for pair in zip(ascending, descending, strict=True) for choice in pair]

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        ordering = []
        for param in value:
            if param in EMPTY_VALUES:
                continue
            name = self.get_ordering_value(param)
            if name.startswith("-"):
                ordering.append(F(name[1:]).desc(nulls_last=True))
            else:
                ordering.append(F(name).asc(nulls_last=True))
        return qs.order_by(*ordering, "partner__name", "pk")


def partners_with_agreements():
    return Country.objects.filter(Exists(Agreement.objects.filter(partner=OuterRef("pk"))))


class AgreementFilter(django_filters.FilterSet):
    """Filters, search and sorting for the agreement list; every value comes from the URL."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=MAX_SEARCH_LENGTH,
        help_text=_("Whole words in partner names, titles, summaries, rounds and cited sources."),
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=AgreementStatus.choices,
        widget=PlainCheckboxes,
        # A filter on the row's own column cannot repeat rows; DISTINCT would make the database
        # compute every column of every matching row before it can take a page.
        distinct=False,
    )
    partner = CountryCodeFilter(
        label=_("Partner"),
        queryset=partners_with_agreements(),
        to_field_name="iso2",
        empty_label=_("any partner"),
        widget=PlainOptionsSelect,
    )
    membership = django_filters.ChoiceFilter(
        label=_("Declaration membership"),
        choices=MEMBERSHIP_CHOICES,
        method="filter_membership",
        empty_label=_("any"),
        widget=PlainOptionsSelect,
    )
    signed_after = PartialDateFilter(
        label=_("Signed on or after"),
        method="filter_signed_after",
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD"),
    )
    signed_before = PartialDateFilter(
        label=_("Signed on or before"),
        method="filter_signed_before",
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD"),
    )
    term = django_filters.ChoiceFilter(
        label=_("Term"),
        choices=[*TermKind.choices, (NOT_REPORTED, _("not reported"))],
        method="filter_term",
        empty_label=_("any"),
        widget=PlainOptionsSelect,
    )
    currency = django_filters.CharFilter(
        label=_("Pledges in currency"),
        method="filter_currency",
        max_length=3,
        help_text=_("ISO 4217, e.g. EUR"),
    )
    o = NullsLastOrderingFilter(
        label=_("Sort by"),
        fields=[(column.field, column.key) for column in SORT_COLUMNS],
        field_labels={column.field: column.label for column in SORT_COLUMNS},
        empty_label=_("relevance, then partner"),
        widget=PlainOptionsSelect,
    )

    class Meta:
        model = Agreement
        fields = [
            "q",
            "status",
            "partner",
            "membership",
            "signed_after",
            "signed_before",
            "term",
            "currency",
            "o",
        ]
        form = AgreementFilterForm

    @staticmethod
    def base_queryset():
        """Every agreement with the columns the list shows, in a single query."""
        return (
            Agreement.objects.select_related("partner")
            .order_by("partner__name", "pk")
            .with_round_stats()
            .with_declaration_membership()
            # Sort keys only: aliases are computed where a query sorts by them, never read.
            .alias(
                status_rank=Case(
                    *(When(status=status, then=Value(status.rank)) for status in AgreementStatus),
                    output_field=IntegerField(),
                ),
                membership_rank=Case(
                    When(membership=SignatoryRole.FOUNDING, then=Value(0)),
                    When(membership=SignatoryRole.JOINED, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                ),
            )
        )

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = self.base_queryset()
        super().__init__(data, queryset=queryset, **kwargs)

    def search(self, queryset, name, value):
        return search.search_agreements(queryset, value)

    def filter_membership(self, queryset, name, value):
        if value == NO_MEMBERSHIP:
            return queryset.filter(membership__isnull=True)
        return queryset.filter(membership=value)

    def filter_term(self, queryset, name, value):
        if value == NOT_REPORTED:
            return queryset.filter(term_kind="")
        return queryset.filter(term_kind=value)

    def filter_currency(self, queryset, name, value):
        pledges = Pledge.objects.filter(agreement=OuterRef("pk"), currency=value.strip().upper())
        return queryset.filter(Exists(pledges)) if value.strip() else queryset

    def filter_signed_after(self, queryset, name, value):
        return queryset.filter(on_or_after("signed_on", value)) if value else queryset

    def filter_signed_before(self, queryset, name, value):
        return queryset.filter(on_or_before("signed_on", value)) if value else queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("o"):
            return queryset
        if search.RANK in queryset.query.annotations:
            return queryset.order_by(f"-{search.RANK}", "partner__name", "pk")
        return queryset.order_by("partner__name", "pk")
