"""Writing records: one article, all its layers, one transaction.

``write`` stores the article row, every layer in its table, and fuses its
events into stories, inside one ``BEGIN IMMEDIATE`` transaction: a crash at
any point leaves either the whole article or nothing. Identity:

- the same text (content hash) is already stored -> nothing happens
  ("unchanged"), so re-running an ingest is a no-op and a killed run resumes;
- the same URL or the same article id with other text is a new version: the
  old article and everything hanging off it is deleted and the new one
  written in the same transaction ("replaced").
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable

from ..errors import E, StoreError
from ..record import Record
from . import reviews, stories
from .claims import claim_of
from .db import Store
from .filters import Filters
from .schema import now
from .targets import EVENTS, RECORDS, select, selects_through, where

STORED, REPLACED, UNCHANGED = "stored", "replaced", "unchanged"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def has_content(store: Store, digest: str) -> bool:
    return stored_id(store, digest) is not None


def stored_id(store: Store, digest: str) -> str | None:
    """The id of the stored article with this text, if any."""
    row = store.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
    return row[0] if row else None


def link_alias(store: Store, digest: str, alias: str, *, url: str | None = None, title: str | None = None,
               source: str | None = None, published: str | None = None) -> str | None:
    """Record ``alias`` as another id of the stored article with this text; return that
    article's id (None when no article has this text, or it is stored under ``alias`` itself).
    The alias's url, title, source and date are kept beside it: the stored record is untouched."""
    with store.transaction() as db:
        row = db.execute("SELECT pk, id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        if row is None or row[1] == alias:
            return None
        db.execute("INSERT OR REPLACE INTO article_aliases VALUES (?,?,?,?,?,?,?)",
                   (alias, row[0], url, title, source, published, now()))
    return row[1]


def aliases(store: Store, article_id: str) -> list[str]:
    """The other ids under which the text of ``article_id`` came, in the order they came."""
    return [row[0] for row in store.execute(
        "SELECT l.id FROM article_aliases l JOIN articles a ON a.pk = l.article WHERE a.id = ? ORDER BY l.rowid",
        (article_id,))]


def write(store: Store, record: Record, *, stages: Iterable[str] = (), force: bool = False) -> str:
    """Store ``record``; return STORED, REPLACED or UNCHANGED.

    Raises ``StoreError`` (E054) when the record breaks the store's constraints
    (an event naming an entity the record does not have, an integer SQLite
    cannot hold): nothing is written.
    """
    a = record.article
    digest = content_hash(a.text)
    try:
        with store.transaction() as db:
            if not force and db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone():
                return UNCHANGED
            old = [row[0] for row in db.execute(
                "SELECT pk FROM articles WHERE id = ? OR (url IS NOT NULL AND url = ?) OR content_hash = ?",
                (a.id, a.url, digest))]
            for pk in old:
                delete_article(db, pk)
            pk = _insert(db, record, digest, ",".join(stages))
            stories.attach(db, pk)
            reviews.attach(db, pk)  # analysts' reviews of the old version find their items again
    except sqlite3.IntegrityError as err:
        raise StoreError(E.E054, where=a.id, detail=str(err)) from None
    except OverflowError:  # an integer past 2**63 (a count of 10**22 dead): SQLite cannot hold it
        raise StoreError(E.E054, where=a.id, detail="a number in the record is too large for SQLite's integers") \
            from None
    return REPLACED if old else STORED


def delete_article(db: sqlite3.Connection, pk: int) -> None:
    """Delete one article with all its layers; its stories lose its events."""
    touched = [row[0] for row in db.execute(
        "SELECT DISTINCT story FROM events WHERE article = ? AND story IS NOT NULL", (pk,))]
    db.execute("DELETE FROM articles WHERE pk = ?", (pk,))
    stories.refresh(db, touched)


def _insert(db: sqlite3.Connection, record: Record, digest: str, stages: str) -> int:
    a = record.article
    data = record.to_dict()
    del data["article"]["text"]  # stored once, in articles.text
    pk = db.execute(
        "INSERT INTO articles (id, url, content_hash, title, source, published, language, text, warnings,"
        " record, stages, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (a.id, a.url, digest, a.title, a.source, a.published, a.language, a.text, json.dumps(a.warnings),
         json.dumps(data, ensure_ascii=False, separators=(",", ":")), stages, now())).lastrowid
    takes_part = Counter(i for v in record.events for i in (*v.source_actors, *v.target_actors))
    speaks = Counter(q.speaker for q in record.quotes if q.speaker)
    for e in record.entities:
        kb, geo = e.kb, e.geo
        db.execute(
            "INSERT INTO entities (article, id, kind, name, country, sector, kb_source, kb_id, kb_name, geonameid,"
            " geo_name, lat, lon, geo_country, admin1, feature, geo_precision, n_mentions, n_events, n_quotes,"
            " published_day) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                pk, e.id, e.kind, e.name, e.country, e.sector,
                kb.source if kb else None, kb.id if kb else None, kb.name if kb else None,
                geo.geonameid if geo else None, geo.name if geo else None, geo.lat if geo else None,
                geo.lon if geo else None, geo.country if geo else None, geo.admin1 if geo else None,
                geo.feature if geo else None, geo.precision if geo else None,
                len(e.mentions), takes_part[e.id], speaks[e.id], None if a.published is None else a.published[:10]))
        db.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?)",
                       [(pk, e.id, i, m.start, m.end, m.text) for i, m in enumerate(e.mentions)])
        db.executemany("INSERT INTO roles VALUES (?,?,?,?,?,?,?,?,?)", [
            (pk, e.id, i, r.title, r.of, r.country, r.source,
             r.evidence.start if r.evidence else None, r.evidence.end if r.evidence else None)
            for i, r in enumerate(e.roles)])
    db.executemany(
        "INSERT INTO quotes (article, id, kind, text, start_char, end_char, speaker, speaker_text, cue, channel,"
        " date, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [(pk, q.id, q.kind, q.text, q.start, q.end, q.speaker, q.speaker_text, q.cue, q.channel, q.date,
          q.confidence) for q in record.quotes])
    db.executemany("INSERT INTO times VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
        (pk, t.id, t.text, t.start, t.end, t.kind, t.value, t.start_date, t.end_date, t.precision, t.anchor,
         t.reason) for t in record.times])
    db.executemany("INSERT INTO quantities VALUES (?,?,?,?,?,?,?,?,?,?)", [
        (pk, n.id, n.text, n.start, n.end, n.value, int(n.approx), n.unit, n.counted, n.period)
        for n in record.quantities])
    for v in record.events:
        _insert_event(db, pk, record, v)
    return pk


def _insert_event(db: sqlite3.Connection, pk: int, record: Record, v) -> None:
    when, acled = v.when, v.acled
    event_pk = db.execute(
        "INSERT INTO events (article, id, type, mode, acled_event_type, acled_sub_event_type, status, location,"
        " when_start, when_end, when_precision, when_text, fatalities, injured, reported_by, evidence_start,"
        " evidence_end, trigger, confidence, claim, background, sort_day)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (pk, v.id, v.type, v.mode, acled.event_type if acled else None, acled.sub_event_type if acled else None,
         v.status, v.location, when.start if when else None, when.end if when else None,
         when.precision if when else None, when.text if when else None, v.fatalities, v.injured,
         v.reported_by, v.evidence.start, v.evidence.end, v.evidence.trigger, v.confidence,
         claim_of(record, v).to_json(), int(v.background), sort_day(record, v))).lastrowid
    db.executemany("INSERT INTO event_actors VALUES (?,?,?,?,?)",
                   [(event_pk, "source", i, pk, e) for i, e in enumerate(v.source_actors)]
                   + [(event_pk, "target", i, pk, e) for i, e in enumerate(v.target_actors)])
    db.executemany("INSERT INTO event_counts VALUES (?,?,?,?)",
                   [(event_pk, i, c.value, c.unit) for i, c in enumerate(v.counts)])


def sort_day(record: Record, v) -> str | None:
    """The day an event sorts by (``events.sort_day``, migration 6): its own start, else its
    article's publication day -- what ``queries.EVENT_ORDER`` reads."""
    if v.when is not None and v.when.start is not None:
        return v.when.start
    published = record.article.published
    return None if published is None else published[:10]


def load_record(store: Store, article_id: str) -> Record | None:
    """The stored record of one article, exactly as it was written (also by an alias:
    an id under which the same text came again)."""
    row = store.execute("SELECT record, text FROM articles WHERE id = ?", (article_id,)).fetchone() or \
        store.execute("SELECT a.record, a.text FROM article_aliases l JOIN articles a ON a.pk = l.article"
                      " WHERE l.id = ?", (article_id,)).fetchone()
    return stored_record(*row) if row else None


def records(store: Store, f: Filters = Filters()):
    """Stored records, oldest ingest first.

    Without event filters, every record exactly as it was written. With them
    (``targets.RECORDS``: an article is selected by its events), the records of
    the articles holding a matching event, each keeping only the events that
    ``queries.events`` lists for the same filters."""
    sql, params = select(RECORDS, "a.pk, a.record, a.text", f, order="a.pk")
    kept = None
    if selects_through(RECORDS, f):
        inner, inner_params = where(EVENTS, f)
        kept = set(store.execute(f"SELECT e.article, e.id {EVENTS.source}{inner}", inner_params))
    for pk, data, text in store.execute(sql, params):
        record = stored_record(data, text)
        if kept is not None:
            record = record.model_copy(update={"events": [v for v in record.events if (pk, v.id) in kept]})
        yield record


def stored_record(data: str, text: str) -> Record:
    parsed = json.loads(data)
    parsed["article"]["text"] = text
    return Record.model_validate(parsed)
