"""Numeric dates: "25/02", "16/04/2016", "07/02" -- day first or month first;
"15-16/02", a stretch of days, day first.

A numeric date is read in the order that makes it a valid date. When both
orders do ("03/05/2016"), the article decides: another numeric date of the
same text with a part above 12 ("13/03" is day-first, "12/31/2015"
month-first), else the order of its spelled dates ("14 May" is day-first,
"May 14" month-first). With no evidence either way it is day-first, the
order of most English-language writing outside the United States (conflict
reports, wire copy from Africa, Europe and Asia).

Without a year only a pair of two-digit numbers is read as a date ("07/02",
"25/02"): "9/11" is a name, "24/7" a phrase and "3/4" a fraction.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .helpers import registry, valid_date
from .lexicon import TimeLexicon
from .readings import Fixed, Reading, Yearless

BUILDERS, builder = registry()

# The grammar's patterns (no slots): a full date, and a two-digit day/month pair.
FULL = r"(?<![\d/.,:])(?<!\d-)(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?![\d/])"
SHORT = r"(?<![\d/.,:$£€])(?<!\d-)(?P<a>[0-3]\d)/(?P<b>[0-3]\d)(?![\d/%]|[.,]\d)"
# "15-16/02", "17-20/03": a stretch of days of one month, day first (the only order
# that writes a range this way).
RANGE = r"(?<![\d/.,:])(?<!\d-)(?P<a>[0-3]?\d)\s?[-–]\s?(?P<a2>[0-3]\d)/(?P<b>[01]\d)(?![\d/%]|[.,]\d)"
_PAIRS = re.compile(r"(?<![\d/.,:])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?:19|20)\d\d)?(?![\d/%])")


@lru_cache(maxsize=1)
def _spelled(months: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    names = "|".join(re.escape(m[:1].upper() + m[1:]) for m in sorted(months, key=len, reverse=True))
    day_first = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{names})\b")
    month_first = re.compile(rf"\b(?:{names})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\d)")
    return day_first, month_first


@lru_cache(maxsize=8)
def day_first(text: str, months: tuple[str, ...]) -> bool:
    """Whether the article writes the day before the month (see the module docstring)."""
    days = months_first = 0
    for m in _PAIRS.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        days += a > 12 and 1 <= b <= 12
        months_first += b > 12 and 1 <= a <= 12
    if days != months_first:
        return days > months_first
    spelled_day, spelled_month = _spelled(months)
    return len(spelled_day.findall(text)) >= len(spelled_month.findall(text))


@builder("date_numeric", "date_numeric_short")
def _numeric(m, lex: TimeLexicon, text: str):
    a, b = int(m.group("a")), int(m.group("b"))
    year = int(m.group("year")) if m.groupdict().get("year") else None
    probe = year or 2000  # a leap year: "29/02" without a year is a date
    as_day_first, as_month_first = valid_date(probe, b, a), valid_date(probe, a, b)
    if not (as_day_first or as_month_first):
        return None
    if as_day_first and as_month_first and a != b:
        as_day_first = day_first(text, tuple(lex.months))
    day, month = (a, b) if as_day_first else (b, a)
    if year is None:
        return Reading("DATE", Yearless(month=month, day=day))
    return Reading("DATE", Fixed(f"{year:04d}-{month:02d}-{day:02d}"))


@builder("date_range_numeric")
def _numeric_range(m, lex: TimeLexicon, text: str):
    first, last, month = int(m.group("a")), int(m.group("a2")), int(m.group("b"))
    if not first < last or not (valid_date(2000, month, first) and valid_date(2000, month, last)):
        return None
    return Reading("DATE", Yearless(month=month, day=first, until_day=last))
