"""CSV: the export table (``table.COLUMNS``) as text, for spreadsheets.

Same columns and names as the Parquet export; dates ISO 8601, lists joined by
"; ", empty cells for missing values.
"""

from __future__ import annotations

import csv
from typing import TextIO

from ..store import Filters, Store
from .items import items
from .table import NAMES, as_text, row


def write(store: Store, out: TextIO, f: Filters = Filters(), level: str = "event") -> int:
    writer = csv.DictWriter(out, fieldnames=NAMES, lineterminator="\n")
    writer.writeheader()
    n = 0
    for item in items(store, f, level):
        writer.writerow(as_text(row(item), joiner="; "))
        n += 1
    return n
