"""What `wirecoder watch` has already handled: a small SQLite file beside the store.

``news.db.watch`` keeps each feed's validators (ETag, Last-Modified) and every
feed item and folder file already handled, so a restart fetches nothing twice.
It is a sidecar, not part of the store's schema (no migration): the store stays
exactly what `ingest` makes, and deleting the sidecar only makes watch look at
every item once more -- the store still skips text it holds (content hash).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..errors import E, StoreError
from ..store.schema import now, run_script

SUFFIX = ".watch"

# outcomes of an item or file
READ = "read"  # handed to ingest (stored, skipped as known text, or failed in the pipeline)
FAILED = "failed"  # could not be read; not tried again
RETRY = "retry"  # a network or server error: tried again at the next polls

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT, modified TEXT,
    checked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
    key TEXT PRIMARY KEY,      -- an item's link (its guid when it has none), or 'file:' + a file's path
    source TEXT NOT NULL,      -- the feed URL or folder it came from
    outcome TEXT NOT NULL,     -- read, failed, retry
    attempts INTEGER NOT NULL,
    stamp TEXT,                -- a file's size and modification time: a changed file is read again
    detail TEXT,               -- the error of a failed item
    seen_at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Mark:
    """One item's outcome, written after ingest has taken the item."""

    key: str
    source: str
    outcome: str
    stamp: str | None = None
    detail: str | None = None


def sidecar_path(store_path: str | Path) -> Path:
    return Path(f"{store_path}{SUFFIX}")


class State:
    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                run_script(self.db, _SCHEMA)
        except sqlite3.DatabaseError as err:
            raise StoreError(E.E053, path=self.path, detail=f"the watch state beside the store: {err}") from None

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute("SELECT etag, modified FROM feeds WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def save_validators(self, url: str, etag: str | None, modified: str | None) -> None:
        self.db.execute("INSERT OR REPLACE INTO feeds VALUES (?,?,?,?)", (url, etag, modified, now()))

    def is_done(self, key: str, stamp: str | None = None, max_attempts: int = 3) -> bool:
        """True when the item needs no fetch: read or failed for good (a file: with the same stamp)."""
        row = self.db.execute("SELECT outcome, attempts, stamp FROM items WHERE key = ?", (key,)).fetchone()
        if row is None or (stamp is not None and row[2] != stamp):
            return False
        outcome, attempts, _ = row
        return outcome != RETRY or attempts >= max_attempts

    def attempts(self, key: str) -> int:
        row = self.db.execute("SELECT attempts FROM items WHERE key = ?", (key,)).fetchone()
        return row[0] if row else 0

    def mark(self, marks: list[Mark]) -> None:
        """Record outcomes in one transaction (after ingest stored what was read)."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            for m in marks:
                self.db.execute(
                    "INSERT INTO items VALUES (?,?,?,1,?,?,?) ON CONFLICT(key) DO UPDATE SET outcome = excluded.outcome,"
                    " attempts = items.attempts + 1, stamp = excluded.stamp, detail = excluded.detail,"
                    " seen_at = excluded.seen_at",
                    (m.key, m.source, m.outcome, m.stamp, m.detail, now()))

    def close(self) -> None:
        self.db.close()
