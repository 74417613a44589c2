"""Partial dates keep the precision the sources give, and never invent a day."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from agreements.models import Agreement, Country, NegotiationRound
from agreements.partial_dates import PartialDate, PartialDateFormField, Precision


@pytest.mark.parametrize(
    ("text", "precision", "shown"),
    [
        ("2023-08-03", Precision.DAY, "3 Aug 2023"),
        ("2024-04", Precision.MONTH, "Apr 2024"),
        ("2024", Precision.YEAR, "2024"),
        ("", Precision.UNKNOWN, "date unknown"),
        (None, Precision.UNKNOWN, "date unknown"),
    ],
)
def test_a_date_is_shown_as_precisely_as_it_is_known(text, precision, shown):
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert str(date) == shown
    assert date.iso == (text or "")


def test_a_month_spans_its_first_to_its_last_day():
    date = PartialDate.parse("2024-02")
    assert (date.start, date.end) == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    year = PartialDate.parse("2023")
    assert (year.start, year.end) == (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))


@pytest.mark.parametrize(
    "text", ["2023-13", "2023-02-30", "23-08-03", "2023/08/03", "August 2023", "2023-8", "99999"]
)
def test_malformed_or_impossible_dates_are_refused(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_comparisons_only_say_before_when_certain():
    august = PartialDate.parse("2023-08")
    third = PartialDate.parse("2023-08-03")
    assert not third.definitely_before(august)
    assert not august.definitely_before(third)
    assert PartialDate.parse("2023-07-31").definitely_before(august)
    assert not PartialDate().definitely_before(august)
    assert PartialDate.parse("2024").definitely_after(third)


def test_sorting_is_chronological_with_unknown_last():
    dates = [PartialDate.parse(t) for t in ["2024", "", "2023-08-03", "2023-08", "2024-01-08"]]
    assert [d.iso for d in sorted(dates)] == ["2023-08", "2023-08-03", "2024", "2024-01-08", ""]


def test_the_form_field_takes_one_text_input_and_explains_errors():
    field = PartialDateFormField()
    assert field.clean("2024-04") == PartialDate(2024, 4)
    assert field.clean("") == PartialDate()
    with pytest.raises(ValidationError, match="not a real calendar date"):
        field.clean("2023-02-30")
    assert field.prepare_value(PartialDate(2023, 8, 3)) == "2023-08-03"


@pytest.mark.django_db
def test_the_database_stores_sorts_and_filters_partial_dates():
    us = Country.objects.create(iso2="US", name="United States")
    agreement = Agreement.objects.create(slug="us", partner=us, title="US agreement")
    for number, date in [(1, "2023-08-03"), (2, ""), (3, "2024"), (4, "2023-09")]:
        NegotiationRound.objects.create(agreement=agreement, number=number, date=date)
    rounds = list(agreement.rounds.order_by("date", "number"))
    # NULL (unknown) sorts first ascending on SQLite and last on PostgreSQL: look at known ones.
    known = [r.date.iso for r in rounds if r.date]
    assert known == ["2023-08-03", "2023-09", "2024"]
    reloaded = NegotiationRound.objects.get(agreement=agreement, number=2)
    assert reloaded.date == PartialDate() and str(reloaded.date) == "date unknown"
    assert agreement.rounds.filter(date__gte="2023-09").count() == 2
    assert agreement.rounds.filter(date__isnull=True).count() == 1


@pytest.mark.django_db
def test_a_future_date_is_refused_by_validation():
    us = Country.objects.create(iso2="US", name="United States")
    agreement = Agreement(slug="us", partner=us, title="US", negotiations_started_on="2999-01")
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "in the future" in str(error.value.message_dict["negotiations_started_on"])


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["0001", "1990-12-31", "0204-06"])
def test_a_date_before_1991_is_refused_by_validation(typed):
    us = Country.objects.create(iso2="US", name="United States")
    agreement = Agreement(slug="us", partner=us, title="US", negotiations_started_on=typed)
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.message_dict["negotiations_started_on"] == [
        f"{typed} is before 1991: the tracker records nothing before "
        "Ukraine's independence. Check the year."
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1990", "1990 is before 1991: the tracker records nothing before Ukraine's independence."),
        ("2999-01", "Jan 2999 is in the future."),
    ],
)
def test_the_form_field_keeps_dates_between_1991_and_today(typed, message):
    assert PartialDateFormField().clean("1991") == PartialDate(1991)
    with pytest.raises(ValidationError) as error:
        PartialDateFormField().clean(typed)
    assert error.value.messages[0].startswith(message)


def test_a_search_filter_takes_any_calendar_date():
    assert PartialDateFormField(record_bounds=False).clean("0001") == PartialDate(1)
