"""Dates as English and Ukrainian articles write them, resolved against the publication date.

A regular expression finds where a date is written and how precise it is ("July 12, 2023" a
day, "in August 2023" a month, "on Friday" a day of the publication's week); dateparser reads
what was found, in the article's language. A date without a year takes the latest such date
not after publication; a weekday is the latest such day on or before it. Nothing is made more
precise than the text says, and nothing is resolved to a day after publication.

>>> [found.date.iso for found in find_dates("signed on Friday", PartialDate(2024, 2, 16))]
['2024-02-16']
>>> [found.date.iso for found in find_dates("у серпні 2023 року")]
['2023-08']
"""

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser

from agreements.partial_dates import UNKNOWN, PartialDate, Precision

RANK = {Precision.DAY: 3, Precision.MONTH: 2, Precision.YEAR: 1, Precision.UNKNOWN: 0}

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# Ukrainian months by stem: "січня" (of January), "у січні" (in January), "січень".
UK_MONTHS = [
    "січ",
    "лют",
    "берез",
    "квіт",
    "трав",
    "черв",
    "лип",
    "серп",
    "верес",
    "жовт",
    "листопад",
    "груд",
]
UK_MONTH_FORMS = {
    "січ": "ень|ня|ні",
    "лют": "ий|ого|ому",
    "берез": "ень|ня|ні",
    "квіт": "ень|ня|ні",
    "трав": "ень|ня|ні",
    "черв": "ень|ня|ні",
    "лип": "ень|ня|ні",
    "серп": "ень|ня|ні",
    "верес": "ень|ня|ні",
    "жовт": "ень|ня|ні",
    "листопад": "|а|і",
    "груд": "ень|ня|ні",
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
UK_WEEKDAYS = ["понеділ", "вівтор", "серед", "четвер", "п['’ʼ]ятниц", "субот", "неділ"]

_EN_MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_UK_MONTH = (
    r"(?P<ukmonth>"
    + "|".join(f"{stem}(?:{forms})" for stem, forms in UK_MONTH_FORMS.items())
    + r")(?![а-яіїєґ])"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_UK_YEAR = r"(?P<year>(?:19|20)\d{2})(?:\s*(?:року|р\.|рік))?(?!\d)"
_RELATIVE = r"\s+of\s+(?P<relative>this|last)\s+year"
_EN_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_UK_WEEKDAY = r"(?P<ukweekday>" + "|".join(UK_WEEKDAYS) + r")[а-яіїєґ]*"

DATE_PATTERNS = [
    # Numeric dates of date lines: "2024-01-12", "12.01.2024".
    re.compile(r"\b(?P<iso>(?:19|20)\d{2}-[01]\d-[0-3]\d)\b"),
    re.compile(r"\b(?P<dmy>[0-3]?\d([./])[01]?\d\2(?:(?:19|20)\d{2}|\d{2}(?=\s+\d{1,2}:\d{2})))\b"),
    re.compile(r"\b(?P<dmy>[0-3]\d(-)[01]\d-(?:19|20)\d{2})\b"),  # "19-03-2024 19:01" of date lines
    re.compile(rf"\b{_EN_MONTH}\s+{_DAY}(?:,?\s*{_YEAR}|{_RELATIVE})?(?![\w:])"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_EN_MONTH}(?:,?\s*{_YEAR}|{_RELATIVE})?\b"),
    re.compile(rf"\b{_EN_MONTH},?\s+{_YEAR}"),
    re.compile(rf"\b{_EN_MONTH}{_RELATIVE}"),
    re.compile(
        rf"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]his|[Ll]ast|"
        rf"[Ff]rom|[Ee]nd\s+of|[Ss]tart\s+of)\s+{_EN_MONTH}(?!\w)(?!\.\w)"  # "in August."
    ),
    re.compile(rf"\b{_DAY}\s+{_UK_MONTH}(?:\s+{_UK_YEAR})?"),
    re.compile(rf"{_UK_MONTH}\s+{_UK_YEAR}"),
    re.compile(
        rf"(?<![а-яіїєґ])(?:[Уу]|[Вв]|[Зз]|[Дд]о|[Нн]априкінці|[Нн]а початку)\s+{_UK_MONTH}"
    ),
    re.compile(rf"\b{_EN_WEEKDAY}\b"),
    re.compile(
        r"\b(?P<relday>today|yesterday|сьогодні|вчора|учора|(?:сьогодніш|вчораш|учораш)н\w+)\b",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<![а-яіїєґ])(?:[Уу]|[Вв])\s+{_UK_WEEKDAY}"),
    re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Bb]y)\s+{_YEAR}"),
    re.compile(rf"(?<![а-яіїєґ])[Уу]\s+{_UK_YEAR}"),
]


@dataclass(frozen=True)
class FoundDate:
    date: PartialDate
    text: str
    start: int
    note: str = ""
    weekday: bool = False


@lru_cache(maxsize=4096)
def _parse(text, language):
    """(date, period) that dateparser reads in `text`, or None."""
    parser = DateDataParser(languages=[language], settings={"PREFER_DAY_OF_MONTH": "first"})
    data = parser.get_date_data(text)
    return (data.date_obj.date(), data.period) if data and data.date_obj else None


def _month_number(groups):
    if groups.get("month"):
        word = groups["month"].lower().rstrip(".")[:3]
        return [month[:3] for month in MONTHS].index(word) + 1
    if groups.get("ukmonth"):
        word = groups["ukmonth"].lower()
        return next(n for n, stem in enumerate(UK_MONTHS, start=1) if word.startswith(stem))
    return None


def _resolve(groups, text, published):
    """(PartialDate, note) for a matched date; (unknown, why) when it cannot be placed."""
    if groups.get("iso"):
        return PartialDate.parse(groups["iso"]), ""
    if groups.get("dmy"):  # 12.01.2024, 08/07/2024, 23.02.24 14:12: day first, as in Europe
        day, month, year = map(int, re.split(r"[./-]", groups["dmy"]))
        return PartialDate(year + 2000 if year < 100 else year, month, day), ""
    if groups.get("relday"):
        if published.precision != Precision.DAY:
            return UNKNOWN, "“Today” or “yesterday”, and the article's day is not known."
        back = 0 if groups["relday"].lower().startswith(("today", "сьогодн")) else 1
        resolved = published.start - datetime.timedelta(days=back)
        note = f"“{groups['relday']}”: the article is dated {published}."
        return PartialDate.from_date(resolved), note
    weekday = groups.get("weekday") or groups.get("ukweekday")
    if weekday:
        if published.precision != Precision.DAY:
            return UNKNOWN, "A weekday, and the article's day is not known."
        names = WEEKDAYS if groups.get("weekday") else UK_WEEKDAYS
        index = next(n for n, name in enumerate(names) if re.match(name, weekday.lower()))
        day = published.start
        back = (day.weekday() - index) % 7
        resolved = day - datetime.timedelta(days=back)
        note = f"“{weekday}”: the {weekday_name(index)} of the week of publication ({published})."
        return PartialDate.from_date(resolved), note
    month = _month_number(groups)
    day = int(groups["day"]) if groups.get("day") else None
    if day is not None and not 1 <= day <= 31:
        raise ValueError("not a day")
    if groups.get("year"):
        year = int(groups["year"])
        # dateparser confirms the day exists ("February 30" is not a date).
        if month and day and _parse(f"{year}-{month:02d}-{day:02d}", "en") is None:
            raise ValueError("no such day")
        return PartialDate(year, month, day), ""
    if month is None:
        return UNKNOWN, ""
    if not published.is_known:
        return UNKNOWN, "The year is not stated and the article is undated."
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


def weekday_name(index):
    return WEEKDAYS[index].capitalize()


def find_dates(text, published=UNKNOWN):
    """Every date in `text`, in order, each resolved against `published`."""
    found, taken = [], []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            try:
                date, note = _resolve(match.groupdict(), match.group(0), published)
            except ValueError:
                continue  # "February 30": not a date
            taken.append(match.span())
            weekday = bool(match.groupdict().get("weekday") or match.groupdict().get("ukweekday"))
            found.append(FoundDate(date, match.group(0), match.start(), note, weekday))
    return sorted(found, key=lambda found_date: found_date.start)


def first_date(text, published=UNKNOWN):
    """The first known date in `text`, or None."""
    return next((found for found in find_dates(text, published) if found.date), None)


def best_date(text, published=UNKNOWN, after=0):
    """The most precise known date in `text` (the first of equals), or None."""
    dates = [found for found in find_dates(text, published) if found.date]
    if not dates:
        return None
    return max(dates, key=lambda found: (RANK[found.date.precision], -abs(found.start - after)))
