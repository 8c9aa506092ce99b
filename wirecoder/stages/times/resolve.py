"""Readings -> calendar values, in text order.

Deictic expressions ("yesterday", "last week", "three years ago", "the past
week") count from the publication date; anaphoric ones ("a year earlier",
"the next day", "the year-earlier quarter") from the last date the article
mentioned before them, which is tracked as the text is read; a clock time
("10:35 a.m.") takes the day named in its sentence; "the eve of the visit"
takes the date the article gives for the visit. With no publication date,
anything relative stays unresolved: value None and a reason. The wall clock
is never consulted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .calendar import Point, narrow, shift, span
from .items import KINDS, TimeItem
from .placing import place_weekday, place_yearless
from .readings import EventDate, Fixed, Reading, Shift, Stretch, Weekday, Yearless
from .tense import Governor

ORDER = ("day", "weekend", "week", "month", "quarter", "season", "half", "year", "decade", "century")
UNIT_PRECISION = {"S": "time", "M": "month", "H": "time", "D": "day", "W": "week", "Y": "year", "Q": "quarter",
                  "E": "decade", "C": "century"}
REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
NO_PUBLISHED = "relative to the publication date, which is unknown"
OFF_CALENDAR = "the date falls outside the calendar (years 1 to 9999)"


@dataclass
class Candidate:
    """A kept match with what the parse says about it."""

    start: int
    end: int
    text: str
    rule: str
    reading: Reading
    governor: Governor
    sentence: int  # index of the sentence's first token


@dataclass
class Resolution:
    value: str | None = None
    point: Point | None = None
    anchor: str | None = None
    reason: str | None = None
    interval: tuple[date, date] | None = field(default=None)


def coarser(a: str, b: str) -> str:
    return a if ORDER.index(a) >= ORDER.index(b) else b


def _precision_of_period(value: str | None) -> str:
    """How finely a duration or set is given: P3D day, PT5H time, XXXX-WXX-1 day, XXXX-07 month."""
    if not value:
        return "unknown"
    if value.startswith("PT") or re.search(r"\dT|XT", value):
        return "time"
    if value.startswith("XXXX"):
        return "day" if re.search(r"-WXX-\d|XX-XX$", value) else "month" if re.fullmatch(r"XXXX-\d\d", value) \
            else "week" if value.endswith("WE") else "year"
    unit = re.search(r"([A-Z])$", value)
    return UNIT_PRECISION.get(unit.group(1), "unknown") if unit else "unknown"


class References:
    """The dates mentioned so far that anaphoric expressions count from."""

    PERIODS = frozenset({"week", "month", "quarter", "half", "season"})

    def __init__(self):
        self.last: tuple[Point, str] | None = None
        self.period: tuple[Point, str] | None = None
        self.by_granularity: dict[str, tuple[Point, str]] = {}

    def note(self, point: Point, item_id: str) -> None:
        self.last = (point, item_id)
        self.by_granularity[point.granularity] = (point, item_id)
        if point.granularity in self.PERIODS:
            self.period = (point, item_id)

    def for_shift(self, core: Shift) -> tuple[Point, str] | None:
        if core.base == "reference":
            return self.last
        if core.base == "period":  # "the quarter": the last quarter mentioned
            return self.by_granularity.get(core.granularity)
        if core.base == "comparative":
            if self.period is not None:
                return self.period
            if self.last is not None and ORDER.index(self.last[0].granularity) < ORDER.index("year"):
                return self.last
        return None


def _on_calendar(step, *args):
    """Run a resolution step; a date pushed past year 1 or 9999 ("99999999 days
    ago", "a day after 31 December 9999") is left unresolved with a reason."""
    try:
        return step(*args)
    except (OverflowError, ValueError) as err:
        if isinstance(err, ValueError) and "out of range" not in str(err):
            raise  # not a date off the calendar: a bug, for the runner to name
    if step.__name__ == "apply":
        item = args[0]
        item.value = item.start_date = item.end_date = None
        item.anchor, item.reason = None, OFF_CALENDAR
        return None
    return Resolution(reason=OFF_CALENDAR)


def _trace_anchors(items: list[TimeItem]) -> None:
    """Marks each time counted from another ("two years later", "the next day") with the
    stated date its chain of anchors starts from ("in 2010"): a date counted from a date
    the text gives whole is as good as that date. A chain that starts at publication, or
    at nothing, leaves ``counted_from`` empty."""
    by_id = {item.id: item for item in items}
    for item in items:
        seen, node = {item.id}, item
        while node.anchor in by_id and node.anchor not in seen:
            seen.add(node.anchor)
            node = by_id[node.anchor]
        if node is not item and node.anchor is None and node.value is not None:
            item.counted_from = node.text


class Resolver:
    def __init__(self, event_nouns: dict[str, frozenset[str]]):
        self.event_nouns = event_nouns

    def run(self, candidates: list[Candidate], published: date | None) -> list[TimeItem]:
        items = [TimeItem(id=f"T{i}", text=c.text, start=c.start, end=c.end, kind=KINDS[c.reading.type],
                          type=c.reading.type, mod=c.reading.mod, rule=c.rule, tense=c.governor.tense)
                 for i, c in enumerate(candidates, 1)]
        points: dict[str, Point] = {}
        references = References()
        later = []
        for cand, item in zip(candidates, items):
            core = cand.reading.core
            if isinstance(core, EventDate) or isinstance(core, Shift) and core.base == "sentence":
                later.append((cand, item))
                continue
            result = _on_calendar(self.resolve, cand, published, references)
            _on_calendar(self.apply, item, cand, result, published)
            if result.point is not None and cand.reading.type in ("DATE", "TIME"):
                points[item.id] = result.point
                if not (isinstance(core, Shift) and core.base == "comparative"):
                    references.note(result.point, item.id)
        days_by_sentence: dict[int, list] = {}
        for cand, item in zip(candidates, items):
            point = points.get(item.id)
            if point is not None and point.granularity == "day":
                days_by_sentence.setdefault(cand.sentence, []).append((cand.start, item.id, point))
        for cand, item in later:
            if isinstance(cand.reading.core, EventDate):
                result = _on_calendar(self.event_date, cand, candidates, items, points)
            else:
                result = _on_calendar(self.sentence_day, cand, published, days_by_sentence)
            _on_calendar(self.apply, item, cand, result, published)
        _trace_anchors(items)
        return items

    # -- one reading -------------------------------------------------------
    def resolve(self, cand: Candidate, published: date | None, references: "References") -> Resolution:
        core, tense = cand.reading.core, cand.governor.tense
        if isinstance(core, Fixed):
            return self.fixed(cand.reading, published)
        if isinstance(core, Stretch):
            if published is None or core.n is None:
                return Resolution(core.duration)
            unit, n = core.unit, int(round(core.n))
            if unit in ("H", "MIN", "S"):  # "the past 48 hours": the days those hours touch
                unit, n = "D", -(-int(core.n * {"H": 60, "MIN": 1, "S": 0}[core.unit]) // 1440)
            other = shift(published, unit, -n if core.direction == "past" else n)
            first, last = sorted((published, other))
            return Resolution(f"{first.isoformat()}/{last.isoformat()}", anchor="published", interval=(first, last))
        reference = references.for_shift(core) if isinstance(core, Shift) else None
        if reference is not None:
            base, ref_id = reference
            granularity = base.granularity if core.granularity == "reference" else coarser(core.granularity,
                                                                                           base.granularity)
            return self.point(Point(shift(base.day, core.unit, core.n), granularity), ref_id)
        if published is None:
            return Resolution(reason=NO_PUBLISHED)
        if isinstance(core, Shift):
            granularity = "year" if core.granularity == "reference" else core.granularity
            # with no period under discussion, "the quarter" is the last full one before publication
            n = core.n - 1 if core.base == "period" else core.n
            return self.point(Point(shift(published, core.unit, n), granularity), "published")
        if isinstance(core, Yearless):
            placed = place_yearless(core, published, tense)
            if placed is None:
                return Resolution(reason="no such day in the years near publication")
            if core.until_day is not None:  # "December 8-9"
                last = placed.day.replace(day=core.until_day)
                return Resolution(f"{placed.value}/{last.isoformat()}", placed, "published",
                                  interval=(placed.day, last))
            return self.point(placed, "published")
        if isinstance(core, Weekday):
            if tense == "progressive" and cand.governor.direct:
                tense = "future"  # "the leaders are meeting on Monday": an arrangement ahead
            return self.point(place_weekday(core, published, tense), "published")
        raise TypeError(f"unknown reading {core!r}")

    @staticmethod
    def point(point: Point, anchor: str | None) -> Resolution:
        return Resolution(point.value, point, anchor)

    @staticmethod
    def fixed(reading: Reading, published: date | None) -> Resolution:
        value = reading.core.value
        if value in REFS:
            return Resolution(value, Point(published, "day") if value == "PRESENT_REF" and published else None,
                              "published" if published else None)
        if reading.type in ("DURATION", "SET"):
            return Resolution(value)
        first, _, precision = span(value)
        granularity = {"time": "day"}.get(precision, precision)
        point = Point(first, granularity) if first is not None and granularity in ORDER else None
        return Resolution(value, point)

    def sentence_day(self, cand: Candidate, published, days_by_sentence) -> Resolution:
        """A clock time takes the nearest day named in its sentence, else the publication date."""
        same = [(abs(start - cand.start), item_id, point)
                for start, item_id, point in days_by_sentence.get(cand.sentence, ())]
        if same:
            _, item_id, point = min(same, key=lambda x: x[0])
            return self.point(point, item_id)
        if published is None:
            return Resolution(reason=NO_PUBLISHED)
        return self.point(Point(published, "day"), "published")

    def event_date(self, cand: Candidate, candidates, items, points) -> Resolution:
        core: EventDate = cand.reading.core
        related = self.event_nouns.get(core.noun, frozenset({core.noun}))
        found = [(c, i) for c, i in zip(candidates, items) if i.id in points and points[i.id].granularity == "day"
                 and not isinstance(c.reading.core, EventDate) and c.governor.lemmas & related]
        before = [(c, i) for c, i in found if c.start < core.noun_start]
        chosen = before[-1] if before else (found[0] if found else None)
        if chosen is None:
            return Resolution(reason=f"the date of the {core.noun} is not given in the text")
        base = points[chosen[1].id]
        return self.point(Point(shift(base.day, "D", core.days), "day"), chosen[1].id)

    # -- onto the item --------------------------------------------------------
    @staticmethod
    def apply(item: TimeItem, cand: Candidate, result: Resolution, published: date | None) -> None:
        reading = cand.reading
        item.anchor, item.reason = result.anchor, result.reason
        value = result.value
        if result.interval is not None:
            item.kind = "interval"
            item.duration = reading.core.duration if isinstance(reading.core, Stretch) else None
            item.start_date, item.end_date = (d.isoformat() for d in result.interval)
            item.value, item.precision = value, "day"
            return
        if reading.type in ("DURATION", "SET"):
            item.value, item.duration = value, value if reading.type == "DURATION" else None
            item.precision = _precision_of_period(value)
            if isinstance(reading.core, Stretch):
                item.duration = reading.core.duration
            return
        point = result.point
        if value is not None and reading.part and point is not None and point.granularity == "day":
            value = f"{value}T{reading.part}"
        item.value = value
        if value and "/" in value:
            item.kind = "interval"  # "8-10 December 2025"
        first, last, precision = span(value, published)
        if value == "PAST_REF" and published:
            last = published
        if value == "FUTURE_REF" and published:
            first = published
        first, last = narrow(first, last, reading.mod)
        item.start_date = first.isoformat() if first else None
        item.end_date = last.isoformat() if last else None
        item.precision = precision
