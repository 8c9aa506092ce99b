"""The store: records in one SQLite file, searched, queried and fused into stories.

    >>> from wirecoder.store import Store, write
    >>> with Store("wirecoder.db") as store:
    ...     write(store, record)

Dependencies point one way: the store reads records and the pipeline; no
stage imports the store.
"""

from __future__ import annotations

from .db import Store
from .filters import Filters, make_filters
from .writer import load_record, records, write

__all__ = ["Filters", "Store", "load_record", "make_filters", "records", "write"]
