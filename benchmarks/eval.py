"""`make eval`: accuracy tables per stage on the public dev data, checked against floors.

    python -m benchmarks.eval                 # every stage
    python -m benchmarks.eval entities        # one stage
    python -m benchmarks.eval --json out.json # also write the figures

Floors live in benchmarks/floors.json: a figure below its floor fails the run
(exit 1). Floors are only ever raised (--raise-floors writes the new figures
where they are higher).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import articles, entities, events, news_dates, places, quotes, stories, times
from .scoring import Row, format_table

FLOORS = Path(__file__).with_name("floors.json")
STAGES = {"entities": entities.TASKS, "places": places.TASKS, "times": times.TASKS, "quotes": quotes.TASKS,
          "events": events.TASKS, "stories": stories.TASKS,
          "articles": articles.TASKS, "dates": news_dates.TASKS}


def run(stages: list[str], pipeline=None) -> dict[str, list[Row]]:
    from wirecoder.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    tables = {}
    for stage in stages:
        rows = []
        for name, task in STAGES[stage].items():
            started = time.perf_counter()
            rows.extend(task(pipeline))
            print(f"  ({stage}/{name}: {time.perf_counter() - started:.1f} s)", file=sys.stderr)
        tables[stage] = rows
    return tables


def figures(tables: dict[str, list[Row]]) -> dict[str, float]:
    return {row.key: round(row.figure, 4) for rows in tables.values() for row in rows
            if row.key and row.figure is not None}


def below_floors(found: dict[str, float], floors: dict[str, dict]) -> list[str]:
    failures = []
    for key, floor in floors.items():
        if key not in found:
            continue
        value, lower_better = found[key], floor.get("lower_is_better", False)
        if (value > floor["value"]) if lower_better else (value < floor["value"]):
            failures.append(f"{key} = {value} is worse than its floor {floor['value']}")
    return failures


def load_floors() -> dict[str, dict]:
    return json.loads(FLOORS.read_text()) if FLOORS.exists() else {}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eval", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stages", nargs="*", choices=[*STAGES, []], default=[])
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--raise-floors", action="store_true", help="raise floors to the figures found")
    args = parser.parse_args(argv)
    tables = run(args.stages or list(STAGES))
    for stage, rows in tables.items():
        print(format_table(stage, rows))
        print()
    found = figures(tables)
    floors = load_floors()
    if args.json:
        Path(args.json).write_text(json.dumps(found, indent=2))
    if args.raise_floors:
        for key, value in found.items():
            entry = floors.setdefault(key, {"value": value})
            lower = entry.get("lower_is_better", False) or any(
                r.key == key and r.lower_is_better for rows in tables.values() for r in rows)
            entry["lower_is_better"] = lower
            better = value < entry["value"] if lower else value > entry["value"]
            if better:
                entry["value"] = value
        FLOORS.write_text(json.dumps(dict(sorted(floors.items())), indent=2) + "\n")
    failures = below_floors(found, floors)
    for failure in failures:
        print(f"FLOOR: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
