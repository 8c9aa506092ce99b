"""`make bench`: speed on the Guardian sample, on this machine.

    python -m benchmarks.bench                 # every section
    python -m benchmarks.bench ingest --limit 249 --rounds 3

Sections: ``pipeline`` (ms per article of bare en_core_web_sm and of the
wirecoder pipeline, per stage) and ``ingest`` (ingest against extract alone:
is the store the bottleneck?). Timings on a shared machine vary by +-15 %:
compare figures within one run.
"""

from __future__ import annotations

import argparse
import sys
import time

from . import bench_ingest
from .datasets import guardian


def pipeline_section(pipeline, limit: int = 100, rounds: int = 1) -> list[str]:
    texts = [row["text"] for row in guardian(limit)]
    from wirecoder.readers import make_article

    articles = [make_article(t, f"guardian:{i}") for i, t in enumerate(texts)]
    list(pipeline.nlp.pipe(texts[:5]))
    started = time.perf_counter()
    list(pipeline.nlp.pipe(texts, batch_size=16))
    bare = time.perf_counter() - started
    pipeline.timings.clear()
    started = time.perf_counter()
    list(pipeline.pipe(articles))
    full = time.perf_counter() - started
    n = len(texts)
    lines = ["## pipeline (Guardian sample)", "", "| what | ms/article |", "|---|---|",
             f"| bare en_core_web_sm | {1000 * bare / n:.1f} |", f"| wirecoder, all stages | {1000 * full / n:.1f} |"]
    lines += [f"| - {name} | {1000 * seconds / n:.1f} |" for name, seconds in pipeline.timings.items()]
    return lines


SECTIONS = {"pipeline": pipeline_section, "ingest": bench_ingest.run}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sections", nargs="*", choices=[*SECTIONS, []], default=[])
    parser.add_argument("--limit", type=int, default=100, help="articles of the Guardian sample (default 100)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per timed mode (default 2)")
    args = parser.parse_args(argv)
    from wirecoder.pipeline import Pipeline

    pipeline = Pipeline()
    for name in args.sections or list(SECTIONS):
        print("\n".join(SECTIONS[name](pipeline, limit=args.limit, rounds=args.rounds)))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
