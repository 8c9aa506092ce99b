"""Last checks on an event's date against its article's publication (issue 16).

Dating (dating.py) reads a date from the event's own clause, its sentence or the
narrative around it. What comes out is checked once more against publication,
since a date an analyst cannot trust is worse than none:

- a window a decade or a century wide ("the 1990s", "this century") names an
  era, not when an event happened: the event stays undated. A span that "since"
  opened more than a year before publication ("have backed the rebels since 2014")
  tells a state of years, which is background (and undated when that wide);
- a date more than two years before publication stands only when the event's
  own clause states a year or a decade ("was jailed in 2009", "in the 1980s"),
  or counts it from a date whose year the text states ("In 2010 rebels took the
  town. Two years later the army retook it": 2012, as the times stage resolved it
  against its own anchor); the event is then background. A date shared from
  another event, read from the narrative, or counted from a time with no stated
  year ("eight decades earlier" after "on Monday") is dropped;
- a date after publication is a plan: a real event (occurred, ongoing, claimed)
  dated so by its own clause becomes `planned`; one that only borrowed the date,
  whose date was counted from another time ("two years later"), or that is told
  as negated or denied, is undated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .items import EventItem, WhenValue

OLD_AGE = timedelta(days=2 * 365 + 1)  # "more than two years before publication"
WIDE_WINDOW = timedelta(days=3 * 366)  # wider than a few years: an era, not a date
LONG_STATE = timedelta(days=366)  # a "since" span longer than this tells a state, not news
WIDE_PRECISIONS = frozenset({"decade", "century"})
REAL = frozenset({"occurred", "ongoing", "claimed"})
PLANS = frozenset({"planned", "hypothetical"})
# "2009", "1990s", "'80s", "the eighties": a year or a decade the text states.
EXPLICIT_YEAR = re.compile(r"(?<![\w-])(?:1[0-9]|20)\d\d(?:s)?(?!\w)|['’]\d0s(?!\w)|"
                           r"\b(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
                           re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    """What a guard did to one event, for tests and explanations."""

    event_id: str
    action: str  # "wide", "old-undated", "old-background", "future-planned", "future-undated"


def states_year(when: WhenValue) -> bool:
    """The event's own clause states a year or a decade, or counts from a date that states
    one ("two years later" after "in 2010"); not a date borrowed from another clause."""
    if when.inferred:
        return False
    said = when.counted_from if when.relative else when.text
    return bool(EXPLICIT_YEAR.search(said or ""))


def guard_dates(events: list[EventItem], published: date | None) -> list[Verdict]:
    """Applies the guards above in place; returns what was changed."""
    verdicts = []
    for event in events:
        action = _guard(event, published)
        if action:
            verdicts.append(Verdict(event.id, action))
    return verdicts


def _guard(event: EventItem, published: date | None) -> str | None:
    when = event.when
    if when is None or not when.start:
        return None
    start, end = _day(when.start), _day(when.end or when.start)
    if start is None or end is None:
        return None
    if when.since and published is not None and published - start > LONG_STATE:
        event.backstory = True  # "have backed the rebels since 2014": a state of years, background
    if when.precision in WIDE_PRECISIONS or end - start > WIDE_WINDOW:
        event.when = None
        return "wide"
    if published is None:
        return None
    if (published - end) > OLD_AGE:  # by the gap, never by a date before year 1
        if not states_year(when):
            event.when = None
            return "old-undated"
        event.backstory = True
        return "old-background" if not event.background else None
    if start > published and event.status not in PLANS:
        if event.status in REAL and not (when.inferred or when.relative):
            event.status = "planned"
            return "future-planned"
        event.when = None
        return "future-undated"
    return None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
