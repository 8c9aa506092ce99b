"""What the event exports write: one source's event, or one fused story.

``--level event`` exports each article's event as that article reports it.
``--level story`` exports one row per story: the actors all sources agree on
(none where they blame different actors), the most precise place, the dates the dated sources agree on,
the lowest reported toll (ACLED's rule: the most conservative estimate) and
every source listed; the disagreements go into the notes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace

from ..store import Filters, Store
from ..store.claims import day
from ..store.queries import ActorRef, EventRow, PlaceRef, events
from ..store.views import story as story_view

PRECISION_RANK = {"exact": 0, "town": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}
TIME_RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "season": 4, "quarter": 5, "year": 6}
STATUS_ORDER = ("occurred", "ongoing", "claimed", "planned", "hypothetical", "denied", "negated")


@dataclass(frozen=True)
class Source:
    article: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None


@dataclass(frozen=True)
class Item:
    id: str
    type: str
    mode: str | None
    status: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    start: str | None
    end: str | None
    precision: str | None
    source_actors: tuple[ActorRef, ...]
    target_actors: tuple[ActorRef, ...]
    location: PlaceRef | None
    fatalities: int | None
    injured: int | None
    sources: tuple[Source, ...]
    notes: str
    trigger: str
    confidence: float
    story: int | None
    ingested_at: str
    disagreements: dict = field(default_factory=dict)
    pk: int = 0  # the event's (or the story's) number in the store: stable across exports
    background: bool = False  # told as history or habit; exported only with --background
    reviewed: str | None = None  # an analyst's verdict (accept, reject, correct); values above are corrected
    review: dict | None = None  # who and when: {id, reviewer, reviewed_at, note}
    machine: dict | None = None  # the machine's values of the corrected fields

    @property
    def is_story(self) -> bool:
        return self.id.startswith("story-")

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def first_day(self) -> str:
        """The first day of the event's date ("2025-12" -> "2025-12-01"), or ""."""
        found = day(self.start)
        return found.isoformat() if found else ""


def from_row(row: EventRow) -> Item:
    return Item(
        id=f"{row.article}#{row.id}", type=row.type, mode=row.mode, status=row.status,
        acled_event_type=row.acled_event_type, acled_sub_event_type=row.acled_sub_event_type,
        start=row.when_start, end=row.when_end or row.when_start, precision=row.when_precision,
        source_actors=row.source_actors, target_actors=row.target_actors, location=row.location,
        fatalities=row.fatalities, injured=row.injured,
        sources=(Source(row.article, row.url, row.title, row.source, row.published),),
        notes=" ".join(row.evidence.split()), trigger=row.trigger, confidence=row.confidence, story=row.story,
        ingested_at=row.ingested_at, pk=row.pk, background=row.background, reviewed=row.reviewed,
        review=row.review, machine=row.machine)


def items(store: Store, f: Filters = Filters(), level: str = "event") -> Iterator[Item]:
    if level == "event":
        yield from (from_row(row) for row in events(store, f))
        return
    done: set[int] = set()
    for row in events(store, replace(f, limit=None)):
        if row.story is None:
            yield from_row(row)
        elif row.story not in done:
            done.add(row.story)
            yield fuse(store, row.story)
            if f.limit and len(done) >= f.limit:
                return


def _agreed(groups) -> tuple[ActorRef, ...]:
    """Actors named by every source that names any: where sources blame different
    actors, the story names none (the notes carry each source's version)."""
    named = [group for group in groups if group]
    if not named:
        return ()
    keys = set.intersection(*({(a.name, a.country) for a in group} for group in named))
    return tuple(a for a in named[0] if (a.name, a.country) in keys)


def fuse(store: Store, story: int) -> Item:
    rows = list(events(store, Filters(story=story)))
    view = story_view(store, story)
    dated = [r for r in rows if r.when_start]
    located = [r for r in rows if r.location is not None]
    statuses = Counter(r.status for r in rows)
    status = min(statuses, key=lambda s: (-statuses[s], STATUS_ORDER.index(s)))
    acled = Counter((r.acled_event_type, r.acled_sub_event_type) for r in rows if r.acled_event_type)
    tolls = [r.fatalities for r in rows if r.fatalities is not None]
    hurt = [r.injured for r in rows if r.injured is not None]
    notes = " | ".join(dict.fromkeys(" ".join(r.evidence.split()) for r in rows))
    if view.disagreements:
        notes += " || sources disagree on " + "; ".join(
            f"{name}: " + ", ".join(f"{v} ({a})" for a, v in pairs) for name, pairs in view.disagreements.items())
    sources = {r.article: Source(r.article, r.url, r.title, r.source, r.published) for r in rows}
    return Item(
        id=f"story-{story}", type=view.type, mode=view.mode, status=status,
        acled_event_type=acled.most_common(1)[0][0][0] if acled else None,
        acled_sub_event_type=acled.most_common(1)[0][0][1] if acled else None,
        start=min(r.when_start for r in dated) if dated else None,
        end=max(r.when_end or r.when_start for r in dated) if dated else None,
        precision=min((r.when_precision for r in dated if r.when_precision), key=lambda p: TIME_RANK.get(p, 9),
                      default=None),
        source_actors=_agreed(r.source_actors for r in rows), target_actors=_agreed(r.target_actors for r in rows),
        location=min(located, key=lambda r: PRECISION_RANK.get(r.location.precision, 9)).location if located
        else None,
        fatalities=min(tolls) if tolls else None, injured=min(hurt) if hurt else None,
        sources=tuple(sources.values()), notes=notes, trigger=rows[0].trigger if rows else "",
        confidence=max((r.confidence for r in rows), default=0.0), story=story,
        ingested_at=max(r.ingested_at for r in rows) if rows else "",
        disagreements={k: [list(p) for p in v] for k, v in view.disagreements.items()}, pk=story)
