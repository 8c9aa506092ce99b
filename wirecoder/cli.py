"""The `wirecoder` command: a thin layer over the Python API.

Each command parses its arguments, calls the API and prints. Errors from the
catalogue become one line on stderr and the exit code of their kind.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import __version__
from .errors import (E, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_PARTIAL, EXIT_STORE, InputError,
                     WirecoderError)

log = logging.getLogger("wirecoder")

EXIT_CODES = f"""exit codes:
  {EXIT_OK}  every article was extracted
  {EXIT_PARTIAL}  a batch ran but some articles failed (each reported on stderr)
  {EXIT_INPUT}  the input or the arguments are unusable (the message says which and how to fix it)
  3  wirecoder is not completely installed (run `make demo` or `make test`)
  {EXIT_INTERNAL}  a stage failed: a bug, the message names the stage
  {EXIT_STORE}  the store cannot be used: locked by another writer too long, damaged, or made by a newer wirecoder
"""

EXTRACT_EXAMPLES = """examples:
  wirecoder extract article.txt --published 2025-12-07
  wirecoder extract page.html                      # date, title, url from the page
  wirecoder extract articles.jsonl > records.jsonl # one record per line, input order
  wirecoder extract feed.csv --text-col body --date-col pubdate   # one record per row
  cat article.txt | wirecoder extract - --published 2025-12-07
  cat articles.jsonl | wirecoder extract - --jsonl
"""


class Parser(argparse.ArgumentParser):
    """argparse whose usage errors are catalogue errors: one coded line and exit code 2."""

    def error(self, message: str):
        raise InputError(E.E016, detail=message, command=self.prog)


def _logging_options(parser, top: bool) -> None:
    """-v/-q/--log-file, accepted before the command and after it (the last given wins)."""
    group = parser.add_argument_group("logging")
    keep = {} if top else {"default": argparse.SUPPRESS}
    group.add_argument("-v", "--verbose", action="count", help="say more on stderr: each article as it is done",
                       **({"default": 0} if top else keep))
    group.add_argument("-q", "--quiet", action="store_true",
                       help="only warnings and errors on stderr (no progress bar, no ingest summary)", **keep)
    group.add_argument("--log-file", metavar="FILE", help="also write the log, with times and levels, to FILE",
                       **keep)


def setup_logging(verbose: int = 0, quiet: bool = False, log_file: str | None = None) -> None:
    """Progress and problems go to the `wirecoder` logger: stderr, and a file if asked."""
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    for handler in list(log.handlers):
        log.removeHandler(handler)
        handler.close()
    stream = logging.StreamHandler(sys.stderr)
    stream.setFormatter(logging.Formatter("wirecoder: %(message)s"))
    stream.setLevel(level)
    log.addHandler(stream)
    if log_file:
        try:
            file = logging.FileHandler(log_file, encoding="utf-8")
        except OSError as err:
            raise InputError(E.E060, path=log_file, detail=err.strerror or str(err)) from None
        file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        file.setLevel(logging.DEBUG if verbose else logging.INFO)
        log.addHandler(file)
    log.setLevel(min(h.level for h in log.handlers))


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="wirecoder",
        description="Sourced, structured event data from English news articles.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXTRACT_EXAMPLES + "\n" + EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=f"wirecoder {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    extract = commands.add_parser(
        "extract", help="print the record of an article (or one per line for JSON Lines)",
        description="Extract the wirecoder record (JSON) of one article, or of each line of a JSON Lines file.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXTRACT_EXAMPLES + "\n" + EXIT_CODES)
    extract.add_argument("path", metavar="PATH|-",
                         help=".txt, .html, .jsonl, .csv/.tsv or .warc(.gz) file, a folder, or - for stdin")
    meta = extract.add_argument_group("article metadata (override what the file says)")
    meta.add_argument("--published", help="publication date, ISO 8601 (2025-12-07 or 2025-12-07T14:30Z)")
    meta.add_argument("--url", help="the article's URL")
    meta.add_argument("--title", help="the article's title")
    meta.add_argument("--source", help="the outlet")
    fmt = extract.add_argument_group("input and output")
    fmt.add_argument("--jsonl", action="store_true",
                     help="read JSON Lines (one article per line) and print one record per line")
    fmt.add_argument("--html", action="store_true", help="stdin is HTML")
    fmt.add_argument("--csv", action="store_true", help="stdin is CSV, one article per row (also implied by --text-col ...)")
    fmt.add_argument("--tsv", action="store_true", help="stdin is TSV, one article per row")
    fmt.add_argument("--indent", type=int, default=None,
                     help="indent single records by N spaces (default 2; JSON Lines are never indented)")
    fmt.add_argument("--stages", help="comma-separated stages to run (default: all)")
    add_column_options(extract)

    commands.add_parser("schema", help="print the JSON Schema of the record")
    commands.add_parser("setup", help="build the gazetteer index (make does this at install)")

    from .cli_store import add_commands

    add_commands(commands)
    from .cli_review import add_commands as add_review_commands

    add_review_commands(commands)

    from .cli_watch import add_command as add_watch

    add_watch(commands)

    from .cli_batch import add_command as add_batch

    add_batch(commands)

    demo = commands.add_parser("demo", help="run the pipeline on the example articles and summarise")
    demo.add_argument("path", nargs="?", default="examples", help="folder or file (default: examples)")
    demo.add_argument("--out", default="out", help="folder for the JSON records (default: out)")
    _logging_options(parser, top=True)
    for command in commands.choices.values():
        _logging_options(command, top=False)
    return parser


def add_column_options(parser) -> None:
    """--text-col, --date-col, ... for CSV and TSV input (extract and ingest)."""
    from .readers.table import HEADER_NAMES, OPTIONS

    group = parser.add_argument_group("CSV and TSV input (one article per row; columns found by header name)")
    for role, option in OPTIONS.items():
        group.add_argument(option, dest=f"col_{role}", metavar="COLUMN",
                           help=f"the column of the {role} (default: the first of {', '.join(HEADER_NAMES[role])})")


def columns_of(args):
    from .readers.table import Columns, OPTIONS

    return Columns(**{role: getattr(args, f"col_{role}", None) for role in OPTIONS})


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args, extra = parser.parse_known_args(argv)
        command = f"wirecoder {args.command}" if args.command else "wirecoder"
        if extra:  # argparse would name the top parser: the fix is in the command's own help
            raise InputError(E.E016, detail=f"unrecognized arguments: {' '.join(extra)}", command=command)
        if args.command is None:
            choices = parser._subparsers._group_actions[0].choices
            raise InputError(E.E016, detail=f"no command given (one of: {', '.join(choices)})", command=command)
        if args.log_file and hasattr(args, "db"):  # a log appended to the store would damage it
            from .outputs import refuse_store
            from .store.db import default_path

            refuse_store(args.log_file, [args.db or default_path()])
        setup_logging(args.verbose, args.quiet, args.log_file)
    except WirecoderError as err:
        print(f"wirecoder: {err}", file=sys.stderr)
        return err.exit_code
    try:
        if hasattr(args, "run"):
            return args.run(args)
        return {"extract": _extract, "schema": _schema, "setup": _setup, "demo": _demo}[args.command](args)
    except WirecoderError as err:
        log.error("%s", err)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as cause:  # noqa: BLE001 - a bug: one coded line, the traceback in the log at debug level
        log.debug("traceback", exc_info=True)
        error = WirecoderError(E.E033, detail=f"{type(cause).__name__}: {cause}")
        log.error("%s", error)
        return error.exit_code


def _inputs(args):
    from .readers import (TABLE_SUFFIXES, WARC_SUFFIXES, parse_published, read_html, read_jsonl_lines, read_path,
                          read_text, with_meta)

    meta = {"published": args.published, "url": args.url, "title": args.title, "source": args.source}
    if args.published:
        parse_published(args.published, "--published")  # fail before reading anything
    if args.path == "-":
        data = sys.stdin.buffer.read()
        if args.jsonl:
            _ignored_meta(meta, "<stdin>")
            return read_jsonl_lines(data.splitlines(), "<stdin>"), True
        columns = columns_of(args)
        if args.csv or args.tsv or any(vars(columns).values()):  # a table: the column options say so too
            from .readers import decode
            from .readers.table import read_table

            _ignored_meta(meta, "<stdin>")
            try:
                return read_table(decode(data, "<stdin>"), "<stdin>", columns, "\t" if args.tsv else ","), True
            except InputError as err:
                return [err], False
        reader = read_html if args.html else read_text
        try:
            return [reader(data, "<stdin>", **{k: v for k, v in meta.items() if v})], False
        except InputError as err:
            return [err], False
    path = Path(args.path)
    batch = (args.jsonl or path.is_dir() or path.suffix.lower() in {".jsonl", ".ndjson"} | TABLE_SUFFIXES
             or path.name.lower().endswith(WARC_SUFFIXES))
    if batch:
        _ignored_meta(meta, args.path)
    if args.jsonl and path.is_file():  # --jsonl says how to read the file, whatever its name
        return _jsonl_file(path), True
    items = read_path(path, columns_of(args))
    if not batch:
        return (item if isinstance(item, WirecoderError) else with_meta(item, **meta) for item in items), False
    return items, True


def _ignored_meta(meta: dict, where: str) -> None:
    """Metadata flags describe one article: for a batch they are ignored, and said so."""
    given = [f"--{key}" for key, value in meta.items() if value]
    if given:
        log.warning("%s ignored: metadata flags describe one article and %s holds many "
                    "(give each article its own in its JSON line)", ", ".join(given), where)


def _jsonl_file(path: Path):
    from .readers import read_jsonl_lines

    with path.open("rb") as handle:
        yield from read_jsonl_lines(handle, str(path))


def _extract(args) -> int:
    from .pipeline import Pipeline
    from .stages import DEFAULT_STAGES

    items, batch = _inputs(args)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else DEFAULT_STAGES
    failed = seen = 0
    indent = None if batch else (2 if args.indent is None else args.indent)
    for result in _run(items, lambda: Pipeline(stages)):
        seen += 1
        if result.ok:
            log.debug("%s: %d entities, %d quotes, %d events", result.where, len(result.record.entities),
                      len(result.record.quotes), len(result.record.events))
            print(result.record.to_json(indent=indent))
        else:
            failed += 1
            log.error("%s", result.error)
            if not batch:
                return result.error.exit_code
            print(json.dumps({"where": result.where, "error": result.error.to_dict()}))
    if failed and batch:
        log.warning("%d article(s) failed", failed)
        return EXIT_PARTIAL
    if not seen:  # an empty folder or JSON Lines file: nothing there, said so rather than silence
        from .readers import HTML_SUFFIXES, JSONL_SUFFIXES, TABLE_SUFFIXES, TEXT_SUFFIXES, WARC_SUFFIXES

        kinds = sorted(s for s in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | TABLE_SUFFIXES if s) \
            + list(WARC_SUFFIXES)
        log.warning("no articles in %s (files read: %s)", args.path, ", ".join(kinds))
    return EXIT_OK


def _run(items, make_pipeline):
    """Run items through a pipeline built only if there is something to run."""
    items = iter(items)
    first = next(items, None)
    if first is None:
        return
    if isinstance(first, WirecoderError) and not isinstance(first, InputError):
        raise first

    def chain():
        yield first
        yield from items

    yield from make_pipeline().pipe(chain())


def _schema(args) -> int:
    from .record import json_schema

    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK


def _setup(args) -> int:
    from .gazetteer import gazetteer, index_path

    path = index_path()
    gazetteer()
    print(f"gazetteer index: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return EXIT_OK


def _demo(args) -> int:
    from .pipeline import Pipeline
    from .readers import read_path
    from .outputs import text_output
    from .store import Store, write
    from .summary import summarise

    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:  # a file of that name, a read-only place
        raise InputError(E.E060, path=args.out, detail=err.strerror or str(err)) from None
    pipeline = Pipeline()
    failed = 0
    written = []
    with Store(out / "demo.db") as store:  # the records also go into a store, for the web page
        for result in pipeline.pipe(read_path(args.path)):
            if not result.ok:
                failed += 1
                log.error("%s", result.error)
                continue
            record = result.record
            target = out / f"{record.article.id}.json"
            with text_output(target) as handle:
                handle.write(record.to_json(indent=2))
            written.append(target)
            write(store, record)
            print(summarise(record))
            print(f"  -> {target}\n")
    print(f"{len(written)} record(s) written to {out}/ ; {failed} failed.")
    print("Next: `wirecoder extract FILE --published DATE` for your own articles, "
          "`make eval` for accuracy, `make bench` for speed; the record contract is in schema/.")
    print(f"See them in the browser: `.venv/bin/wirecoder serve --db {out / 'demo.db'}`, "
          "then open http://127.0.0.1:8000/")
    return EXIT_PARTIAL if failed else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
