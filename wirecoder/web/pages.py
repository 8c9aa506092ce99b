"""The web page of `wirecoder serve`: the store as server-rendered HTML, offline.

    /                        stored articles (and full-text search), links to every page
    /ui/articles/{id}        the text with every extraction highlighted and explained
    /ui/events               the events table: filters, sorting, CSV/GeoJSON of what is filtered
    /ui/timeline             events by the date they happened: ?story=N, ?actor=NAME or a query
    /ui/map                  event locations on a plain equirectangular projection
    /ui/actors, /ui/actor    actors; what one said and did over time, with sources
    /ui/stories, /ui/stories/{n}   stories; one story's sources side by side

Every filter is the API's filter model (``api.filters`` -> ``store.filters``):
a page lists what ``/events`` or ``wirecoder events`` lists with the same
filters, and the downloads write exactly the filtered rows with the export
code. Script and style are the files of ``static/`` (the pages' CSP allows
scripts from this server only); escaping rules are in ``html.py``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from ..errors import E, InputError
from ..store import Filters, Store, load_record
from ..store import queries, views
from ..store.filters import SQLITE_MAX_INT, fold
from ..store.queries import EVENT_ORDER, EventRow
from ..store.review_checks import PLACE_KINDS
from ..store.targets import EVENTS, RECORDS, select
from .api import filters, open_store
from .html import PageRoute, Paging, article_href, given, query, render
from .marks import marked
from .worldmap import Point, graticule, outlines, view

STATIC = Path(__file__).with_name("static")
PAGE_SIZE = 100  # rows of a table, entries of a timeline or of an actor's page
SORTS = {  # ?sort= -> the events table's SQL order (missing values last); "date": the order events happened
    "date": EVENT_ORDER + " {0}, e.article {0}, e.pk {0}", "type": "e.type {0}, e.mode {0} NULLS LAST",
    "status": "e.status {0}",
    "place": "l.name {0} NULLS LAST", "country": "COALESCE(l.geo_country, l.country) {0} NULLS LAST",
    "fatalities": "e.fatalities {0} NULLS LAST", "confidence": "e.confidence {0}",
    "source": "a.source {0} NULLS LAST, a.id {0}",
}
Sort = Literal["date", "type", "status", "place", "country", "fatalities", "confidence", "source"]
LIMIT = Query(PAGE_SIZE, ge=1, le=1000, description="rows per page")
OFFSET = Query(0, ge=0, le=SQLITE_MAX_INT - 1001, description="skip N rows")


def add_pages(app: FastAPI) -> None:
    """Register the pages and their static files on the API's app (outside its OpenAPI schema).

    Added on the app's own router, so that its checks (an unknown query parameter is refused) apply."""
    def page(path: str):
        def register(endpoint):
            app.router.add_api_route(path, endpoint, methods=["GET"], route_class_override=PageRoute,
                                     include_in_schema=False, response_class=HTMLResponse)
            return endpoint
        return register

    _routes(page)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


def _routes(page) -> None:
    @page("/")
    def index(request: Request, q: str | None = Query(None, max_length=500), limit: int = LIMIT,
              offset: int = OFFSET, store: Store = Depends(open_store)):
        if q:
            hits = queries.search(store, q, Filters(limit=limit + 1), offset=offset)
            rows = [{"id": h.article, "title": h.title, "published": h.published, "snippet": h.snippet}
                    for h in hits]
        else:
            sql, params = select(RECORDS, "a.id, a.title, a.source, a.published, (SELECT count(*) FROM events e2 "
                                 "WHERE e2.article = a.pk)", Filters(limit=limit + 1), order="a.pk DESC", offset=offset)
            rows = [dict(zip(("id", "title", "source", "published", "events"), r))
                    for r in store.execute(sql, params).fetchall()]
        paging = Paging(limit, offset, len(rows) > limit, given(request, "offset"))
        total = store.execute("SELECT count(*) FROM articles").fetchone()[0]
        return render("index.html", rows=rows[:limit], q=q or "", paging=paging, total=total)

    @page("/ui/articles/{article_id:path}")
    def article(article_id: str = PathParam(max_length=500), store: Store = Depends(open_store)):
        record = load_record(store, article_id)
        if record is None:
            raise InputError(E.E070, article=article_id, path=store.path)
        # the tables list the rows as reviewed (an analyst's corrections applied, the machine's values kept)
        rows = {row.id: row for row in queries.events(store, Filters(article=article_id, background=True))}
        said = {row.id: row for row in queries.quotes(store, Filters(article=article_id))}
        places = [e.name for e in record.entities if e.kind in PLACE_KINDS]
        actors = [e.name for e in record.entities if e.kind not in PLACE_KINDS]
        return render("article.html", record=record, marks=marked(record), rows=rows, said=said,
                      actors=sorted(set(actors)), places=sorted(set(places)))

    @page("/ui/events")
    def events(request: Request, f: Filters = Depends(filters), sort: Sort = "date",
               order: Literal["asc", "desc"] = "asc", limit: int = LIMIT, offset: int = OFFSET,
               store: Store = Depends(open_store)):
        total = count_events(store, f)
        by = SORTS[sort].format(order.upper())  # a constant of SORTS: never text from the request
        rows = list(queries.events(store, replace(f, limit=limit + 1), order_by=by, offset=offset))
        keep = given(request, "offset")
        return render("events.html", rows=rows[:limit], total=total, f=f, sort=sort, order=order,
                      paging=Paging(limit, offset, len(rows) > limit, keep),
                      filtered=given(request, "sort", "order", "limit", "offset"), keep=keep)

    @page("/ui/events.csv")
    def events_csv(f: Filters = Depends(filters), store: Store = Depends(open_store)):
        return download(store, f, "csv")

    @page("/ui/events.geojson")
    def events_geojson(f: Filters = Depends(filters), store: Store = Depends(open_store)):
        return download(store, f, "geojson")

    @page("/ui/timeline")
    def timeline(request: Request, f: Filters = Depends(filters), q: str | None = Query(None, max_length=500),
                 limit: int = LIMIT, offset: int = OFFSET, store: Store = Depends(open_store)):
        if f.story is not None:
            (entries, total), title = story_entries(store, f, limit, offset), f"story {f.story}"
        elif f.actor and not q:
            (entries, total), title = actor_entries(store, f.actor, replace(f, actor=None), limit, offset), f.actor
        else:
            (entries, total), title = query_entries(store, f, q, limit, offset), q or "events"
        return render("timeline.html", entries=entries, title=title, q=q or "", f=f, total=total,
                      paging=Paging(limit, offset, offset + limit < total, given(request, "offset")))

    @page("/ui/map")
    def world(request: Request, f: Filters = Depends(filters), store: Store = Depends(open_store)):
        found, unlocated = points(store, f, given(request))
        return render("map.html", points=found, view=view(found), outlines=outlines(), f=f,
                      grid=graticule(view(found).step), unlocated=unlocated, filtered=given(request))

    @page("/ui/actors")
    def actors(request: Request, f: Filters = Depends(filters), limit: int = LIMIT, offset: int = OFFSET,
               store: Store = Depends(open_store)):
        rows = list(queries.actors(store, replace(f, limit=limit + 1), offset=offset))
        return render("actors.html", rows=rows[:limit], f=f,
                      paging=Paging(limit, offset, len(rows) > limit, given(request, "offset")))

    @page("/ui/actor")
    def actor(request: Request, name: str = Query(min_length=1, max_length=200, description="part of the actor's name"),
              limit: int = LIMIT, offset: int = OFFSET, store: Store = Depends(open_store)):
        known = list(queries.actors(store, Filters(actor=name, limit=50)))
        entries, total = actor_entries(store, name, Filters(), limit, offset)
        return render("actor.html", name=name, known=known, entries=entries, total=total,
                      paging=Paging(limit, offset, offset + limit < total, given(request, "offset")))

    @page("/ui/stories")
    def stories(request: Request, f: Filters = Depends(filters),
                min_sources: int = Query(1, ge=1, le=SQLITE_MAX_INT), limit: int = LIMIT,
                offset: int = OFFSET, store: Store = Depends(open_store)):
        rows = list(views.stories(store, replace(f, limit=limit + 1), min_sources, offset=offset))
        return render("stories.html", rows=rows[:limit], f=f, min_sources=min_sources,
                      paging=Paging(limit, offset, len(rows) > limit, given(request, "offset")))

    @page("/ui/stories/{story_id}")
    def story(story_id: int = PathParam(ge=1, le=SQLITE_MAX_INT), store: Store = Depends(open_store)):
        view_ = views.story(store, story_id)
        return render("story.html", story=view_, info=article_info(store, (c.article for c in view_.claims)))


# -- what the routes read -------------------------------------------------------

def count_events(store: Store, f: Filters) -> int:
    sql, params = select(EVENTS, "count(*)", replace(f, limit=None))
    return store.execute(sql, params).fetchone()[0]


def download(store: Store, f: Filters, kind: Literal["csv", "geojson"]) -> Response:
    """Exactly the filtered events (all of them, not one page), written by the export code."""
    from ..export import writer

    out = io.StringIO()
    writer(kind)(store, out, replace(f, limit=None))
    media = "text/csv" if kind == "csv" else "application/geo+json"
    return Response(out.getvalue(), media_type=f"{media}; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="events.{kind}"'})


def article_info(store: Store, ids) -> dict[str, tuple]:
    """article id -> (title, source, published, url)."""
    ids, found = list(dict.fromkeys(ids)), {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for row in store.execute("SELECT id, title, source, published, url FROM articles WHERE id IN "
                                 f"({','.join('?' * len(chunk))})", chunk):
            found[row[0]] = row[1:]
    return found


@dataclass(frozen=True)
class Entry:
    """One line of a timeline page: what happened or was said, and the sources that tell it."""

    date: str | None
    what: str
    text: str
    status: str | None
    sources: tuple[tuple[str, str], ...]  # (label, href to the evidence)
    story: int | None = None
    side: str | None = None  # an actor's page: said, did, targeted


def _source(row, anchor: str) -> tuple[str, str]:
    return (row.source or row.article) + (f", {row.published[:10]}" if row.published else ""), \
        article_href(row.article, anchor)


def _event_entry(rows: list[EventRow], actor: str | None = None) -> Entry:
    """One story's events (or one event outside any story) as one entry, told by the first, with every source."""
    row = rows[0]
    return Entry(views.window(row.when_start, row.when_end), row.type + (f"/{row.mode}" if row.mode else ""),
                 " ".join(row.evidence.split()), row.status, tuple(_source(r, r.id) for r in rows), row.story,
                 side_of(row, actor) if actor else None)


def _page_entries(store: Store, slots: list[views.Slot], actor: str | None = None) -> list[Entry]:
    """The entries of a page of timeline lines: only their own rows are read."""
    found_events, found_quotes = views.read_slots(store, slots)
    entries = []
    for slot in slots:
        if slot.kind == "event":
            entries.append(_event_entry([found_events[pk] for pk in slot.pks], actor))
            continue
        q = found_quotes[slot.pks[0]]
        source = ((q.article + (f", {q.published[:10]}" if q.published else "")), article_href(q.article, q.id))
        entries.append(Entry(views.said_on(q), "said" + (f" ({q.channel})" if q.channel else ""), q.text, None,
                             (source,), side=f"said ({q.speaker or q.speaker_text})"))
    return entries


def story_entries(store: Store, f: Filters, limit: int, offset: int) -> tuple[list[Entry], int]:
    """A page of each source's claim of one story, by the date it gives, and how many claims there are
    (a story holds few: all are read, one page kept)."""
    views.story(store, f.story)  # E058 when there is no such story
    rows = queries.events(store, replace(f, limit=None))
    entries = sorted((Entry(views.window(r.when_start, r.when_end), f"{r.type} reported by {r.source or r.article}",
                            " ".join(r.evidence.split()), r.status, (_source(r, r.id),), r.story) for r in rows),
                     key=lambda e: (e.date is None, e.date or "", e.what))
    return entries[offset:offset + limit], len(entries)


def actor_entries(store: Store, name: str, f: Filters, limit: int, offset: int) -> tuple[list[Entry], int]:
    """A page of what an actor did or suffered (one entry per story) and said, in date order, with
    sources, and how many entries there are in all. The order is read first (numbers, dates and
    types only), then only the rows of the page's entries."""
    slots = views.actor_slots(store, name, f)
    return _page_entries(store, slots[offset:offset + limit], name), len(slots)


def query_entries(store: Store, f: Filters, q: str | None, limit: int, offset: int) -> tuple[list[Entry], int]:
    """A page of the filtered events (of the articles matching ``q``, if given), one entry per story,
    and how many entries there are in all; only the page's events are read whole."""
    slots = sorted(views.event_slots(store, f, q), key=views.slot_order)
    return _page_entries(store, slots[offset:offset + limit]), len(slots)


def side_of(row: EventRow, name: str) -> str:
    """How the actor ``name`` (part of a name, folded) takes part in an event."""
    wanted = fold(name)
    if any(wanted in fold(a.name) for a in row.source_actors):
        return "did"
    return "targeted" if any(wanted in fold(a.name) for a in row.target_actors) else "involved"


_PLACES = "l.lon, l.lat, min(l.name), count(*), group_concat(DISTINCT e.type), min(a.id), min(e.id)"


def points(store: Store, f: Filters, filtered: dict) -> tuple[list[Point], int]:
    """One point per located place of the filtered events (counted in SQL), linking to its event's
    evidence, or to the events table filtered to that place; and the number of events without a
    place on the map (counted by the same query: their groups have no coordinates)."""
    sql, params = select(EVENTS, _PLACES, replace(f, limit=None), group=" GROUP BY l.lon, l.lat")
    found, unlocated = [], 0
    for lon, lat, name, n, kinds, article, event in store.execute(sql, params):
        if lon is None or lat is None:
            unlocated += n
            continue
        href = (article_href(article, event) if n == 1 else
                "/ui/events?" + query(**{k: v for k, v in filtered.items() if k != "place"}, place=name))
        found.append(Point(lon, lat, f"{name}: {n} event{'s' * (n > 1)} ({kinds.replace(',', ', ')})", href, n))
    return found, unlocated
