"""The `wirecoder` command: a thin layer over the Python API.

Each command parses its arguments, calls the API and prints. Errors from the
catalogue become one line on stderr and the exit code of their kind.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .errors import (E, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_PARTIAL, EXIT_STORE, InputError,
                     WirecoderError)

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
  cat article.txt | wirecoder extract - --published 2025-12-07
  cat articles.jsonl | wirecoder extract - --jsonl
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
                         help=".txt, .html, .jsonl or .warc(.gz) file, a folder, or - for stdin")
    meta = extract.add_argument_group("article metadata (override what the file says)")
    meta.add_argument("--published", help="publication date, ISO 8601 (2025-12-07 or 2025-12-07T14:30Z)")
    meta.add_argument("--url", help="the article's URL")
    meta.add_argument("--title", help="the article's title")
    meta.add_argument("--source", help="the outlet")
    fmt = extract.add_argument_group("input and output")
    fmt.add_argument("--jsonl", action="store_true",
                     help="read JSON Lines (one article per line) and print one record per line")
    fmt.add_argument("--html", action="store_true", help="stdin is HTML")
    fmt.add_argument("--indent", type=int, default=None,
                     help="indent single records by N spaces (default 2; JSON Lines are never indented)")
    fmt.add_argument("--stages", help="comma-separated stages to run (default: all)")

    commands.add_parser("schema", help="print the JSON Schema of the record")
    commands.add_parser("setup", help="build the gazetteer index (make does this at install)")

    from .cli_store import add_commands

    add_commands(commands)

    demo = commands.add_parser("demo", help="run the pipeline on the example articles and summarise")
    demo.add_argument("path", nargs="?", default="examples", help="folder or file (default: examples)")
    demo.add_argument("--out", default="out", help="folder for the JSON records (default: out)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_INPUT
    try:
        if hasattr(args, "run"):
            return args.run(args)
        return {"extract": _extract, "schema": _schema, "setup": _setup, "demo": _demo}[args.command](args)
    except WirecoderError as err:
        print(f"wirecoder: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _inputs(args):
    from .readers import (WARC_SUFFIXES, parse_published, read_html, read_jsonl_lines, read_path, read_text,
                          with_meta)

    meta = {"published": args.published, "url": args.url, "title": args.title, "source": args.source}
    if args.published:
        parse_published(args.published, "--published")  # fail before reading anything
    if args.path == "-":
        data = sys.stdin.buffer.read()
        if args.jsonl:
            _ignored_meta(meta, "<stdin>")
            return read_jsonl_lines(data.splitlines(), "<stdin>"), True
        reader = read_html if args.html else read_text
        try:
            return [reader(data, "<stdin>", **{k: v for k, v in meta.items() if v})], False
        except InputError as err:
            return [err], False
    path = Path(args.path)
    batch = (args.jsonl or path.is_dir() or path.suffix.lower() in (".jsonl", ".ndjson")
             or path.name.lower().endswith(WARC_SUFFIXES))
    if batch:
        _ignored_meta(meta, args.path)
    if args.jsonl and path.is_file():  # --jsonl says how to read the file, whatever its name
        return _jsonl_file(path), True
    items = read_path(path)
    if not batch:
        return (item if isinstance(item, WirecoderError) else with_meta(item, **meta) for item in items), False
    return items, True


def _ignored_meta(meta: dict, where: str) -> None:
    """Metadata flags describe one article: for a batch they are ignored, and said so."""
    given = [f"--{key}" for key, value in meta.items() if value]
    if given:
        print(f"wirecoder: {', '.join(given)} ignored: metadata flags describe one article and {where} holds many "
              "(give each article its own in its JSON line)", file=sys.stderr)


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
            print(result.record.to_json(indent=indent))
        else:
            failed += 1
            print(f"wirecoder: {result.error}", file=sys.stderr)
            if not batch:
                return result.error.exit_code
            print(json.dumps({"where": result.where, "error": result.error.to_dict()}))
    if failed and batch:
        print(f"wirecoder: {failed} article(s) failed", file=sys.stderr)
        return EXIT_PARTIAL
    if not seen:  # an empty folder or JSON Lines file: nothing there, said so rather than silence
        from .readers import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, WARC_SUFFIXES

        kinds = sorted(s for s in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES if s) + list(WARC_SUFFIXES)
        print(f"wirecoder: no articles in {args.path} (files read: {', '.join(kinds)})", file=sys.stderr)
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
    from .summary import summarise

    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:  # a file of that name, a read-only place
        raise InputError(E.E060, path=args.out, detail=err.strerror or str(err)) from None
    pipeline = Pipeline()
    failed = 0
    written = []
    for result in pipeline.pipe(read_path(args.path)):
        if not result.ok:
            failed += 1
            print(f"wirecoder: {result.error}", file=sys.stderr)
            continue
        record = result.record
        target = out / f"{record.article.id}.json"
        try:
            target.write_text(record.to_json(indent=2), encoding="utf-8")
        except OSError as err:
            raise InputError(E.E060, path=str(target), detail=err.strerror or str(err)) from None
        written.append(target)
        print(summarise(record))
        print(f"  -> {target}\n")
    print(f"{len(written)} record(s) written to {out}/ ; {failed} failed.")
    print("Next: `wirecoder extract FILE --published DATE` for your own articles, "
          "`make eval` for accuracy, `make bench` for speed; the record contract is in schema/.")
    return EXIT_PARTIAL if failed else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
