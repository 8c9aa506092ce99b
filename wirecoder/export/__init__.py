"""Exports: the store as the files analysts' tools read.

Each format is a module with ``write(store, out, filters, level) -> count``,
imported only when asked for (Parquet needs pyarrow). Text formats write to a
stream; binary ones (Parquet) to a path.
"""

from __future__ import annotations

from importlib import import_module

FORMATS = {  # name -> (module, binary?, what it writes)
    "jsonl": ("jsonl", False, "every stored record, one JSON object per line"),
    "acled-csv": ("acled_csv", False, "ACLED columns, one row per event ACLED would code"),
    "plover-json": ("plover_json", False, "a JSON array of PLOVER event records"),
    "parquet": ("parquet", True, "the export table: one row per event, typed columns"),
    "csv": ("csv_table", False, "the export table as CSV (same columns as Parquet)"),
    "geojson": ("geojson", False, "a FeatureCollection of located events"),
}
LEVELS = ("event", "story")


def writer(name: str):
    """The ``write`` function of format ``name``."""
    module, _, _ = FORMATS[name]
    return import_module(f".{module}", __name__).write


def is_binary(name: str) -> bool:
    return FORMATS[name][1]


__all__ = ["FORMATS", "LEVELS", "is_binary", "writer"]
