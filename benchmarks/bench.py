"""`make bench`: milliseconds per article on the Guardian sample, per stage, against bare spaCy.

    python -m benchmarks.bench               # the first 60 articles
    python -m benchmarks.bench --limit 0     # all 249

Both runs parse the same texts in the same process, one after the other, so the
ratios hold even though absolute timings vary with the machine's load. The
``spacy`` row of the pipeline is its parse inside ``Pipeline.pipe``; each
stage's row is its own time (``Pipeline.timings``) and its share of that parse.
"""

from __future__ import annotations

import argparse
import sys
import time

from .datasets import guardian


def measure(limit: int, batch_size: int) -> list[tuple[str, float, float | None]]:
    from wirecoder.pipeline import Pipeline
    from wirecoder.readers import make_article

    rows = guardian(limit or None)
    texts = [row["text"] for row in rows]
    pipeline = Pipeline()
    list(pipeline.nlp.pipe(texts[:2]))  # warm up
    started = time.perf_counter()
    for _ in pipeline.nlp.pipe(texts, batch_size=batch_size):
        pass
    bare = (time.perf_counter() - started) * 1000 / len(texts)
    articles = [make_article(row["text"], f"guardian:{i}", published=row.get("date") or None)
                for i, row in enumerate(rows)]
    pipeline.timings.clear()
    failed = sum(not result.ok for result in pipeline.pipe(articles, batch_size=batch_size))
    if failed:
        print(f"{failed} articles failed", file=sys.stderr)
    per_article = {name: seconds * 1000 / len(texts) for name, seconds in pipeline.timings.items()}
    parse = per_article.get("spacy", bare)
    table = [("bare en_core_web_sm", bare, None), ("pipeline: spacy", parse, None)]
    table += [(f"pipeline: {name}", per_article.get(name, 0.0), per_article.get(name, 0.0) / parse)
              for name in pipeline.stage_names]
    table.append(("pipeline: total", sum(per_article.values()), None))
    return table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=60, help="articles to time (0: all)")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)
    table = measure(args.limit, args.batch_size)
    print(f"## speed (Guardian sample, {args.limit or 'all'} articles, ms per article)\n")
    print("| step | ms/article | share of the parse |")
    print("|---|---:|---:|")
    for name, ms, share in table:
        print(f"| {name} | {ms:.1f} | {f'{share:.1%}' if share is not None else '-'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
