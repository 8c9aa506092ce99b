"""`make bench`: speed and memory on the Guardian sample (../shared/datasets/news_corpus).

    python -m benchmarks.bench            # 100 articles
    python -m benchmarks.bench -n 249     # all of them

Rows: bare en_core_web_sm (nlp.pipe) against the full pipeline, in ms per
article, with the per-stage share from ``Pipeline.timings``; then the
gazetteer: what loading it adds to start-up (time, traced Python memory and
resident memory, measured in a fresh process) and its cost per article
(lookups and the places stage's time). Timings vary +-15 % between runs on
this machine: compare ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

from .datasets import guardian

# Run in a fresh interpreter, so that nothing else is loaded or cached yet.
# The modules are imported first (spaCy comes with them at any start-up): what is
# measured is what opening the index and loading the places lexicons add.
_LOAD_PROBE = """
import json, time, tracemalloc, psutil
from wirecoder.gazetteer import gazetteer
from wirecoder.stages.places.lexicon import place_lexicon
process = psutil.Process()
before = process.memory_info().rss
tracemalloc.start()
started = time.perf_counter()
gaz = gazetteer()
gaz.lookup("Kyiv")
place_lexicon()
seconds = time.perf_counter() - started
traced = tracemalloc.get_traced_memory()[1]
print(json.dumps({"seconds": seconds, "traced_mb": traced / 1e6,
                  "rss_mb": (process.memory_info().rss - before) / 1e6}))
"""


def load_cost() -> dict:
    out = subprocess.run([sys.executable, "-c", _LOAD_PROBE], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(limit: int) -> list[tuple[str, str]]:
    from wirecoder.gazetteer import Gazetteer
    from wirecoder.pipeline import Pipeline
    from wirecoder.readers import make_article

    rows = [row["text"] for row in guardian(limit)]
    pipeline = Pipeline()
    pipeline.nlp("warm up")
    started = time.perf_counter()
    for _ in pipeline.nlp.pipe(rows, batch_size=16):
        pass
    bare = (time.perf_counter() - started) / len(rows) * 1000

    articles = [make_article(text, f"bench:{i}") for i, text in enumerate(rows)]
    pipeline.timings.clear()
    before = Gazetteer.lookup.cache_info()
    started = time.perf_counter()
    failed = sum(1 for result in pipeline.pipe(articles) if not result.ok)
    full = (time.perf_counter() - started) / len(rows) * 1000
    after = Gazetteer.lookup.cache_info()

    table = [("articles", f"{len(rows)} ({failed} failed)"),
             ("bare en_core_web_sm, ms/article", f"{bare:.1f}"),
             ("full pipeline, ms/article", f"{full:.1f} ({full / bare:.2f}x bare)")]
    for stage, seconds in pipeline.timings.items():
        table.append((f"  stage {stage}, ms/article", f"{seconds / len(rows) * 1000:.1f}"))
    load = load_cost()
    calls = (after.hits + after.misses) - (before.hits + before.misses)
    table += [("gazetteer load (fresh process), s", f"{load['seconds']:.2f}"),
              ("gazetteer load, traced Python memory MB", f"{load['traced_mb']:.1f}"),
              ("gazetteer load, resident memory added MB", f"{load['rss_mb']:.1f}"),
              ("gazetteer lookups per article (all stages)", f"{calls / len(rows):.0f} "
               f"({(after.misses - before.misses) / len(rows):.0f} not cached)"),
              ("places stage per article, ms", f"{pipeline.timings.get('places', 0) / len(rows) * 1000:.1f}")]
    return table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=100, help="articles of the Guardian sample (default 100)")
    args = parser.parse_args(argv)
    table = run(args.n)
    width = max(len(name) for name, _ in table)
    print("## bench\n")
    print(f"| {'measure':<{width}} | value |")
    print(f"|{'-' * (width + 2)}|-------|")
    for name, value in table:
        print(f"| {name:<{width}} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
