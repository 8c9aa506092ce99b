"""Analysts' reviews as gold: how right is the machine on the events and quotes they checked?

    python -m benchmarks.reviewed --db news.db          # a table
    python -m benchmarks.reviewed --db news.db --json   # the figures as JSON

Each item's current review says what is right (``store.reviews.gold``): accept --
the machine's values as the analyst saw them; correct -- those values with the
corrected fields replaced; reject -- there is no such event (or quote). The
machine's *current* values are scored against it, so after a re-extraction
(``ingest --force`` with a newer wirecoder) the same reviews score the new output:

- event precision: reviewed events that are real (not rejected) / reviewed events
  the machine still has; strict precision: those with every reviewed field right;
- per field (type, mode, status, date, place, source_actors, target_actors,
  fatalities, injured): right / real reviewed events;
- quotes: speaker right / real reviewed quotes;
- lost: reviewed real items the machine no longer finds (their anchor is gone).
"""

from __future__ import annotations

import argparse
import json
import sys

from wirecoder.store import Store
from wirecoder.store.queries import event_rows, quote_rows
from wirecoder.store.reviews import FIELDS, event_values, gold, listing, quote_values


def same(field: str, machine, right) -> bool:
    """Field values compared as an analyst would: actors and places by name, dates by window."""
    if field in ("source_actors", "target_actors"):
        return sorted(a["name"] for a in machine or []) == sorted(a["name"] for a in right or [])
    if field in ("place", "speaker"):
        return (machine or {}).get("name") == (right or {}).get("name")
    if field == "date":
        pick = lambda d: (d["start"], d["end"] or d["start"]) if d else None  # noqa: E731
        return pick(machine) == pick(right)
    return machine == right


def score(store: Store) -> dict:
    counts = {"events_reviewed": 0, "events_real": 0, "events_rejected": 0, "events_all_right": 0, "events_lost": 0,
              "quotes_reviewed": 0, "quotes_real": 0, "quotes_rejected": 0, "speaker_right": 0, "quotes_lost": 0}
    right = dict.fromkeys(FIELDS["event"], 0)
    for review in listing(store):
        layer, truth = review.layer, gold(review)
        if review.attached is None:  # the machine no longer has the item
            counts[f"{layer}s_lost"] += truth is not None
            continue
        counts[f"{layer}s_reviewed"] += 1
        if truth is None:
            counts[f"{layer}s_rejected"] += 1
            continue
        counts[f"{layer}s_real"] += 1
        if layer == "event":
            values = event_values(event_rows(store, [review.attached], reviewed=False)[0])
            hits = {f: same(f, values[f], truth.get(f)) for f in FIELDS["event"]}
            for f, ok in hits.items():
                right[f] += ok
            counts["events_all_right"] += all(hits.values())
        else:
            values = quote_values(quote_rows(store, [review.attached], reviewed=False)[0])
            counts["speaker_right"] += same("speaker", values["speaker"], truth.get("speaker"))
    ratio = lambda a, b: round(a / b, 4) if b else None  # noqa: E731
    figures = {
        "event_precision": ratio(counts["events_real"], counts["events_reviewed"]),
        "event_strict_precision": ratio(counts["events_all_right"], counts["events_reviewed"]),
        **{f"{f}_accuracy": ratio(n, counts["events_real"]) for f, n in right.items()},
        "quote_precision": ratio(counts["quotes_real"], counts["quotes_reviewed"]),
        "speaker_accuracy": ratio(counts["speaker_right"], counts["quotes_real"]),
    }
    return {"counts": counts, "figures": figures}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the store holding the reviews")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    with Store(args.db, create=False) as store:
        result = score(store)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    counts = result["counts"]
    print(f"events: {counts['events_reviewed']} reviewed ({counts['events_rejected']} rejected), "
          f"{counts['events_lost']} lost; quotes: {counts['quotes_reviewed']} reviewed "
          f"({counts['quotes_rejected']} rejected), {counts['quotes_lost']} lost")
    for name, value in result["figures"].items():
        print(f"  {name:<28} {'-' if value is None else f'{value:.3f}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
