"""Reading the project's data files (wirecoder/data/): CSV tables and word lists.

One place for the rules every stage's lexicon follows: UTF-8, blank lines and
lines starting with # are skipped, and a missing file is a setup error (E021)
that names the file and the fix.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .errors import E, SetupError


def _content_lines(path: Path) -> list[str]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return [line for line in handle if line.strip() and not line.startswith("#")]
    except OSError as err:
        raise SetupError(E.E021, path=str(path), detail=str(err)) from None


def read_rows(path: Path) -> list[dict]:
    """The rows of a CSV table with a header line."""
    return list(csv.DictReader(_content_lines(path)))


def read_lines(path: Path) -> list[str]:
    """A word list: one lower-case entry per line."""
    return [line.strip().lower() for line in _content_lines(path)]
