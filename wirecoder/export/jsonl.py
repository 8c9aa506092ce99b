"""JSON Lines: the stored records, one per line, as they were extracted.

With event filters, the records of the articles holding a matching event, each
with only the events ``wirecoder events`` lists for the same filters
(``store.records``); without, every record whole.

The record is the machine's layer and stays as extracted; where analysts
reviewed some of its events or quotes, the line also carries ``"reviews"``:
one object per reviewed item with its id (``item``), ``layer``, ``verdict``,
the corrected values (``changes``), the machine's values as the analyst saw
them (``machine``), ``reviewer`` and ``reviewed_at``. (Drop that key before
validating a line as a record.)
"""

from __future__ import annotations

import json
from typing import TextIO

from ..store import Filters, Store, records
from ..store.reviews import of_article


def write(store: Store, out: TextIO, f: Filters = Filters(), level: str = "event") -> int:
    """The records ``f`` selects (``--limit`` counts records); return how many."""
    n = 0
    for record in records(store, f):
        found = of_article(store, record.article.id)
        if found:
            kept = {("event", v.id) for v in record.events} | {("quote", q.id) for q in record.quotes}
            found = [r for r in found if (r["layer"], r["item"]) in kept]
        if found:
            line = record.to_json()
            out.write(line[:-1] + ',"reviews":' + json.dumps(found, ensure_ascii=False, separators=(",", ":"))
                      + "}\n")
        else:
            out.write(record.to_json() + "\n")
        n += 1
    return n
