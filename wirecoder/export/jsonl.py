"""JSON Lines: every stored record, one per line, exactly as it was extracted."""

from __future__ import annotations

from typing import TextIO

from ..store import Filters, Store, records


def write(store: Store, out: TextIO, f: Filters = Filters(), level: str = "event") -> int:
    """Records of the articles published between ``f.since`` and ``f.until``; return how many."""
    n = 0
    for record in records(store, since=f.since, until=f.until):
        out.write(record.to_json() + "\n")
        n += 1
        if f.limit and n >= f.limit:
            break
    return n
