"""A copy of the store taken while it is in use (SQLite's online backup API).

The copy is made in one step under one read transaction: in WAL mode that is a
consistent snapshot of the last commit, and readers and the writer go on while
it is taken (a stepwise copy would restart at every commit of another process
and might never finish under a steady ingest). The copy is written to a
temporary file beside the output, checked with ``PRAGMA integrity_check``,
flushed to disk and only then renamed into place, so ``OUT`` is either the
previous file or a complete, checked backup -- never half of one.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import E, InputError, StoreError
from .db import Store

# The files SQLite keeps beside a store; a backup may overwrite none of them.
COMPANIONS = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Backup:
    path: str
    articles: int
    events: int
    size: int
    seconds: float

    def line(self, source: str) -> str:
        return (f"backed up {source} to {self.path}: {self.articles} articles, {self.events} events, "
                f"{self.size / 1e6:.1f} MB, integrity ok ({self.seconds:.1f} s)")


def target_path(store_path: str, out: str | Path) -> Path:
    """Where the backup goes (a folder means: a file of the store's name in it); never onto the store."""
    out = Path(out)
    if out.is_dir():
        out = out / Path(store_path).name
    store = Path(store_path).resolve()
    protected = {Path(f"{store}{suffix}") for suffix in COMPANIONS}
    if out.resolve() in protected or (out.exists() and os.path.samefile(out, store)):
        raise InputError(E.E067, path=str(out), store=store_path)
    if not out.parent.is_dir():
        raise InputError(E.E060, path=str(out), detail=f"the folder {out.parent} does not exist")
    return out


def backup(store: Store, out: str | Path) -> Backup:
    """Copy ``store`` to ``out`` while others read and write it; return what the copy holds."""
    began = time.monotonic()
    target = target_path(store.path, out)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        copy = _connect(temporary, target)
        try:
            _copy(store, copy, target)
            articles, events = _checked(copy, store.path)
        finally:
            copy.close()
        _flush(temporary)
        os.replace(temporary, target)
        _flush(target.parent)
    except OSError as err:  # disk full, read-only folder
        raise InputError(E.E060, path=str(target), detail=err.strerror or str(err)) from None
    finally:
        temporary.unlink(missing_ok=True)
    return Backup(path=str(target), articles=articles, events=events, size=target.stat().st_size,
                  seconds=time.monotonic() - began)


def _connect(temporary: Path, target: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(temporary, isolation_level=None)
    except sqlite3.Error as err:
        raise InputError(E.E060, path=str(target), detail=str(err)) from None


def _copy(store: Store, copy: sqlite3.Connection, target: Path) -> None:
    try:
        store.db.backup(copy)  # pages=-1: the whole snapshot under one read transaction
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    except sqlite3.OperationalError as err:
        if "locked" in str(err) or "busy" in str(err):  # the store's own lock: the store names it
            raise store.translate(err) from None
        raise InputError(E.E060, path=str(target), detail=str(err)) from None  # disk full, read-only folder
    except sqlite3.DatabaseError as err:  # the store cannot be read
        raise store.translate(err) from None


def _checked(copy: sqlite3.Connection, source: str) -> tuple[int, int]:
    """The copy's article and event counts, once ``PRAGMA integrity_check`` passes on it (E068 if not:
    the copy is page for page the store, so the damage is the store's)."""
    try:
        problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        if problems == ["ok"]:
            return tuple(copy.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                         for table in ("articles", "events"))
    except sqlite3.DatabaseError as err:  # too damaged for the check itself to run
        problems = [str(err)]
    raise StoreError(E.E068, path=source, detail="; ".join(problems[:3]))


def _flush(path: Path) -> None:
    """fsync a file or a folder, so the rename survives a power cut after it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
