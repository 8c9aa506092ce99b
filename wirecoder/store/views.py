"""Stories and timelines as readers see them.

A story shows every source's own claim side by side -- its date, toll, blame,
status and who it cites -- and names the fields on which the sources disagree
("fatalities: 32 (a), 34 (b)"). Nothing is averaged or picked: deciding which
source is right is the analyst's call, the store only makes the difference
visible. Timelines list, in the order things happened, the claims of one story
or everything one actor did (one line per story, however many articles
reported it) and said.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from ..errors import E, InputError
from .db import Store
from .filters import SQLITE_MAX_INT, Filters
from .queries import EventRow, events, quotes

# Claim fields compared across sources, with how each is read from an event row.
COMPARED = {
    "date": lambda r: r.when_start if r.when_start == r.when_end or not r.when_end else f"{r.when_start}/{r.when_end}",
    "status": lambda r: r.status,
    "fatalities": lambda r: r.fatalities,
    "injured": lambda r: r.injured,
    "blame": lambda r: ", ".join(a.name for a in r.source_actors) or None,
    "target": lambda r: ", ".join(a.name for a in r.target_actors) or None,
    "place": lambda r: r.location.name if r.location else None,
    "mode": lambda r: r.mode,
}


@dataclass(frozen=True)
class SourceClaim:
    """One source's account of the story's event."""

    article: str
    url: str | None
    source: str | None
    published: str | None
    event: str
    values: dict  # COMPARED field -> value
    reporter: str | None
    evidence: str
    confidence: float


@dataclass(frozen=True)
class StoryView:
    id: int
    type: str
    mode: str | None
    start: str | None
    end: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    n_articles: int
    claims: list[SourceClaim] = field(default_factory=list)
    disagreements: dict = field(default_factory=dict)  # field -> [(article, value), ...]

    @property
    def label(self) -> str:
        what = self.type + (f"/{self.mode}" if self.mode else "")
        return f"{what} in {self.place or '?'}, {self.start or 'undated'}"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["label"] = self.label
        data["disagreements"] = {k: [{"article": a, "value": v} for a, v in pairs]
                                 for k, pairs in self.disagreements.items()}
        return data


def story(store: Store, story_id: int) -> StoryView:
    if not 0 < story_id <= SQLITE_MAX_INT:  # no such row, and SQLite could not even be asked
        raise InputError(E.E058, story=story_id, path=store.path)
    row = store.execute("SELECT pk, type, mode, start_date, end_date, place, country, lat, lon, n_articles "
                        "FROM stories WHERE pk = ?", (story_id,)).fetchone()
    if row is None:
        raise InputError(E.E058, story=story_id, path=store.path)
    claims = [_claim(r) for r in events(store, Filters(story=story_id))]
    claims.sort(key=lambda c: (c.published or "", c.article, c.event))
    return StoryView(*row, claims=claims, disagreements=_disagreements(claims))


def _claim(row: EventRow) -> SourceClaim:
    return SourceClaim(row.article, row.url, row.source, row.published, row.id,
                 {name: read(row) for name, read in COMPARED.items()}, row.reporter, row.evidence, row.confidence)


def _disagreements(claims: list[SourceClaim]) -> dict:
    found = {}
    for name in COMPARED:
        values = [(c.article, c.values[name]) for c in claims if c.values[name] is not None]
        if len({v for _, v in values}) > 1:
            found[name] = values
    return found


def stories(store: Store, f: Filters = Filters(), min_articles: int = 1) -> Iterator[StoryView]:
    """Stories (without their claims) whose events match ``f``, by date."""
    ids = sorted({row.story for row in events(store, Filters(**{**asdict(f), "limit": None}))
                  if row.story is not None})
    shown, min_articles = 0, min(min_articles, SQLITE_MAX_INT)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        marks = ",".join("?" * len(chunk))
        for row in store.execute(
                "SELECT pk, type, mode, start_date, end_date, place, country, lat, lon, n_articles FROM stories "
                f"WHERE pk IN ({marks}) AND n_articles >= ? ORDER BY start_date, pk", [*chunk, min_articles]):
            yield StoryView(*row)
            shown += 1
            if f.limit and shown >= f.limit:
                return


@dataclass(frozen=True)
class Entry:
    """One line of a timeline."""

    date: str | None
    what: str  # "ASSAULT/aerial", "said", ...
    text: str
    status: str | None
    sources: list[str]  # article ids
    story: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def story_timeline(store: Store, story_id: int) -> list[Entry]:
    """Each source's claim of one story, by the date it gives, then publication."""
    view = story(store, story_id)
    entries = [Entry(c.values["date"], f"reported by {c.source or c.article}", c.evidence, c.values["status"],
                     [c.article]) for c in view.claims]
    return sorted(entries, key=lambda e: (e.date or "", e.sources))


def actor_timeline(store: Store, name: str, f: Filters = Filters()) -> list[Entry]:
    """What an actor did (one entry per story) and said, in date order."""
    entries, by_story = [], {}
    for row in events(store, Filters(**{**asdict(f), "actor": name, "limit": None})):
        if row.story is not None and row.story in by_story:
            by_story[row.story].sources.append(row.article)
            continue
        entry = Entry(row.when_start, row.type + (f"/{row.mode}" if row.mode else ""), row.evidence, row.status,
                      [row.article], row.story)
        entries.append(entry)
        if row.story is not None:
            by_story[row.story] = entry
    quote_filters = Filters(actor=name, since=f.since, until=f.until, country=f.country)
    for q in quotes(store, quote_filters):
        entries.append(Entry(q.date, "said" + (f" ({q.channel})" if q.channel else ""),
                             q.text, None, [q.article]))
    entries.sort(key=lambda e: (e.date is None, e.date or "", e.what))
    return entries[:f.limit] if f.limit else entries
