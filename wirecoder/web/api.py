"""The HTTP API of `wirecoder serve`: a store read over JSON.

Every list takes ``limit``/``offset`` and answers ``{"items", "limit",
"offset", "more"}``. The filters are those of the CLI, checked by
``store.filters.make_filters`` and turned into SQL by ``store.targets`` -- the
one filter model -- so a filter a list cannot apply is refused with E061, as
on the command line. A query parameter no endpoint knows is refused too,
never ignored.

Every error answers ``{"error": {"code": "E0xx", "message": "<problem> -- fix:
<fix>"}}`` with the HTTP status of its catalogue entry (``errors.py``).
Anything that writes (``POST /ingest``) needs the token given at start; request
bodies are limited in size; every response carries a Content-Security-Policy.
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice

from fastapi import Body, Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import E, InputError, WirecoderError
from ..store import Store
from ..store.filters import SQLITE_MAX_INT, Filters, make_filters
from ..store.targets import RECORDS, select

MAX_PAGE = 1000
DEFAULT_PAGE = 50
MAX_BODY = 1_000_000  # bytes: a long article is ~50 kB

# Article text is hostile input: no script, style, frame or connection from it may run.
CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# /docs is Swagger UI 5 from the swagger-ui-py package, served by this server (no CDN):
# its script and style files and a start script in static/, no inline script.
DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'")
DOCS_ASSETS = "/docs-assets"
# The web page (pages.py: "/" and "/ui/..."): script and style from this server only, never inline;
# forms submit here only (connect-src: a review form posting to this server).
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def policy(path: str) -> str:
    """The Content-Security-Policy of a response to ``path``."""
    if path == "/docs" or path.startswith(DOCS_ASSETS + "/"):
        return DOCS_CSP
    return PAGE_CSP if path == "/" or path.startswith("/ui/") else CSP


def error_body(err: WirecoderError) -> dict:
    return {"error": {"code": err.code, "message": f"{err.problem} -- fix: {err.fix}"}}


def _answer(err: WirecoderError, status: int | None = None) -> JSONResponse:
    return JSONResponse(error_body(err), status_code=status or err.http_status)


# -- parameters -------------------------------------------------------------

def open_store(request: Request) -> Iterator[Store]:
    """One connection per request, opened on the store the server was started with (never created)."""
    with Store(request.app.state.store_path, create=False, verify=False) as store:  # verified at start
        yield store


def filters(actor: str | None = Query(None, max_length=200, description="part of an actor's name, case and "
                                      "accents folded (zelensky, erdogan)"),
            country: str | None = Query(None, max_length=3, description="ISO3 of an actor or of the place (UKR)"),
            type: str | None = Query(None, max_length=500, description="PLOVER types or TYPE/mode, "
                                     "comma-separated (ASSAULT,CONSULT/visit)"),
            status: str | None = Query(None, max_length=200, description="comma-separated event statuses"),
            place: str | None = Query(None, max_length=200, description="part of the place's name or province"),
            since: str | None = Query(None, max_length=40, description="a day, month or year (2018-06-01, 2018-06)"),
            until: str | None = Query(None, max_length=40, description="a day, month or year: its last day"),
            overlap: bool = Query(False, description="since/until select windows sharing a day with the range"),
            article: str | None = Query(None, max_length=500, description="one article id"),
            story: int | None = Query(None, ge=1, le=SQLITE_MAX_INT, description="one story number"),
            kind: str | None = Query(None, max_length=200, description="entity kinds, comma-separated (actors)"),
            background: bool = Query(False, description="include events told as history or habit"),
            reviewed_only: bool = Query(False, description="only events (quotes) an analyst accepted or corrected"),
            ) -> Filters:
    """The CLI's filters, checked as the CLI checks them; which a list can apply is for ``targets``."""
    return make_filters(actor=actor, country=country, types=type, status=status, place=place, since=since,
                        until=until, overlap=overlap, article=article, story=story, kinds=kind,
                        background=background, reviewed_only=reviewed_only)


class Page:
    def __init__(self, limit: int = Query(DEFAULT_PAGE, ge=1, le=MAX_PAGE, description="at most N items"),
                 offset: int = Query(0, ge=0, le=SQLITE_MAX_INT - MAX_PAGE - 1, description="skip N items")):
        self.limit, self.offset = limit, offset

    def window(self, f: Filters) -> Filters:
        """``f`` asking for this page and one row more, for a query told to skip ``offset`` itself
        (in SQL: the rows before a deep page are never built)."""
        return replace(f, limit=self.limit + 1)

    def of(self, rows: Iterable, skipped: bool = False) -> dict:
        """The page of ``rows``: all of the list (``bound``), or from the page on (``window``, ``skipped``)."""
        start = 0 if skipped else self.offset
        items = list(islice(rows, start, start + self.limit + 1))
        return {"items": [row.to_dict() if hasattr(row, "to_dict") else row for row in items[:self.limit]],
                "limit": self.limit, "offset": self.offset, "more": len(items) > self.limit}


class ArticleIn(BaseModel):
    text: str = Field(description="the article's text")
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = Field(None, description="ISO date or datetime of publication")


def _token(request: Request) -> None:
    """Writing needs the token given at start, as 'Authorization: Bearer TOKEN'."""
    expected = request.app.state.token
    if not expected:
        raise InputError(E.E072, what=f"{request.method} {request.url.path}",
                         detail="this server was started without --token, so it writes nothing")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise InputError(E.E072, what=f"{request.method} {request.url.path}",
                         detail="the token is missing or wrong")


# -- the app ------------------------------------------------------------------

def _docs(app: FastAPI) -> None:
    """Swagger UI at /docs with no internet: its files come from the swagger-ui-py package
    installed at setup (Swagger UI 5, which reads the OpenAPI 3.1 FastAPI writes), the start
    script from static/docs.js."""
    from importlib.resources import files

    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    app.mount(DOCS_ASSETS, StaticFiles(directory=str(files("swagger_ui") / "static")), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>wirecoder API</title>"
            "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"  # else: /favicon.ico, a 404
            f"<link rel=\"stylesheet\" href=\"{DOCS_ASSETS}/swagger-ui.css\"></head>"
            "<body><div id=\"swagger-ui\"></div>"
            f"<script src=\"{DOCS_ASSETS}/swagger-ui-bundle.js\"></script>"
            "<script src=\"/static/docs.js\"></script></body></html>")


def create_app(store_path: str, *, token: str | None = None, max_body: int = MAX_BODY, pipeline=None) -> FastAPI:
    """The API on the store at ``store_path`` (refused with E050 if there is none).

    ``pipeline``: a ``Pipeline`` to extract with (default: built at the first
    POST /extract or /ingest, since loading spaCy takes seconds)."""
    Store(store_path, create=False).close()  # no store: say so at start, not at the first request
    app = FastAPI(title="wirecoder", version=__version__,
                  description="A wirecoder store over HTTP: articles, events, quotes, actors, stories, "
                  "timelines, search, and extraction. Errors: {\"error\": {\"code\", \"message\"}}.",
                  docs_url=None, redoc_url=None)  # /docs below: offline, from a registry package
    app.router.dependencies.append(Depends(_refuse_unknown_parameters(app)))  # before any route
    app.state.store_path, app.state.token, app.state.pipeline = str(store_path), token, pipeline
    lock = threading.Lock()

    def extract(body: ArticleIn):
        with lock:  # one spaCy pipeline, built once, used by one request at a time
            if app.state.pipeline is None:
                from ..pipeline import Pipeline

                app.state.pipeline = Pipeline()
            return app.state.pipeline.extract(body.text, id=body.id, title=body.title, url=body.url,
                                              source=body.source, published=body.published)

    @app.get("/articles", tags=["articles"])
    def list_articles(f: Filters = Depends(filters), page: Page = Depends(),
                      store: Store = Depends(open_store)) -> dict:
        """Stored articles, oldest ingest first; with event filters, those holding a matching event."""
        sql, params = select(RECORDS, "a.id, a.title, a.source, a.published, a.url, "
                             "(SELECT count(*) FROM events e2 WHERE e2.article = a.pk)", page.window(f), order="a.pk",
                             offset=page.offset)
        keys = ("id", "title", "source", "published", "url", "events")
        return page.of((dict(zip(keys, row)) for row in store.execute(sql, params)), skipped=True)

    @app.get("/articles/{article_id}", tags=["articles"])
    def get_article(article_id: str = Path(max_length=500), store: Store = Depends(open_store)) -> dict:
        """One article's record, exactly as it was extracted and stored."""
        from ..store import load_record

        record = load_record(store, article_id)
        if record is None:
            raise InputError(E.E070, article=article_id, path=store.path)
        return json.loads(record.to_json())

    @app.get("/events", tags=["lists"])
    def list_events(f: Filters = Depends(filters), page: Page = Depends(),
                    store: Store = Depends(open_store)) -> dict:
        """Events in the order they happened, filtered as `wirecoder events` filters them."""
        from ..store.queries import events

        return page.of(events(store, page.window(f), offset=page.offset), skipped=True)

    @app.get("/quotes", tags=["lists"])
    def list_quotes(f: Filters = Depends(filters), page: Page = Depends(), store: Store = Depends(open_store),
                    match: str | None = Query(None, max_length=500, description="full-text query on the quote")
                    ) -> dict:
        """Quotes (actor = the speaker), filtered as `wirecoder quotes` filters them."""
        from ..store.queries import quotes

        return page.of(quotes(store, page.window(f), match=match, offset=page.offset), skipped=True)

    @app.get("/actors", tags=["lists"])
    def list_actors(f: Filters = Depends(filters), page: Page = Depends(),
                    store: Store = Depends(open_store)) -> dict:
        """Actors across articles, most reported first, filtered as `wirecoder actors` filters them."""
        from ..store.queries import actors

        return page.of(actors(store, page.window(f), offset=page.offset), skipped=True)

    @app.get("/stories", tags=["stories"])
    def list_stories(f: Filters = Depends(filters), page: Page = Depends(), store: Store = Depends(open_store),
                     min_sources: int = Query(1, ge=1, le=SQLITE_MAX_INT, description="reported by N+ articles")
                     ) -> dict:
        """Events fused across articles, by date (without their claims: see /stories/{id})."""
        from ..store.views import stories

        return page.of(stories(store, page.window(f), min_sources, offset=page.offset), skipped=True)

    @app.get("/stories/{story_id}", tags=["stories"])
    def get_story(story_id: int = Path(ge=1, le=SQLITE_MAX_INT), store: Store = Depends(open_store)) -> dict:
        """One story: every source's claim side by side, and where they disagree."""
        from ..store.views import story

        return story(store, story_id).to_dict()

    @app.get("/timeline", tags=["stories"])
    def timeline(f: Filters = Depends(filters), page: Page = Depends(), store: Store = Depends(open_store)) -> dict:
        """What an actor did and said (?actor=NAME), or one story's claims (?story=N), in date order."""
        from ..store.views import actor_timeline, story_timeline

        if (f.actor is None) == (f.story is None):
            raise InputError(E.E059, option="actor/story", value=f.actor or f.story,
                             detail="a timeline is of one actor or of one story", choices="?actor=NAME or ?story=N")
        one_more = page.window(f)  # only this page's entries (and one to tell whether more follow) are built
        if f.story is not None:
            return page.of(story_timeline(store, f.story, replace(one_more, story=None), page.offset), skipped=True)
        return page.of(actor_timeline(store, f.actor, replace(one_more, actor=None), page.offset), skipped=True)

    @app.get("/search", tags=["lists"])
    def search(q: str = Query(min_length=1, max_length=500, description="FTS5 query: words, \"phrases\", "
                              "AND/OR/NOT, prefix*"),
               quotes: bool = Query(False, description="search quotes instead of articles"),
               f: Filters = Depends(filters), page: Page = Depends(), store: Store = Depends(open_store)) -> dict:
        """Articles matching ``q``, best first (with event filters: those holding a matching event)."""
        from ..store import queries

        if quotes:
            return page.of(queries.quotes(store, page.window(f), match=q, offset=page.offset), skipped=True)
        return page.of(queries.search(store, q, page.window(f), offset=page.offset), skipped=True)

    @app.post("/extract", tags=["extraction"])
    def extract_article(body: ArticleIn = Body()) -> dict:
        """One article's text in, its record out (nothing is stored)."""
        return json.loads(extract(body).to_json())

    @app.post("/ingest", tags=["extraction"], status_code=201, dependencies=[Depends(_token)])
    def ingest_article(body: ArticleIn = Body(), store: Store = Depends(open_store)) -> dict:
        """Extract one article and store its record; needs 'Authorization: Bearer TOKEN'."""
        from ..store import write

        record = extract(body)
        return {"article": record.article.id, "result": write(store, record)}

    _review_routes(app)
    _docs(app)
    from .pages import add_pages  # the web page: the same store as HTML (pages.py)

    add_pages(app)
    _errors(app)
    app.add_middleware(Guard, max_body=max_body)
    return app


class ReviewIn(BaseModel):
    """An analyst's verdict on one event or quote (what `wirecoder review` sends)."""

    model_config = {"extra": "forbid"}
    verdict: str = Field(description="accept (the machine is right), reject (no such event/quote), or correct")
    changes: dict = Field(default_factory=dict, description="correct only: field -> right value. Events: type "
                          "(PLOVER, or TYPE/mode), mode, status, source_actors/target_actors (entity ids or names), "
                          "place (id or name), date (2025-03-10 or START/END), fatalities, injured. Quotes: speaker")
    reviewer: str = Field(max_length=200, description="who reviews")
    note: str | None = Field(None, max_length=4000)


def _review_routes(app: FastAPI) -> None:
    """POST /events/{id}/review, /quotes/{id}/review (token needed) and their histories. An item is
    named by its number (``pk`` in the lists) or as ARTICLE#ID (``#`` sent as %23)."""
    from ..store import reviews
    from ..store.queries import event_rows, quote_rows

    def view(store: Store, layer: str, pk: int) -> dict:
        rows = event_rows(store, [pk]) if layer == "event" else quote_rows(store, [pk])
        return rows[0].to_dict()

    def post(layer: str, ref: str, body: ReviewIn, store: Store) -> dict:
        done = reviews.review(store, layer, ref, body.verdict, body.changes, body.reviewer, body.note)
        return {"review": done.to_dict(), layer: view(store, layer, done.attached)}

    def listed(layer: str, ref: str, store: Store) -> dict:
        side = reviews.view(store, layer, ref)
        return {layer: view(store, layer, side["pk"]), "machine": side["machine"], "reviewed": side["reviewed"],
                "reviews": side["history"]}

    def item():
        return Path(max_length=600, description="the item's number (pk), or ARTICLE#ID ('#' sent as %23)")

    @app.post("/events/{event_id}/review", tags=["review"], status_code=201, dependencies=[Depends(_token)])
    def review_event(event_id: str = item(), body: ReviewIn = Body(), store: Store = Depends(open_store)) -> dict:
        """Accept, reject or correct one event; needs 'Authorization: Bearer TOKEN'. The machine's values stay."""
        return post("event", event_id, body, store)

    @app.post("/quotes/{quote_id}/review", tags=["review"], status_code=201, dependencies=[Depends(_token)])
    def review_quote(quote_id: str = item(), body: ReviewIn = Body(), store: Store = Depends(open_store)) -> dict:
        """Accept, reject or correct one quote's speaker; needs 'Authorization: Bearer TOKEN'."""
        return post("quote", quote_id, body, store)

    @app.get("/events/{event_id}/reviews", tags=["review"])
    def event_reviews(event_id: str = item(), store: Store = Depends(open_store)) -> dict:
        """One event as listed (reviewed), its machine and reviewed values side by side (``reviewed``: null
        when rejected), and every review of it, newest (the one that counts) first."""
        return listed("event", event_id, store)

    @app.get("/quotes/{quote_id}/reviews", tags=["review"])
    def quote_reviews(quote_id: str = item(), store: Store = Depends(open_store)) -> dict:
        """One quote as reviewed, and every review of it, newest first."""
        return listed("quote", quote_id, store)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(WirecoderError)
    async def wirecoder_error(request: Request, err: WirecoderError):
        return _answer(err)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError):
        first = err.errors()[0] if err.errors() else {}
        loc = [str(part) for part in first.get("loc", ())]
        where = {"query": "query parameter", "path": "path parameter", "body": "body field"}.get(
            loc[0] if loc else "", "the request") + (" " + ".".join(loc[1:]) if len(loc) > 1 else "")
        return _answer(InputError(E.E074, where=where.strip(), detail=first.get("msg", "malformed")))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException):
        if err.status_code in (404, 405):
            return _answer(InputError(E.E073, method=request.method, path=request.url.path), err.status_code)
        return _answer(InputError(E.E074, where="the request", detail=str(err.detail)), err.status_code)


def _refuse_unknown_parameters(app: FastAPI):
    """A dependency of every route: a query parameter the endpoint does not take is refused (E074),
    as the CLI refuses an unknown option, never ignored."""
    known: dict = {}

    def names(endpoint) -> set[str] | None:
        if not known:
            for route in app.routes:
                if isinstance(route, APIRoute):
                    found, todo = set(), [route.dependant]
                    while todo:
                        dependant = todo.pop()
                        found.update(p.alias for p in dependant.query_params)
                        todo.extend(dependant.dependencies)
                    known[route.endpoint] = found
        return known.get(endpoint)

    def check(request: Request) -> None:
        taken = names(request.scope.get("endpoint"))
        unknown = sorted(set(request.query_params) - taken) if taken is not None else []
        if unknown:
            raise InputError(E.E074, where=f"query parameter {unknown[0]}",
                             detail=f"{request.url.path} takes: {', '.join(sorted(taken)) or 'none'}")

    return check


class _TooLarge(Exception):
    pass


class Guard:
    """ASGI: refuses bodies over ``max_body`` bytes (E071) and sets the security headers on every response."""

    def __init__(self, app, max_body: int = MAX_BODY):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        csp = policy(scope["path"])

        async def secured(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in (b"content-security-policy", b"x-content-type-options")]
                headers += [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer")]
                message = {**message, "headers": headers}
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            size = declared.decode(errors="replace")
            return await _answer(InputError(E.E071, size=size, limit=self.max_body))(scope, receive, secured)
        seen, too_large = 0, False

        async def counted():
            nonlocal seen, too_large
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                too_large = True
                raise _TooLarge
            return message

        async def unless_too_large(message):  # the app's answer to a body cut short is replaced by E071
            if not too_large:
                await secured(message)

        try:
            await self.app(scope, counted, unless_too_large)
        except _TooLarge:  # counted() raised it and the app let it through: answered below
            too_large = True
        if too_large:
            await _answer(InputError(E.E071, size=f"over {self.max_body}", limit=self.max_body))(
                scope, receive, secured)
