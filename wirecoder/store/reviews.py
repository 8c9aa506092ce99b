"""Analysts' reviews: accept, reject or correct an event or a quote's speaker.

A review is a row of its own (table ``reviews``, migration 4) -- the machine's
rows are never changed. Every review of an item is kept; the newest supersedes
the one before it and is the one shown. What a correction may change, per
layer, is ``FIELDS``; each value is checked (``review_checks``: a PLOVER type,
an event status, an ISO date window, an actor or place the article or the
store knows) and stored normalized, with the machine's values as they were when
the analyst looked (``machine``), so the reviewed values can serve as gold
after the article is extracted again.

A review finds its item by the article's id and the item's anchor in the text
(an event's sentence and trigger word, a quote's span): re-ingesting the same
text changes nothing, and a forced re-extraction (``ingest --force``) or a new
version of the article under the same id re-attaches the reviews whose anchor
is still there (``attach``). Event and quote ids (V1, Q2) are positions in a
record and may change when extraction changes; anchors do not.

    >>> review(store, "event", "art-1#V2", "correct", {"type": "ACCUSE"}, "ana")
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, replace

from ..errors import E, InputError
from .db import Store
from .queries import ActorRef, EventRow, PlaceRef, QuoteRow
from .review_checks import FIELDS, VERDICTS, Target, check
from .schema import now

__all__ = ["FIELDS", "LAYERS", "VERDICTS", "Review", "apply_event", "apply_quote", "attach", "check", "current",
           "event_values", "find", "get", "gold", "history", "listing", "of_article", "quote_values", "review",
           "view"]

LAYERS = ("event", "quote")
CURRENT = "NOT EXISTS (SELECT 1 FROM reviews n WHERE n.supersedes = {r}.id)"  # the newest review of its item


@dataclass(frozen=True)
class Review:
    id: int
    layer: str
    article: str
    item: str
    verdict: str
    changes: dict
    machine: dict
    reviewer: str
    note: str | None
    reviewed_at: str
    supersedes: int | None
    attached: int | None  # the item's current row (events.pk / quotes.pk); None when it is gone

    @property
    def ref(self) -> str:
        return f"{self.article}#{self.item}"

    def to_dict(self) -> dict:
        return {**asdict(self), "ref": self.ref}

    def summary(self) -> dict:
        """Who and when, as list rows show it."""
        return {"id": self.id, "reviewer": self.reviewer, "reviewed_at": self.reviewed_at, "note": self.note}


_REVIEW_COLUMNS = ("r.id, r.layer, r.article, r.item, r.verdict, r.changes, r.machine, r.reviewer, r.note, "
                   "r.reviewed_at, r.supersedes, CASE r.layer WHEN 'event' THEN r.event ELSE r.quote END")


def _review(row) -> Review:
    values = list(row)
    values[5], values[6] = json.loads(values[5]), json.loads(values[6])
    return Review(*values)


# -- finding the item ---------------------------------------------------------

_FIND = {
    "event": "SELECT e.pk, a.pk, a.id, e.id, e.evidence_start, e.evidence_end, e.trigger FROM events e "
             "JOIN articles a ON a.pk = e.article WHERE ",
    "quote": "SELECT q.pk, a.pk, a.id, q.id, q.start_char, q.end_char, q.text FROM quotes q "
             "JOIN articles a ON a.pk = q.article WHERE ",
}


def find(store: Store, layer: str, ref) -> Target:
    """An event or quote by its number (``pk``) or as ``ARTICLE#ID`` (``art-1#V2``); E080 if there is none."""
    alias = layer[0]
    text = str(ref).strip()
    if text.isdigit() and int(text) <= 2**63 - 1:
        sql, params = _FIND[layer] + f"{alias}.pk = ?", (int(text),)
    elif "#" in text:
        article, _, item = text.rpartition("#")
        sql, params = _FIND[layer] + f"a.id = ? AND {alias}.id = ?", (article, item)
    else:
        raise InputError(E.E080, layer=layer, ref=text, path=store.path)
    row = store.execute(sql, params).fetchone()
    if row is None:
        raise InputError(E.E080, layer=layer, ref=text, path=store.path)
    return Target(layer, *row)

# -- machine values, as the analyst saw them ----------------------------------

def _actor_dict(a: ActorRef) -> dict:
    return {"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector}


def event_values(row: EventRow) -> dict:
    """An event row's reviewable values, in the shape corrections take."""
    place = row.location
    return {
        "type": row.type, "mode": row.mode, "status": row.status,
        "source_actors": [_actor_dict(a) for a in row.source_actors],
        "target_actors": [_actor_dict(a) for a in row.target_actors],
        "place": {"id": place.id, "name": place.name, "kind": place.kind, "country": place.country,
                  "admin1": place.admin1, "lat": place.lat, "lon": place.lon, "precision": place.precision,
                  "geonameid": place.geonameid} if place else None,
        "date": {"start": row.when_start, "end": row.when_end or row.when_start,
                 "precision": row.when_precision} if row.when_start else None,
        "fatalities": row.fatalities, "injured": row.injured,
    }


def quote_values(row: QuoteRow) -> dict:
    return {"speaker": {"id": None, "name": row.speaker or row.speaker_text, "country": row.speaker_country}
            if (row.speaker or row.speaker_text) else None}


def _machine_row(store: Store, target: Target):
    from .queries import event_rows, quote_rows

    rows = event_rows(store, [target.pk], reviewed=False) if target.layer == "event" else \
        quote_rows(store, [target.pk], reviewed=False)
    return rows[0]


# -- writing and reading reviews ----------------------------------------------

def review(store: Store, layer: str, ref, verdict: str, changes: dict | None = None, reviewer: str | None = None,
           note: str | None = None) -> Review:
    """Record one analyst's verdict on an event or a quote; return it. The machine's rows stay as they are."""
    if layer not in LAYERS:
        raise InputError(E.E081, detail=f"there is no review layer {layer!r}", fix="review an event or a quote")
    if not isinstance(reviewer, str) or not reviewer.strip():
        raise InputError(E.E084, detail="no reviewer was given")
    if len(reviewer) > 200 or (note is not None and (not isinstance(note, str) or len(note) > 4000)):
        raise InputError(E.E081, detail="the reviewer's name or the note is too long",
                         fix="keep the name under 200 characters and the note under 4000")
    verdict = str(verdict).strip().lower()
    target = find(store, layer, ref)
    normalized = check(store, target, verdict, changes)
    row = _machine_row(store, target)
    machine = event_values(row) if layer == "event" else quote_values(row)
    column = "event" if layer == "event" else "quote"
    try:
        new_id = _insert(store, layer, column, target, verdict, normalized, machine, reviewer.strip(), note)
    except sqlite3.IntegrityError:  # the article was replaced between reading and writing: its rows are new
        raise InputError(E.E080, layer=layer, ref=str(ref), path=store.path) from None
    return get(store, new_id)


def _insert(store: Store, layer: str, column: str, target: Target, verdict: str, normalized: dict, machine: dict,
            reviewer: str, note: str | None) -> int:
    with store.transaction() as db:
        previous = db.execute(f"SELECT r.id FROM reviews r WHERE r.{column} = ? AND {CURRENT.format(r='r')}",
                              (target.pk,)).fetchone()
        new_id = db.execute(
            f"INSERT INTO reviews (layer, article, item, anchor_start, anchor_end, anchor_text, {column}, verdict,"
            " changes, machine, reviewer, note, reviewed_at, supersedes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (layer, target.article, target.item, target.start, target.end, target.anchor, target.pk, verdict,
             json.dumps(normalized, ensure_ascii=False), json.dumps(machine, ensure_ascii=False),
             reviewer, note, now(), previous[0] if previous else None)).lastrowid
    return new_id


def get(store: Store, review_id: int) -> Review:
    return _review(store.execute(f"SELECT {_REVIEW_COLUMNS} FROM reviews r WHERE r.id = ?", (review_id,)).fetchone())


def history(store: Store, layer: str, ref) -> list[Review]:
    """Every review of one item, newest first (the first is the one that counts)."""
    target = find(store, layer, ref)
    column = "event" if layer == "event" else "quote"
    return [_review(row) for row in store.execute(
        f"SELECT {_REVIEW_COLUMNS} FROM reviews r WHERE r.{column} = ? OR (r.layer = ? AND r.article = ? AND "
        "r.item = ? AND r.anchor_start = ? AND r.anchor_end = ?) ORDER BY r.id DESC",
        (target.pk, layer, target.article, target.item, target.start, target.end))]


def view(store: Store, layer: str, ref) -> dict:
    """One item side by side: the machine's values, the reviewed values (None when rejected;
    the machine's when nobody reviewed it), the current verdict with who and when, and the history."""
    target = find(store, layer, ref)
    row = _machine_row(store, target)
    machine = event_values(row) if layer == "event" else quote_values(row)
    found = history(store, layer, target.pk)
    latest = next((r for r in found if r.attached == target.pk), None)
    reviewed = machine if latest is None else None if latest.verdict == "reject" else {**machine, **latest.changes}
    return {"ref": f"{target.article}#{target.item}", "pk": target.pk, "machine": machine, "reviewed": reviewed,
            "verdict": latest.verdict if latest else None, "review": latest.summary() if latest else None,
            "history": [r.to_dict() for r in found]}


def listing(store: Store, layer: str | None = None, *, current: bool = True, limit: int | None = None
            ) -> list[Review]:
    """Reviews, newest first: only each item's current one (``current``), or every one."""
    clauses, params = [], []
    if layer:
        clauses.append("r.layer = ?")
        params.append(layer)
    if current:
        clauses.append(CURRENT.format(r="r"))
    sql = f"SELECT {_REVIEW_COLUMNS} FROM reviews r" + (" WHERE " + " AND ".join(clauses) if clauses else "") + \
        " ORDER BY r.id DESC" + (" LIMIT ?" if limit else "")
    return [_review(row) for row in store.execute(sql, params + ([limit] if limit else []))]


def current(store: Store, layer: str, pks: list[int]) -> dict[int, Review]:
    """The current review of each of these rows (events.pk or quotes.pk) that has one."""
    if not pks:
        return {}
    column = "event" if layer == "event" else "quote"
    found = {}
    for chunk in (pks[i:i + 500] for i in range(0, len(pks), 500)):
        for row in store.execute(f"SELECT {_REVIEW_COLUMNS} FROM reviews r WHERE r.{column} IN "
                                 f"({','.join('?' * len(chunk))}) AND {CURRENT.format(r='r')}", chunk):
            found[row[-1]] = _review(row)
    return found


def of_article(store: Store, article: str) -> list[dict]:
    """The current reviews of one article's attached items, as the JSON Lines export writes them."""
    rows = store.execute(
        "SELECT r.layer, COALESCE(e.id, q.id), r.verdict, r.changes, r.machine, r.reviewer, r.reviewed_at, r.note "
        "FROM reviews r LEFT JOIN events e ON e.pk = r.event AND r.layer = 'event' "
        "LEFT JOIN quotes q ON q.pk = r.quote AND r.layer = 'quote' "
        f"WHERE r.article = ? AND COALESCE(e.id, q.id) IS NOT NULL AND {CURRENT.format(r='r')} ORDER BY r.id",
        (article,)).fetchall()
    keys = ("layer", "item", "verdict", "changes", "machine", "reviewer", "reviewed_at", "note")
    return [{**dict(zip(keys, row)), "changes": json.loads(row[3]), "machine": json.loads(row[4])} for row in rows]


def attach(db: sqlite3.Connection, article_pk: int) -> None:
    """After an article is (re)written: point its reviews at the rows with their anchors.

    Where two items share an anchor (one sentence, one trigger word), the one with the
    reviewed item's id is taken."""
    article = db.execute("SELECT id FROM articles WHERE pk = ?", (article_pk,)).fetchone()[0]
    for layer, table, start, end, anchor in (("event", "events", "evidence_start", "evidence_end", "trigger"),
                                             ("quote", "quotes", "start_char", "end_char", "text")):
        loose = db.execute(f"SELECT id, item, anchor_start, anchor_end, anchor_text FROM reviews WHERE layer = ? AND "
                           f"{layer} IS NULL AND article = ?", (layer, article)).fetchall()
        for review_id, item, first, last, text in loose:
            found = db.execute(f"SELECT pk FROM {table} WHERE article = ? AND {start} = ? AND {end} = ? AND "
                               f"{anchor} = ? ORDER BY id = ? DESC, pk LIMIT 1",
                               (article_pk, first, last, text, item)).fetchone()
            if found:
                db.execute(f"UPDATE reviews SET {layer} = ? WHERE id = ?", (found[0], review_id))


# -- the reviewed view --------------------------------------------------------

def _place_ref(place: dict | None) -> PlaceRef | None:
    if place is None:
        return None
    return PlaceRef(place.get("id"), place["name"], place.get("kind") or "place", place.get("country"),
                    place.get("admin1"), place.get("lat"), place.get("lon"), place.get("precision"),
                    place.get("geonameid"))


def _actor_refs(actors: list[dict]) -> tuple[ActorRef, ...]:
    return tuple(ActorRef(a.get("id"), a["name"], a.get("kind") or "", a.get("country"), a.get("sector"))
                 for a in actors)


def apply_event(row: EventRow, found: Review | None) -> EventRow:
    """The row as reviewed: corrected values in place, the machine's values of the corrected
    fields under ``machine``, the verdict under ``reviewed``."""
    if found is None:
        return row
    changes, update = found.changes, {}
    for name, value in changes.items():
        if name in ("type", "mode", "status", "fatalities", "injured"):
            update[name] = value
        elif name in ("source_actors", "target_actors"):
            update[name] = _actor_refs(value)
        elif name == "place":
            update["location"] = _place_ref(value)
        elif name == "date":
            update.update(when_start=value["start"] if value else None, when_end=value["end"] if value else None,
                          when_precision=value["precision"] if value else None, when_text=None)
    if "type" in changes and changes["type"] != row.type:  # ACLED's mapping was of the machine's type
        update.update(acled_event_type=None, acled_sub_event_type=None)
    machine = {k: v for k, v in event_values(row).items() if k in changes}
    return replace(row, **update, reviewed=found.verdict, review=found.summary(), machine=machine or None)


def apply_quote(row: QuoteRow, found: Review | None) -> QuoteRow:
    if found is None:
        return row
    update = {}
    if "speaker" in found.changes:
        speaker = found.changes["speaker"]
        update = {"speaker": speaker["name"] if speaker else None,
                  "speaker_country": speaker["country"] if speaker else None}
    machine = {k: v for k, v in quote_values(row).items() if k in found.changes}
    return replace(row, **update, reviewed=found.verdict, review=found.summary(), machine=machine or None)


def gold(found: Review) -> dict | None:
    """What the analyst says is right: the machine's values as they were, corrected; None
    for a rejected item (there was no such event or quote)."""
    if found.verdict == "reject":
        return None
    return {**found.machine, **found.changes}
