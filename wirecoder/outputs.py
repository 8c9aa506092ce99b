"""Writing output files safely: never onto the store, never half-written.

Every file a command writes goes through ``replacing``: the data is written to
a temporary file in the same folder and renamed onto the target only when it
is complete, so an interrupted or failed write leaves the old file (or none),
never a truncated one. ``refuse_store`` stops an output path that is a store
or one of its SQLite side files (``-wal``, ``-shm``, ``-journal``), followed
through symlinks, before anything is opened.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import E, InputError

SIDE_FILES = ("", "-wal", "-shm", "-journal")


def _same(a: Path, b: Path) -> bool:
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return os.path.realpath(a) == os.path.realpath(b)


def refuse_store(path: str | Path, stores: Iterable[str | Path]) -> None:
    """Raise E062 when ``path`` is one of ``stores`` or a side file of one."""
    target = Path(path)
    for store in stores:
        if store is None:
            continue
        for suffix in SIDE_FILES:
            if _same(target, Path(f"{store}{suffix}")):
                raise InputError(E.E062, path=str(path), store=str(store))


@contextmanager
def replacing(path: str | Path, *, stores: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it onto ``path`` when the block ends
    without error, delete it otherwise. Errors of the file system become E060."""
    refuse_store(path, stores)
    target = Path(path)
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
        os.close(handle)
    except OSError as err:  # no such folder, a read-only one
        raise InputError(E.E060, path=str(path), detail=err.strerror or str(err)) from None
    temp = Path(temp)
    try:
        yield temp
        os.chmod(temp, 0o666 & ~_umask())  # as open() would have made it, not mkstemp's 0600
        os.replace(temp, target)
    except OSError as err:  # disk full, the target is a folder
        raise InputError(E.E060, path=str(path), detail=err.strerror or str(err)) from None
    finally:
        if temp.exists():
            temp.unlink()


@contextmanager
def text_output(path: str | Path, *, stores: Iterable[str | Path] = ()):
    """``replacing`` opened as a UTF-8 text stream."""
    with replacing(path, stores=stores) as temp:
        with open(temp, "w", encoding="utf-8", newline="") as out:
            yield out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
