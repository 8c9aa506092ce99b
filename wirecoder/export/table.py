"""The one table schema of the tabular exports (Parquet, CSV, GeoJSON properties).

One row per event (or fused story). Scalar columns carry the names that
``wirecoder events --json`` prints (``type``, ``when_start``, ``evidence``...);
the nested ``location`` object is flattened to ``location_*`` columns and the
actor objects to lists of names and of countries. Types are declared once here:
Parquet writes them as Arrow types (dates as date32, counts as int64), so
pandas and DuckDB read them with no casts; CSV and GeoJSON write the same
values as text (dates ISO 8601, lists joined by "; " in CSV).
``docs/exports.md`` is generated from ``COLUMNS`` by ``make docs``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from ..store.claims import day
from .items import Item


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, int64, float64, bool, date32, list<string>
    doc: str


COLUMNS = (
    Column("id", "string", "article id#event id, or story-N for a fused story"),
    Column("pk", "int64", "the event's (or story's) number in the store, stable across exports"),
    Column("article", "string", "the reporting article's id (the first source's, for a story)"),
    Column("url", "string", "the first source's URL"),
    Column("title", "string", "the first source's headline"),
    Column("source", "string", "the first source's outlet"),
    Column("published", "date32", "the first source's publication day"),
    Column("type", "string", "PLOVER event type (ASSAULT, CONSULT, ...)"),
    Column("mode", "string", "PLOVER mode of the type (aerial, visit, ...)"),
    Column("status", "string", "occurred, ongoing, claimed, planned, hypothetical, negated or denied"),
    Column("background", "bool", "told as history or habit, not as news"),
    Column("acled_event_type", "string", "ACLED event type, where one applies"),
    Column("acled_sub_event_type", "string", "ACLED sub-event type, where one applies"),
    Column("when_start", "date32", "first day of the event's date (a month-precise date gives its 1st)"),
    Column("when_end", "date32", "last day of the event's date"),
    Column("when_precision", "string", "precision of the date: day, week, month, season, quarter, year"),
    Column("fatalities", "int64", "people killed, as reported (the lowest report, for a story)"),
    Column("injured", "int64", "people injured, as reported"),
    Column("source_actors", "list<string>", "names of the actors who acted"),
    Column("source_actor_countries", "list<string>", "their ISO3 countries (\"\" when unknown)"),
    Column("target_actors", "list<string>", "names of the actors acted upon"),
    Column("target_actor_countries", "list<string>", "their ISO3 countries"),
    Column("location_name", "string", "the place's name"),
    Column("location_admin1", "string", "the place's province"),
    Column("location_country", "string", "the place's ISO3 country"),
    Column("location_lat", "float64", "latitude, WGS 84"),
    Column("location_lon", "float64", "longitude, WGS 84"),
    Column("location_precision", "string", "exact, town, admin2, admin1, country or region"),
    Column("location_geonameid", "int64", "the place's GeoNames id"),
    Column("evidence", "string", "the sentence(s) that report the event"),
    Column("trigger", "string", "the word that names the event"),
    Column("confidence", "float64", "calibrated confidence in [0, 1]"),
    Column("story", "int64", "the story the event is fused into"),
    Column("articles", "list<string>", "ids of every reporting article"),
    Column("urls", "list<string>", "their URLs"),
    Column("outlets", "list<string>", "their outlets"),
    Column("ingested_at", "string", "when the (last) article was stored, ISO 8601"),
    Column("reviewed", "string", "an analyst's verdict: accept, reject or correct (empty: not reviewed); "
           "corrected values are in the columns above"),
    Column("reviewer", "string", "who gave the verdict"),
    Column("reviewed_at", "string", "when, ISO 8601"),
    Column("machine", "string", "JSON: the machine's own values of the fields the analyst corrected"),
)
NAMES = tuple(c.name for c in COLUMNS)


def row(item: Item) -> dict:
    """The item as one table row with typed Python values (dates as ``datetime.date``)."""
    place, first = item.location, item.sources[0]
    return {
        "id": item.id, "pk": item.pk, "article": first.article, "url": first.url, "title": first.title,
        "source": first.outlet, "published": day(first.published), "type": item.type, "mode": item.mode,
        "status": item.status, "background": item.background,
        "acled_event_type": item.acled_event_type, "acled_sub_event_type": item.acled_sub_event_type,
        "when_start": day(item.start), "when_end": day(item.end or item.start, last=True),
        "when_precision": item.precision, "fatalities": item.fatalities, "injured": item.injured,
        "source_actors": [a.name for a in item.source_actors],
        "source_actor_countries": [a.country or "" for a in item.source_actors],
        "target_actors": [a.name for a in item.target_actors],
        "target_actor_countries": [a.country or "" for a in item.target_actors],
        "location_name": place.name if place else None, "location_admin1": place.admin1 if place else None,
        "location_country": place.country if place else None, "location_lat": place.lat if place else None,
        "location_lon": place.lon if place else None,
        "location_precision": place.precision if place else None,
        "location_geonameid": place.geonameid if place else None,
        "evidence": item.notes, "trigger": item.trigger, "confidence": item.confidence, "story": item.story,
        "articles": [s.article for s in item.sources], "urls": [s.url or "" for s in item.sources],
        "outlets": [s.outlet or "" for s in item.sources], "ingested_at": item.ingested_at or None,
        "reviewed": item.reviewed, "reviewer": item.review["reviewer"] if item.review else None,
        "reviewed_at": item.review["reviewed_at"] if item.review else None,
        "machine": json.dumps(item.machine, ensure_ascii=False, sort_keys=True) if item.machine else None,
    }


def as_text(values: dict, joiner: str | None = None) -> dict:
    """Dates as ISO strings (for JSON); with ``joiner``, lists joined into one string (for CSV)."""
    out = {}
    for key, value in values.items():
        if isinstance(value, date):
            value = value.isoformat()
        elif joiner is not None and isinstance(value, list):
            value = joiner.join(value)
        out[key] = value
    return out


def markdown() -> str:
    """docs/exports.md: the table schema, generated from ``COLUMNS``."""
    lines = ["# Export table schema", "",
             "Generated by `make docs` from `wirecoder/export/table.py`; do not edit by hand.", "",
             "`wirecoder export --format parquet|csv|geojson` write one row per event (or, with",
             "`--level story`, per fused story) with these columns, in this order. Scalar names are those",
             "of `wirecoder events --json`; `location` is flattened to `location_*`, actors to lists.",
             "Parquet stores the types below (date32 dates, int64 counts: pandas and DuckDB read them",
             "without casts); CSV writes dates as ISO 8601 and joins lists with `; `; GeoJSON puts the",
             "same columns in each feature's `properties` (dates as ISO strings, lists as arrays).", "",
             "Analysts' reviews (`wirecoder review`) are applied: a corrected type, status, date, place,",
             "actor or toll is the value written, the machine's own values of those fields are kept in",
             "`machine`, and `reviewed` says the verdict; `--reviewed-only` writes only events an analyst",
             "accepted or corrected. Type, status and date filters read the reviewed values.", "",
             "| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.type} | {c.doc} |" for c in COLUMNS]
    lines += ["", "The ACLED CSV (`--format acled-csv`) keeps ACLED's own codebook columns instead; the PLOVER",
              "JSON (`--format plover-json`) keeps the PLOVER gold-standard record's fields.", ""]
    return "\n".join(lines)
