"""Ingest throughput: is the store the bottleneck?

The same Guardian articles go through the same loaded pipeline two ways:
``extract`` alone (records serialised to JSON, as `wirecoder extract` does)
and ``ingest`` into a fresh store (skip check, write, story fusion, one
transaction per article). Rounds alternate the two to even out drift on a
shared machine; the best round of each is compared, in CPU time (what this
process spent, not what other processes on the machine took) and wall time.
The store's own cost is also timed alone: writing already-extracted records.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from wirecoder.readers import make_article
from wirecoder.store import Store, write
from wirecoder.store.ingest import ingest

from .datasets import guardian

TARGET = 1.10  # ingest may take at most 10 % longer than extract alone


def _articles(limit: int):
    return [make_article(row["text"], f"guardian:{i}", id=f"guardian-{i}", published=row.get("date") or None,
                         source=row.get("source") or None) for i, row in enumerate(guardian(limit))]


def run(pipeline, limit: int = 100, rounds: int = 2) -> list[str]:
    articles = _articles(limit)
    list(pipeline.pipe(articles[:5]))  # warm up: model caches, gazetteer, lexicons
    times = {"extract": [], "ingest": []}  # (cpu, wall) per round
    records = []
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(rounds):
            cpu, wall = time.process_time(), time.perf_counter()
            records = [r.record for r in pipeline.pipe(articles) if r.ok]
            for record in records:
                record.to_json()
            times["extract"].append((time.process_time() - cpu, time.perf_counter() - wall))
            with Store(Path(folder) / f"ingest-{round_}.db") as store:
                cpu, wall = time.process_time(), time.perf_counter()
                summary = ingest(store, iter(articles), make_pipeline=lambda: pipeline)
                times["ingest"].append((time.process_time() - cpu, time.perf_counter() - wall))
            assert summary.stored == len(records), summary.lines()
        with Store(Path(folder) / "write-only.db") as store:
            cpu, wall = time.process_time(), time.perf_counter()
            for record in records:
                write(store, record, stages=pipeline.stage_names)
            write_only = (time.process_time() - cpu, time.perf_counter() - wall)
    n = len(articles)
    best = {mode: (min(t[0] for t in runs), min(t[1] for t in runs)) for mode, runs in times.items()}
    ratio = best["ingest"][0] / best["extract"][0]
    verdict = "within" if ratio <= TARGET else "OVER"

    def line(label, count, cpu_s, wall_s):
        return f"| {label} | {count} | {cpu_s:.2f} | {wall_s:.2f} | {1000 * cpu_s / max(count, 1):.1f} |"

    return [
        "## ingest throughput (Guardian sample)",
        "",
        f"| mode | articles | CPU s (best of {rounds}) | wall s | CPU ms/article |",
        "|---|---|---|---|---|",
        line("extract alone", n, *best["extract"]),
        line("ingest into the store", n, *best["ingest"]),
        line("store writes alone (already extracted)", len(records), *write_only),
        "",
        f"ingest / extract (CPU) = {ratio:.3f} ({verdict} the {TARGET - 1:.0%} target); store writes are "
        f"{write_only[0] / best['extract'][0]:.1%} of extract time; wall s per round: "
        + "; ".join(f"{mode} " + ", ".join(f"{t[1]:.1f}" for t in runs) for mode, runs in times.items()),
    ]
