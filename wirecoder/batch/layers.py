"""The Parquet datasets `wirecoder batch` writes: one per layer of the record.

Each layer is a table of declared columns (``export.table.Column``, typed as
the Parquet export types them), so every part file of a dataset has the same
schema and pandas, DuckDB or Spark read the folder as one table. Rows keep the
record's field names; ``(article, id)`` is a row's stable key (record ids such
as ``E3`` are per article). The ``events`` dataset is the export table itself
(``export.table.COLUMNS``, ``id`` = ``article#V1``), filled by the same code as
`wirecoder export --format parquet`, with the store-only columns (``pk``,
``story``, ``ingested_at``) left empty: stories are fused when the batch is
merged into a store (``--db``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..export.table import COLUMNS as EVENT_COLUMNS, Column, row as event_row
from ..record import Record

STORE_ONLY = ("pk", "story", "ingested_at")


def _columns(spec: str) -> tuple[Column, ...]:
    """'name:type doc; ...' -> Columns (one line per column keeps the tables readable)."""
    out = []
    for line in spec.strip().splitlines():
        name_type, doc = line.strip().split(" ", 1)
        name, kind = name_type.split(":")
        out.append(Column(name, kind, doc.strip()))
    return tuple(out)


ARTICLE = "article:string the article's id"
LAYERS: dict[str, tuple[Column, ...]] = {
    "articles": _columns("""
        id:string the article's id (given, else a hash of its text)
        input:string the INPUT argument the article was read from
        partition:int64 the batch partition (input order, --partition-size articles each)
        position:int64 the article's place in the input order, from 0
        url:string the article's URL
        title:string the headline
        source:string the outlet
        published:string publication date or datetime, ISO 8601, as given
        language:string language code
        text:string the article's text (the offsets of every layer point into it)
        warnings:list<string> the record's warnings
        record:string the whole record as JSON without article.text (as the store keeps it)
    """),
    "entities": _columns(f"""
        {ARTICLE}
        id:string the entity's id in its record (E1, ...)
        kind:string person, organization, country, place, facility, group, media or platform
        name:string the canonical name
        country:string ISO3 of the actor's state or the place's country
        sector:string PLOVER actor sector
        roles:string the roles as a JSON array ({{title, of, country, source, evidence}})
        kb_source:string the knowledge base it is linked to
        kb_id:string its id there
        kb_name:string its name there
    """),
    "mentions": _columns(f"""
        {ARTICLE}
        entity:string the entity's id in its record
        position:int64 the mention's order among the entity's mentions, from 0
        start:int64 start offset into the article's text
        end:int64 end offset, exclusive
        text:string the mention's text
    """),
    "quotes": _columns(f"""
        {ARTICLE}
        id:string the quote's id in its record (Q1, ...)
        kind:string direct, partial or indirect
        text:string what was said
        start:int64 start offset
        end:int64 end offset, exclusive
        speaker:string the speaker's entity id
        speaker_text:string the speaker as the text names them
        cue:string the reporting verb
        channel:string where it was said
        date:string when it was said, ISO 8601
        confidence:float64 calibrated confidence
    """),
    "times": _columns(f"""
        {ARTICLE}
        id:string the expression's id in its record (T1, ...)
        text:string the expression
        start:int64 start offset
        end:int64 end offset, exclusive
        kind:string date, time, duration, set or interval
        value:string the resolved value, ISO 8601
        start_date:string first day
        end_date:string last day
        precision:string time, day, week, month, season, quarter, year, decade, century or unknown
        anchor:string what it was resolved against
        reason:string why the value is empty, when it is
    """),
    "quantities": _columns(f"""
        {ARTICLE}
        id:string the count's id in its record (N1, ...)
        text:string the expression
        start:int64 start offset
        end:int64 end offset, exclusive
        value:float64 the number
        approx:bool said approximately ("some", "about")
        unit:string the unit
        counted:string what is counted
        period:string the period it covers, ISO 8601 duration
    """),
    "places": _columns(f"""
        {ARTICLE}
        entity:string the place's (or facility's) entity id in its record
        kind:string the entity's kind
        entity_name:string the entity's canonical name
        geonameid:int64 GeoNames id
        name:string the gazetteer's name
        lat:float64 latitude, WGS 84
        lon:float64 longitude, WGS 84
        country:string ISO3
        admin1:string province
        feature:string town, admin1, country, region, facility, ...
        precision:string exact, town, admin2, admin1, country or region
    """),
    "events": EVENT_COLUMNS,
    "errors": _columns("""
        article:string the article's id, when it was read far enough to have one
        input:string the INPUT argument (and file:line) the article came from
        partition:int64 the batch partition
        position:int64 the article's place in the input order, from 0
        code:string the error code (E005, E030, E090 ...)
        stage:string the pipeline stage that failed, for E030
        message:string the error with its fix
    """),
}


def stored_json(record: Record) -> str:
    """The record as the store keeps it: JSON without the article's text (held once, in ``text``)."""
    data = record.to_dict()
    del data["article"]["text"]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def record_rows(record: Record, input_name: str, partition: int, position: int) -> dict[str, list[dict]]:
    """Every layer's rows of one record, except ``events`` (see ``event_rows``)."""
    a, key = record.article, record.article.id
    data = record.to_dict()
    rows: dict[str, list[dict]] = {name: [] for name in LAYERS}
    rows["articles"].append({
        "id": key, "input": input_name, "partition": partition, "position": position, "url": a.url,
        "title": a.title, "source": a.source, "published": a.published, "language": a.language, "text": a.text,
        "warnings": list(a.warnings), "record": stored_json(record)})
    for entity, raw in zip(record.entities, data["entities"]):
        kb = entity.kb
        rows["entities"].append({
            "article": key, "id": entity.id, "kind": entity.kind, "name": entity.name, "country": entity.country,
            "sector": entity.sector, "roles": json.dumps(raw["roles"], ensure_ascii=False),
            "kb_source": kb.source if kb else None, "kb_id": kb.id if kb else None, "kb_name": kb.name if kb else None})
        rows["mentions"] += [{"article": key, "entity": entity.id, "position": i, "start": m.start, "end": m.end,
                              "text": m.text} for i, m in enumerate(entity.mentions)]
        if entity.geo is not None:
            rows["places"].append({"article": key, "entity": entity.id, "kind": entity.kind,
                                   "entity_name": entity.name, **entity.geo.model_dump()})
    for layer in ("quotes", "times", "quantities"):
        rows[layer] = [{"article": key, **item} for item in data[layer]]
    return rows


def event_rows(items: Iterable) -> list[dict]:
    """Export-table rows of events read back from a store (``export.items.Item``), without
    the columns that only a store gives (its row numbers, stories, ingest time)."""
    out = []
    for item in items:
        values = event_row(item)
        out.append({**values, **dict.fromkeys(STORE_ONLY)})
    return out


def error_row(article: str | None, input_name: str, partition: int, position: int, code: str,
              message: str, stage: str | None = None) -> dict:
    return {"article": article, "input": input_name, "partition": partition, "position": position,
            "code": code, "stage": stage, "message": message}
