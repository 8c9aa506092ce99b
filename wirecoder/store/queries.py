"""Reading the store: events, quotes, actors and full-text search.

Each query takes a ``Filters`` and yields frozen rows with every name
resolved (an event's actors, place and reporter are names, not per-article
entity ids), which the CLI prints as a table or JSON and the exports reuse.
An event's date is the date it happened (``when``); an event without one
matches no date filter (it sorts by its publication date, and ``when_start``
stays empty). What every filter means is in ``targets.py``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace

from ..errors import E, InputError
from .db import Store
from .filters import Filters, checked_limit
from .targets import ACTORS, EVENTS, QUOTE_DAY, QUOTES, RECORDS, limited, select, where

# The order events happened: their own start, undated ones by their article's publication day, as
# kept on the event row (``events.sort_day``, migration 6) in the order of an index: lists read no article to sort.
EVENT_ORDER = "e.sort_day"


@dataclass(frozen=True)
class ActorRef:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class PlaceRef:
    id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    geonameid: int | None


@dataclass(frozen=True)
class EventRow:
    pk: int
    article: str
    url: str | None
    title: str | None
    source: str | None
    published: str | None
    id: str
    type: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    status: str
    when_start: str | None
    when_end: str | None
    when_precision: str | None
    when_text: str | None
    fatalities: int | None
    injured: int | None
    reported_by: str | None
    reporter: str | None
    evidence: str
    trigger: str
    confidence: float
    story: int | None
    ingested_at: str
    location: PlaceRef | None = None
    source_actors: tuple[ActorRef, ...] = ()
    target_actors: tuple[ActorRef, ...] = ()
    counts: tuple[tuple[float, str | None], ...] = ()
    background: bool = False  # told as history or habit (listed only when asked for)
    reviewed: str | None = None  # an analyst's current verdict: accept, reject, correct (reviews.py)
    review: dict | None = None  # who and when: {id, reviewer, reviewed_at, note}
    machine: dict | None = None  # the machine's values of the fields a correction changed

    def to_dict(self) -> dict:
        data = asdict(self)
        data["counts"] = [{"value": v, "unit": u} for v, u in self.counts]
        return data


_EVENT_COLUMNS = """e.pk, a.id, a.url, a.title, a.source, a.published, e.id, e.type, e.mode, e.acled_event_type,
       e.acled_sub_event_type, e.status, e.when_start, e.when_end, e.when_precision, e.when_text,
       e.fatalities, e.injured, e.reported_by, COALESCE(rs.name, rq.speaker_text, re.name),
       substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start), e.trigger, e.confidence,
       e.story, a.ingested_at,
       l.id, l.name, l.kind, COALESCE(l.geo_country, l.country), l.admin1, l.lat, l.lon, l.geo_precision,
       l.geonameid, e.background"""
_REPORTER_JOINS = """LEFT JOIN quotes rq ON rq.article = e.article AND rq.id = e.reported_by
LEFT JOIN entities rs ON rs.article = e.article AND rs.id = rq.speaker
LEFT JOIN entities re ON re.article = e.article AND re.id = e.reported_by"""


def events(store: Store, f: Filters = Filters(), order_by: str = "", offset: int = 0) -> Iterator[EventRow]:
    """Events matching ``f``, in the order they happened (undated ones by publication),
    as reviewed: an analyst's corrections applied, the machine's values under ``machine``.

    ``order_by``: SQL ordering terms to sort by first (the web page's column sorts); a
    constant of the caller's, never text from a user. ``offset``: skip that many (a page)."""
    order = f"{order_by + ', ' if order_by else ''}{EVENT_ORDER}, e.article, e.pk"
    if f.limit or offset:  # a page: its events are picked first, then read (the evidence is cut from the
        # article's text, and SQLite would read the text of every event it sorts, not only of those kept)
        picked, params = select(EVENTS, "e.pk", f, order=order, offset=offset)
        sql = f"SELECT {_EVENT_COLUMNS} {EVENTS.source} {_REPORTER_JOINS} WHERE e.pk IN ({picked}) ORDER BY {order}"
    else:
        sql, params = select(EVENTS, _EVENT_COLUMNS, f, joins=_REPORTER_JOINS, order=order)
    cursor = store.execute(sql, params)
    while batch := cursor.fetchmany(500):
        yield from _reviewed(store, _complete(store, batch))


def event_rows(store: Store, pks: list[int], reviewed: bool = True) -> list[EventRow]:
    """These events (by number), as the machine coded them or (``reviewed``) as reviewed."""
    marks = ",".join("?" * len(pks))
    rows = _complete(store, store.execute(
        f"SELECT {_EVENT_COLUMNS} {EVENTS.source} {_REPORTER_JOINS} WHERE e.pk IN ({marks}) ORDER BY e.pk",
        pks).fetchall())
    return _reviewed(store, rows) if reviewed else rows


def _reviewed(store: Store, rows: list[EventRow]) -> list[EventRow]:
    from .reviews import apply_event, current

    found = current(store, "event", [r.pk for r in rows])
    return [apply_event(r, found.get(r.pk)) for r in rows] if found else rows


def _complete(store: Store, batch: list[tuple]) -> list[EventRow]:
    pks = [row[0] for row in batch]
    marks = ",".join("?" * len(pks))
    actors: dict[tuple[int, str], list[ActorRef]] = {}
    for event, side, eid, name, kind, country, sector in store.execute(
            "SELECT ea.event, ea.side, en.id, en.name, en.kind, en.country, en.sector FROM event_actors ea "
            f"JOIN entities en ON en.article = ea.article AND en.id = ea.entity WHERE ea.event IN ({marks}) "
            "ORDER BY ea.event, ea.side, ea.position", pks):
        actors.setdefault((event, side), []).append(ActorRef(eid, name, kind, country, sector))
    counts: dict[int, list] = {}
    for event, value, unit in store.execute(
            f"SELECT event, value, unit FROM event_counts WHERE event IN ({marks}) ORDER BY event, position", pks):
        counts.setdefault(event, []).append((value, unit))
    rows = []
    for row in batch:
        place = PlaceRef(*row[25:34]) if row[25] is not None else None
        rows.append(EventRow(*row[:25], location=place,
                             source_actors=tuple(actors.get((row[0], "source"), ())),
                             target_actors=tuple(actors.get((row[0], "target"), ())),
                             counts=tuple(counts.get(row[0], ())), background=bool(row[34])))
    return rows


@dataclass(frozen=True)
class QuoteRow:
    article: str
    url: str | None
    published: str | None
    id: str
    kind: str
    text: str
    speaker: str | None  # the speaker's canonical name
    speaker_text: str | None
    speaker_country: str | None
    cue: str | None
    channel: str | None
    date: str | None
    confidence: float
    pk: int = 0  # the quote's number in the store (what POST /quotes/{pk}/review takes)
    reviewed: str | None = None  # an analyst's current verdict: accept, reject, correct (reviews.py)
    review: dict | None = None  # who and when: {id, reviewer, reviewed_at, note}
    machine: dict | None = None  # the machine's speaker, when a correction changed it

    def to_dict(self) -> dict:
        return asdict(self)


_QUOTE_COLUMNS = ("a.id, a.url, a.published, q.id, q.kind, q.text, s.name, q.speaker_text, s.country, q.cue, "
                  "q.channel, q.date, q.confidence, q.pk")


def quote_rows(store: Store, pks: list[int], reviewed: bool = True) -> list[QuoteRow]:
    """These quotes (by number), as extracted or (``reviewed``) as reviewed."""
    rows = [QuoteRow(*row) for row in store.execute(
        f"SELECT {_QUOTE_COLUMNS} {QUOTES.source} WHERE q.pk IN ({','.join('?' * len(pks))}) ORDER BY q.pk",
        pks)]
    return _reviewed_quotes(store, rows) if reviewed else rows


def _reviewed_quotes(store: Store, rows: list[QuoteRow]) -> list[QuoteRow]:
    from .reviews import apply_quote, current

    found = current(store, "quote", [r.pk for r in rows])
    return [apply_quote(r, found.get(r.pk)) for r in rows] if found else rows


def quotes(store: Store, f: Filters = Filters(), match: str | None = None, offset: int = 0) -> Iterator[QuoteRow]:
    """Quotes matching ``f`` (actor = the speaker) and, if given, the full-text query ``match``;
    ``offset``: skip that many."""
    extra = (("q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", [match]),) if match else ()
    sql, params = select(QUOTES, _QUOTE_COLUMNS, f, order=f"{QUOTE_DAY}, a.pk, q.pk", extra=extra, offset=offset)
    rows = [QuoteRow(*row) for row in _fts(store, sql, params, match)]
    for start in range(0, len(rows), 500):
        yield from _reviewed_quotes(store, rows[start:start + 500])


@dataclass(frozen=True)
class ActorRow:
    kind: str
    name: str
    country: str | None
    sector: str | None
    articles: int
    mentions: int
    events: int
    quotes: int
    first_seen: str | None
    last_seen: str | None

    def to_dict(self) -> dict:
        return asdict(self)


def actors(store: Store, f: Filters = Filters(), offset: int = 0) -> Iterator[ActorRow]:
    """Entities across articles, grouped by kind, name and country, most reported first;
    ``offset``: skip that many."""
    sql, params = select(
        ACTORS, "en.kind, en.name, en.country, max(en.sector), count(*), sum(en.n_mentions), sum(en.n_events), "
        "sum(en.n_quotes), min(en.published_day), max(en.published_day)", f,
        group=" GROUP BY en.kind, en.name, en.country", order="count(*) DESC, 6 DESC, en.name", offset=offset)
    yield from (ActorRow(*row) for row in store.execute(sql, params))


@dataclass(frozen=True)
class Hit:
    article: str
    title: str | None
    published: str | None
    url: str | None
    snippet: str
    rank: float

    def to_dict(self) -> dict:
        return asdict(self)


def search(store: Store, query: str, f: Filters = Filters(limit=20), offset: int = 0) -> list[Hit]:
    """Articles whose title or text match the FTS5 query, best first (bm25); with event
    filters, only the articles holding an event that matches them (as ``events`` lists it).
    ``offset``: skip that many."""
    if isinstance(f, int):  # the former ``limit`` argument
        f = Filters(limit=checked_limit(f))
    where_sql, params = where(RECORDS, f, (("articles_fts MATCH ?", [query]),))
    sql, params = limited("SELECT a.id, a.title, a.published, a.url, snippet(articles_fts, 1, '[', ']', ' ... ', "
                          "14), bm25(articles_fts) FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid"
                          + where_sql + " ORDER BY bm25(articles_fts)", params, f.limit, offset)
    return [Hit(*row) for row in _fts(store, sql, params, query)]


def matching_articles(store: Store, query: str, f: Filters = Filters()) -> set[str]:
    """The ids of the articles ``search`` finds for ``query`` and ``f`` (all of them: no ranking,
    no snippets)."""
    where_sql, params = where(RECORDS, replace(f, limit=None), (("articles_fts MATCH ?", [query]),))
    sql = "SELECT a.id FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid" + where_sql
    return {row[0] for row in _fts(store, sql, params, query)}


def _fts(store: Store, sql: str, params: list, query: str | None) -> list[tuple]:
    if query is not None and not query.strip():
        raise InputError(E.E055, query=query, detail="it is empty")
    try:
        return store.db.execute(sql, params).fetchall()
    except sqlite3.OperationalError as err:
        message = str(err)
        if query is not None and not any(word in message for word in ("locked", "busy", "disk", "I/O")):
            if message.startswith("no such column"):
                message += "; FTS5 reads a word joined by '-' or ':' as a column name"
            raise InputError(E.E055, query=query, detail=message) from None
        raise store.translate(err) from None
    except sqlite3.DatabaseError as err:
        raise store.translate(err) from None
