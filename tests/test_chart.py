"""The overview chart: built from dates alone, plotted at their precision, described in text."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from agreements.charts import Series, build_chart, chart_for_overview, nice_step, step_points
from agreements.models import Agreement, DeclarationSignatory, SignatoryRole
from agreements.partial_dates import PartialDate

SVG = "{http://www.w3.org/2000/svg}"
TODAY = datetime.date(2024, 12, 1)


def dates(*texts):
    return [PartialDate.parse(text) for text in texts]


def test_undated_facts_are_counted_apart_and_never_plotted():
    series = Series.from_dates("agreements", "Signed agreements", dates("2024-01-10", "", ""))
    assert series.dates == dates("2024-01-10")
    assert series.undated == 2


def test_a_day_precise_fact_raises_the_line_on_that_day():
    series = Series.from_dates("a", "A", dates("2024-03-05", "2024-03-05", "2024-06-01"))
    points = step_points(series, datetime.date(2024, 1, 1), TODAY, "certain")
    assert points == [
        (datetime.date(2024, 1, 1), 0),
        (datetime.date(2024, 3, 5), 0),
        (datetime.date(2024, 3, 5), 2),
        (datetime.date(2024, 6, 1), 2),
        (datetime.date(2024, 6, 1), 3),
        (TODAY, 3),
    ]
    assert step_points(series, datetime.date(2024, 1, 1), TODAY, "possible") == points


def test_a_month_precise_fact_spans_its_month():
    series = Series.from_dates("a", "A", dates("2024-03"))
    start = datetime.date(2024, 1, 1)
    assert step_points(series, start, TODAY, "possible")[1:3] == [
        (datetime.date(2024, 3, 1), 0),
        (datetime.date(2024, 3, 1), 1),
    ]
    assert step_points(series, start, TODAY, "certain")[1:3] == [
        (datetime.date(2024, 3, 31), 0),
        (datetime.date(2024, 3, 31), 1),
    ]
    assert series.possible_by(datetime.date(2024, 3, 15)) == 1
    assert series.certain_by(datetime.date(2024, 3, 15)) == 0


def parse(chart):
    return ET.fromstring(str(chart.svg))


def test_the_svg_has_a_title_a_description_axes_and_a_legend():
    chart = build_chart(
        [
            Series.from_dates(
                "agreements", "Signed agreements", dates("2024-01-12", ""), "Signed agreement"
            ),
            Series.from_dates("signatories", "Declaration signatories", dates("2023-07-12")),
        ],
        TODAY,
    )
    svg = parse(chart)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-title chart-desc"
    assert svg.find(f"{SVG}title").text == chart.title
    description = svg.find(f"{SVG}desc").text
    assert description == (
        "Plotted: 1 signed agreement and 1 declaration signatory with a known date, from "
        "12 Jul 2023 to 12 Jan 2024. Not plotted because their dates are unknown: 1 signed "
        "agreement."
    )
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert {"Date", "Cumulative count", "2023", "2024"} <= set(texts)
    assert {"Signed agreements", "Declaration signatories"} <= set(texts)
    lines = [p for p in svg.iter(f"{SVG}path") if "line" in p.get("class")]
    assert len(lines) == 2
    assert not [p for p in svg.iter(f"{SVG}path") if "band" in p.get("class")]
    assert not chart.has_imprecise_dates


def test_imprecise_dates_are_drawn_as_bands():
    chart = build_chart(
        [Series.from_dates("agreements", "Signed", dates("2024", "2024-05"))], TODAY
    )
    assert chart.has_imprecise_dates
    bands = [p for p in parse(chart).iter(f"{SVG}path") if "band" in p.get("class")]
    assert len(bands) == 1
    assert bands[0].get("d").endswith("Z")


def axis_of(chart):
    """(year labels, month labels) under the x axis, and the line's last x coordinate."""
    svg = parse(chart)
    texts = [t for t in svg.iter(f"{SVG}text") if "tick" in t.get("class", "")]
    years = [t.text for t in texts if t.text.isdigit() and int(t.text) > 1990]
    months = [t.text for t in texts if "month" in t.get("class")]
    line = next(p for p in svg.iter(f"{SVG}path") if "line" in p.get("class"))
    return years, months, max(float(x) for x in re.findall(r"[ML]([\d.]+),", line.get("d")))


def test_the_axis_ends_with_the_quarter_of_the_last_dated_fact_not_today():
    chart = build_chart(
        [Series.from_dates("a", "A", dates("2023-07-12", "2024-06-27"))],
        datetime.date(2026, 11, 25),
    )
    years, months, line_end = axis_of(chart)
    assert years == ["2023", "2024"]
    assert months == ["Jan", "Apr", "Jul", "Oct", "Jan", "Apr"]
    assert line_end == 720 - 24  # to the end of June 2024, the axis's end


def test_the_line_stops_today_within_the_last_quarter():
    chart = build_chart(
        [Series.from_dates("a", "A", dates("2024-01-12", "2024-05"))], datetime.date(2024, 6, 1)
    )
    years, months, line_end = axis_of(chart)
    assert years == ["2024"] and months == ["Jan", "Apr"]
    assert line_end < 720 - 24  # 1 June, before the quarter's end (30 June)


def test_over_many_years_the_axis_is_marked_by_year_only():
    chart = build_chart([Series.from_dates("a", "A", dates("2015-02-01", "2024-02-01"))], TODAY)
    years, months, _ = axis_of(chart)
    assert years == [str(year) for year in range(2015, 2025)]
    assert months == []


def test_labels_are_escaped():
    chart = build_chart([Series.from_dates("a", "<script>", dates("2024"))], TODAY)
    assert "<script>" not in str(chart.svg)
    assert "&lt;script&gt;" in str(chart.svg)


def test_without_dated_facts_there_is_no_svg_but_a_sentence():
    chart = build_chart([Series.from_dates("a", "Signed agreements", dates("", ""))], TODAY)
    assert not chart.has_data
    assert chart.svg == ""
    assert chart.summary == (
        "Nothing plotted: no known date yet. Not plotted because their dates are unknown: "
        "2 signed agreements."
    )


@pytest.mark.parametrize("maximum, step", [(1, 1), (5, 1), (7, 2), (12, 5), (40, 10), (99, 20)])
def test_the_y_axis_uses_round_steps(maximum, step):
    assert nice_step(maximum) == step


@pytest.mark.django_db
def test_the_seed_chart_plots_the_seven_founding_signatories(seed):
    chart = chart_for_overview(TODAY)
    agreements, signatories = chart.series
    assert (len(agreements.dates), agreements.undated) == (0, 9)
    assert (len(signatories.dates), signatories.undated) == (7, 12)
    assert signatories.steps == [{"date": PartialDate(2023, 7, 12), "count": 7, "total": 7}]


@pytest.mark.django_db
def test_the_record_chart_plots_the_2024_signings_and_the_dated_joinings(record):
    agreements, signatories = chart_for_overview(TODAY).series
    dated_signings = Agreement.objects.signed().exclude(signed_on=None)
    assert len(agreements.dates) == dated_signings.count() >= 28
    assert sum(1 for d in agreements.dates if d.year == 2024) >= 20  # the 2024 wave
    dated_joinings = DeclarationSignatory.objects.exclude(joined_on=None)
    assert len(signatories.dates) == dated_joinings.count()
    assert signatories.undated == DeclarationSignatory.objects.filter(joined_on=None).count()
    joined_later = dated_joinings.filter(role=SignatoryRole.JOINED).count()
    assert joined_later >= 10
    assert [step["total"] for step in signatories.steps][-1] == dated_joinings.count()
