"""Calendar arithmetic, TimeML values and year/week placement: no model needed."""

from datetime import date

import pytest

from wirecoder.stages.times.builders import duration
from wirecoder.stages.times.calendar import (Point, easter, holiday_date, narrow, nth_weekday, orthodox_easter,
                                             span)
from wirecoder.stages.times.lexicon import time_lexicon
from wirecoder.stages.times.placing import place_weekday, place_yearless
from wirecoder.stages.times.readings import Weekday, Yearless

SUNDAY = date(2025, 12, 7)


@pytest.mark.parametrize("granularity, value", [
    ("day", "2025-12-07"), ("week", "2025-W49"), ("weekend", "2025-W49-WE"), ("month", "2025-12"),
    ("quarter", "2025-Q4"), ("half", "2025-H2"), ("season", "2025-WI"), ("year", "2025"),
    ("decade", "202"), ("century", "20"),
])
def test_point_values(granularity, value):
    assert Point(SUNDAY, granularity).value == value


def test_january_belongs_to_the_winter_that_began_in_december():
    assert Point(date(2026, 1, 15), "season").value == "2025-WI"


@pytest.mark.parametrize("value, first, last, precision", [
    ("2025-12-08", "2025-12-08", "2025-12-08", "day"),
    ("2025-12-08TNI", "2025-12-08", "2025-12-08", "time"),
    ("2025-W49", "2025-12-01", "2025-12-07", "week"),
    ("2025-W49-WE", "2025-12-06", "2025-12-07", "week"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2025-Q1", "2025-01-01", "2025-03-31", "quarter"),
    ("2025-WI", "2025-12-01", "2026-02-28", "season"),
    ("2022", "2022-01-01", "2022-12-31", "year"),
    ("199", "1990-01-01", "1999-12-31", "decade"),
    ("20", "2000-01-01", "2099-12-31", "century"),
    ("2025-11-30/2025-12-07", "2025-11-30", "2025-12-07", "day"),
])
def test_span_of_a_value(value, first, last, precision):
    start, end, found = span(value)
    assert (start.isoformat(), end.isoformat(), found) == (first, last, precision)


@pytest.mark.parametrize("value", ["P3D", "XXXX-WXX-1", "PAST_REF", None, "2025-13"])
def test_values_without_calendar_days(value):
    assert span(value)[:2] == (None, None)


def test_present_ref_is_the_publication_day():
    assert span("PRESENT_REF", SUNDAY)[:2] == (SUNDAY, SUNDAY)


def test_narrow_by_mod():
    first, last = date(2025, 12, 1), date(2025, 12, 31)
    assert narrow(first, last, "START") == (first, date(2025, 12, 11))
    assert narrow(first, last, "END") == (date(2025, 12, 21), last)
    assert narrow(first, last, "APPROX") == (first, last)


def test_easter_and_named_days():
    assert easter(2024) == date(2024, 3, 31) and easter(2025) == date(2025, 4, 20)
    assert orthodox_easter(2024) == date(2024, 5, 5) and orthodox_easter(2023) == date(2023, 4, 16)
    assert nth_weekday(2025, 11, 4, 4) == date(2025, 11, 27)  # Thanksgiving
    assert nth_weekday(2025, 5, 1, -1) == date(2025, 5, 26)  # Memorial Day
    holidays = time_lexicon().holidays
    assert holiday_date(holidays["palm sunday"], 2025) == date(2025, 4, 13)
    assert holiday_date(holidays["christmas eve"], 2025) == date(2025, 12, 24)


@pytest.mark.parametrize("n, unit, value", [
    (3, "D", "P3D"), (5.5, "H", "PT5H30M"), (2.5, "Y", "P2Y6M"), (2, "DE", "P20Y"), ("X", "W", "PXW"),
    (1, "MIN", "PT1M"), (2, "2W", "P4W"),
])
def test_durations(n, unit, value):
    assert duration(n, unit) == value


@pytest.mark.parametrize("text, number", [
    ("three", 3), ("12", 12), ("twenty-four", 24), ("5 1/2", 5.5), ("two and a half", 2.5), ("several", "X"),
    ("1,000", 1000), ("seven a", None),
])
def test_number_words(text, number):
    assert time_lexicon().number(text) == number


def test_yearless_date_follows_the_tense():
    december_8 = Yearless(month=12, day=8)
    assert place_yearless(december_8, SUNDAY, "future").value == "2025-12-08"
    assert place_yearless(december_8, SUNDAY, None).value == "2025-12-08"
    # a past-tense "December 8" a day after publication is still the nearest one
    assert place_yearless(december_8, SUNDAY, "past").value == "2025-12-08"
    march_3 = Yearless(month=3, day=3)
    assert place_yearless(march_3, SUNDAY, "past").value == "2025-03-03"
    assert place_yearless(march_3, SUNDAY, "future").value == "2026-03-03"
    # plans reported in the past tense: a date a few weeks ahead beats one eleven months back
    assert place_yearless(Yearless(month=12, day=20), SUNDAY, "past").value == "2025-12-20"


def test_month_and_season_placement():
    november = Yearless(month=11)
    assert place_yearless(november, SUNDAY, "past").value == "2025-11"
    assert place_yearless(november, SUNDAY, "future").value == "2026-11"
    assert place_yearless(Yearless(month=12, relation="last"), SUNDAY, None).value == "2024-12"
    assert place_yearless(Yearless(season="WI"), SUNDAY, None).value == "2025-WI"
    assert place_yearless(Yearless(season="SU", relation="next"), SUNDAY, None).value == "2026-SU"


def test_weekday_placement():
    wednesday = date(2025, 3, 12)
    monday = Weekday(1)
    assert place_weekday(monday, wednesday, "past").value == "2025-03-10"
    assert place_weekday(monday, wednesday, "future").value == "2025-03-17"
    assert place_weekday(monday, wednesday, None).value == "2025-03-10"
    assert place_weekday(Weekday(3), wednesday, "past").value == "2025-03-12"  # "said Wednesday": today
    assert place_weekday(Weekday(3, "last"), wednesday, None).value == "2025-03-05"
    assert place_weekday(Weekday(6, weekend=True), wednesday, "past").value == "2025-W10-WE"
