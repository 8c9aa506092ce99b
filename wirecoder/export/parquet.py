"""Parquet: the export table (``table.COLUMNS``) with Arrow types, for pandas, DuckDB, Spark.

pyarrow is imported only when this format is asked for (it is large). Dates
are date32 (an event dated to a month gets its first day in ``when_start``, its
last in ``when_end``, and ``when_precision`` says "month"), counts int64, lists
of actors and sources list<string>: nothing needs a cast after reading. The
file carries pandas metadata that makes pandas read the int64 columns, which may
be missing, as its nullable Int64 (not float) and the date columns as dates.
"""

from __future__ import annotations

import json

from ..errors import E, SetupError
from ..store import Filters, Store
from .items import items
from .table import COLUMNS, row


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise SetupError(E.E057, package="pyarrow", feature="the Parquet export") from None
    return pyarrow


def schema(columns=COLUMNS):
    """The Arrow schema of a table of ``columns`` (the export table unless given)."""
    pa = _pyarrow()
    kinds = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_(),
             "date32": pa.date32(), "list<string>": pa.list_(pa.string())}
    return pa.schema([(c.name, kinds[c.type]) for c in columns], metadata={b"pandas": _pandas_metadata(columns)})


def _pandas_metadata(columns) -> bytes:
    """How pandas should read each column (pandas's own Parquet metadata format)."""
    kinds = {"string": ("unicode", "object"), "int64": ("int64", "Int64"), "float64": ("float64", "float64"),
             "bool": ("bool", "bool"), "date32": ("date", "object"), "list<string>": ("list[unicode]", "object")}
    fields = [{"name": c.name, "field_name": c.name, "pandas_type": kinds[c.type][0],
               "numpy_type": kinds[c.type][1], "metadata": None} for c in columns]
    return json.dumps({"index_columns": [], "column_indexes": [], "columns": fields,
                       "creator": {"library": "wirecoder"}}).encode()


def write(store: Store, path: str, f: Filters = Filters(), level: str = "event", batch: int = 5000) -> int:
    pa, typed = _pyarrow(), schema()
    n = 0
    with pa.parquet.ParquetWriter(path, typed) as writer:
        rows: list[dict] = []
        for item in items(store, f, level):
            rows.append(row(item))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=typed))
                n, rows = n + len(rows), []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=typed))
            n += len(rows)
    return n
