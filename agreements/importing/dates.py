"""Dates as articles write them, resolved against the article's publication date.

"July 12, 2023" is a day; "January 8 of this year" is a day once the article's year is known;
"in January" is a month. A date without a year takes the latest such date not after
publication. Nothing is made more precise than the text says.
"""

import re
from dataclasses import dataclass

from agreements.partial_dates import UNKNOWN, PartialDate

MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(month.capitalize() for month in MONTHS) + ")"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_RELATIVE = r"\s+of\s+(?P<relative>this|last)\s+year"

DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR}|{_RELATIVE})?\b"),
    re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR}|{_RELATIVE})?\b"),
    re.compile(rf"\b{_MONTH}(?:,?\s+{_YEAR}|{_RELATIVE})\b"),
    re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ee]arly|[Ll]ate|[Mm]id-?)\s+{_MONTH}\b"),
    re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Bb]y)\s+{_YEAR}\b"),
]


@dataclass(frozen=True)
class FoundDate:
    date: PartialDate
    text: str
    start: int
    note: str = ""


def _resolve(groups, published):
    """(PartialDate, note) for the matched parts, or (unknown, why) when the year is unknowable."""
    month = MONTHS.index(groups["month"].lower()) + 1 if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    if groups.get("year"):
        return PartialDate(int(groups["year"]), month, day), ""
    if not published.is_known:
        return PartialDate(), "The year is not stated and the article is undated."
    if groups.get("relative"):
        year = published.year - (groups["relative"] == "last")
        return PartialDate(year, month, day), f"“{groups['relative']} year” is {year}."
    year = published.year
    if published.month is not None and (month, day or 0) > (published.month, published.day or 31):
        year -= 1  # a date later in the year than publication is last year's
    if published.month is None:
        note = f"Year from the article's date ({published}); the text gives none."
    else:
        note = f"Year from the article's date ({published})."
    return PartialDate(year, month, day), note


def find_dates(text, published=UNKNOWN):
    """Every date in `text`, in order, each resolved against `published`."""
    found = []
    taken = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            try:
                date, note = _resolve(match.groupdict(), published)
            except ValueError:
                continue  # "February 30": not a date
            taken.append(match.span())
            found.append(FoundDate(date, match.group(0), match.start(), note))
    return sorted(found, key=lambda found_date: found_date.start)


def first_date(text, published=UNKNOWN):
    """The first known date in `text`, or None."""
    return next((found for found in find_dates(text, published) if found.date), None)
