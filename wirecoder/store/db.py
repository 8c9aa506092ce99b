"""Opening the store: one SQLite file in WAL mode with foreign keys on.

WAL lets any number of readers run while one writer writes; writers take the
write lock up front with ``BEGIN IMMEDIATE`` (so two writers queue instead of
deadlocking on a lock upgrade) and wait up to WIRECODER_BUSY_TIMEOUT seconds.
``synchronous=NORMAL`` in WAL mode keeps every committed transaction through a
crash of the process (kill -9); only a power cut may lose the last commits,
never consistency.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import settings
from ..errors import E, StoreError
from .filters import fold
from .schema import migrate

log = logging.getLogger("wirecoder")

TABLES = ("articles", "entities", "mentions", "roles", "quotes", "times", "quantities",
          "events", "event_actors", "event_counts", "stories")


def default_path() -> str:
    return str(settings.get("db"))


class Store:
    """A wirecoder store. ``Store(path)`` creates it when missing; ``create=False`` refuses."""

    def __init__(self, path: str | Path | None = None, *, create: bool = True):
        self.path = str(path or default_path())
        if not create and not Path(self.path).is_file():
            raise StoreError(E.E050, path=self.path)
        if Path(self.path).is_dir():
            raise StoreError(E.E053, path=self.path, detail="it is a folder; give a file name such as news.db")
        if not Path(self.path).parent.is_dir():
            raise StoreError(E.E053, path=self.path, detail=f"the folder {Path(self.path).parent} does not exist")
        self.timeout = settings.get("busy_timeout")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=self.timeout,
                                      check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.create_function("wc_fold", 1, fold, deterministic=True)  # names matched as filters.fold reads them
            migrate(self.db, self.path)
        except sqlite3.OperationalError as err:
            raise self._translate(err) from None
        except sqlite3.DatabaseError as err:
            raise StoreError(E.E053, path=self.path, detail=str(err)) from None

    def _translate(self, err: sqlite3.Error) -> StoreError:
        message = str(err)
        if "locked" in message or "busy" in message:
            return StoreError(E.E051, path=self.path, seconds=self.timeout)
        if "readonly" in message or "unable to open" in message:
            folder = Path(self.path).resolve().parent
            if not os.access(folder, os.W_OK) or not os.access(self.path, os.W_OK | os.R_OK):
                message += (f"; the store or its folder {folder} is not writable by this user (readers too need to"
                            " write its -wal and -shm files next to it)")
        return StoreError(E.E053, path=self.path, detail=message)

    translate = _translate

    def _rollback(self) -> None:
        """Roll back if a transaction is open (SQLite ends it itself on some errors)."""
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error as err:  # the original error is the one to report; this one is logged
                log.debug("%s: the rollback after an error failed too: %s", self.path, err)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            raise self._translate(err) from None
        try:
            yield self.db
        except sqlite3.IntegrityError:
            self._rollback()
            raise  # the record broke a constraint: the writer names it (E054)
        except sqlite3.DatabaseError as err:  # damaged file, full disk, read-only file
            self._rollback()
            raise self._translate(err) from None
        except BaseException:
            self._rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as err:
            self._rollback()
            raise self._translate(err) from None

    def execute(self, sql: str, params=()) -> Reads:
        """A read (outside any write transaction, readers never block the writer).

        Errors of the file (damaged, locked, unreadable), when the statement
        runs or as rows are fetched, become the store's named errors."""
        try:
            return Reads(self, self.db.execute(sql, params))
        except sqlite3.DatabaseError as err:
            raise self._translate(err) from None

    def counts(self) -> dict[str, int]:
        return {table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` plus foreign keys: ["ok"] when the file is intact."""
        result = [row[0] for row in self.db.execute("PRAGMA integrity_check")]
        broken = self.db.execute("PRAGMA foreign_key_check").fetchall()
        return result + [f"foreign key: {row}" for row in broken]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Reads:
    """A cursor whose fetches raise ``StoreError`` instead of sqlite3's errors."""

    def __init__(self, store: Store, cursor: sqlite3.Cursor):
        self.store, self.cursor = store, cursor

    def _fetch(self, fetch, *args):
        try:
            return fetch(*args)
        except sqlite3.DatabaseError as err:
            raise self.store.translate(err) from None

    def fetchone(self):
        return self._fetch(self.cursor.fetchone)

    def fetchall(self) -> list:
        return self._fetch(self.cursor.fetchall)

    def fetchmany(self, size: int) -> list:
        return self._fetch(self.cursor.fetchmany, size)

    def __iter__(self) -> Iterator[tuple]:
        while rows := self.fetchmany(256):
            yield from rows
