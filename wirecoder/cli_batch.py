"""`wirecoder batch`: parse the options, call ``wirecoder.batch.run``, print the summary."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from .errors import E, InputError

log = logging.getLogger("wirecoder")

BATCH_EXAMPLES = """examples:
  wirecoder batch articles.jsonl crawl.warc.gz --out out/        # a LocalCluster, one worker per core
  wirecoder batch articles/ --out out/ --workers 2 --db news.db  # and merge into the store
  wirecoder batch feed.csv --text-col body --out out/ --scheduler tcp://10.0.0.5:8786

Output: one Parquet dataset per layer, OUT/articles/, entities/, mentions/,
quotes/, times/, quantities/, places/, events/ (the columns of `wirecoder export
--format parquet`), errors/: one part-NNNNN.parquet per partition of
--partition-size articles in input order. A partition that is finished
(OUT/_done/part-NNNNN.json) is skipped when the command is run again, so an
interrupted batch resumes. An article that fails, or runs past --time-limit,
gets a row in errors/ and the batch goes on. With --scheduler, OUT must be a
folder every worker can write. Exit code 0: every article extracted; 1: some
failed (each in errors/ and on stderr).
"""


def add_command(commands) -> None:
    batch = commands.add_parser("batch", help="run the pipeline over many articles on Dask, writing Parquet",
                                description="Extract many articles on a Dask cluster (a LocalCluster by default) "
                                "into one Parquet dataset per layer.",
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=BATCH_EXAMPLES)
    batch.add_argument("paths", nargs="+", metavar="INPUT",
                       help=".jsonl, .txt, .html, .csv/.tsv, .warc(.gz) or a folder of them")
    batch.add_argument("--out", required=True, metavar="DIR", help="the output folder (created if missing)")
    batch.add_argument("--scheduler", metavar="ADDRESS",
                       help="a running Dask scheduler (tcp://host:8786); default: a LocalCluster on this machine")
    batch.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                       help="LocalCluster worker processes, one thread each (default: the number of cores)")
    batch.add_argument("--partition-size", type=int, default=50, metavar="K",
                       help="articles per partition, the unit of work, retry and resume (default 50)")
    batch.add_argument("--time-limit", type=int, metavar="SECONDS",
                       help="stop an article after this long (default: WIRECODER_TIME_LIMIT, 120)")
    batch.add_argument("--db", help="also merge the records into this store, through one writer")
    batch.add_argument("--progress", action="store_true", help="draw the progress bar even when not on a terminal")
    from .cli import add_column_options

    add_column_options(batch)
    batch.set_defaults(run=_batch)


def _batch(args) -> int:
    from .batch import run
    from .cli import columns_of
    from .store.ingest import count_inputs
    from .store.progress import Progress

    for option in ("workers", "partition_size", "time_limit"):
        value = getattr(args, option)
        if value is not None and value <= 0:
            raise InputError(E.E016, detail=f"--{option.replace('_', '-')} must be a positive number, not {value}",
                             command="wirecoder batch")
    shown = not args.quiet and (args.progress or sys.stderr.isatty())
    progress = Progress(count_inputs(args.paths) if shown else None, sys.stderr, shown, label="batch")
    summary = run(args.paths, args.out, scheduler=args.scheduler, workers=args.workers,
                  partition_size=args.partition_size, time_limit=args.time_limit, db=args.db,
                  columns=columns_of(args), progress=progress)
    if not args.quiet:
        print("\n".join(summary.lines() + [f"  Parquet datasets in {args.out}/ (one folder per layer)"]))
    return summary.exit_code
