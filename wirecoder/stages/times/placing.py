"""Placing year-less dates and weekdays on the calendar, in the direction the tense implies.

"December 8" takes the year that makes it nearest to publication in the
direction of the tense: days against the tense count several times over, so
in a past-tense sentence the latest one not after publication wins unless the
next one is much closer (plans reported in the past: "the offer was extended
to Nov. 10"); with no tense, the nearest.
"last November" is the latest November already over, "next winter" the first
one not yet begun. A weekday given with the date ("Friday, December 5") picks
the year in which that date is that weekday. Weekdays work the same way within
weeks; with no tense, a bare weekday is taken as past (news reports what
happened far more often than what is planned).
"""

from __future__ import annotations

from datetime import date, timedelta

from .calendar import SEASON_START, Point, add_months, holiday_date
from .readings import Weekday, Yearless

# How many times over a day against the tense counts: past-tense sentences often
# name dates ahead ("was postponed until Nov. 10"), future ones rarely name past
# dates -- except business quarters, whose results are announced after they end
# ("will report third-quarter results" in October).
WRONG_WAY = {"past": 4, "future": 40}
WRONG_WAY_QUARTER = 4


def _slot(core: Yearless, year: int) -> Point | None:
    """The calendar slot a year-less expression names in one year."""
    try:
        if core.holiday is not None:
            return Point(holiday_date(core.holiday, year), "day")
        if core.month is not None and core.day is not None:
            return Point(date(year, core.month, core.day), "day")
        if core.month is not None:
            return Point(date(year, core.month, 1), "month")
        if core.season is not None:
            return Point(date(year, SEASON_START[core.season], 1), "season")
        if core.quarter is not None:
            if core.quarter <= 4:
                return Point(date(year, 3 * (core.quarter - 1) + 1, 1), "quarter")
            return Point(date(year, 6 * (core.quarter - 5) + 1, 1), "half")
    except ValueError:  # 29 February in a common year
        return None
    return None


def _bounds(point: Point) -> tuple[date, date]:
    months = {"day": 0, "month": 1, "season": 3, "quarter": 3, "half": 6}[point.granularity]
    if months == 0:
        return point.day, point.day
    return point.day, add_months(point.day, months) - timedelta(days=1)


def place_yearless(core: Yearless, published: date, tense: str | None) -> Point | None:
    if core.year_offset is not None:
        return _slot(core, published.year + core.year_offset)
    slots = [s for s in (_slot(core, published.year + k) for k in (-1, 0, 1)) if s is not None]
    if not slots:
        return None
    if core.weekday is not None:
        fitting = [s for s in slots if s.day.isoweekday() == core.weekday]
        if fitting:
            return min(fitting, key=lambda s: abs((s.day - published).days))
    spans = [(s, *_bounds(s)) for s in slots]
    relation = core.relation
    if relation == "this":
        containing = [s for s, first, last in spans if first <= published <= last]
        if containing:
            return containing[0]
        same_year = [s for s in slots if s.day.year == published.year]
        return same_year[0] if same_year else slots[0]
    if relation in ("last", "past"):
        over = [s for s, first, last in spans if last < published]
        return over[-1] if over else slots[0]
    if relation in ("next", "coming"):
        ahead = [s for s, first, last in spans if first > published]
        return ahead[0] if ahead else slots[-1]
    if tense in ("past", "future"):
        quarterly = slots[0].granularity in ("quarter", "half")
        return min(spans, key=lambda x: _cost(x[1], x[2], published, tense, quarterly))[0]
    return min(spans, key=lambda x: _distance(x[1], x[2], published))[0]


def _cost(first: date, last: date, published: date, tense: str, quarterly: bool = False) -> int:
    """Days away; against the tense, days to the far end, counted ``WRONG_WAY`` times over.

    A date a few weeks ahead in a past-tense sentence ("the offer was extended to
    Nov. 10", "the summit was set for April") still wins over one most of a year
    back, while "In January, ..." written in late October stays last January.
    """
    if tense == "past" and first > published:
        return (last - published).days * WRONG_WAY[tense]
    if tense == "future" and last < published:
        return (published - first).days * (WRONG_WAY_QUARTER if quarterly else WRONG_WAY[tense])
    return _distance(first, last, published)


def _distance(first: date, last: date, day: date) -> int:
    if first <= day <= last:
        return 0
    return min(abs((first - day).days), abs((last - day).days))


def place_weekday(core: Weekday, published: date, tense: str | None) -> Point:
    target = 6 if core.weekend else core.weekday
    back = (published.isoweekday() - target) % 7  # days back to the latest such day (0: today)
    relation = core.relation
    if relation == "last":
        day = published - timedelta(days=back or 7)
    elif relation == "next":
        day = published + timedelta(days=(target - published.isoweekday()) % 7 or 7)
    elif relation == "this":
        day = published + timedelta(days=target - published.isoweekday())
    elif tense == "future":
        day = published + timedelta(days=(target - published.isoweekday()) % 7)
    elif core.weekend and published.isoweekday() == 7:
        day = published - timedelta(days=1)  # on a Sunday, "the weekend" is the one under way
    else:
        day = published - timedelta(days=back)
    return Point(day, "weekend" if core.weekend else "day")
