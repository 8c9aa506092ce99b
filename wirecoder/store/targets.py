"""Each filter as SQL, per target: the one place where filters become WHERE clauses.

A target is what a query lists -- events, quotes, actors (entity mentions) or
records (articles). Each has the FROM clause its filters are written against
and a table: filter -> the clause it adds. A filter missing from a target's
table is refused (E061), never ignored. The limit is applied here too.

``--since``/``--until`` keep one meaning everywhere: a row matches when its
date window lies inside the range (``overlap``: when the two share a day), and
a row without a date matches no date range. A target's date window is

  events   the event's own window, ``when.start`` .. ``when.end`` (never the publication date)
  quotes   the day the quote was said, else its article's publication day
  actors   the publication day of an article that mentions the actor
  records  none of their own: an article is selected by its events (below)

Records take the event filters through their events: an article matches when
one of its events matches them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..errors import E, InputError
from .filters import Filters, fold, like

Clause = tuple[str, list]
LIKE = "LIKE ? ESCAPE '\\'"

# Filter field -> the option that sets it and what a target lacking it has none of.
OPTIONS = {
    "actor": ("--actor", "actors"), "country": ("--country", "countries"), "types": ("--type", "event types"),
    "status": ("--status", "event statuses"), "place": ("--place", "places"),
    "since": ("--since", "dates"), "until": ("--until", "dates"), "article": ("--article", "articles"),
    "story": ("--story", "stories"), "kinds": ("--kind", "entity kinds"),
    "background": ("--background", "background events"),
    "reviewed_only": ("--reviewed-only", "reviews"),
}


def first_day(column: str) -> str:
    """SQL: the first day of an ISO day, month (2025-12) or year (2025) value."""
    return (f"(CASE length({column}) WHEN 4 THEN {column} || '-01-01' WHEN 7 THEN {column} || '-01' "
            f"ELSE substr({column}, 1, 10) END)")


def last_day(column: str) -> str:
    """SQL: the last day of an ISO day, month or year value."""
    return (f"(CASE length({column}) WHEN 4 THEN {column} || '-12-31' "
            f"WHEN 7 THEN date({column} || '-01', '+1 month', '-1 day') ELSE substr({column}, 1, 10) END)")


EVENT_WINDOW = (first_day("e.when_start"), last_day("COALESCE(e.when_end, e.when_start)"))

# Events are filtered by their reviewed values (an analyst's current correction, ``rv``,
# else the machine's) for type, mode, status and date; actors and place stay the machine's.
_CURRENT_REVIEW = "NOT EXISTS (SELECT 1 FROM reviews n WHERE n.supersedes = rv.id)"


def reviewed(path: str, column: str, field: str | None = None) -> str:
    """SQL: the value at JSON ``path`` of the current review's changes where they set ``field``
    (default: ``path``; a null correction counts), else the machine's ``column``."""
    return (f"(CASE WHEN json_type(rv.changes, '{field or path}') IS NULL THEN {column} "
            f"ELSE json_extract(rv.changes, '{path}') END)")


_TYPE, _MODE, _STATUS = reviewed("$.type", "e.type"), reviewed("$.mode", "e.mode"), reviewed("$.status", "e.status")
_WHEN_START = reviewed("$.date.start", "e.when_start", "$.date")
_WHEN_END = reviewed("$.date.end", "e.when_end", "$.date")
REVIEWED_WINDOW = (first_day(_WHEN_START), last_day(f"COALESCE({_WHEN_END}, {_WHEN_START})"))
QUOTE_DAY = "COALESCE(q.date, substr(a.published, 1, 10))"
QUOTE_WINDOW = (first_day(QUOTE_DAY), last_day(QUOTE_DAY))
PUBLISHED_DAY = "substr(a.published, 1, 10)"


# The table behind each alias whose names the filters match (see the targets' FROM clauses below).
_NAMED = {"en": "entities", "l": "entities", "s": "entities", "q": "quotes"}
# The name columns with an index of their own (migration 5): their distinct values are read by
# seeking from one to the next in the index, not by reading every row.
_INDEXED = {("entities", "name"), ("entities", "kb_name"), ("entities", "geo_name"), ("entities", "admin1")}


def distinct(table: str, column: str) -> str:
    """SQL: the distinct non-null values of ``table.column`` (as ``value``), each read once."""
    if (table, column) in _INDEXED:  # a value, then the least one above it: one index seek per value
        return (f"WITH RECURSIVE d(value) AS (SELECT min({column}) FROM {table} WHERE {column} IS NOT NULL "
                f"UNION ALL SELECT (SELECT min({column}) FROM {table} WHERE {column} > d.value) FROM d "
                "WHERE d.value IS NOT NULL) SELECT value FROM d WHERE value IS NOT NULL")
    # ``LIMIT -1`` keeps SQLite from moving the caller's match into this query, where it would fold every row
    return f"SELECT DISTINCT {column} AS value FROM {table} WHERE {column} IS NOT NULL LIMIT -1"


def names(text: str, *columns: str) -> Clause:
    """Any of ``columns`` contains ``text``, case and accents folded (``wc_fold`` is registered by the store).

    Each distinct name of the column's table is folded once, not each row's (a Python call per row
    was most of the time of a filtered list): the column is one of the names that match."""
    pattern = like(fold(text))
    parts = []
    for column in columns:
        alias, _, name = column.partition(".")
        parts.append(f"{column} IN (SELECT value FROM ({distinct(_NAMED[alias], name)}) WHERE wc_fold(value) {LIKE})")
    return "(" + " OR ".join(parts) + ")", [pattern] * len(columns)


def _since(window: tuple[str, str]):
    return lambda f: (f"{window[1] if f.overlap else window[0]} >= ?", [f.since]) if f.since else None


def _until(window: tuple[str, str]):
    return lambda f: (f"{window[0] if f.overlap else window[1]} <= ?", [f.until]) if f.until else None


def _equals(column: str, name: str):
    return lambda f: (f"{column} = ?", [getattr(f, name)]) if getattr(f, name) is not None else None


def _one_of(column: str, name: str):
    def clause(f: Filters) -> Clause | None:
        values = list(getattr(f, name))
        return (f"{column} IN ({','.join('?' * len(values))})", values) if values else None
    return clause


def _event_types(f: Filters) -> Clause | None:
    if not f.types:
        return None
    parts, params = [], []
    for item in f.types:
        kind, _, mode = item.partition("/")
        parts.append(f"({_TYPE} = ? AND {_MODE} = ?)" if mode else f"{_TYPE} = ?")
        params += [kind, mode] if mode else [kind]
    # The same, said so that SQLite can use the events' type index (and the few corrected events).
    kinds = list(dict.fromkeys(item.partition("/")[0] for item in f.types))
    marks = ",".join("?" * len(kinds))
    narrow = (f"(e.type IN ({marks}) OR e.pk IN (SELECT event FROM reviews WHERE event IS NOT NULL AND "
              f"json_extract(changes, '$.type') IN ({marks})))")
    return "(" + " OR ".join(parts) + ") AND " + narrow, params + kinds + kinds


# One list of matching events, built once per query (an EXISTS per event would build the names list per event).
_EVENT_ACTOR = ("e.pk IN (SELECT ea.event FROM event_actors ea JOIN entities en ON en.article = ea.article AND "
                "en.id = ea.entity WHERE {})")


def _event_actor(f: Filters) -> Clause | None:
    if not f.actor:
        return None
    clause, params = names(f.actor, "en.name", "en.kb_name")
    return _EVENT_ACTOR.format(clause), params


def _event_country(f: Filters) -> Clause | None:
    if not f.country:
        return None
    return f"(COALESCE(l.geo_country, l.country) = ? OR {_EVENT_ACTOR.format('en.country = ?')})", [f.country] * 2


@dataclass(frozen=True)
class Target:
    name: str
    source: str  # FROM ... JOIN ...: the aliases the table's clauses use
    table: Mapping[str, Callable[[Filters], Clause | None]]
    through: Target | None = None  # filters it lacks but this target has, applied through its rows
    link: str = ""  # "key IN (SELECT column ...)" joining this target's rows to those of `through`
    # alias -> a join of ``source`` that never adds nor removes a row, which ``select`` leaves out
    # when the query does not read that alias: a count of events reads no place, article or review
    optional: Mapping[str, str] = field(default_factory=dict)

    def source_for(self, query: str) -> str:
        """``source`` without the optional joins whose alias ``query`` does not read."""
        source = self.source + " "
        for alias, join in self.optional.items():
            if not re.search(rf"\b{alias}\.", query):
                source = source.replace(" " + join + " ", " ")
        return source.rstrip()

    @property
    def accepted(self) -> list[str]:
        fields = [*self.table, *(self.through.table if self.through else ())]
        return list(dict.fromkeys(OPTIONS[name][0] for name in fields if name in OPTIONS)) + ["--limit"]


# The joins of an event that never add nor remove one of its rows: its article (a foreign key
# every event has, enforced), its place (a unique key) and its current review (an item has at
# most one: each review supersedes the item's current one, ``reviews._insert``).
_EVENT_ARTICLE = "JOIN articles a ON a.pk = e.article"
_EVENT_PLACE = "LEFT JOIN entities l ON l.article = e.article AND l.id = e.location"
_EVENT_REVIEW = f"LEFT JOIN reviews rv ON rv.event = e.pk AND {_CURRENT_REVIEW}"
EVENTS = Target(
    "events",
    f"FROM events e {_EVENT_ARTICLE} {_EVENT_PLACE} {_EVENT_REVIEW}",
    {"types": _event_types, "status": _one_of(_STATUS, "status"), "actor": _event_actor,
     "country": _event_country,
     "place": lambda f: names(f.place, "l.name", "l.geo_name", "l.admin1") if f.place else None,
     "since": _since(REVIEWED_WINDOW), "until": _until(REVIEWED_WINDOW), "article": _equals("a.id", "article"),
     "story": _equals("e.story", "story"),
     "background": lambda f: None if f.background else ("e.background = 0", []),
     "reviewed_only": lambda f: ("rv.verdict IN ('accept', 'correct')", []) if f.reviewed_only else None},
    optional={"a": _EVENT_ARTICLE, "l": _EVENT_PLACE, "rv": _EVENT_REVIEW})

QUOTES = Target(
    "quotes",
    "FROM quotes q JOIN articles a ON a.pk = q.article LEFT JOIN entities s ON s.article = q.article "
    "AND s.id = q.speaker",
    {"actor": lambda f: names(f.actor, "s.name", "q.speaker_text") if f.actor else None,
     "country": _equals("s.country", "country"), "since": _since(QUOTE_WINDOW), "until": _until(QUOTE_WINDOW),
     "article": _equals("a.id", "article"),
     "reviewed_only": lambda f: (
         "EXISTS (SELECT 1 FROM reviews qr WHERE qr.quote = q.pk AND qr.verdict IN ('accept', 'correct') AND "
         "NOT EXISTS (SELECT 1 FROM reviews n WHERE n.supersedes = qr.id))", []) if f.reviewed_only else None})

# An entity row keeps its article's publication day (``published_day``, PUBLISHED_DAY as written):
# the actors list reads no article row.
ACTORS = Target(
    "actors",
    "FROM entities en",
    {"actor": lambda f: names(f.actor, "en.name", "en.kb_name") if f.actor else None,
     "country": _equals("en.country", "country"), "kinds": _one_of("en.kind", "kinds"),
     "since": _since(("en.published_day", "en.published_day")),
     "until": _until(("en.published_day", "en.published_day")),
     "article": lambda f: ("en.article IN (SELECT pk FROM articles WHERE id = ?)", [f.article])
     if f.article is not None else None})

RECORDS = Target("records", "FROM articles a", {"article": _equals("a.id", "article")},
                 through=EVENTS, link="a.pk IN (SELECT e.article {source}{where})")


def _is_set(f: Filters, name: str) -> bool:
    return getattr(f, name) not in (None, (), False)


WIDENING = {"background"}  # set, it lets more rows through: alone it selects nothing


def selects_through(target: Target, f: Filters) -> bool:
    """Whether ``f`` selects this target's rows through the rows of ``target.through``."""
    return target.through is not None and any(
        _is_set(f, name) for name in target.through.table if name not in target.table and name not in WIDENING)


def where(target: Target, f: Filters, extra: tuple[Clause, ...] = ()) -> Clause:
    """`` WHERE ...`` (or "") and its parameters: ``f`` as ``target`` reads it, and the ``extra`` clauses."""
    clauses, params = [c for c, _ in extra], [p for _, ps in extra for p in ps]
    for name, (option, what) in OPTIONS.items():
        if name in target.table:
            found = target.table[name](f)
            if found is not None:
                clauses.append(found[0])
                params += found[1]
        elif _is_set(f, name) and not (target.through and name in target.through.table):
            raise InputError(E.E061, option=option, target=target.name, detail=f"{target.name} have no {what}",
                             accepted=", ".join(target.accepted))
    if selects_through(target, f):
        inner, inner_params = where(target.through, f)
        clauses.append(target.link.format(source=target.through.source, where=inner))
        params += inner_params
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def select(target: Target, columns: str, f: Filters, *, joins: str = "", order: str = "", group: str = "",
           extra: tuple[Clause, ...] = (), offset: int = 0) -> Clause:
    """The whole query: ``SELECT columns`` from the target's rows, filtered by ``f``, ordered, limited
    (after skipping ``offset`` rows: a page deep in a list never builds the rows before it)."""
    clause, params = where(target, f, extra)
    source = target.source_for(" ".join((columns, joins, clause, group, order)))
    sql = f"SELECT {columns} {source}{' ' + joins if joins else ''}{clause}{group}"
    return limited(sql + (f" ORDER BY {order}" if order else ""), params, f.limit, offset)


def limited(sql: str, params: list, limit: int | None, offset: int = 0) -> Clause:
    if offset:
        return sql + " LIMIT ? OFFSET ?", [*params, limit or -1, offset]
    return (sql + " LIMIT ?", [*params, limit]) if limit else (sql, params)
