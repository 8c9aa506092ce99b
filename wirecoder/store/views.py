"""Stories and timelines as readers see them.

A story shows every source's own claim side by side -- its date, toll, blame,
status and who it cites -- and names the fields on which the sources disagree
("fatalities: 32 (a), 34 (b)"). Nothing is averaged or picked: deciding which
source is right is the analyst's call, the store only makes the difference
visible. Timelines list, in the order things happened, the claims of one story
or everything one actor did (one line per story, however many articles
reported it) and said. Every date shown is one the records hold: a story's
dates span its events' own windows ("undated" when none has one), never the
publication-day fallback fusion matches undated events with.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple
from dataclasses import asdict, dataclass, field, replace

from ..errors import E, InputError
from .db import Store
from .filters import SQLITE_MAX_INT, Filters
from .queries import EVENT_ORDER, EventRow, QuoteRow, _fts, event_rows, events, quote_rows, quotes
from .targets import EVENT_WINDOW, EVENTS, QUOTE_DAY, QUOTES, limited, select, where


def window(start: str | None, end: str | None) -> str | None:
    """A date window as shown: "2025-01-18", or "2025-01-18/2025-01-20"; None when undated."""
    return start if not end or end == start else f"{start}/{end}"


def said_on(quote: QuoteRow) -> str | None:
    """The day a quote was said, else its article's publication day (what quote date filters read)."""
    return quote.date or (quote.published or "")[:10] or None

# Claim fields compared across sources, with how each is read from an event row.
COMPARED = {
    "date": lambda r: window(r.when_start, r.when_end),
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
        return f"{what} in {self.place or '?'}, {window(self.start, self.end) or 'undated'}"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["label"] = self.label
        data["disagreements"] = {k: [{"article": a, "value": v} for a, v in pairs]
                                 for k, pairs in self.disagreements.items()}
        return data


_STORY_SQL = ("SELECT s.pk, s.type, s.mode, min(" + EVENT_WINDOW[0] + ") AS first, max(" + EVENT_WINDOW[1] + "), s.place, "
              "s.country, s.lat, s.lon, s.n_articles FROM stories s JOIN events e ON e.story = s.pk ")


def story(store: Store, story_id: int) -> StoryView:
    if not 0 < story_id <= SQLITE_MAX_INT:  # no such row, and SQLite could not even be asked
        raise InputError(E.E058, story=story_id, path=store.path)
    row = store.execute(_STORY_SQL + "WHERE s.pk = ? GROUP BY s.pk", (story_id,)).fetchone()
    if row is None:
        raise InputError(E.E058, story=story_id, path=store.path)
    claims = [_claim(r) for r in events(store, Filters(story=story_id))]
    claims.sort(key=lambda c: (c.published or "", c.article, c.event))
    return StoryView(*row, claims=claims, disagreements=_disagreements(claims))


def _claim(row: EventRow) -> SourceClaim:
    return SourceClaim(row.article, row.url, row.source, row.published, row.id,
                 {name: read(row) for name, read in COMPARED.items()}, row.reporter, row.evidence, row.confidence)


def _disagreements(claims: list[SourceClaim]) -> dict:
    """Fields on which two sources differ: two events of one article are one source's account, no
    disagreement between sources."""
    found = {}
    for name in COMPARED:
        values = [(c.article, c.values[name]) for c in claims if c.values[name] is not None]
        if any(a != b and u != v for a, u in values for b, v in values):
            found[name] = values
    return found


def stories(store: Store, f: Filters = Filters(), min_articles: int = 1, offset: int = 0) -> Iterator[StoryView]:
    """Stories (without their claims) whose events match ``f``, by date; ``offset``: skip that many.

    The events are selected in SQL as ``events`` selects them (their rows are never built)."""
    inner, params = where(EVENTS, replace(f, limit=None), (("e.story IS NOT NULL", []),))
    sql, params = limited(_STORY_SQL + f"WHERE s.pk IN (SELECT e.story {EVENTS.source}{inner}) AND s.n_articles >= ? "
                          "GROUP BY s.pk ORDER BY first IS NULL, first, s.start_date, s.pk",
                          [*params, min(min_articles, SQLITE_MAX_INT)], f.limit, offset)
    yield from (StoryView(*row) for row in store.execute(sql, params))


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


def story_timeline(store: Store, story_id: int, f: Filters = Filters(), offset: int = 0) -> list[Entry]:
    """Each source's claim of one story (those matching ``f``), by the date it gives, then publication;
    ``f.limit`` of them from ``offset`` (a story holds few claims: all are read, one page kept)."""
    story(store, story_id)  # E058 when there is no such story
    rows = events(store, replace(f, story=story_id, limit=None))
    entries = sorted((Entry(window(r.when_start, r.when_end), f"reported by {r.source or r.article}", r.evidence,
                            r.status, [r.article]) for r in rows), key=lambda e: (e.date is None, e.date or "",
                                                                                  e.sources))
    return entries[offset:offset + f.limit] if f.limit else entries[offset:]


class Slot(NamedTuple):
    """One line of a timeline before its rows are read: where it sorts, and the rows behind it
    (a plain tuple: a timeline of the whole store has thousands of lines, and only a page is read)."""

    date: str | None
    what: str
    kind: str  # "event" or "quote"
    pks: list[int]  # an event line: the matching events of its story (or the one event), first first


def slot_order(slot: Slot) -> tuple:
    return slot.date is None, slot.date or "", slot.what


# An event's line as ``window`` and the timelines show it: its date window, and its type/mode.
_LINE = ("CASE WHEN e.when_end IS NULL OR e.when_end = e.when_start THEN e.when_start "
         "ELSE e.when_start || '/' || e.when_end END, e.type || COALESCE('/' || e.mode, '')")


def event_slots(store: Store, f: Filters, match: str | None = None) -> list[Slot]:
    """The filtered events (of the articles matching the full-text query ``match``, if given) as
    timeline lines, one per story or per event outside any story, in the order they happened: only
    their numbers, dates and types are read."""
    extra = (("e.article IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", [match]),) if match else ()
    sql, params = select(EVENTS, f"e.pk, e.story, {_LINE}", replace(f, limit=None), extra=extra,
                         order=f"{EVENT_ORDER}, e.article, e.pk")
    rows = _fts(store, sql, params, match)  # a malformed query: E055, as search answers it
    slots, by_story = [], {}
    for pk, story_id, date, what in rows:
        if story_id is not None:
            pks = by_story.get(story_id)
            if pks is not None:  # a later event of a story already listed: one more source of its line
                pks.append(pk)
                continue
            pks = by_story[story_id] = [pk]
        else:
            pks = [pk]
        slots.append(Slot(date, what, "event", pks))
    return slots


def actor_slots(store: Store, name: str, f: Filters = Filters()) -> list[Slot]:
    """What an actor did (one line per story) and said, in date order, before any row is read whole.
    The order is that of the stored values (an analyst's corrected date shows on its line, in place)."""
    slots = event_slots(store, replace(f, actor=name))
    said = Filters(actor=name, since=f.since, until=f.until, overlap=f.overlap, country=f.country)
    sql, params = select(QUOTES, "q.pk, q.date, substr(a.published, 1, 10), q.channel", said,
                         order=f"{QUOTE_DAY}, a.pk, q.pk")
    slots += [Slot(date or published or None, "said" + (f" ({channel})" if channel else ""), "quote", [pk])
              for pk, date, published, channel in store.execute(sql, params).fetchall()]
    return sorted(slots, key=slot_order)  # stable: events first on a tie, as read


def read_slots(store: Store, slots: list[Slot]) -> tuple[dict[int, EventRow], dict[int, QuoteRow]]:
    """The rows behind ``slots`` (a page of them), as reviewed, by number."""
    wanted = {kind: [pk for s in slots if s.kind == kind for pk in s.pks] for kind in ("event", "quote")}
    found_events = {row.pk: row for i in range(0, len(wanted["event"]), 500)
                    for row in event_rows(store, wanted["event"][i:i + 500])}
    found_quotes = {row.pk: row for i in range(0, len(wanted["quote"]), 500)
                    for row in quote_rows(store, wanted["quote"][i:i + 500])}
    return found_events, found_quotes


def actor_timeline(store: Store, name: str, f: Filters = Filters(), offset: int = 0) -> list[Entry]:
    """What an actor did (one entry per story) and said, in date order: ``f.limit`` entries from
    ``offset`` (all when no limit); only the rows of those entries are read."""
    slots = actor_slots(store, name, f)
    page = slots[offset:offset + f.limit] if f.limit else slots[offset:]
    found_events, found_quotes = read_slots(store, page)
    entries = []
    for slot in page:
        if slot.kind == "quote":
            q = found_quotes[slot.pks[0]]
            entries.append(Entry(said_on(q), "said" + (f" ({q.channel})" if q.channel else ""), q.text, None,
                                 [q.article]))
            continue
        rows = [found_events[pk] for pk in slot.pks]
        row = rows[0]
        entries.append(Entry(window(row.when_start, row.when_end), row.type + (f"/{row.mode}" if row.mode else ""),
                             row.evidence, row.status, [r.article for r in rows], row.story))
    return entries
