"""Calendar arithmetic and TimeML values.

A resolved date is a ``Point``: a day plus the granularity it is known at
(day, week, month, quarter, ...). ``Point.value`` writes it as a TimeML value
("2025-12-08", "2025-W49", "2025-Q4", "2025-WI", "202"); ``span`` reads any
such value back into the first and last day it covers. Seasons are
meteorological (winter of year Y runs from 1 December Y to the end of
February Y+1), as news usage needs one fixed rule.
"""

from __future__ import annotations

import calendar as _cal
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .lexicon import Holiday

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# record precision for each granularity
PRECISION = {"day": "day", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter",
             "half": "year", "season": "season", "year": "year", "decade": "decade", "century": "century"}


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _cal.monthrange(year, month + 1)[1]))


def shift(day: date, unit: str, n: int) -> date:
    """Move a day by n units: D, W, WE, M, Q, H, Y, DE, CE, SEASON."""
    if unit == "D":
        return day + timedelta(days=n)
    if unit in ("W", "WE"):
        return day + timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "H": 6, "SEASON": 3, "Y": 12, "DE": 120, "CE": 1200}[unit]
    return add_months(day, months * n)


def season_of(day: date) -> tuple[int, str]:
    if day.month == 12:
        return day.year, "WI"
    if day.month <= 2:
        return day.year - 1, "WI"
    return day.year, ("SP", "SU", "FA")[(day.month - 3) // 3]


@dataclass(frozen=True)
class Point:
    """A day known at a granularity (day, week, weekend, month, quarter, half, season, year, decade, century)."""

    day: date
    granularity: str

    @property
    def value(self) -> str:
        d, g = self.day, self.granularity
        if g == "day":
            return d.isoformat()
        if g in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year}-W{week:02d}" + ("-WE" if g == "weekend" else "")
        if g == "month":
            return f"{d.year}-{d.month:02d}"
        if g == "quarter":
            return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
        if g == "half":
            return f"{d.year}-H{(d.month - 1) // 6 + 1}"
        if g == "season":
            year, code = season_of(d)
            return f"{year}-{code}"
        if g == "year":
            return str(d.year)
        if g == "decade":
            return str(d.year)[:3]
        if g == "century":
            return str(d.year)[:2]
        raise ValueError(f"unknown granularity {g}")

    def moved(self, unit: str, n: int) -> "Point":
        return Point(shift(self.day, unit, n), self.granularity)


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_NUMBER = re.compile(r"^(\d{2,4})$")


def span(value: str | None, published: date | None = None) -> tuple[date | None, date | None, str]:
    """The first and last day a TimeML value covers, and its record precision."""
    if not value:
        return None, None, "unknown"
    if "/" in value:
        first, last = value.split("/", 1)
        start, _, precision = span(first, published)
        _, end, _ = span(last, published)
        return start, end, precision
    if value == "PRESENT_REF" and published is not None:
        return published, published, "day"
    if m := _DAY.match(value):
        day = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return day, day, "time" if m[4] else "day"
    if m := _WEEK.match(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return monday + timedelta(days=5), monday + timedelta(days=6), "week"
        return monday, monday + timedelta(days=6), "week"
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return None, None, "unknown"
        return date(year, month, 1), date(year, month, _cal.monthrange(year, month)[1]), "month"
    if m := _PART.match(value):
        year, part = int(m[1]), m[2]
        if part[0] in "QH":
            months = 3 if part[0] == "Q" else 6
            first = date(year, (int(part[1]) - 1) * months + 1, 1)
            return first, add_months(first, months) - timedelta(days=1), PRECISION[
                "quarter" if part[0] == "Q" else "half"]
        first = date(year, SEASON_START[part], 1)
        return first, add_months(first, 3) - timedelta(days=1), "season"
    if m := _NUMBER.match(value):
        digits = m[1]
        size = 10 ** (4 - len(digits))
        if len(digits) == 3 or len(digits) == 2:
            first = int(digits) * size
            return date(max(first, 1), 1, 1), date(first + size - 1, 12, 31), "decade" if size == 10 else "century"
        year = int(digits)
        return date(year, 1, 1), date(year, 12, 31), "year"
    return None, None, "unknown"


def narrow(start: date | None, end: date | None, mod: str | None) -> tuple[date | None, date | None]:
    """'early December' covers the first third of December, 'late 2024' the last third of 2024."""
    if start is None or end is None or mod not in ("START", "MID", "END") or start == end:
        return start, end
    third = (end - start).days // 3
    if mod == "START":
        return start, start + timedelta(days=third)
    if mod == "END":
        return end - timedelta(days=third), end
    return start + timedelta(days=third), end - timedelta(days=third)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday as a Gregorian date (Meeus' Julian algorithm, 1900-2099)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return date(year, month, day + 1) + timedelta(days=13)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ISO weekday (1 = Monday) of a month; n = -1 is the last."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, month, _cal.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def holiday_date(holiday: Holiday, year: int) -> date:
    if holiday.rule == "fixed":
        month, day = holiday.argument.split("-")
        return date(year, int(month), int(day))
    if holiday.rule == "easter":
        return easter(year) + timedelta(days=int(holiday.argument))
    if holiday.rule == "orthodox":
        return orthodox_easter(year) + timedelta(days=int(holiday.argument))
    month, weekday, n = holiday.argument.split("-", 2)
    return nth_weekday(year, int(month), int(weekday), int(n))
