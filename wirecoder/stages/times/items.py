"""The times stage's items and the helpers other stages use to look them up.

A ``TimeItem`` carries the record fields of SPEC section 2 under the same
names (``start``/``end`` are character offsets, ``start_date``/``end_date``
ISO dates), plus what the evaluation and other stages need: the TimeML
``type`` and ``mod``, and ``duration`` ("P1W" for "the past week", whose
``value`` is the resolved interval "2025-11-30/2025-12-07").

Other stages find the times of a sentence or a phrase with ``overlapping``
(quotes: the date a statement was made; events: when an event happened).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ... import record

KINDS = {"DATE": "date", "TIME": "time", "DURATION": "duration", "SET": "set"}
# Rules whose match states its day and month ("9 February", "Feb 8-11", "16/03"): the
# text gives the day, publication at most its year.
CALENDAR_RULES = frozenset({"date_range_md", "date_range_dm", "date_mdy", "date_dmy", "date_iso", "date_numeric",
                            "date_md", "date_numeric_short", "date_dm", "date_range_numeric"})


@dataclass
class TimeItem:
    id: str
    text: str
    start: int
    end: int
    kind: str  # date, time, duration, set, interval
    value: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    precision: str = "unknown"
    anchor: str | None = None  # "published", the id of the time it was counted from, or None
    reason: str | None = None  # why value is null
    type: str = "DATE"  # TimeML type: DATE, TIME, DURATION, SET
    mod: str | None = None  # TimeML mod: START, END, APPROX, MORE_THAN, ...
    duration: str | None = None  # for durations and intervals: the TimeML duration
    rule: str = ""  # the grammar rule that found it (for explanations)
    tense: str | None = None  # the tense it was read with
    counted_from: str | None = None  # the text of the stated date its anchors lead back to ("in 2010"), if any

    @property
    def from_publication(self) -> bool:
        """Counted from the publication date ("yesterday", "the past two days", "on
        Friday", "this month"), not stated by the text: only as good as that date."""
        return self.anchor == "published" and self.rule not in CALENDAR_RULES

    @property
    def first_day(self) -> date | None:
        return date.fromisoformat(self.start_date) if self.start_date else None

    @property
    def last_day(self) -> date | None:
        return date.fromisoformat(self.end_date) if self.end_date else None

    @property
    def timeml_value(self) -> str | None:
        """The value as TimeML writes it: an interval counts as its duration."""
        return self.duration if self.kind == "interval" else self.value

    def to_record(self, text: str = "") -> record.Time:
        return record.Time(id=self.id, text=self.text, start=self.start, end=self.end, kind=self.kind,
                           value=self.value, start_date=self.start_date, end_date=self.end_date,
                           precision=self.precision, anchor=self.anchor, reason=self.reason)


def overlapping(times: Iterable[TimeItem], start: int, end: int) -> list[TimeItem]:
    """The time items whose characters overlap [start, end), in text order."""
    return sorted((t for t in times if t.start < end and start < t.end), key=lambda t: t.start)


def dated(times: Iterable[TimeItem], start: int, end: int) -> list[TimeItem]:
    """Like ``overlapping``, keeping only items that name calendar days (dates, times, intervals)."""
    return [t for t in overlapping(times, start, end)
            if t.kind in ("date", "time", "interval") and t.start_date is not None]
