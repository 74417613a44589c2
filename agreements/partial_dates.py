"""Dates known only to a day, a month, a year, or not at all.

Sources say "on August 3", "in January", "as of today". A `PartialDate` keeps what was said
and no more: it never invents a day. In the database a `PartialDateField` stores the ISO
prefix ("2024", "2024-04", "2023-08-03") in one text column, NULL when unknown. ISO prefixes
sort in calendar order as plain strings, so the database can order and range-filter them;
a year sorts before the months and days inside it.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache, total_ordering

from babel.dates import format_date
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Value, When
from django.db.models.functions import Concat, Length
from django.db.models.lookups import Exact
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _

PARTIAL_DATE_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
INPUT_HELP = _("YYYY, YYYY-MM or YYYY-MM-DD; leave empty when the date is unknown.")


def date_patterns():
    """CLDR patterns of a day- and a month-precision date in the active language, translated
    like any other string: "3 Aug 2023" / "Aug 2023", "3 серп. 2023" / "серпень 2023"."""
    return {
        "day": pgettext("CLDR date pattern of a date known to the day", "d MMM y"),
        "month": pgettext("CLDR date pattern of a date known to the month", "MMM y"),
    }


@lru_cache(maxsize=4096)
def formatted_date(start, precision, language):
    """A day- or month-precision date as `language` (the active one) writes it, computed once:
    a list page writes some hundred dates, and CLDR formatting is most of their cost."""
    return format_date(start, date_patterns()[precision], locale=language.replace("-", "_"))


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A calendar date at day, month or year precision, or an unknown date."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self):
        if self.year is None and (self.month or self.day):
            raise ValueError("a month or day needs a year")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.year is not None:
            # Raises ValueError for an impossible date such as 2023-02-30.
            datetime.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def parse(cls, text):
        """Read "", "2024", "2024-04" or "2024-04-03"; raise ValueError otherwise."""
        text = (text or "").strip()
        if not text or text.lower() == "unknown":
            return cls()
        match = PARTIAL_DATE_RE.match(text)
        if not match:
            raise ValueError(
                gettext("“%(text)s” is not a date of the form %(form)s")
                % {"text": text, "form": str(INPUT_HELP).split(";")[0]}
            )
        parts = {key: int(value) for key, value in match.groupdict().items() if value}
        if "month" in parts and not 1 <= parts["month"] <= 12:
            raise ValueError(
                gettext("“%(text)s” has no month %(month)s")
                % {"text": text, "month": parts["month"]}
            )
        try:
            return cls(**parts)
        except ValueError:
            message = gettext("“%(text)s” is not a real calendar date")
            raise ValueError(message % {"text": text}) from None

    @classmethod
    def coerce(cls, value):
        """A PartialDate from one already or its ISO text, e.g. an annotation's value
        (`latest_round_on` is computed in SQL, so it arrives as text)."""
        return value if isinstance(value, cls) else cls.parse(value)

    @classmethod
    def from_date(cls, value):
        return cls(value.year, value.month, value.day)

    @property
    def precision(self):
        if self.year is None:
            return Precision.UNKNOWN
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    @property
    def is_known(self):
        return self.year is not None

    def __bool__(self):
        return self.is_known

    @property
    def iso(self):
        """The stored form: "2024", "2024-04", "2024-04-03", or "" when unknown."""
        if self.year is None:
            return ""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def start(self):
        """The first day the date can be, or None when unknown."""
        if self.year is None:
            return None
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self):
        """The last day the date can be, or None when unknown."""
        if self.year is None:
            return None
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return datetime.date(self.year, month, day)

    def definitely_before(self, other):
        """True only when both are known and every day of self precedes every day of other."""
        return self.is_known and other.is_known and self.end < other.start

    def definitely_after(self, other):
        return self.is_known and other.is_known and self.start > other.end

    @property
    def sort_key(self):
        """Chronological order; unknown dates last."""
        return (not self.is_known, self.iso)

    def __lt__(self, other):
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    def __str__(self):
        """As the active language writes it: "3 Aug 2023", "Aug 2023", "2023", "date unknown"."""
        if self.year is None:
            return str(_("date unknown"))
        if self.precision == Precision.YEAR:
            return str(self.year)
        return formatted_date(self.start, self.precision, get_language() or "en")

    def __html__(self):
        """Markup as a <time> element (a marked-up "date unknown" when unknown).

        Django's `{{ value }}` prints str(value); templates get this markup through the
        `partial_date` filter (agreements/templatetags/agreement_lists.py)."""
        if not self.is_known:
            return f'<span class="unknown">{_("date unknown")}</span>'
        return f'<time datetime="{self.iso}">{self}</time>'


UNKNOWN = PartialDate()


# Ukraine's independence (1991): no fact the tracker records, and no source of one, is older.
EARLIEST_YEAR = 1991


def validate_not_in_future(value):
    if value.is_known and value.start > timezone.localdate():
        raise ValidationError(
            _("%(value)s is in the future."), params={"value": value}, code="future"
        )


def validate_recordable(value, *, allow_future=False):
    """Refuse a date the tracker cannot hold: before 1991 or (unless allowed) in the future.

    Every date field, form and the importer share it, so that a typo such as "0204" is a clear
    error rather than a fact 1,800 years before the others."""
    if value.is_known and value.year < EARLIEST_YEAR:
        raise ValidationError(
            _(
                "%(value)s is before %(earliest)s: the tracker records nothing before Ukraine's "
                "independence. Check the year."
            ),
            params={"value": value.iso, "earliest": EARLIEST_YEAR},  # as typed: "0204-06"
            code="too_early",
        )
    if not allow_future:
        validate_not_in_future(value)


class PartialDateFormField(forms.CharField):
    """A single text input taking "2024", "2024-04" or "2024-04-03".

    A date to record must lie between 1991 and today (`validate_recordable`); a search filter
    (`record_bounds=False`) takes any calendar date."""

    def __init__(self, *, record_bounds=True, allow_future=False, **kwargs):
        self.record_bounds = record_bounds
        self.allow_future = allow_future
        kwargs.setdefault("help_text", INPUT_HELP)
        kwargs.setdefault("required", False)
        kwargs.pop("max_length", None)  # the format check covers length; len() of a date is moot
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", 10)
        self.widget.attrs.setdefault("placeholder", "YYYY[-MM[-DD]]")
        self.widget.attrs.setdefault("size", 14)

    def prepare_value(self, value):
        return value.iso if isinstance(value, PartialDate) else value

    def to_python(self, value):
        if isinstance(value, PartialDate):
            return value
        try:
            return PartialDate.parse(super().to_python(value))
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None

    def has_changed(self, initial, data):
        # An empty input and an unknown initial date are the same date, not a change.
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True

    def validate(self, value):
        if self.required and not value.is_known:
            raise ValidationError(self.error_messages["required"], code="required")
        if self.record_bounds:
            validate_recordable(value, allow_future=self.allow_future)


class PartialDateDescriptor(DeferredAttribute):
    """Makes the attribute always a `PartialDate`, whatever was assigned."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = self.field.to_python(value)


class PartialDateField(models.CharField):
    """A `PartialDate` in one nullable text column (NULL = unknown)."""

    descriptor_class = PartialDateDescriptor
    description = "Date with day, month or year precision, or unknown"

    def __init__(self, *args, allow_future=False, **kwargs):
        self.allow_future = allow_future
        kwargs["max_length"] = 10
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", None)
        kwargs.setdefault("help_text", INPUT_HELP)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_length"]
        if self.allow_future:
            kwargs["allow_future"] = True
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return PartialDate.parse(value) if value else UNKNOWN

    def to_python(self, value):
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime.date):
            return PartialDate.from_date(value)
        try:
            return PartialDate.parse(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None

    def get_prep_value(self, value):
        value = self.to_python(value)
        return value.iso or None

    def run_validators(self, value):
        # CharField's max-length validator measures len(); validate the ISO form instead.
        validate_recordable(value, allow_future=self.allow_future)

    def value_to_string(self, obj):
        return self.value_from_object(obj).iso or None

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": PartialDateFormField, "allow_future": self.allow_future, **kwargs}
        )


# Sort keys
# ---------
# A partial date as text that sorts events chronologically: events known only to the month come
# after the days of that month ("2024-06" → "2024-06-32"), those known only to the year after
# its months ("2024" → "2024-13-32"), and undated ones ("~") after every date (in byte order:
# SQLite's, and PostgreSQL's under the C collation the databases use).

UNDATED = "~"


def sort_date(field):
    """The sort key of the partial date in `field`, as a database expression."""
    text = models.CharField()
    return Case(
        When(Exact(Length(field), 4), then=Concat(field, Value("-13-32"), output_field=text)),
        When(Exact(Length(field), 7), then=Concat(field, Value("-32"), output_field=text)),
        When(**{f"{field}__isnull": False}, then=F(field)),
        default=Value(UNDATED),
        output_field=text,
    )


def sort_key_field(date_field):
    """A stored column holding `sort_date(date_field)`, computed by the database on every write
    (bulk writes and raw SQL included), so that it can be indexed. Derived, so left out of
    fixtures and backups (`serialize=False`)."""
    return models.GeneratedField(
        expression=sort_date(date_field),
        output_field=models.CharField(max_length=10),
        db_persist=True,
        serialize=False,
    )
