"""`make bench`: speed of wirecoder against bare en_core_web_sm on the Guardian sample.

    python -m benchmarks.bench              # all 249 articles
    python -m benchmarks.bench --limit 50   # a quicker look

Both systems see the same texts in the same run (timings here vary by +-15 %
between runs: compare the ratio, not the milliseconds). Reported:
- ms per article, median and mean, one article at a time (as `extract` runs);
- throughput in batches (nlp.pipe / Pipeline.pipe);
- per-stage ms per article from Pipeline.timings, and each stage's share of the
  spaCy parse time;
- start-up: model load, gazetteer open, resident memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time

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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    args = parser.parse_args(argv)

    import spacy

    from wirecoder.gazetteer import gazetteer
    from wirecoder.pipeline import DEFAULT_MODELS, Pipeline
    from wirecoder.readers import make_article

    rows = guardian(args.limit)
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
    rss_model = _rss_mb()
    started = time.perf_counter()
    gaz = gazetteer()
    gaz.lookup("Kyiv")
    open_gazetteer = time.perf_counter() - started
    started = time.perf_counter()
    pipeline = Pipeline()
    build_pipeline = time.perf_counter() - started

    # warm up both (first-call costs are start-up, reported above)
    bare(texts[0])
    pipeline.extract(articles[0])
    pipeline.timings.clear()

    bare_ms = _per_article(bare, texts)
    ours_ms = _per_article(pipeline.extract, articles)
    stage_ms = {name: 1000 * seconds / len(articles) for name, seconds in pipeline.timings.items()}

    started = time.perf_counter()
    list(bare.pipe(texts, batch_size=16))
    bare_rate = len(texts) / (time.perf_counter() - started)
    started = time.perf_counter()
    list(pipeline.pipe(articles))
    ours_rate = len(texts) / (time.perf_counter() - started)

    median_bare, median_ours = statistics.median(bare_ms), statistics.median(ours_ms)
    print(f"## speed: {len(texts)} Guardian articles, {words:.0f} words on average\n")
    print("| system | median ms/article | mean ms/article | articles/s (batches) |")
    print("|---|---|---|---|")
    print(f"| bare en_core_web_sm | {median_bare:.0f} | {statistics.mean(bare_ms):.0f} | {bare_rate:.1f} |")
    print(f"| wirecoder (all stages) | {median_ours:.0f} | {statistics.mean(ours_ms):.0f} | {ours_rate:.1f} |")
    print(f"| ratio | {median_ours / median_bare:.2f}x | {statistics.mean(ours_ms) / statistics.mean(bare_ms):.2f}x "
          f"| {bare_rate / ours_rate:.2f}x |")
    spacy_ms = stage_ms.get("spacy", 0.0)
    print("\n## per stage (mean ms/article, one article at a time)\n")
    print("| stage | ms/article | share of spaCy parse |")
    print("|---|---|---|")
    for name, ms in stage_ms.items():
        share = "-" if name == "spacy" else f"{100 * ms / spacy_ms:.1f} %"
        print(f"| {name} | {ms:.1f} | {share} |")
    print("\n## start-up and memory\n")
    print("| what | value |")
    print("|---|---|")
    print(f"| load en_core_web_sm | {load_model:.2f} s |")
    print(f"| open gazetteer + first lookup | {open_gazetteer * 1000:.0f} ms |")
    print(f"| build wirecoder pipeline (lexicons, KB) | {build_pipeline:.2f} s |")
    print(f"| resident memory after model load | {rss_model:.0f} MB |")
    print(f"| resident memory at the end | {_rss_mb():.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
