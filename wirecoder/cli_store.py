"""The store commands of `wirecoder`: ingest, search, events, quotes, actors,
stories, timeline, export. Each parses its options, calls one function of
``wirecoder.store`` or ``wirecoder.export`` and prints a table or JSON.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .errors import E, EXIT_OK, InputError, SetupError

RAW = argparse.RawDescriptionHelpFormatter
log = logging.getLogger("wirecoder")

# Idle keep-alive of the server. A client that sends a request on a connection the server is closing gets no
# answer ("server disconnected"); clients drop idle connections after 5 s (httpx, requests) to 60 s, so the server
# keeps them longer, as nginx does (75 s).
KEEP_ALIVE_SECONDS = 75.0

INGEST_EXAMPLES = """examples:
  wirecoder ingest articles/ --db news.db          # every .txt/.html/.jsonl/.warc(.gz) below the folder
  wirecoder ingest crawl.warc.gz feed.jsonl        # into wirecoder.db (or $WIRECODER_DB)
  wirecoder ingest feed.csv --text-col body --date-col pubdate    # one article per CSV row
  crawler | wirecoder ingest - --input-format csv --text-col body  # CSV (or JSON Lines, tsv) on stdin
  wirecoder ingest articles/ --progress 2> log     # the progress bar even when stderr is not a terminal

Articles whose text is already stored are skipped before any NLP runs, so
re-running an interrupted ingest completes it; the same text under another id
is reported and linked to the stored article as its alias. A new version of a
stored URL (or article id) replaces the old one. The summary counts what each
layer gained (articles, events, quotes, actors, stories). Exit code 0:
everything stored or skipped; 1: some articles failed (each reported on stderr
and summarised).
"""

FILTER_MEANING = """filters:
  --since/--until take a day (2025-01-18), a month (2025-01) or a year (2025); a
  month or year since means its first day, until its last. A row matches when its
  whole date window lies inside the range; --overlap: when the two share a day.
  The window is the event's own date (never the publication date: an undated
  event matches no date range), a quote's date (else its article's publication
  day), an actor's articles' publication days. --actor and --place match part of
  a name with case and accents folded (erdogan finds Erdoğan). A filter a
  command cannot apply is refused (E061), never ignored.
"""

QUERY_EXAMPLES = FILTER_MEANING + """
examples:
  wirecoder events --type ASSAULT --country UKR --since 2025-01-01
  wirecoder events --since 2018-06 --until 2019          # events wholly inside June 2018 .. December 2019
  wirecoder events --since 2018-06 --until 2019 --overlap  # events whose window touches that range
  wirecoder events --actor Zelenskyy --status planned --json
  wirecoder quotes --actor Macron --match '"security guarantees"'
  wirecoder actors --kind person --limit 20
  wirecoder stories --min-sources 2 ; wirecoder stories --id 12
  wirecoder timeline --actor Zelenskyy ; wirecoder timeline --story 12
  wirecoder search '"peace talks"' --country UKR --since 2025-01   # articles with a matching event
"""

EXPORT_EXAMPLES = FILTER_MEANING + """
Every format writes the events `wirecoder events` lists for the same filters
(acled-csv and plover-json default to --status occurred,ongoing,claimed). jsonl
writes whole records: without event filters every record exactly as extracted,
with them the records of the articles holding a matching event, each keeping
only those events.

examples:
  wirecoder export --format acled-csv --out events.csv
  wirecoder export --format acled-csv --level story --country UKR > stories.csv
  wirecoder export --format parquet --out events.parquet
  wirecoder export --format geojson --type ASSAULT > map.geojson
  wirecoder export --format plover-json --since 2025-12-01
  wirecoder export --format jsonl > records.jsonl   # the full records, exactly as extracted
  wirecoder export --format jsonl --type CONSULT --country SYR > consult.jsonl   # only those events
  wirecoder export --format acled-csv --background --out all.csv   # with events told as background
"""


def add_commands(commands) -> None:
    ingest = commands.add_parser("ingest", help="extract articles into the store (files, folders, JSON Lines, WARC)",
                                 description="Extract articles and store their records.", formatter_class=RAW,
                                 epilog=INGEST_EXAMPLES)
    ingest.add_argument("paths", nargs="+", metavar="PATH",
                        help=".txt, .html, .jsonl, .csv/.tsv, .warc(.gz), a folder, or - for stdin")
    ingest.add_argument("--input-format", choices=STDIN_FORMATS,
                        help="how stdin (-) is read: jsonl (the default: one article per line), or csv/tsv "
                             "(one article per row; csv is implied by --text-col ...)")
    _db(ingest)
    ingest.add_argument("--force", action="store_true", help="re-extract articles already stored (replace them)")
    ingest.add_argument("--stages", help="comma-separated stages to run (default: all)")
    ingest.add_argument("--progress", action="store_true",
                        help="draw the progress bar even when not on a terminal (-q: no bar, no summary)")
    from .cli import add_column_options

    add_column_options(ingest)
    ingest.set_defaults(run=_ingest)

    search = commands.add_parser("search", help="full-text search over stored articles (or quotes)",
                                 description="FTS5 search: words, \"phrases\", AND/OR/NOT, prefix*.\n"
                                 "With the filters of `events`: only articles holding an event that matches them.\n"
                                 "With --quotes: quotes, and the quote filters (--actor is the speaker).",
                                 formatter_class=RAW, epilog=QUERY_EXAMPLES)
    search.add_argument("query")
    _db(search)
    search.add_argument("--quotes", action="store_true", help="search quotes instead of articles")
    _filters(search, "actor country type status place since until overlap article background")
    search.add_argument("--limit", type=int, default=20, help="at most N results (default 20)")
    _json(search)
    search.set_defaults(run=_search)

    events = commands.add_parser("events", help="stored events, filtered", formatter_class=RAW,
                                 description="Events in the order they happened.", epilog=QUERY_EXAMPLES)
    _filters(events, "actor country type status place since until overlap article limit background reviewed_only")
    _db(events)
    _json(events)
    events.set_defaults(run=_events)

    quotes = commands.add_parser("quotes", help="stored quotes, filtered (--actor is the speaker)",
                                 formatter_class=RAW, epilog=QUERY_EXAMPLES)
    _filters(quotes, "actor country since until overlap article limit reviewed_only")
    quotes.add_argument("--match", help="full-text query on the quote text")
    _db(quotes)
    _json(quotes)
    quotes.set_defaults(run=_quotes)

    actors = commands.add_parser("actors", help="actors across articles, most reported first",
                                 formatter_class=RAW, epilog=QUERY_EXAMPLES)
    _filters(actors, "actor country kind since until article limit")
    _db(actors)
    _json(actors)
    actors.set_defaults(run=_actors)

    stories = commands.add_parser("stories", help="events fused across articles, each source's claims side by side",
                                  formatter_class=RAW, epilog=QUERY_EXAMPLES)
    stories.add_argument("--id", type=int, help="show one story: every source's claim and the disagreements")
    stories.add_argument("--min-sources", type=int, default=1, help="only stories reported by N+ articles")
    stories.add_argument("--rebuild", action="store_true",
                         help="re-fuse every stored event from scratch and print how many stories there are")
    _filters(stories, "actor country type status place since until overlap limit")
    _db(stories)
    _json(stories)
    stories.set_defaults(run=_stories)

    timeline = commands.add_parser("timeline", help="dated list of what an actor did and said, or of a story",
                                   formatter_class=RAW, epilog=QUERY_EXAMPLES)
    which = timeline.add_mutually_exclusive_group(required=True)
    which.add_argument("--actor", help="part of the actor's name (Zelenskyy)")
    which.add_argument("--story", type=int, help="a story number (see `wirecoder stories`)")
    _filters(timeline, "since until overlap limit")
    _db(timeline)
    _json(timeline)
    timeline.set_defaults(run=_timeline)

    from .export import FORMATS, LEVELS

    export = commands.add_parser("export", help="write stored events or records as JSONL, ACLED CSV, PLOVER JSON, "
                                 "Parquet or GeoJSON", formatter_class=RAW, epilog=EXPORT_EXAMPLES,
                                 description="\n".join(f"  {k:<12} {v[2]}" for k, v in FORMATS.items()))
    export.add_argument("--format", required=True, choices=list(FORMATS))
    export.add_argument("--out", help="file to write (default: stdout; Parquet needs a file)")
    export.add_argument("--level", choices=LEVELS, default="event",
                        help="event: each article's event; story: one row per fused story (default: event)")
    _filters(export, "actor country type status place since until overlap limit background reviewed_only")
    _db(export)
    export.set_defaults(run=_export)

    serve = commands.add_parser("serve", help="open the store over an HTTP API (JSON, OpenAPI at /docs)",
                                formatter_class=RAW, epilog=SERVE_EXAMPLES)
    serve.add_argument("--store", "--db", dest="db", help="the store file (default: $WIRECODER_DB or wirecoder.db)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine "
                       "only; 0.0.0.0 opens it to the network)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--token", help="token that POST /ingest needs as 'Authorization: Bearer TOKEN' "
                       "(default: $WIRECODER_TOKEN; without one the server writes nothing)")
    serve.add_argument("--max-body", type=int, default=1_000_000, help="largest request body in bytes (default 1 MB)")
    serve.add_argument("--keep-alive", type=float, default=KEEP_ALIVE_SECONDS, metavar="SECONDS",
                       help=f"how long an idle connection stays open (default {KEEP_ALIVE_SECONDS:g} s: longer than "
                       "clients keep theirs, so the server never closes one a client is reusing)")
    serve.set_defaults(run=_serve)

    _add_backup(commands)

BACKUP_EXAMPLES = """examples:
  wirecoder backup --db news.db backups/news-2025-12-07.db
  wirecoder backup --db news.db backups/          # backups/news.db

The copy is taken with SQLite's online backup API while readers and an ingest
go on, as one consistent snapshot of the last commit. It is written beside OUT
under a temporary name, checked with PRAGMA integrity_check, and only then
renamed to OUT. To restore, use the copy as --db (or copy it over the store
while nothing has it open).
"""


def _add_backup(commands) -> None:
    backup = commands.add_parser("backup", help="copy the store to OUT while it is in use, checked",
                                 description="A consistent, checked copy of the store, safe during reads and ingests.",
                                 formatter_class=RAW, epilog=BACKUP_EXAMPLES)
    backup.add_argument("out", metavar="OUT", help="the backup file (or a folder to put it in); never the store")
    _db(backup)
    backup.set_defaults(run=_backup)


def _backup(args) -> int:
    from .store.backup import backup

    with _open(args) as store:
        done = backup(store, args.out)
    if not args.quiet:
        print(done.line(store.path))
    return EXIT_OK


SERVE_EXAMPLES = """examples:
  wirecoder serve --store news.db                    # http://127.0.0.1:8000/docs
  curl 'http://127.0.0.1:8000/events?type=ASSAULT&country=UKR&limit=20'
  wirecoder serve --store news.db --token s3cret     # lets POST /ingest write
"""


def _serve(args) -> int:
    import os

    try:
        import uvicorn

        from .web.api import create_app
    except ImportError as err:
        raise SetupError(E.E057, package=err.name or "fastapi", feature="wirecoder serve") from None
    app = create_app(args.db or _default_db(), token=args.token or os.environ.get("WIRECODER_TOKEN") or None,
                     max_body=args.max_body)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", timeout_keep_alive=args.keep_alive)
    return EXIT_OK


def _default_db() -> str:
    from .store.db import default_path

    return default_path()


def _db(parser) -> None:
    parser.add_argument("--db", help="the store file (default: $WIRECODER_DB or wirecoder.db)")


def _json(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object per line instead of a table")


_FILTER_HELP = {
    "actor": "part of an actor's name, case and accents folded (zelensky, erdogan)",
    "country": "ISO3 code of an actor's country or of the place (UKR)",
    "type": "PLOVER types or TYPE/mode, comma-separated (ASSAULT,CONSULT/visit)",
    "status": "comma-separated: occurred, ongoing, planned, hypothetical, negated, claimed, denied",
    "place": "part of the place's name or province, case and accents folded (Kharkiv)",
    "kind": "entity kinds, comma-separated (person,organization)",
    "since": "date windows starting on or after this day, month or year (2018-06-01, 2018-06, 2018); "
             "undated events never match",
    "until": "date windows ending on or before this day, month or year (its last day)",
    "overlap": "--since/--until select windows that share a day with the range, not only those inside it",
    "article": "one article id",
    "limit": "at most N rows",
    "background": "include events told as history or habit (the record's background flag), left out by default; "
                  "they are never fused into stories",
    "reviewed_only": "only events (quotes) an analyst accepted or corrected (`wirecoder review`); rejected and "
                     "unreviewed ones are left out",
}


def _filters(parser, names: str) -> None:
    group = parser.add_argument_group("filters")
    for name in names.split():
        if name in ("background", "overlap", "reviewed_only"):
            group.add_argument(f"--{name.replace('_', '-')}", action="store_true", help=_FILTER_HELP[name])
        else:
            group.add_argument(f"--{name}", type=int if name == "limit" else str, help=_FILTER_HELP[name])


def _make_filters(args):
    from .store import make_filters

    return make_filters(**{key: getattr(args, key, None) for key in
                           ("actor", "country", "status", "place", "since", "until", "article", "limit",
                            "background", "overlap", "reviewed_only")},
                        types=getattr(args, "type", None), kinds=getattr(args, "kind", None))


def _open(args, create: bool = False):
    from .store import Store

    return Store(args.db, create=create)


def _print_rows(rows, as_json: bool, render) -> int:
    rows = list(rows)
    if as_json:
        for row in rows:
            print(json.dumps(row.to_dict(), ensure_ascii=False))
    elif rows:
        print(render(rows))
    else:
        log.info("nothing matched")
    return EXIT_OK


def _ingest(args) -> int:
    from .cli import columns_of
    from .pipeline import Pipeline
    from .stages import DEFAULT_STAGES
    from .store.ingest import articles, count_inputs, default_report, ingest
    from .store.progress import Progress

    files = [p for p in args.paths if p != "-"]
    for path in map(Path, files):
        if not path.exists():
            raise InputError(E.E001, path=str(path))
        if not path.is_file() and not path.is_dir():  # a named pipe: reading it could block forever
            from .readers import special_kind

            raise InputError(E.E018, where=str(path), kind=special_kind(path))
    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else list(DEFAULT_STAGES)
    shown = not args.quiet and (args.progress or sys.stderr.isatty())
    progress = Progress(count_inputs(files) if shown and files == args.paths else None, sys.stderr, shown)
    with _open(args, create=True) as store:
        if store.read_only is not None:  # before any article is read or parsed
            from .errors import StoreError

            raise StoreError(E.E064, path=store.path, detail=store.read_only, action="ingest into it")
        summary = ingest(store, _ingest_inputs(args, articles, columns_of(args)),
                         make_pipeline=lambda: Pipeline(stages), force=args.force,
                         progress=progress, report=default_report)
    if not args.quiet or summary.stopped is not None:
        print("\n".join(summary.lines()))
    if summary.stopped is not None:
        log.error("%s", summary.stopped)
    return summary.exit_code


STDIN_FORMATS = ("jsonl", "csv", "tsv")


def _ingest_inputs(args, articles, columns):
    """The articles of every PATH in order; ``-`` reads stdin as ``--input-format`` says."""
    for path in args.paths:
        if path != "-":
            yield from articles([path], columns)
            continue
        from .readers import decode, read_jsonl_lines
        from .readers.table import read_table

        kind = args.input_format or ("csv" if any(vars(columns).values()) else "jsonl")
        data = sys.stdin.buffer.read()
        if kind == "jsonl":
            yield from read_jsonl_lines(data.splitlines(), "<stdin>")
            continue
        try:
            yield from read_table(decode(data, "<stdin>"), "<stdin>", columns, "\t" if kind == "tsv" else ",")
        except InputError as err:  # no text column, undecodable bytes: the whole input fails, reported
            yield err


def _search(args) -> int:
    from .store import queries
    from .store.display import hits_table, quotes_table

    with _open(args) as store:
        if args.quotes:
            return _print_rows(queries.quotes(store, _make_filters(args), match=args.query), args.json, quotes_table)
        return _print_rows(queries.search(store, args.query, _make_filters(args)), args.json, hits_table)


def _events(args) -> int:
    from .store.display import events_table
    from .store.queries import events

    with _open(args) as store:
        return _print_rows(events(store, _make_filters(args)), args.json, events_table)


def _quotes(args) -> int:
    from .store.display import quotes_table
    from .store.queries import quotes

    with _open(args) as store:
        return _print_rows(quotes(store, _make_filters(args), match=args.match), args.json, quotes_table)


def _actors(args) -> int:
    from .store.display import actors_table
    from .store.queries import actors

    with _open(args) as store:
        return _print_rows(actors(store, _make_filters(args)), args.json, actors_table)


def _stories(args) -> int:
    from .store import stories as fusion
    from .store.display import stories_table, story_text
    from .store.views import stories, story

    with _open(args) as store:
        if args.rebuild:  # a count, not a listing: list them with `wirecoder stories` afterwards
            print(f"{fusion.rebuild(store)} stories rebuilt")
            return EXIT_OK
        if args.id is not None:
            view = story(store, args.id)
            print(json.dumps(view.to_dict(), ensure_ascii=False) if args.json else story_text(view))
            return EXIT_OK
        return _print_rows(stories(store, _make_filters(args), args.min_sources), args.json, stories_table)


def _timeline(args) -> int:
    from .store.display import timeline_text
    from .store.views import actor_timeline, story_timeline

    with _open(args) as store:
        entries = story_timeline(store, args.story, _make_filters(args)) if args.story is not None else \
            actor_timeline(store, args.actor, _make_filters(args))
        return _print_rows(entries, args.json, timeline_text)


def _export(args) -> int:
    from .export import is_binary, writer
    from .outputs import refuse_store, replacing, text_output

    from collections import Counter
    from functools import partial

    skipped: Counter = Counter()
    write = writer(args.format)
    if args.format == "acled-csv":  # the one format that leaves events out by meaning: say which and why
        write = partial(write, skipped=skipped)
    filters = _make_filters(args)
    if is_binary(args.format) and not args.out:
        raise InputError(E.E056, format=args.format)
    if args.out:  # before the store is opened: writing onto it would destroy it
        refuse_store(args.out, [args.db or _default_db()])
    with _open(args) as store:
        if not args.out:
            n = write(store, sys.stdout, filters, args.level)
        elif is_binary(args.format):
            with replacing(args.out, stores=[store.path]) as temp:
                n = write(store, str(temp), filters, args.level)
        else:
            with text_output(args.out, stores=[store.path]) as out:
                n = write(store, out, filters, args.level)
    log.info("wrote %d %s (%s)%s", n, "records" if args.format == "jsonl" else "rows", args.format,
             f" to {args.out}" if args.out else "")
    for reason, count in skipped.most_common():
        log.info("left out %d events: %s", count, reason)
    return EXIT_OK
