"""The overview chart: cumulative signed agreements and declaration signatories over time.

Drawn on the server as inline SVG (no JavaScript, nothing fetched from elsewhere). Only dated
facts are plotted, each at the precision its source gives:

- a fact known to the day raises its line on that day;
- a fact known only to a month or a year is drawn as a shaded band across that period: the lower
  edge counts it from the end of the period (it had certainly happened by then), the upper edge
  from the start (it may have happened that early). No day is invented.

Facts without any date are counted apart, in the chart's description and the text under it.
`build_chart` is pure (it takes dates, not querysets) so it can be tested without a database;
`chart_for_overview` reads the two columns it needs.
"""

import datetime
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Agreement, DeclarationSignatory
from .partial_dates import PartialDate, Precision

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 60, 64


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
        """ "1 signed agreement", "9 signed agreements" (the label in lower case)."""
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
    svg: str = ""
    summary: str = ""
    has_imprecise_dates: bool = False

    @property
    def has_data(self):
        return any(s.dates for s in self.series)


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


def build_chart(series, today, title="Signed agreements and declaration signatories over time"):
    """Lay out the chart for `series` up to `today`; `svg` is empty when nothing is dated."""
    chart = Chart(title=title, series=series, today=today)
    chart.has_imprecise_dates = any(d.precision != Precision.DAY for s in series for d in s.dates)
    chart.summary = describe(series, today)
    if chart.has_data:
        chart.svg = render_svg(chart)
    return chart


def describe(series, today):
    """The chart in a sentence or two: what is plotted and what is not."""
    known = " and ".join(s.counted(len(s.dates)) for s in series)
    text = f"Plotted up to {PartialDate.from_date(today)}: {known} with a known date."
    undated = [s.counted(s.undated) for s in series if s.undated]
    if undated:
        text += " Not plotted because their dates are unknown: " + " and ".join(undated) + "."
    return text


def render_svg(chart):
    dated = [d for s in chart.series for d in s.dates]
    first_year = min(d.start for d in dated).year
    last_year = max([d.end for d in dated] + [chart.today]).year
    day_from = datetime.date(first_year, 1, 1)
    day_to = datetime.date(last_year, 12, 31)
    line_end = max(min(chart.today, day_to), max(d.end for d in dated))
    top = max(len(s.dates) for s in chart.series)
    y_step = nice_step(max(top, 1))
    y_max = -(-max(top, 1) // y_step) * y_step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day):
        return LEFT + plot_w * (day - day_from).days / (day_to - day_from).days

    def y(count):
        return TOP + plot_h * (1 - count / y_max)

    def path(points):
        return " ".join(
            f"{'M' if i == 0 else 'L'}{x(day):.1f},{y(count):.1f}"
            for i, (day, count) in enumerate(points)
        )

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(chart.title)}</title>',
        f'<desc id="chart-desc">{escape(chart.summary)}</desc>',
        f'<text class="chart-heading" x="{LEFT}" y="24">{escape(chart.title)}</text>',
    ]
    # Grid and y axis.
    for count in range(0, y_max + 1, y_step):
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{y(count):.1f}" y2="{y(count):.1f}"/>'
            f'<text class="tick" x="{LEFT - 8}" y="{y(count) + 4:.1f}" '
            f'text-anchor="end">{count}</text>'
        )
    # X axis: a tick at each 1 January, the year's label in the middle of its span.
    for year in range(first_year, last_year + 1):
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        parts.append(
            f'<line class="axis" x1="{x(start):.1f}" x2="{x(start):.1f}" '
            f'y1="{TOP + plot_h}" y2="{TOP + plot_h + 6}"/>'
            f'<text class="tick" x="{(x(start) + x(end)) / 2:.1f}" y="{TOP + plot_h + 20}" '
            f'text-anchor="middle">{year}</text>'
        )
    parts.append(
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
        f'y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>'
        f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}"/>'
        f'<text class="axis-label" x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 16}" '
        f'text-anchor="middle">Date (year)</text>'
        f'<text class="axis-label" transform="translate(16 {TOP + plot_h / 2:.1f}) rotate(-90)" '
        f'text-anchor="middle">Cumulative count</text>'
    )
    for index, s in enumerate(chart.series):
        label = s.label if s.dates else f"{s.label} (none dated)"
        if s.dates:
            upper = step_points(s, day_from, line_end, "possible")
            lower = step_points(s, day_from, line_end, "certain")
            if upper != lower:
                band = path(upper) + " " + path(list(reversed(lower))).replace("M", "L", 1) + " Z"
                parts.append(f'<path class="band series-{s.key}" d="{band}"/>')
            parts.append(f'<path class="line series-{s.key}" d="{path(lower)}"/>')
        legend_y = TOP - 20
        legend_x = LEFT + 270 * index
        parts.append(
            f'<line class="line series-{s.key}" x1="{legend_x}" x2="{legend_x + 18}" '
            f'y1="{legend_y}" y2="{legend_y}"/>'
            f'<text class="legend" x="{legend_x + 24}" y="{legend_y + 4}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text inserted above is escaped


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
            Series.from_counts("agreements", "Signed agreements", signed, "Signed agreement"),
            Series.from_counts(
                "signatories", "Declaration signatories", signatories, "Declaration signatory"
            ),
        ],
        today,
    )
