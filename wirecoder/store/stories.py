"""Stories in the store: every event belongs to one, fused at write time.

When an article is written, each of its events is compared (``fusion.score``)
with the events of stories of the same type whose dates come within a day of
its own; it joins the best match or starts a new story. Events told as
background (``Event.background``) are not fused: they keep no story. Deleting an article
(a new version replaces it) takes its events out of their stories, and a story
left without events is deleted. ``rebuild`` re-fuses everything in date order,
e.g. after the fusion parameters change.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable

from .db import Store
from .fusion import Claim, best_story, copy_window, params, window
from .schema import now

_PRECISION_RANK = {"exact": 0, "town": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5, None: 6}


def attach(db: sqlite3.Connection, article_pk: int) -> None:
    """Fuse the events of one freshly written article into stories (not those told as
    background: a war's start recalled in every article is no story of its own)."""
    events = db.execute("SELECT pk, claim FROM events WHERE article = ? AND background = 0 ORDER BY pk",
                        (article_pk,)).fetchall()
    for event_pk, claim_json in events:
        _assign(db, event_pk, Claim.from_json(claim_json))


def _assign(db: sqlite3.Connection, event_pk: int, claim: Claim) -> int:
    p = params()
    span, copies = window(claim, p), copy_window(claim, p)
    story = None
    if span is not None or copies is not None:
        story = best_story(claim, _candidates(db, claim.type, span, copies), p)
    if story is None:
        story = db.execute("INSERT INTO stories (type, updated_at) VALUES (?, ?)", (claim.type, now())).lastrowid
    db.execute("UPDATE events SET story = ? WHERE pk = ?", (story, event_pk))
    refresh(db, [story])
    return story


def _candidates(db: sqlite3.Connection, kind: str, span, copies) -> list[tuple[int, list[Claim]]]:
    """Stories of this type that overlap the claim's dates, or hold an event from an
    article published near its own (where a copy of its sentence would be)."""
    none = ("9999-12-31", "0001-01-01")
    when = (span[1].isoformat(), span[0].isoformat()) if span else none
    near = (copies[0].isoformat(), copies[1].isoformat()) if copies else none[::-1]
    # The articles of those days are found through the index on articles.published (the range on
    # the column, a superset of the days, lets SQLite use it; CROSS JOIN keeps it the outer loop):
    # through the events' type index instead, every write read all events of its type.
    past = near[1][:-1] + chr(ord(near[1][-1]) + 1)  # sorts after every value starting with near[1]
    rows = db.execute(
        "SELECT s.pk, e.claim FROM stories s JOIN events e ON e.story = s.pk WHERE s.type = ? AND s.pk IN ("
        " SELECT pk FROM stories WHERE type = ? AND start_date <= ? AND end_date >= ?"
        " UNION SELECT e2.story FROM articles a CROSS JOIN events e2 ON e2.article = a.pk"
        " WHERE a.published >= ? AND a.published < ? AND e2.type = ? AND substr(a.published, 1, 10) BETWEEN ? AND ?)"
        " ORDER BY s.pk, e.pk",
        (kind, kind, when[0], when[1], near[0], past, kind, near[0], near[1])).fetchall()
    grouped: dict[int, list[Claim]] = {}
    for story, claim_json in rows:
        grouped.setdefault(story, []).append(Claim.from_json(claim_json))
    return list(grouped.items())


def refresh(db: sqlite3.Connection, story_pks: Iterable[int]) -> None:
    """Recompute each story's summary from its events; delete stories left empty."""
    for story in set(story_pks):
        rows = db.execute("SELECT claim, article FROM events WHERE story = ?", (story,)).fetchall()
        if not rows:
            db.execute("DELETE FROM stories WHERE pk = ?", (story,))
            continue
        claims = [Claim.from_json(row[0]) for row in rows]
        starts = [c.start for c in claims if c.start and c.dated] or [c.start for c in claims if c.start]
        ends = [c.end for c in claims if c.end and c.dated] or [c.end for c in claims if c.end]
        modes = Counter(c.mode for c in claims if c.mode)
        best = min(claims, key=lambda c: _PRECISION_RANK.get(c.precision, 6))
        db.execute(
            "UPDATE stories SET mode = ?, start_date = ?, end_date = ?, place = ?, lat = ?, lon = ?, country = ?,"
            " n_events = ?, n_articles = ?, updated_at = ? WHERE pk = ?",
            (modes.most_common(1)[0][0] if modes else None,
             min(starts).isoformat() if starts else None, max(ends).isoformat() if ends else None,
             best.place, best.lat, best.lon, best.country, len(rows), len({row[1] for row in rows}), now(),
             story))


def rebuild(store: Store) -> int:
    """Re-fuse every event from scratch, in date order; return the number of stories.

    Claims are first derived again from the stored records, so a store filled
    by an older wirecoder is fused by the current rules.
    """
    from .claims import claim_of
    from .writer import stored_record

    with store.transaction() as db:
        db.execute("UPDATE events SET story = NULL")
        db.execute("DELETE FROM stories")
        for article_pk, data, text in db.execute("SELECT pk, record, text FROM articles").fetchall():
            record = stored_record(data, text)
            db.executemany("UPDATE events SET claim = ? WHERE article = ? AND id = ?",
                           [(claim_of(record, event).to_json(), article_pk, event.id) for event in record.events])
        events = [(pk, Claim.from_json(claim))
                  for pk, claim in db.execute("SELECT pk, claim FROM events WHERE background = 0")]
        events.sort(key=lambda item: (item[1].start is None, item[1].start or 0, item[0]))
        for event_pk, claim in events:
            _assign(db, event_pk, claim)
        return db.execute("SELECT count(*) FROM stories").fetchone()[0]
