"""`make bench`: speed on the Guardian sample, on this machine.

    python -m benchmarks.bench                      # every section, all 249 articles
    python -m benchmarks.bench pipeline --limit 50  # a quicker look at one section
    python -m benchmarks.bench pipeline workers length --limit 60   # the summary table, ~10 min on 2 busy cores
    python -m benchmarks.bench web                  # the pages and API lists on 10,000 generated articles

Sections:
- ``pipeline``: wirecoder against bare en_core_web_sm on the same texts in the
  same run -- ms per article (median and mean, one article at a time, as
  `extract` runs), throughput in batches, per-stage ms and each stage's share
  of the spaCy parse, start-up (model load, gazetteer open) and memory;
- ``gazetteer``: what opening the gazetteer adds to start-up (time and memory,
  in a fresh process), and how many gold ACLED/CIR event points have a place,
  and a place of their own name, within 25 km (bench_gazetteer.py);
- ``ingest``: ingest into the store against extract alone (is the store the
  bottleneck?);
- ``workers``: the full pipeline in 1 and 2 worker processes (speed-up, peak
  memory per worker), and ``length``: time against article length, 1 to 200 KB
  (bench_scale.py);
- ``web``: p50/p95/max of every web page and API list of `wirecoder serve` on a
  generated store of 10,000 articles, against issue 13's 300 ms p95 (bench_web.py;
  ``python -m benchmarks.bench_web`` runs it alone, with its own options).
When the pipeline, workers and length sections ran, a last table sums up the run.
Timings on a shared machine vary by +-15 %: compare ratios within one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time

from . import bench_gazetteer, bench_ingest, bench_scale, bench_web
from .datasets import guardian


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _per_article(fn, texts) -> list[float]:
    times = []
    for text in texts:
        started = time.perf_counter()
        fn(text)
        times.append((time.perf_counter() - started) * 1000)
    return times


def pipeline_section(pipeline, limit: int | None = None, rounds: int = 1, figures: dict | None = None) -> list[str]:
    import spacy

    from wirecoder.gazetteer import gazetteer
    from wirecoder.pipeline import DEFAULT_MODELS
    from wirecoder.readers import make_article

    rows = guardian(limit)
    texts = [row["text"] for row in rows]
    articles = [make_article(row["text"], f"guardian:{i}", published=row.get("date") or None)
                for i, row in enumerate(rows)]
    words = statistics.mean(len(t.split()) for t in texts)

    started = time.perf_counter()
    bare = None
    for name in DEFAULT_MODELS:
        try:
            bare = spacy.load(name)
            break
        except OSError:
            continue
    load_model = time.perf_counter() - started
    started = time.perf_counter()
    gaz = gazetteer()
    gaz.lookup("Kyiv")
    open_gazetteer = time.perf_counter() - started

    bare(texts[0])  # warm up both: first-call costs are start-up, reported below
    pipeline.extract(articles[0])
    pipeline.timings.clear()

    cpu = time.process_time()
    bare_ms = _per_article(bare, texts)
    bare_cpu = time.process_time() - cpu
    cpu = time.process_time()
    ours_ms = _per_article(pipeline.extract, articles)
    ours_cpu = time.process_time() - cpu
    stage_ms = {name: 1000 * seconds / len(articles) for name, seconds in pipeline.timings.items()}

    started = time.perf_counter()
    list(bare.pipe(texts, batch_size=16))
    bare_rate = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    list(pipeline.pipe(articles))
    ours_rate = len(texts) / (time.perf_counter() - started)

    median_bare, median_ours = statistics.median(bare_ms), statistics.median(ours_ms)
    mean_bare, mean_ours = statistics.mean(bare_ms), statistics.mean(ours_ms)
    spacy_ms = stage_ms.get("spacy", 0.0) or 1.0
    lines = [f"## pipeline: {len(texts)} Guardian articles, {words:.0f} words on average", "",
             "| system | median ms/article | mean ms/article | articles/s (batches) |", "|---|---|---|---|",
             f"| bare en_core_web_sm | {median_bare:.0f} | {mean_bare:.0f} | {bare_rate:.1f} |",
             f"| wirecoder (all stages) | {median_ours:.0f} | {mean_ours:.0f} | {ours_rate:.1f} |",
             f"| ratio | {median_ours / median_bare:.2f}x | {mean_ours / mean_bare:.2f}x | {bare_rate / ours_rate:.2f}x |",
             "", f"CPU time per article, one at a time (what a shared machine's load does not inflate): "
             f"bare {1000 * bare_cpu / len(texts):.0f} ms, wirecoder {1000 * ours_cpu / len(texts):.0f} ms, "
             f"ratio {ours_cpu / bare_cpu:.2f}x",
             "", "## per stage (mean ms/article, one article at a time)", "",
             "| stage | ms/article | share of spaCy parse |", "|---|---|---|"]
    for name, ms in stage_ms.items():
        share = "-" if name == "spacy" else f"{100 * ms / spacy_ms:.1f} %"
        lines.append(f"| {name} | {ms:.1f} | {share} |")
    lines += ["", "## start-up and memory", "", "| what | value |", "|---|---|",
              f"| load en_core_web_sm | {load_model:.2f} s |",
              f"| open gazetteer + first lookup | {open_gazetteer * 1000:.0f} ms |",
              f"| peak resident memory | {_rss_mb():.0f} MB |"]
    if figures is not None:
        figures.update(articles=len(texts), words=words, ms_ours=mean_ours, ms_bare=mean_bare, rate_ours=ours_rate,
                       cpu_ms_ours=1000 * ours_cpu / len(texts), cpu_ms_bare=1000 * bare_cpu / len(texts),
                       rate_bare=bare_rate, stage_ms=stage_ms, load_pipeline=os.getloadavg()[0])
    return lines


# Run in a fresh interpreter, so nothing is loaded or cached yet. The modules are
# imported first: what is measured is what opening the index and the places
# lexicons add to start-up.
_LOAD_PROBE = """
import json, resource, time, tracemalloc
from wirecoder.gazetteer import gazetteer
from wirecoder.stages.places.lexicon import place_lexicon
def rss():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize()
before = rss()
tracemalloc.start()
started = time.perf_counter()
gaz = gazetteer()
gaz.lookup("Kyiv")
place_lexicon()
seconds = time.perf_counter() - started
traced = tracemalloc.get_traced_memory()[1]
print(json.dumps({"seconds": seconds, "traced_mb": traced / 1e6, "rss_mb": (rss() - before) / 1e6}))
"""


def gazetteer_section(pipeline, limit=None, rounds: int = 1, figures=None) -> list[str]:
    import json
    import subprocess

    out = subprocess.run([sys.executable, "-c", _LOAD_PROBE], capture_output=True, text=True, check=True)
    cost = json.loads(out.stdout.strip().splitlines()[-1])
    return ["## gazetteer start-up (fresh process)", "", "| what | value |", "|---|---|",
            f"| open index + first lookup + places lexicons | {cost['seconds'] * 1000:.0f} ms |",
            f"| Python memory traced | {cost['traced_mb']:.1f} MB |",
            f"| resident memory added | {cost['rss_mb']:.1f} MB |", "", *bench_gazetteer.run()]


def summary(figures: dict) -> list[str]:
    """The run in one table (README: sizing a GDELT day reads these figures)."""
    f = figures
    stages = ", ".join(f"{name} {ms:.1f}" for name, ms in f["stage_ms"].items())
    linear = "yes" if f["growth"] <= bench_scale.LINEAR_LIMIT else "NO"
    return [f"## summary: one run, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
            f"{f['articles']} Guardian articles of {f['words']:.0f} words on average", "",
            "| figure | value |", "|---|---|",
            f"| wirecoder, mean ms/article (one at a time): wall / CPU | {f['ms_ours']:.0f} / {f['cpu_ms_ours']:.0f} |",
            f"| per stage, mean ms/article | {stages} |",
            f"| articles/s, one process (batches) | {f['rate_ours']:.2f} |",
            f"| full pipeline / bare en_core_web_sm (time per article): nlp.pipe wall / one at a time CPU | "
            f"{f['rate_bare'] / f['rate_ours']:.2f}x / {f['cpu_ms_ours'] / f['cpu_ms_bare']:.2f}x |",
            f"| speed-up 1 -> 2 worker processes | {f['speedup']:.2f}x |",
            f"| CPU s per article in a worker | {f['worker_cpu_per_article']:.3f} |",
            f"| peak memory: one worker / this process after the 200 KB article | {f['worker_peak_mb']:.0f} MB / "
            f"{bench_scale.peak_mb():.0f} MB |",
            f"| 200 KB article / 20 KB article (CPU) | {f['growth']:.1f}x the time ({f['seconds_200kb']:.1f} s / "
            f"{f['seconds_20kb']:.2f} s); linear: {linear} |",
            f"| load average (pipeline / workers sections) | {f['load_pipeline']:.1f} / {f['load_workers']:.1f} "
            f"on {os.cpu_count()} cores |"]


def _no_figures(run):
    return lambda pipeline, limit=None, rounds=1, figures=None: run(pipeline, limit=limit, rounds=rounds)


def web_section(pipeline=None, limit=None, rounds=1, figures=None) -> list[str]:
    """No pipeline and no Guardian articles: a generated store (bench_web.py)."""
    return bench_web.run()[0]


SECTIONS = {"pipeline": pipeline_section, "gazetteer": gazetteer_section, "ingest": _no_figures(bench_ingest.run),
            "workers": bench_scale.workers_section, "length": bench_scale.length_section, "web": web_section}
SUMMED = ("pipeline", "workers", "length")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sections", nargs="*", choices=[*SECTIONS, []], default=[])
    parser.add_argument("--limit", type=int, default=None, help="articles of the Guardian sample (default all)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per timed ingest mode (default 2)")
    args = parser.parse_args(argv)
    from wirecoder.pipeline import Pipeline

    figures: dict = {}
    sections = args.sections or list(SECTIONS)
    pipeline = None
    if any(name != "web" for name in sections):
        started = time.perf_counter()
        pipeline = Pipeline()
        print(f"(wirecoder pipeline built in {time.perf_counter() - started:.2f} s)\n")
    for name in sections:
        limit = args.limit if args.limit is not None else (None if name in ("pipeline", "workers") else 100)
        print("\n".join(SECTIONS[name](pipeline, limit=limit, rounds=args.rounds, figures=figures)), flush=True)
        print()
    if all(name in sections for name in SUMMED):
        print("\n".join(summary(figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
