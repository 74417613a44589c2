"""The overview chart: cumulative signed agreements and declaration signatories over time.

Drawn on the server as inline SVG (no JavaScript, nothing fetched from elsewhere). Only dated
facts are plotted, each at the precision its source gives:

- a fact known to the day raises its line on that day;
- a fact known only to a month or a year is drawn as a shaded band across that period: the lower
  edge counts it from the end of the period (it had certainly happened by then), the upper edge
  from the start (it may have happened that early). No day is invented.

Facts without any date are counted apart, in the chart's description and the text under it.

The time axis runs from the first dated fact's year to the end of the quarter of the last one,
not to today: a line drawn flat from the last recorded fact to today would read as "nothing
happened since", which the record does not say, and would squeeze the 2024 wave of signings
into a corner. Over a few years the axis is marked by quarter, so that wave can be read.
`build_chart` is pure (it takes dates, not querysets) so it can be tested without a database;
`drawing` computes the coordinates and `agreements/includes/chart_svg.html` writes the markup;
`chart_for_overview` reads the two columns it needs.
"""

import calendar
import datetime
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from babel.dates import get_month_names
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext, ngettext_lazy, to_locale

from .models import Agreement, DeclarationSignatory
from .partial_dates import PartialDate, Precision

WIDTH, HEIGHT = 720, 340
# Quarter ticks while the axis spans fewer years than this; beyond, years only.
QUARTERS_UP_TO_YEARS = 4
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 60, 64


# How the overview's series count their facts, with the active language's plural forms.
COUNTED = {
    "agreements": ngettext_lazy(
        "%(count)s signed agreement", "%(count)s signed agreements", "count"
    ),
    "signatories": ngettext_lazy(
        "%(count)s declaration signatory", "%(count)s declaration signatories", "count"
    ),
}


@dataclass
class Series:
    """One line of the chart: the dates of its facts; unknown dates are counted, not plotted."""

    key: str
    label: str
    dates: list[PartialDate]
    undated: int = 0
    singular: str = ""

    @classmethod
    def from_dates(cls, key, label, dates, singular=""):
        dates = list(dates)
        known = sorted(d for d in dates if d.is_known)
        return cls(key, label, known, undated=len(dates) - len(known), singular=singular)

    @classmethod
    def from_counts(cls, key, label, counts, singular=""):
        """From (date, number of facts on it) pairs, as `GROUP BY date` gives them."""
        return cls.from_dates(
            key, label, (date for date, number in counts for _ in range(number)), singular
        )

    @cached_property
    def _starts(self):
        return sorted(d.start for d in self.dates)

    @cached_property
    def _ends(self):
        return sorted(d.end for d in self.dates)

    def counted(self, number):
        """ "1 signed agreement", "9 signed agreements": the overview's series in the active
        language's plural forms, any other series from its label in lower case."""
        if self.key in COUNTED:
            return COUNTED[self.key] % {"count": number}
        noun = self.singular if number == 1 and self.singular else self.label
        return f"{number} {noun.lower()}"

    def possible_by(self, day):
        """How many facts may have happened by `day` (their period has started)."""
        return bisect_right(self._starts, day)

    def certain_by(self, day):
        """How many facts had certainly happened by `day` (their period has ended)."""
        return bisect_right(self._ends, day)

    @property
    def steps(self):
        """Rows of the text alternative: each distinct date, facts on it, running total."""
        rows, total = [], 0
        for date, count in sorted(Counter(self.dates).items()):
            total += count
            rows.append({"date": date, "count": count, "total": total})
        return rows


@dataclass
class Chart:
    title: str
    series: list[Series]
    today: datetime.date
    summary: str = ""
    has_imprecise_dates: bool = False

    @property
    def has_data(self):
        return any(s.dates for s in self.series)

    @property
    def svg(self):
        """The chart as inline SVG (the template escapes every text); "" when nothing is dated."""
        if not self.has_data:
            return ""
        context = {"chart": self, "drawing": drawing(self)}
        return render_to_string("agreements/includes/chart_svg.html", context)


def nice_step(maximum, ticks=5):
    """A step of 1, 2, 5, 10, 20, 50… giving at most `ticks` intervals up to `maximum`."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if maximum / (step * factor) <= ticks:
                return step * factor
        step *= 10


def step_points(series, day_from, day_to, edge):
    """Corners of a step line from day_from to day_to.

    `edge` "possible" counts each fact from the first day of its period, "certain" from the last.
    """
    if edge == "possible":
        changes, value = {d.start for d in series.dates}, series.possible_by
    else:
        changes, value = {d.end for d in series.dates}, series.certain_by
    points = [(day_from, value(day_from))]
    for day in sorted(changes):
        if day_from < day <= day_to:
            points += [(day, points[-1][1]), (day, value(day))]
    points.append((day_to, points[-1][1]))
    return points


def build_chart(series, today, title=None):
    """The chart of `series` up to `today`; its `svg` is empty when nothing is dated."""
    title = title or gettext("Signed agreements and declaration signatories over time")
    chart = Chart(title=title, series=series, today=today)
    chart.has_imprecise_dates = any(d.precision != Precision.DAY for s in series for d in s.dates)
    chart.summary = describe(series, today)
    return chart


def describe(series, today):
    """The chart in a sentence or two: what is plotted and what is not."""
    and_ = " " + gettext("and") + " "
    known = and_.join(s.counted(len(s.dates)) for s in series)
    dated = [d for s in series for d in s.dates]
    if dated:
        first, last = min(dated, key=lambda d: d.start), max(dated, key=lambda d: d.end)
        text = gettext("Plotted: %(known)s with a known date, from %(first)s to %(last)s.") % {
            "known": known,
            "first": first,
            "last": last,
        }
    else:
        text = gettext("Nothing plotted: no known date yet.")
    undated = [s.counted(s.undated) for s in series if s.undated]
    if undated:
        text += " " + gettext("Not plotted because their dates are unknown: %(undated)s.") % {
            "undated": and_.join(undated)
        }
    return text


def fmt(number):
    """A coordinate as the SVG carries it: one decimal."""
    return f"{number:.1f}"


def quarter_end(day):
    """The last day of `day`'s quarter."""
    month = (day.month - 1) // 3 * 3 + 3
    return datetime.date(day.year, month, calendar.monthrange(day.year, month)[1])


def drawing(chart):
    """The chart's coordinates, computed here; `agreements/includes/chart_svg.html` draws them."""
    dated = [d for s in chart.series for d in s.dates]
    last_end = max(d.end for d in dated)
    first_year = min(d.start for d in dated).year
    day_from = datetime.date(first_year, 1, 1)
    day_to = quarter_end(last_end)
    line_end = min(day_to, max(chart.today, last_end))
    by_quarter = day_to.year - first_year < QUARTERS_UP_TO_YEARS
    top = max(len(s.dates) for s in chart.series)
    y_step = nice_step(max(top, 1))
    y_max = -(-max(top, 1) // y_step) * y_step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    x_axis_y = TOP + plot_h

    def x(day):
        return LEFT + plot_w * (day - day_from).days / (day_to - day_from).days

    def y(count):
        return TOP + plot_h * (1 - count / y_max)

    def path(points):
        return " ".join(
            f"{'M' if i == 0 else 'L'}{fmt(x(day))},{fmt(y(count))}"
            for i, (day, count) in enumerate(points)
        )

    y_ticks = [
        {"count": count, "y": fmt(y(count)), "label_y": fmt(y(count) + 4)}
        for count in range(0, y_max + 1, y_step)
    ]
    # A tick at each 1 January (and each quarter over a few years), the year's label in the
    # middle of its span on the axis.
    x_ticks, year_labels = [], []
    month_abbreviations = get_month_names(
        "abbreviated", context="stand-alone", locale=to_locale(get_language() or "en")
    )
    for year in range(first_year, day_to.year + 1):
        start = datetime.date(year, 1, 1)
        end = min(datetime.date(year, 12, 31), day_to)
        year_labels.append({"year": year, "x": fmt((x(start) + x(end)) / 2)})
        for month in (1, 4, 7, 10) if by_quarter else (1,):
            day = datetime.date(year, month, 1)
            if day < day_to:
                label = month_abbreviations[month] if by_quarter else ""
                x_ticks.append({"x": fmt(x(day)), "label": label, "is_year": month == 1})
    lines = []
    for index, s in enumerate(chart.series):
        line = {
            "key": s.key,
            "label": s.label if s.dates else gettext("%(label)s (none dated)") % {"label": s.label},
        }
        if s.dates:
            upper = step_points(s, day_from, line_end, "possible")
            lower = step_points(s, day_from, line_end, "certain")
            if upper != lower:
                back = path(list(reversed(lower))).replace("M", "L", 1)
                line["band"] = f"{path(upper)} {back} Z"
            line["path"] = path(lower)
        legend_x = LEFT + 270 * index
        line["legend"] = {"x1": legend_x, "x2": legend_x + 18, "text_x": legend_x + 24}
        lines.append(line)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "x_axis_y": x_axis_y,
        "tick_end_y": x_axis_y + 6,
        "year_tick_end_y": x_axis_y + (22 if by_quarter else 6),
        "tick_label_x": LEFT - 8,
        "month_label_y": x_axis_y + 18,
        "year_label_y": x_axis_y + (36 if by_quarter else 20),
        "x_label_x": fmt(LEFT + plot_w / 2),
        "x_label_y": HEIGHT - 8,
        "y_label_y": fmt(TOP + plot_h / 2),
        "legend_y": TOP - 20,
        "legend_text_y": TOP - 16,
        "y_ticks": y_ticks,
        "x_ticks": x_ticks,
        "year_labels": year_labels,
        "series": lines,
    }


def dates_counted(queryset, field):
    """(date, number of rows on it) of `queryset`, counted in the database."""
    return queryset.order_by().values_list(field).annotate(number=Count("pk"))


def chart_for_overview(today):
    """The overview chart from the database: two queries whatever the number of rows, each
    giving one row per distinct date."""
    signed = dates_counted(Agreement.objects.signed(), "signed_on")
    signatories = dates_counted(DeclarationSignatory.objects.all(), "joined_on")
    return build_chart(
        [
            Series.from_counts("agreements", gettext("Signed agreements"), signed),
            Series.from_counts("signatories", gettext("Declaration signatories"), signatories),
        ],
        today,
    )
