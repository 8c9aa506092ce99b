"""`wirecoder review` and `wirecoder reviews`: an analyst's verdicts on events and quotes.

Thin wrappers over ``wirecoder.store.reviews``: the review is a layer of its own
beside the machine's output, which is never changed.
"""

from __future__ import annotations

import argparse
import json

from .errors import E, EXIT_OK, InputError

REVIEW_EXAMPLES = """items are named by their number (pk in `wirecoder events --json`) or as ARTICLE#ID,
as the last column of `wirecoder events` / `wirecoder quotes` prints them.

examples:
  wirecoder review --db news.db --event 'kyiv-0412#V2' --verdict accept --reviewer ana
  wirecoder review --db news.db --event 118 --verdict correct --set type=ACCUSE --reviewer ana
  wirecoder review --db news.db --event 118 --verdict correct --set date=2025-03-10/2025-03-11 \\
      --set 'source_actors=Russia;E4' --set place=Kharkiv --set status=claimed --reviewer ana
  wirecoder review --db news.db --quote 'kyiv-0412#Q3' --verdict correct --set speaker='Serhiy Lysak' --reviewer ana
  wirecoder review --db news.db --event 118 --verdict reject --reviewer ana --note 'an old attack, recalled'

fields: events: type (PLOVER, or TYPE/mode), mode, status, source_actors, target_actors
(entity ids or names, ';'-separated), place (id or name), date (day, month, year or
START/END), fatalities, injured; quotes: speaker. An empty value (--set place=) clears
it. A new review of the same item supersedes the last one; every one is kept
(`wirecoder reviews --all`).
"""


def add_commands(commands) -> None:
    review = commands.add_parser("review", help="accept, reject or correct a stored event or quote's speaker",
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=REVIEW_EXAMPLES)
    which = review.add_mutually_exclusive_group(required=True)
    which.add_argument("--event", help="the event: its number or ARTICLE#ID")
    which.add_argument("--quote", help="the quote: its number or ARTICLE#ID")
    review.add_argument("--verdict", required=True, choices=["accept", "reject", "correct"])
    review.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", dest="changes",
                        help="a corrected value (with --verdict correct; repeat for several fields)")
    review.add_argument("--reviewer", help="who reviews (default: $WIRECODER_REVIEWER)")
    review.add_argument("--note", help="why, in a few words")
    review.add_argument("--db", help="the store file (default: $WIRECODER_DB or wirecoder.db)")
    review.add_argument("--json", action="store_true", help="print the review and the reviewed item as JSON")
    review.set_defaults(run=_review)

    listing = commands.add_parser("reviews", help="list analysts' reviews, newest first",
                                  formatter_class=argparse.RawDescriptionHelpFormatter,
                                  epilog="examples:\n  wirecoder reviews --db news.db\n"
                                         "  wirecoder reviews --db news.db --event 118   # every review of one event")
    which = listing.add_mutually_exclusive_group()
    which.add_argument("--event", help="every review of this event (number or ARTICLE#ID)")
    which.add_argument("--quote", help="every review of this quote")
    which.add_argument("--layer", choices=["event", "quote"], help="only reviews of events, or of quotes")
    listing.add_argument("--all", action="store_true", help="also the reviews later ones superseded")
    listing.add_argument("--limit", type=int, help="at most N reviews")
    listing.add_argument("--db", help="the store file (default: $WIRECODER_DB or wirecoder.db)")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(run=_reviews)


def parse_changes(pairs: list[str]) -> dict:
    """--set FIELD=VALUE pairs as a dict (an empty value clears the field)."""
    changes = {}
    for pair in pairs:
        field, eq, value = pair.partition("=")
        if not eq or not field.strip():
            raise InputError(E.E081, detail=f"--set {pair!r} is not FIELD=VALUE", fix="write --set type=ACCUSE")
        changes[field.strip()] = value.strip() or None
    return changes


def _review(args) -> int:
    import os

    from .store import Store
    from .store.queries import event_rows, quote_rows
    from .store.reviews import review

    layer, ref = ("event", args.event) if args.event is not None else ("quote", args.quote)
    reviewer = args.reviewer or os.environ.get("WIRECODER_REVIEWER")
    with Store(args.db, create=False) as store:
        done = review(store, layer, ref, args.verdict, parse_changes(args.changes), reviewer, args.note)
        item = (event_rows if layer == "event" else quote_rows)(store, [done.attached])[0]
    if args.json:
        print(json.dumps({"review": done.to_dict(), layer: item.to_dict()}, ensure_ascii=False))
    else:
        changed = ", ".join(f"{k}={_shown(v)}" for k, v in done.changes.items())
        print(f"review {done.id}: {layer} {done.ref} {done.verdict}" + (f" ({changed})" if changed else "")
              + f" by {done.reviewer} at {done.reviewed_at}"
              + (f", superseding review {done.supersedes}" if done.supersedes else ""))
    return EXIT_OK


def _shown(value) -> str:
    if isinstance(value, dict):
        return value.get("name") or "/".join(v for v in (value.get("start"), value.get("end")) if v)
    if isinstance(value, list):
        return "; ".join(_shown(v) for v in value) or "none"
    return "none" if value is None else str(value)


def _reviews(args) -> int:
    from .store import Store
    from .store.display import table
    from .store.reviews import history, listing

    with Store(args.db, create=False) as store:
        if args.event is not None or args.quote is not None:
            layer, ref = ("event", args.event) if args.event is not None else ("quote", args.quote)
            rows = history(store, layer, ref)[:args.limit or None]
        else:
            rows = listing(store, args.layer, current=not args.all, limit=args.limit)
    if args.json:
        for r in rows:
            print(json.dumps(r.to_dict(), ensure_ascii=False))
    elif rows:
        print(table(["id", "when", "reviewer", "layer", "item", "verdict", "changes", "note"],
                    ([r.id, r.reviewed_at, r.reviewer, r.layer, r.ref, r.verdict,
                      ", ".join(f"{k}={_shown(v)}" for k, v in r.changes.items()), r.note] for r in rows),
                    [0, 20, 14, 5, 0, 7, 40, 30]))
    return EXIT_OK
