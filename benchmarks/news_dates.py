"""Event dates on the news corpus (issue 16): `python -m benchmarks.eval dates`.

Runs the pipeline over the real articles of $WIRECODER_SHARED/datasets/news_corpus
and counts the dates an analyst could not trust as they come:

- events dated more than two years before their article's publication (each
  should be background and carry an explicit year or decade in its own clause,
  or count its date from a time that states one: "the same month" after
  "in November 2015");
- events dated after publication whose status is not `planned` (or hypothetical);
- events whose window is a decade or a century wide ("the 1990s", "this century");
- events with no date at all (reported, not pinned: undated is honest).

There is no gold here: the figures are checks of the record's own consistency.

    python -m benchmarks.news_dates            # the table
    python -m benchmarks.news_dates --list     # ... and every event counted as old, future or wide
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta

from wirecoder.readers import make_article

from .datasets import dataset_dir
from .scoring import Row

CORPUS = "guardian_sdf_sample_2019.csv"
OLD = timedelta(days=2 * 365 + 1)
WIDE = timedelta(days=3 * 366)  # wider than a few years: a decade's or a century's window
EXPLICIT_YEAR = re.compile(r"(?<![\w-])(?:1[0-9]|20)\d\ds?(?!\w)|['’]\d0s(?!\w)")
NOT_OCCURRED = frozenset({"planned", "hypothetical"})


@dataclass
class Tally:
    events: int = 0
    old: list[str] = field(default_factory=list)
    old_unmarked: list[str] = field(default_factory=list)  # old, and not background or with no year in its clause
    future: list[str] = field(default_factory=list)
    wide: list[str] = field(default_factory=list)
    undated: int = 0


def corpus(limit: int | None = None) -> list[dict]:
    csv.field_size_limit(1 << 30)
    with open(dataset_dir("news_corpus") / CORPUS, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return rows[:limit] if limit else rows


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def count(tally: Tally, record: dict, published: date, article_id: str = "") -> None:
    """Adds one article's events to the tally."""
    text = record.get("text") or ""
    for event in record.get("events", []):
        tally.events += 1
        when = event.get("when") or {}
        start, end = _day(when.get("start")), _day(when.get("end") or when.get("start"))
        trigger = (event.get("evidence") or {}).get("trigger")
        label = f"{article_id} {event.get('type')} '{trigger}' {when.get('start')}..{when.get('end')} " \
                f"'{when.get('text')}' {event.get('status')}"
        if start is None:
            tally.undated += 1
            continue
        if end - start > WIDE:
            tally.wide.append(label)
        if end < published - OLD:
            tally.old.append(label)
            said = _stated(when, record.get("times") or [])
            if when.get("inferred") or not EXPLICIT_YEAR.search(said) or not event.get("background"):
                tally.old_unmarked.append(label)
        if start > published and event.get("status") not in NOT_OCCURRED:
            tally.future.append(label)
    del text


def _stated(when: dict, times: list[dict]) -> str:
    """The words that state the event's year: its own time expression, or for one counted
    from another ("two years later", "the same month") the time its anchors start from."""
    by_id = {t.get("id"): t for t in times}
    basis = when.get("basis") or {}
    node = next((t for t in times if (t.get("start"), t.get("end")) == (basis.get("start"), basis.get("end"))), None)
    seen = set()
    while node is not None and node.get("anchor") in by_id and node["anchor"] not in seen:
        seen.add(node["anchor"])
        node = by_id[node["anchor"]]
    if node is not None and node.get("anchor") is None:
        return node.get("text") or ""
    return when.get("text") or ""


def measure(pipeline, rows: list[dict]) -> Tally:
    inputs = [make_article(row["text"], f"news-{row['']}", id=f"news-{row['']}", published=row["date"])
              for row in rows]
    tally = Tally()
    for row, result in zip(rows, pipeline.pipe(inputs)):
        if result.error is not None:
            raise result.error
        count(tally, result.record.to_dict(), date.fromisoformat(row["date"]), row[""])
    return tally


def rows_of(tally: Tally) -> list[Row]:
    n = tally.events
    share = (lambda k: k / n) if n else (lambda k: 0.0)
    return [
        Row("events", "wirecoder", None, n, float(n)),
        Row("dated >2y before publication", "wirecoder", None, len(tally.old), share(len(tally.old)),
            key="dates.old_share", lower_is_better=True),
        Row("... without year/decade in own clause or not background", "wirecoder", None,
            len(tally.old_unmarked), float(len(tally.old_unmarked)), key="dates.old_unmarked", lower_is_better=True),
        Row("dated after publication, not planned", "wirecoder", None, len(tally.future),
            float(len(tally.future)), key="dates.future_not_planned", lower_is_better=True),
        Row("decade/century-wide windows", "wirecoder", None, len(tally.wide), float(len(tally.wide)),
            key="dates.wide_windows", lower_is_better=True),
        Row("undated", "wirecoder", None, tally.undated, share(tally.undated)),
    ]


def news_dates(pipeline) -> list[Row]:
    return rows_of(measure(pipeline, corpus()))


TASKS = {"news_dates": news_dates}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.news_dates", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", action="store_true", help="print every event counted as old, future or wide")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    args = parser.parse_args(argv)
    from wirecoder.pipeline import Pipeline

    from .scoring import format_table

    tally = measure(Pipeline(), corpus(args.limit))
    print(format_table("dates", rows_of(tally)))
    if args.list:
        for title, labels in (("old", tally.old_unmarked), ("future", tally.future), ("wide", tally.wide)):
            print(f"\n# {title}")
            print("\n".join(labels))
    return 0


if __name__ == "__main__":
    sys.exit(main())
