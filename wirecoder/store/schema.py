"""The store's schema, as registered migrations recorded in the database.

Each migration is a function applied once, in version order, inside its own
``BEGIN IMMEDIATE`` transaction, and recorded in ``migrations``; a store made
by a newer wirecoder (a version this code does not know) is refused rather
than guessed at. Add a change as a new function with the next version number;
never edit one that has shipped.

Layout: ``articles`` holds one row per stored article (text, metadata, content
hash and the record JSON minus its text, so a round trip is exact); every
layer of the record has its own table keyed by (article, id), so queries join
instead of parsing JSON; ``stories`` groups events from several articles that
report the same real-world event (see ``stories.py``). FTS5 indexes article
titles and text, and quotes, kept in step by triggers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone

from ..errors import E, StoreError

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[int, str, Migration]] = []


def migration(version: int, name: str):
    """Register ``fn`` as migration ``version`` (versions are consecutive from 1)."""

    def register(fn: Migration) -> Migration:
        assert version == len(MIGRATIONS) + 1, "migrations are numbered 1, 2, ... in order"
        MIGRATIONS.append((version, name, fn))
        return fn

    return register


@migration(1, "the record in normalized tables, full-text search, stories")
def _record_tables(db: sqlite3.Connection) -> None:
    run_script(db, _V1)


@migration(2, "events told as background (history or habit), left out of stories and exports by default")
def _event_background(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE events ADD COLUMN background INTEGER NOT NULL DEFAULT 0")


@migration(3, "article aliases: the ids (and urls) under which an already stored text came again")
def _article_aliases(db: sqlite3.Connection) -> None:
    run_script(db, """
CREATE TABLE article_aliases (
    id TEXT PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    url TEXT, title TEXT, source TEXT, published TEXT,
    added_at TEXT NOT NULL
);
CREATE INDEX article_aliases_article ON article_aliases(article);
""")



@migration(4, "analysts' reviews of events and quotes: a layer beside the machine's, with history")
def _reviews(db: sqlite3.Connection) -> None:
    """One row per verdict; the machine's rows are never changed. A review names its
    item by the article's id and the item's anchor in the text (an event's sentence and
    trigger, a quote's span), so it finds the item again when the article is re-extracted;
    ``event``/``quote`` point at the item's current row (emptied when it is deleted).
    ``supersedes`` chains the reviews of one item: the one nothing supersedes is current."""
    run_script(db, """
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    layer TEXT NOT NULL CHECK (layer IN ('event', 'quote')),
    article TEXT NOT NULL,
    item TEXT NOT NULL,
    anchor_start INTEGER NOT NULL, anchor_end INTEGER NOT NULL, anchor_text TEXT NOT NULL,
    event INTEGER REFERENCES events(pk) ON DELETE SET NULL,
    quote INTEGER REFERENCES quotes(pk) ON DELETE SET NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject', 'correct')),
    changes TEXT NOT NULL DEFAULT '{}',
    machine TEXT NOT NULL DEFAULT '{}',
    reviewer TEXT NOT NULL,
    note TEXT,
    reviewed_at TEXT NOT NULL,
    supersedes INTEGER REFERENCES reviews(id)
);
CREATE INDEX reviews_event ON reviews(event);
CREATE INDEX reviews_quote ON reviews(quote);
CREATE INDEX reviews_anchor ON reviews(layer, article, anchor_start);
CREATE INDEX reviews_supersedes ON reviews(supersedes);
""")

@migration(5, "indexes and per-entity counts for the web page and API lists on large stores")
def _list_indexes(db: sqlite3.Connection) -> None:
    """Names matched by the actor and place filters are looked up, not scanned (``targets.names``); a
    story's dates are read from the index alone (the stories list orders every story by them),
    which takes the place of the index on events.story alone. Each entity row counts its
    mentions, the events it takes part in and the quotes it speaks, and keeps its article's
    publication day (written with the row, ``writer._insert``): the actors list groups them in
    the order of an index holding all it reads, instead of counting three tables, reading every
    article's row and sorting every entity per request."""
    run_script(db, """
CREATE INDEX entities_name_exact ON entities(name);
CREATE INDEX entities_kb_name ON entities(kb_name);
CREATE INDEX entities_geo_name ON entities(geo_name) WHERE geo_name IS NOT NULL;
CREATE INDEX entities_admin1 ON entities(admin1) WHERE admin1 IS NOT NULL;
CREATE INDEX events_story_when ON events(story, when_start, when_end);
DROP INDEX events_story;
ALTER TABLE entities ADD COLUMN n_mentions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN n_events INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN n_quotes INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET
    n_mentions = (SELECT count(*) FROM mentions m WHERE m.article = entities.article AND m.entity = entities.id),
    n_events = (SELECT count(*) FROM event_actors ea WHERE ea.article = entities.article AND ea.entity = entities.id),
    n_quotes = (SELECT count(*) FROM quotes q WHERE q.article = entities.article AND q.speaker = entities.id);
ALTER TABLE entities ADD COLUMN published_day TEXT;
UPDATE entities SET published_day = (SELECT substr(published, 1, 10) FROM articles WHERE pk = entities.article);
CREATE INDEX entities_actors ON entities(kind, name, country, sector, n_mentions, n_events, n_quotes, published_day);
""")


@migration(6, "each event keeps the day it sorts by, and an index in that order")
def _event_order(db: sqlite3.Connection) -> None:
    """Events are listed in the order they happened: by their own start, else their article's
    publication day (``queries.EVENT_ORDER``). That day is kept on the event row (written with
    it, ``writer._insert_event``), so a list reads its order from one index -- a page of the
    whole store walks it and stops, a count reads it alone -- instead of reading the article
    row of every event and sorting them all per request. The index holds ``background`` too:
    the lists leave background events out by default -- and the other columns the lists filter
    and sort by, so that a filtered list or one sorted by another column reads this narrow index,
    not every (wide) event row. Actors are selected by country through an index too."""
    run_script(db, """
ALTER TABLE events ADD COLUMN sort_day TEXT;
UPDATE events SET sort_day = COALESCE(when_start,
    (SELECT substr(published, 1, 10) FROM articles WHERE pk = events.article));
CREATE INDEX events_order ON events(sort_day, article, pk, background, type, mode, status, when_start, when_end,
                                    location, fatalities, story);
CREATE INDEX entities_country ON entities(country) WHERE country IS NOT NULL;
""")


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Execute statements one by one inside the caller's transaction
    (``executescript`` would commit it first)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            db.execute(buffer)
            buffer = ""
    if buffer.strip():
        db.execute(buffer)


_V1 = """
CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT, source TEXT, published TEXT, language TEXT,
    text TEXT NOT NULL,
    warnings TEXT NOT NULL DEFAULT '[]',
    record TEXT NOT NULL,
    stages TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE entities (
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    id TEXT NOT NULL,
    kind TEXT NOT NULL, name TEXT NOT NULL, country TEXT, sector TEXT,
    kb_source TEXT, kb_id TEXT, kb_name TEXT,
    geonameid INTEGER, geo_name TEXT, lat REAL, lon REAL, geo_country TEXT, admin1 TEXT,
    feature TEXT, geo_precision TEXT,
    PRIMARY KEY (article, id)
) WITHOUT ROWID;
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE TABLE mentions (
    article INTEGER NOT NULL, entity TEXT NOT NULL, position INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (article, entity, position),
    FOREIGN KEY (article, entity) REFERENCES entities(article, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE roles (
    article INTEGER NOT NULL, entity TEXT NOT NULL, position INTEGER NOT NULL,
    title TEXT NOT NULL, of TEXT, country TEXT, source TEXT NOT NULL,
    evidence_start INTEGER, evidence_end INTEGER,
    PRIMARY KEY (article, entity, position),
    FOREIGN KEY (article, entity) REFERENCES entities(article, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE quotes (
    pk INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    speaker TEXT, speaker_text TEXT, cue TEXT, channel TEXT, date TEXT,
    confidence REAL NOT NULL,
    UNIQUE (article, id),
    FOREIGN KEY (article, speaker) REFERENCES entities(article, id)
);
CREATE INDEX quotes_speaker ON quotes(article, speaker);
CREATE TABLE times (
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    id TEXT NOT NULL, text TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    kind TEXT NOT NULL, value TEXT, start_date TEXT, end_date TEXT, precision TEXT NOT NULL,
    anchor TEXT, reason TEXT,
    PRIMARY KEY (article, id)
) WITHOUT ROWID;
CREATE TABLE quantities (
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    id TEXT NOT NULL, text TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    value REAL NOT NULL, approx INTEGER NOT NULL, unit TEXT, counted TEXT, period TEXT,
    PRIMARY KEY (article, id)
) WITHOUT ROWID;
CREATE TABLE stories (
    pk INTEGER PRIMARY KEY,
    type TEXT NOT NULL, mode TEXT,
    start_date TEXT, end_date TEXT,
    place TEXT, lat REAL, lon REAL, country TEXT,
    n_events INTEGER NOT NULL DEFAULT 0, n_articles INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE INDEX stories_type_start ON stories(type, start_date);
CREATE TABLE events (
    pk INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT,
    acled_event_type TEXT, acled_sub_event_type TEXT,
    status TEXT NOT NULL, location TEXT,
    when_start TEXT, when_end TEXT, when_precision TEXT, when_text TEXT,
    fatalities INTEGER, injured INTEGER, reported_by TEXT,
    evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, trigger TEXT NOT NULL,
    confidence REAL NOT NULL,
    story INTEGER REFERENCES stories(pk) ON DELETE SET NULL,
    claim TEXT NOT NULL,
    UNIQUE (article, id),
    FOREIGN KEY (article, location) REFERENCES entities(article, id)
);
CREATE INDEX events_story ON events(story);
CREATE INDEX events_type_start ON events(type, when_start);
CREATE TABLE event_actors (
    event INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('source', 'target')),
    position INTEGER NOT NULL,
    article INTEGER NOT NULL, entity TEXT NOT NULL,
    PRIMARY KEY (event, side, position),
    FOREIGN KEY (article, entity) REFERENCES entities(article, id)
) WITHOUT ROWID;
CREATE INDEX event_actors_entity ON event_actors(article, entity);
CREATE TABLE event_counts (
    event INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    position INTEGER NOT NULL, value REAL NOT NULL, unit TEXT,
    PRIMARY KEY (event, position)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='pk');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_text, content='quotes', content_rowid='pk');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker_text) VALUES (new.pk, new.text, new.speaker_text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_text)
    VALUES ('delete', old.pk, old.text, old.speaker_text);
END;
"""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def applied(db: sqlite3.Connection) -> list[int]:
    db.execute("CREATE TABLE IF NOT EXISTS migrations "
               "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    return [row[0] for row in db.execute("SELECT version FROM migrations ORDER BY version")]


def pending(db: sqlite3.Connection, path: str) -> list[int]:
    """The migrations this store lacks, read without writing (for a read-only store);
    E052 for a store made by a newer wirecoder, as ``migrate`` says."""
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone()
    present = {row[0] for row in db.execute("SELECT version FROM migrations")} if exists else set()
    known = {version for version, _, _ in MIGRATIONS}
    if present - known:
        raise StoreError(E.E052, path=path, version=max(present - known), known=max(known))
    return sorted(known - present)


def migrate(db: sqlite3.Connection, path: str) -> list[int]:
    """Apply the pending migrations, each in its own transaction; return those applied."""
    known = {version for version, _, _ in MIGRATIONS}
    present = applied(db)
    newer = [v for v in present if v not in known]
    if newer:
        raise StoreError(E.E052, path=path, version=max(newer), known=max(known))
    done = []
    for version, name, apply in MIGRATIONS:
        if version in present:
            continue  # readers of an up-to-date store never take the write lock
        db.execute("BEGIN IMMEDIATE")
        try:
            if version in applied(db):  # another process applied it meanwhile
                db.execute("ROLLBACK")
                continue
            apply(db)
            db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (version, name, now()))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        done.append(version)
    return done
