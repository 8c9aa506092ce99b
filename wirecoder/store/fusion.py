"""Story fusion: do two reported events describe the same real-world event?

Pure functions over ``Claim`` values (what one article says about one event),
with no database, so the store, the evaluation and the tests share one rule.
Two claims can belong to the same story when they have the same PLOVER type,
overlapping time (a day apart at most, after widening each date to its
precision), come from different articles or one sentence (an article's own
mentions of one event are merged by the events stage), the same or a nearby place (the radius grows as the coarser of the
two locations gets coarser: a town, a province, a country), and actors that do
not contradict each other. The score weighs time, place, actors and mode; a
claim joins the story holding its best-scoring claim above the threshold (in
``data/stories/fusion.json``). Counts, blame and status are never compared: they
are what each source claims, shown side by side, not evidence of identity.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..settings import DATA_DIR

COARSE = ("country", "region")


@dataclass(frozen=True)
class Claim:
    """One article's report of one event, reduced to what fusion compares."""

    type: str
    mode: str | None = None
    start: date | None = None
    end: date | None = None
    dated: bool = True  # False: the dates are the publication window, not the event's
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # exact, town, admin2, admin1, country, region
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    actors: frozenset[str] = field(default_factory=frozenset)  # keys of source and target actors
    words: frozenset[str] = field(default_factory=frozenset)  # words of the evidence sentence, as written
    published: date | None = None  # the reporting article's publication date (finds copies)
    article: str | None = None  # the reporting article: its events of different sentences are never one story

    def to_json(self) -> str:
        data = asdict(self)
        data["start"] = self.start.isoformat() if self.start else None
        data["end"] = self.end.isoformat() if self.end else None
        data["actors"] = sorted(self.actors)
        data["words"] = sorted(self.words)
        data["published"] = self.published.isoformat() if self.published else None
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Claim:
        data = json.loads(text)
        for key in ("start", "end"):
            data[key] = date.fromisoformat(data[key]) if data[key] else None
        data["actors"] = frozenset(data["actors"])
        data["words"] = frozenset(data.get("words", ()))
        data["published"] = date.fromisoformat(data["published"]) if data.get("published") else None
        data.setdefault("article", None)  # claims stored before the field existed
        return cls(**data)


@dataclass(frozen=True)
class Params:
    radius_km: dict[str, float]
    place_weight_by_precision: dict[str, float]
    unknown_place: float
    max_gap_days: int
    published_window_days: int
    undated_time: float
    weights: dict[str, float]
    threshold: float
    same_text_jaccard: float  # evidence sentences this alike are one report, copied or reworded
    same_sentence_jaccard: float  # this alike, and no other place named: one report whatever the dates
    same_text_score: float
    copy_window_days: int  # how far apart two articles carrying one sentence may be published


@lru_cache(maxsize=1)
def params() -> Params:
    with open(DATA_DIR / "stories" / "fusion.json", encoding="utf-8") as handle:
        data = json.load(handle)
    data.pop("_about", None)
    return Params(**data)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _time(a: Claim, b: Claim, p: Params) -> float | None:
    if None in (a.start, a.end, b.start, b.end):
        return None
    gap = max(0, (b.start - a.end).days, (a.start - b.end).days)
    if gap > p.max_gap_days:
        return None
    if not (a.dated and b.dated):
        return p.undated_time
    width = max((a.end - a.start).days, (b.end - b.start).days)
    return 1.0 / (1.0 + gap + width / 3.0)


def _coarser(a: str | None, b: str | None) -> str:
    order = ("exact", "town", "admin2", "admin1", "country", "region")
    ranks = [order.index(x) if x in order else len(order) - 1 for x in (a, b)]
    return order[max(ranks)]


def _place(a: Claim, b: Claim, p: Params) -> float | None:
    if a.country and b.country and a.country != b.country:
        return None
    if a.lat is None or b.lat is None:
        return p.unknown_place
    coarse = _coarser(a.precision, b.precision)
    weight = p.place_weight_by_precision.get(coarse, p.unknown_place)
    if coarse in COARSE:
        return weight  # same country (or unknown): compatible, weak evidence
    radius = p.radius_km[coarse]
    distance = distance_km(a.lat, a.lon, b.lat, b.lon)
    same_province = coarse == "admin1" and a.admin1 and a.admin1 == b.admin1
    if distance > radius and not same_province:
        return None
    return weight * (1.0 - 0.5 * min(distance, radius) / radius)


def _actors(a: Claim, b: Claim) -> float:
    if not a.actors or not b.actors:
        return 0.5
    shared = a.actors & b.actors
    if not shared:
        return 0.0  # different blame can still fuse when time and place agree strongly
    return 0.6 + 0.4 * len(shared) / len(a.actors | b.actors)


def _alike(a: Claim, b: Claim) -> float:
    """Jaccard overlap of the two evidence sentences' words, case folded (0 when either is unknown)."""
    if not a.words or not b.words:
        return 0.0
    x, y = {w.casefold() for w in a.words}, {w.casefold() for w in b.words}
    return len(x & y) / len(x | y)


def copied(a: Claim, b: Claim, p: Params) -> bool:
    """The same sentence, reworded at most in common words: no name or number differs.

    Then it is one report of one event, whatever dates and places each article's
    context lent it ("Russian drones struck Sumy" vs "... struck Kharkiv" differ in a name).
    """
    if _alike(a, b) < p.same_sentence_jaccard:
        return False
    return not any(w[:1].isupper() or w[:1].isdigit() for w in a.words ^ b.words)


def score(a: Claim, b: Claim, p: Params | None = None) -> float | None:
    """How strongly two claims look like one event, or None when they cannot be."""
    p = p or params()
    if a.type != b.type:
        return None
    if copied(a, b, p):
        return p.same_text_score
    alike = _alike(a, b)
    when = _time(a, b, p)
    if when is None:
        return None
    where = _place(a, b, p)
    if where is None:
        return None
    mode = 1.0 if a.mode == b.mode or a.mode is None or b.mode is None else 0.0
    w = p.weights
    total = w["time"] * when + w["place"] * where + w["actors"] * _actors(a, b) + w["mode"] * mode
    if alike >= p.same_text_jaccard:
        # syndicated or rewritten copies tell one event in (nearly) the same sentence
        total = max(total, p.same_text_score)
    return total


def keeps_span(claim: Claim, members: list[Claim], p: Params) -> bool:
    """Joining must not stretch the story's dates: without this, an event that
    recurs daily (shelling of one town) would chain into one month-long story."""
    dated = [c for c in (*members, claim) if c.dated and c.start and c.end]
    if len(dated) < 2:
        return True
    widest = max((c.end - c.start).days for c in dated)
    span = (max(c.end for c in dated) - min(c.start for c in dated)).days
    return span <= widest + p.max_gap_days


def best_story(claim: Claim, candidates: Iterable[tuple[object, list[Claim]]],
               p: Params | None = None) -> object | None:
    """The candidate story whose closest claim scores highest, if above the threshold."""
    p = p or params()
    best, best_score = None, p.threshold
    candidates = list(candidates)
    for story, members in candidates:  # a copy of a member's sentence is decisive: it is that report again
        if any(copied(claim, m, p) for m in members):
            return story
    for story, members in candidates:
        if claim.article is not None and any(m.article == claim.article and m.words != claim.words for m in members):
            continue  # the article told it elsewhere already: its own mentions were merged by the events stage
        is_copy = any(copied(claim, m, p) for m in members)
        if not is_copy and not keeps_span(claim, members, p):
            continue
        found = max((s for s in (score(claim, m, p) for m in members) if s is not None), default=None)
        if found is not None and found >= best_score:
            best, best_score = story, found
    return best


def shifted(day: date, days: int) -> date:
    """``day`` moved by ``days``, kept within the calendar (years 1 to 9999): a
    window around 31 December 9999 ends there rather than overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def window(claim: Claim, p: Params | None = None) -> tuple[date, date] | None:
    """Dates a candidate story must touch to possibly match ``claim``."""
    p = p or params()
    if claim.start is None or claim.end is None:
        return None
    return shifted(claim.start, -p.max_gap_days), shifted(claim.end, p.max_gap_days)


def copy_window(claim: Claim, p: Params | None = None) -> tuple[date, date] | None:
    """Publication dates of articles that may carry a copy of ``claim``'s sentence."""
    p = p or params()
    if claim.published is None:
        return None
    return shifted(claim.published, -p.copy_window_days), shifted(claim.published, p.copy_window_days)


class Fuser:
    """In-memory fusion over many claims (the store does the same through SQL)."""

    def __init__(self, p: Params | None = None):
        self.p = p or params()
        self.stories: list[list[Claim]] = []
        self._by_day: dict[tuple[str, int], set[int]] = {}
        self._by_published: dict[tuple[str, int], set[int]] = {}

    def add(self, claim: Claim) -> int:
        """Put ``claim`` into its story (a new one if none matches); return the story index."""
        ids = set()
        for index, span in ((self._by_day, window(claim, self.p)), (self._by_published, copy_window(claim, self.p))):
            if span is not None:
                for day in range(span[0].toordinal(), span[1].toordinal() + 1):
                    ids |= index.get((claim.type, day), set())
        found = best_story(claim, ((i, self.stories[i]) for i in sorted(ids)), self.p) if ids else None
        if found is None:
            found = len(self.stories)
            self.stories.append([])
        self.stories[found].append(claim)
        if claim.start is not None and claim.end is not None:
            for day in range(claim.start.toordinal(), claim.end.toordinal() + 1):
                self._by_day.setdefault((claim.type, day), set()).add(found)
        if claim.published is not None:
            self._by_published.setdefault((claim.type, claim.published.toordinal()), set()).add(found)
        return found
