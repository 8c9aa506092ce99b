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
from .schema import migrate, pending

log = logging.getLogger("wirecoder")

TABLES = ("articles", "entities", "mentions", "roles", "quotes", "times", "quantities",
          "events", "event_actors", "event_counts", "stories")


def default_path() -> str:
    return str(settings.get("db"))


class Store:
    """A wirecoder store. ``Store(path)`` creates it when missing; ``create=False`` refuses.

    Opening checks the file's pages (SQLite's ``quick_check``, once per process for each
    version of the file) and refuses a damaged store (E063); ``verify=False`` skips that
    for a file already verified by this process (a server opening it per request). A store
    this user cannot write is opened read-only: ``read_only`` says why, and writes raise E064."""

    def __init__(self, path: str | Path | None = None, *, create: bool = True, verify: bool = True):
        self.path = str(path or default_path())
        if not create and not Path(self.path).is_file():
            raise StoreError(E.E050, path=self.path)
        if Path(self.path).is_dir():
            raise StoreError(E.E053, path=self.path, detail="it is a folder; give a file name such as news.db")
        if not Path(self.path).parent.is_dir():
            raise StoreError(E.E053, path=self.path, detail=f"the folder {Path(self.path).parent} does not exist")
        self.timeout = settings.get("busy_timeout")
        self.read_only = _read_only_reason(self.path)  # None when this user may write the store
        try:
            self.db = self._connect()
            if self.read_only is None:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.create_function("wc_fold", 1, fold, deterministic=True)  # names matched as filters.fold reads them
            if verify:
                _check_intact(self.db, self.path)
            if self.read_only is None:
                migrate(self.db, self.path)
            elif pending(self.db, self.path):
                raise StoreError(E.E064, path=self.path, detail=self.read_only,
                                 action="upgrade it to this wirecoder's schema")
        except sqlite3.OperationalError as err:
            raise self._translate(err) from None
        except sqlite3.DatabaseError as err:
            raise StoreError(E.E053, path=self.path, detail=str(err)) from None

    def _connect(self) -> sqlite3.Connection:
        """Read-write; or, when this user cannot write the store (a read-only file, folder or
        medium), read-only (``mode=ro``), and ``immutable=1`` when even the -shm file that
        readers of a WAL store share cannot be created beside it."""
        options = dict(isolation_level=None, timeout=self.timeout, check_same_thread=False)
        if self.read_only is None:
            return sqlite3.connect(self.path, **options)
        uri = Path(self.path).resolve().as_uri()
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, **options)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError:  # no -shm and no right to create one
            db.close()
        wal = Path(f"{self.path}-wal")
        if wal.is_file() and wal.stat().st_size > 0:  # immutable=1 would read the store without them
            raise StoreError(E.E064, path=self.path, action="read it whole",
                             detail=f"{self.read_only}; its {wal.name} holds commits that cannot be read "
                                    "without writing a -shm file: copy it along")
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, **options)

    def _translate(self, err: sqlite3.Error) -> StoreError:
        message = str(err)
        if "locked" in message or "busy" in message:
            return StoreError(E.E051, path=self.path, seconds=self.timeout)
        if "disk is full" in message:  # SQLITE_FULL: the transaction was rolled back, the file is intact
            return StoreError(E.E065, path=self.path)
        if "readonly" in message and self.read_only is not None:
            return StoreError(E.E064, path=self.path, detail=self.read_only, action="write to it")
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
        if self.read_only is not None:
            raise StoreError(E.E064, path=self.path, detail=self.read_only, action="write to it")
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


def _read_only_reason(path: str) -> str | None:
    """Why this user may not write the store at ``path`` (None: it may). ``os.access`` asks the
    kernel, which also answers for read-only mounts and immutable files, even to root."""
    file = Path(path)
    if not file.exists():
        return None  # to be created: opening says if the folder refuses
    folder = file.resolve().parent
    if not os.access(file, os.W_OK):
        return "the file is not writable by this user, or it lies on read-only media"
    if not os.access(folder, os.W_OK):
        return f"its folder {folder} is not writable by this user (a writer needs its -wal and -shm files there)"
    return None


# Files already found intact in this process, by (path, size, modification time): a server
# opens the store per request, and a large store's quick_check reads every page.
_INTACT: set[tuple[str, int, int]] = set()


def _check_intact(db: sqlite3.Connection, path: str) -> None:
    """Refuse a damaged store at open (E063) instead of answering from it, or writing into it."""
    if not Path(path).is_file():
        return
    info = Path(path).stat()
    key = (str(Path(path).resolve()), info.st_size, info.st_mtime_ns)
    if key in _INTACT:
        return
    try:
        problems = [row[0] for row in db.execute("PRAGMA quick_check(5)")]
    except sqlite3.OperationalError:
        raise  # locked, unreadable: the caller names it
    except sqlite3.DatabaseError as err:  # a page so damaged that the check itself stops
        problems = [str(err)]
    if problems != ["ok"]:
        raise StoreError(E.E063, path=path, detail="; ".join(problems)[:300])
    _INTACT.add(key)


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
