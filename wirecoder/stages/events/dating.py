"""Dates shared along a narrative: an event told without a date of its own.

News tells a date once and lets the next clauses and sentences stand on it
("Gunmen attacked the village on 12/02, killing four. They also burned the
market."): the reader keeps the last date as the story's reference time until
the text gives another. An event with no date of its own takes, in order:

1. the first date its sentence gives without tying it to any trigger;
2. the date of the nearest event of its sentence with a date of its own;
3. the date of the nearest earlier event of its paragraph with one, else of the
   next one (a note that opens "Clashes in Wau. On Apr 6, soldiers ...");
4. the one date its paragraph names, when it names only one (real events only).

Only events told alike share a date: both real (occurred, ongoing, claimed,
denied) or both planned or hypothetical. Events named only to place another in
time ("after the talks") never take one, and a shared date is marked so that
merging does not read it as the events' own agreement.
"""

from __future__ import annotations

from dataclasses import replace

from .items import EventItem, WhenValue

REAL = frozenset({"occurred", "ongoing", "claimed", "denied"})


def told_alike(a: EventItem, b: EventItem) -> bool:
    return (a.status in REAL) == (b.status in REAL)


def own_date(event: EventItem) -> bool:
    return event.when is not None and bool(event.when.start) and not event.when.reported and not event.when.shared


def share_loose(made: list[EventItem], loose: list[WhenValue]) -> None:
    """Rule 1: a sentence's untied date dates its undated events; of several ("on the
    evening of 19/04 and into the following morning"), the first, where it began."""
    if not loose:
        return
    for event in made:
        if event.when is None and not event.background:
            event.when = loose[0]


def share_dates(events: list[EventItem], paragraph_dates: dict[int, list[WhenValue]]) -> None:
    """Rules 2 to 4, over the events of an article in text order."""
    dated = [e for e in events if own_date(e)]
    for event in events:
        if event.background or (event.when is not None and event.when.start):
            continue
        donors = [d for d in dated if d.paragraph == event.paragraph and told_alike(d, event)]
        if not donors:
            named = paragraph_dates.get(event.paragraph, [])
            if event.status in REAL and len({(w.start, w.end) for w in named}) == 1:
                event.when = replace(named[0], shared=True)
            continue
        same = [d for d in donors if d.sentence_i == event.sentence_i]
        if same:
            donor = min(same, key=lambda d: abs(d.trigger_i - event.trigger_i))
        else:
            before = [d for d in donors if d.sentence_i < event.sentence_i]
            donor = max(before, key=lambda d: d.trigger_i) if before else min(donors, key=lambda d: d.trigger_i)
        event.when = replace(donor.when, shared=True)
