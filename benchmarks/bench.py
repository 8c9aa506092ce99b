"""`make bench`: speed of the whole pipeline against bare en_core_web_sm.

    python -m benchmarks.bench              # every Guardian article of the sample
    python -m benchmarks.bench --limit 50

Each article is run through bare spaCy (``spacy.load`` of the same model, no
wirecoder component) and then through the full pipeline, one after the other,
so both see the same machine load; the table gives the median ms per article
of each, their ratio, and the mean ms per article of every stage (from
``Pipeline.timings``). One process, no batching: the ratio is what matters.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import spacy

from wirecoder.pipeline import DEFAULT_MODELS, Pipeline
from wirecoder.readers import make_article

from .datasets import guardian

WARM_UP = 3


def bare_model(name: str):
    """The same spaCy pipeline the wirecoder pipeline loads, without wirecoder's component."""
    for candidate in ((name,) if name else DEFAULT_MODELS):
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise SystemExit(f"no spaCy model among {name or DEFAULT_MODELS} is installed: run `make setup`")


def run(limit: int | None = None) -> dict:
    articles = [row["text"] for row in guardian(limit)]
    pipeline = Pipeline()
    bare = bare_model(pipeline.model_name)
    for text in articles[:WARM_UP]:
        bare(text)
        pipeline.extract(make_article(text, "warm-up"))
    pipeline.timings.clear()
    bare_ms, full_ms = [], []
    for i, text in enumerate(articles):
        started = time.perf_counter()
        bare(text)
        bare_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        pipeline.extract(make_article(text, f"bench:{i}"))
        full_ms.append((time.perf_counter() - started) * 1000)
    n = len(articles)
    return {
        "articles": n,
        "bare_ms": statistics.median(bare_ms),
        "full_ms": statistics.median(full_ms),
        "ratio": statistics.median(full_ms) / statistics.median(bare_ms),
        "stages_ms": {name: seconds * 1000 / n for name, seconds in pipeline.timings.items()},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args(argv)
    found = run(args.limit)
    print(f"## speed ({found['articles']} Guardian articles, one process)\n")
    print("| what | ms/article |")
    print("|---|---|")
    print(f"| bare en_core_web_sm (median) | {found['bare_ms']:.1f} |")
    print(f"| full wirecoder pipeline (median) | {found['full_ms']:.1f} |")
    print(f"| ratio full / bare | {found['ratio']:.2f} |")
    for name, ms in found["stages_ms"].items():
        print(f"| stage {name} (mean) | {ms:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
