"""JSON Lines: the stored records, one per line, as they were extracted.

With event filters, the records of the articles holding a matching event, each
with only the events ``wirecoder events`` lists for the same filters
(``store.records``); without, every record whole.
"""

from __future__ import annotations

from typing import TextIO

from ..store import Filters, Store, records


def write(store: Store, out: TextIO, f: Filters = Filters(), level: str = "event") -> int:
    """The records ``f`` selects (``--limit`` counts records); return how many."""
    n = 0
    for record in records(store, f):
        out.write(record.to_json() + "\n")
        n += 1
    return n
