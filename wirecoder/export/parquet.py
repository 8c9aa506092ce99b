"""Parquet: one row per event (or story), typed columns, for pandas, DuckDB, Spark.

pyarrow is imported only when this format is asked for (it is large); lists
of actors and sources are list<string> columns, dates are ISO strings (an
event's date may be a month or a year, which a date column cannot hold).
"""

from __future__ import annotations

from ..errors import E, SetupError
from ..store import Filters, Store
from .items import items

COLUMNS = (  # (name, pyarrow type name)
    ("id", "string"), ("story", "int64"), ("event", "string"), ("mode", "string"), ("status", "string"),
    ("background", "bool_"),
    ("acled_event_type", "string"), ("acled_sub_event_type", "string"),
    ("date_start", "string"), ("date_end", "string"), ("date_precision", "string"),
    ("source_actors", "list"), ("source_countries", "list"), ("target_actors", "list"),
    ("target_countries", "list"), ("place", "string"), ("admin1", "string"), ("country", "string"),
    ("latitude", "float64"), ("longitude", "float64"), ("geo_precision", "string"),
    ("fatalities", "int64"), ("injured", "int64"), ("articles", "list"), ("urls", "list"),
    ("outlets", "list"), ("notes", "string"), ("trigger", "string"), ("confidence", "float64"),
)


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise SetupError(E.E057, package="pyarrow", feature="the Parquet export") from None
    return pyarrow


def _values(item) -> dict:
    place = item.location
    return {
        "id": item.id, "story": item.story, "event": item.type, "mode": item.mode, "status": item.status,
        "background": item.background,
        "acled_event_type": item.acled_event_type, "acled_sub_event_type": item.acled_sub_event_type,
        "date_start": item.start, "date_end": item.end, "date_precision": item.precision,
        "source_actors": [a.name for a in item.source_actors],
        "source_countries": [a.country or "" for a in item.source_actors],
        "target_actors": [a.name for a in item.target_actors],
        "target_countries": [a.country or "" for a in item.target_actors],
        "place": place.name if place else None, "admin1": place.admin1 if place else None,
        "country": place.country if place else None, "latitude": place.lat if place else None,
        "longitude": place.lon if place else None, "geo_precision": place.precision if place else None,
        "fatalities": item.fatalities, "injured": item.injured,
        "articles": [s.article for s in item.sources], "urls": [s.url or "" for s in item.sources],
        "outlets": [s.outlet or "" for s in item.sources], "notes": item.notes, "trigger": item.trigger,
        "confidence": item.confidence,
    }


def write(store: Store, path: str, f: Filters = Filters(), level: str = "event", batch: int = 5000) -> int:
    pa = _pyarrow()
    schema = pa.schema([(name, pa.list_(pa.string()) if kind == "list" else getattr(pa, kind)())
                        for name, kind in COLUMNS])
    n = 0
    with pa.parquet.ParquetWriter(path, schema) as writer:
        rows: list[dict] = []
        for item in items(store, f, level):
            rows.append(_values(item))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n, rows = n + len(rows), []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n
