"""`wirecoder watch`: parse the options, build a ``Watcher`` over the store, run it."""

from __future__ import annotations

import argparse
import logging

from .errors import E, EXIT_OK, InputError

log = logging.getLogger("wirecoder")

WATCH_EXAMPLES = """examples:
  wirecoder watch https://example.org/world/rss --db news.db            # poll every 300 s until Ctrl-C
  wirecoder watch https://example.org/atom.xml incoming/ --db news.db --interval 600
  wirecoder watch https://example.org/world/rss --db news.db --once     # one poll, e.g. from cron

Each new feed item's page is fetched once (the feed's date is its publication
date) and ingested; a folder's new or changed files are read once. Text the
store already holds is not extracted again (a copy under another link becomes
an alias of the stored article). What was seen, and each feed's ETag and
Last-Modified, are kept in STORE.watch beside the store. One line is logged
per feed fetched and per new item (-v: per item skipped too); an item's error
is logged with its code and the watch goes on. Exit code with --once: 0, or 1
when a feed or an item failed.
"""


def add_command(commands) -> None:
    from .watch import DEFAULT_INTERVAL, MIN_INTERVAL

    watch = commands.add_parser("watch", help="follow RSS/Atom feeds and folders into the store",
                                description="Follow RSS/Atom feeds and folders; ingest each new item once.",
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=WATCH_EXAMPLES)
    watch.add_argument("sources", nargs="+", metavar="SOURCE", help="an http(s) feed address, or a folder")
    watch.add_argument("--db", help="the store file (default: $WIRECODER_DB or wirecoder.db)")
    watch.add_argument("--interval", type=float, default=DEFAULT_INTERVAL,
                       help=f"seconds between polls (default {DEFAULT_INTERVAL}, at least {MIN_INTERVAL})")
    watch.add_argument("--once", action="store_true", help="poll each source once and exit")
    watch.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a server (default 20)")
    watch.add_argument("--pause", type=float, default=1.0,
                       help="seconds between two item pages from one host (default 1)")
    watch.add_argument("--stages", help="comma-separated stages to run (default: all)")
    watch.set_defaults(run=run)


def run(args) -> int:
    from pathlib import Path

    from .pipeline import Pipeline
    from .stages import DEFAULT_STAGES
    from .store import Store
    from .watch import MIN_INTERVAL, Watcher, is_feed

    if not args.once and args.interval < MIN_INTERVAL:
        raise InputError(E.E099, value=f"{args.interval:g}", minimum=MIN_INTERVAL)
    for source in args.sources:
        if not is_feed(source) and not Path(source).exists():
            raise InputError(E.E001, path=source)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else list(DEFAULT_STAGES)
    with Store(args.db, create=True) as store:
        watcher = Watcher(store, args.sources, make_pipeline=lambda: Pipeline(stages), timeout=args.timeout,
                          pause=args.pause)
        try:
            return watcher.run(args.interval, once=args.once)
        except KeyboardInterrupt:
            log.info("stopped; what was stored stays, and the next watch goes on from here")
            return EXIT_OK
        finally:
            watcher.close()
