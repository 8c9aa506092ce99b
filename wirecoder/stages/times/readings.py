"""What a time expression says, before it is placed on the calendar.

The grammar turns each matched expression into a ``Reading``: its TimeML type
and one of a few cores, each naming what it still needs to become a date:

- ``Fixed``      nothing: "2022", "December 8, 2025", "P3D", "daily", "now"
- ``Yearless``   a year, chosen by tense: "December 8", "in November", "winter", "Palm Sunday"
- ``Weekday``    a week, chosen by tense: "Monday", "last Friday", "the weekend"
- ``Shift``      a base date moved by n units: "yesterday", "last week", "three years ago"
                 (base: publication) or "a year earlier", "the next day" (base: last date mentioned)
- ``Stretch``    a duration ending or starting at publication: "the past week", "the next three days"
- ``EventDate``  days from an event's date given elsewhere: "the eve of the visit"
- ``Impossible`` a day the calendar does not have: "31 February" (no item at all)
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Holiday


@dataclass(frozen=True)
class Fixed:
    value: str


@dataclass(frozen=True)
class Yearless:
    month: int | None = None
    day: int | None = None
    season: str | None = None
    quarter: int | None = None  # 1-4, or 5-6 for the first and second half
    holiday: Holiday | None = None
    relation: str | None = None  # last, next, this
    weekday: int | None = None  # "Friday, December 5": the weekday picks the year
    year_offset: int | None = None  # "the third quarter of last year": -1 from the publication year
    until_day: int | None = None  # "December 8-9": the last day of a range in the same month


@dataclass(frozen=True)
class Weekday:
    weekday: int  # ISO, Monday 1
    relation: str | None = None  # last, next, this
    weekend: bool = False


@dataclass(frozen=True)
class Shift:
    unit: str  # D, W, WE, M, Q, H, SEASON, Y, DE, CE
    n: int
    granularity: str  # what the result is known at: day, week, month, ...
    base: str = "published"  # "reference": the last date mentioned; "comparative": the last period
    # mentioned ("up from a year earlier"); "period": the last period mentioned ("the quarter");
    # "sentence": the day named in the same sentence


@dataclass(frozen=True)
class Stretch:
    duration: str  # TimeML duration: P1W, P3D, PXM
    unit: str
    n: float | None  # None when vague ("the past few weeks")
    direction: str  # past or next


@dataclass(frozen=True)
class EventDate:
    days: int
    noun: str  # the event noun's lemma: visit, talks, election
    noun_start: int  # where the noun is (character offset), to find its date


@dataclass(frozen=True)
class Impossible:
    """A calendar expression naming a day that does not exist ("31 February"): it is chosen
    over the shorter expressions inside it ("February"), then dropped -- never coerced to a date."""

    reason: str


Core = Fixed | Yearless | Weekday | Shift | Stretch | EventDate | Impossible


@dataclass(frozen=True)
class Reading:
    type: str  # TimeML type: DATE, TIME, DURATION, SET
    core: Core
    part: str | None = None  # part of the day ("MO") or clock time ("10:35")
    mod: str | None = None  # TimeML mod: START, END, MID, APPROX, MORE_THAN, ...


@dataclass(frozen=True)
class Match:
    """One expression found in the text: where, by which rule, and what it says."""

    start: int
    end: int
    rule: str
    reading: Reading

    @property
    def length(self) -> int:
        return self.end - self.start
