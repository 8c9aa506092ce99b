"""Exports open in the tools people use: ACLED columns, PLOVER fields, Parquet, valid GeoJSON."""

import csv
import io
import json

import jsonschema
import pyarrow.parquet as pq
import pytest

from store_records import meeting_report, odesa_report, strike_report
from wirecoder.export import FORMATS, is_binary, writer
from wirecoder.export.acled_csv import COLUMNS
from wirecoder.record import When
from wirecoder.store import Filters, Store, make_filters, records, write

ACLED_CODEBOOK_COLUMNS = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1 "
    "inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3 "
    "location latitude longitude geo_precision source source_scale notes fatalities tags timestamp").split()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("x") / "t.db") as opened:
        write(opened, strike_report(id="a", url="https://a.example/1", dead=32, injured=10, day="2025-01-18",
                                    published="2025-01-18"))
        write(opened, strike_report(id="b", url="https://b.example/1", dead=34, injured=None, day="2025-01-18",
                                    published="2025-01-19", blame_russia=False, source="Other Wire"))
        write(opened, odesa_report())
        write(opened, meeting_report())
        yield opened


def text_export(store, name, filters=Filters(), level="event"):
    out = io.StringIO()
    n = writer(name)(store, out, filters, level)
    return out.getvalue(), n


def test_acled_csv_has_acled_columns_and_codes(store):
    text, n = text_export(store, "acled-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(COLUMNS) == ACLED_CODEBOOK_COLUMNS and list(rows[0]) == ACLED_CODEBOOK_COLUMNS
    assert n == len(rows) == 3  # the planned meeting is not an ACLED event
    first = rows[0]
    assert first["event_date"] == "2025-01-18" and first["year"] == "2025" and first["time_precision"] == "1"
    assert (first["disorder_type"], first["event_type"]) == ("Political violence", "Explosions/Remote violence")
    assert first["iso"] == "804" and first["region"] == "Europe" and first["country"] == "Ukraine"
    assert (first["location"], first["admin1"], first["geo_precision"]) == ("Dnipro", "Dnipropetrovsk", "1")
    assert float(first["latitude"]) == pytest.approx(48.45) and first["fatalities"] == "32"
    assert first["actor1"] == "Military Forces of Russia (2000-)"  # the regime years of data/export/acled_regimes.csv
    assert first["inter1"] == "1" and first["interaction"] == "10"
    assert first["source"] == "Test Wire" and first["event_id_cnty"].startswith("UKR")
    assert rows[2]["fatalities"] == "0"  # ACLED writes 0 when no death is reported


def test_acled_story_level_keeps_the_lowest_toll_and_the_disagreement(store):
    text, n = text_export(store, "acled-csv", level="story")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == 2
    fused = next(r for r in rows if r["location"] == "Dnipro")
    assert fused["fatalities"] == "32" and fused["source"] == "Test Wire; Other Wire"
    # the sources blame different actors: ACLED's actor for an unknown perpetrator
    assert fused["actor1"] == "Unidentified Armed Group (Ukraine)" and fused["inter1"] == "3"
    assert "fatalities: 32 (a), 34 (b)" in fused["notes"] and "sources=2" in fused["tags"]


def test_acled_default_is_what_happened_unless_asked(store):
    text, n = text_export(store, "acled-csv", make_filters(status="planned"))
    assert n == 0  # planned CONSULT has no ACLED type: still nothing


def test_plover_json_uses_the_gold_standard_field_names(store):
    text, n = text_export(store, "plover-json")
    data = json.loads(text)
    assert n == len(data) == 4  # every status: the planned meeting too
    first = data[0]
    assert first["event"] == "ASSAULT" and first["mode"] == "aerial" and first["date"] == "2025-01-18"
    assert first["source"] == [{"actorText": "Russia", "code": "RUS", "sector": "GOV"}]
    assert first["eventLoc"] == {"name": "Dnipro", "country code": "UA", "lat": 48.45, "lon": 34.9833}
    assert first["dead"] == 32 and first["injured"] == 10 and first["wirecoder"]["status"] == "occurred"
    assert all(value is not None for record in data for value in record.values())


def test_plover_json_language_is_the_stored_articles(tmp_path):
    """Not a fixed "en": an article found not to be English keeps its tag in the export."""
    with Store(tmp_path / "t.db") as opened:
        report = strike_report(id="ru", url="https://ru.example/1", dead=3, injured=None, day="2025-01-18",
                               published="2025-01-18")
        write(opened, report.model_copy(update={"article": report.article.model_copy(update={"language": "und-Cyrl"})}))
        write(opened, strike_report(id="en", url="https://en.example/1", dead=4, injured=None, day="2025-01-18",
                                    published="2025-01-18"))
        data = json.loads(text_export(opened, "plover-json")[0])
    assert {(r["url"], r["language"]) for r in data} == {("https://ru.example/1", "und-Cyrl"),
                                                         ("https://en.example/1", "en")}


@pytest.mark.shared
def test_plover_fields_are_those_of_the_plover_records(store, shared):
    gold = json.loads((shared / "datasets" / "plover_gsr" / "records.json").read_text())
    gold_keys = {key for record in gold for key in record}
    actor_keys = {key for record in gold for side in ("source", "target") if isinstance(record.get(side), list)
                  for actor in record[side] for key in actor}
    data = json.loads(text_export(store, "plover-json")[0])
    ours = {key for record in data for key in record} - {"url", "wirecoder"}
    assert ours <= gold_keys, ours - gold_keys
    assert {key for record in data for a in record.get("source", []) for key in a} <= actor_keys


def test_parquet_reads_with_pyarrow(store, tmp_path):
    path = tmp_path / "events.parquet"
    n = writer("parquet")(store, str(path), Filters(), "event")
    table = pq.read_table(path)
    assert n == table.num_rows == 4
    rows = table.to_pylist()
    assert rows[0]["source_actors"] == ["Russia"] and rows[0]["fatalities"] == 32
    assert str(table.schema.field("location_lat").type) == "double"
    assert str(table.schema.field("articles").type) == "list<element: string>"
    empty = tmp_path / "none.parquet"
    assert writer("parquet")(store, str(empty), make_filters(types="PROTEST"), "event") == 0
    assert pq.read_table(empty).num_rows == 0 and is_binary("parquet")


GEOJSON_POINTS = {  # RFC 7946, for the features this export writes
    "type": "object", "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {
            "type": "object", "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": ["string", "number"]},
                "geometry": {"type": "object", "required": ["type", "coordinates"], "properties": {
                    "type": {"const": "Point"},
                    "coordinates": {"type": "array", "minItems": 2, "maxItems": 2, "prefixItems": [
                        {"type": "number", "minimum": -180, "maximum": 180},
                        {"type": "number", "minimum": -90, "maximum": 90}]}}},
                "properties": {"type": ["object", "null"]}}}}},
}


def test_geojson_is_valid_and_puts_longitude_first(store):
    text, n = text_export(store, "geojson")
    data = json.loads(text)
    jsonschema.validate(data, GEOJSON_POINTS)
    assert n == len(data["features"]) == 4
    dnipro = data["features"][0]
    assert dnipro["geometry"]["coordinates"] == [34.9833, 48.45] and dnipro["properties"]["location_name"] == "Dnipro"


def test_jsonl_exports_the_records_exactly(store):
    text, n = text_export(store, "jsonl")
    exported = [json.loads(line) for line in text.splitlines()]
    assert n == 4 and exported == [r.to_dict() for r in records(store)]
    assert exported[0]["events"][0]["fatalities"] == 32


def test_every_format_is_registered_and_loads():
    for name in FORMATS:
        assert callable(writer(name))


def test_a_month_precise_event_gets_acled_time_precision_3(tmp_path):
    record = odesa_report()
    event = record.events[0].model_copy(update={"when": When(start="2025-01", precision="month", text="in January")})
    with Store(tmp_path / "m.db") as opened:
        write(opened, record.model_copy(update={"events": [event]}))
        row = next(csv.DictReader(io.StringIO(text_export(opened, "acled-csv")[0])))
        plover = json.loads(text_export(opened, "plover-json")[0])[0]
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2025-01-01", "2025", "3")
    assert plover["date"] == "2025-01-01" and plover["wirecoder"]["when_precision"] == "month"


def _with_background(tmp_path):
    """The Odesa strike of the hand-built records, plus the same strike told as history."""
    record = odesa_report()
    old = record.events[0].model_copy(update={"id": "V2", "background": True,
                                              "when": When(start="2014-05-02", end="2014-05-02", precision="day")})
    opened = Store(tmp_path / "b.db")
    write(opened, record.model_copy(update={"events": [record.events[0], old]}))
    return opened


def test_background_events_are_left_out_of_exports_unless_asked(tmp_path):
    with _with_background(tmp_path) as opened:
        for name in ("acled-csv", "plover-json", "geojson"):
            assert text_export(opened, name)[1] == 1, name
            assert text_export(opened, name, make_filters(background=True))[1] == 2, name
        rows = list(csv.DictReader(io.StringIO(text_export(opened, "acled-csv", make_filters(background=True))[0])))
        assert [r["tags"] for r in rows if r["event_date"] == "2014-05-02"] == ["background"]
        features = json.loads(text_export(opened, "geojson", make_filters(background=True))[0])["features"]
        assert sorted(f["properties"]["background"] for f in features) == [False, True]
        assert json.loads(text_export(opened, "jsonl")[0])["events"][1]["background"] is True  # jsonl keeps all


def test_parquet_has_a_background_column_and_leaves_them_out_by_default(tmp_path):
    with _with_background(tmp_path) as opened:
        writer("parquet")(opened, str(tmp_path / "e.parquet"), Filters(), "event")
        writer("parquet")(opened, str(tmp_path / "all.parquet"), make_filters(background=True), "event")
    assert pq.read_table(tmp_path / "e.parquet").column("background").to_pylist() == [False]
    assert sorted(pq.read_table(tmp_path / "all.parquet").column("background").to_pylist()) == [False, True]


def test_background_events_are_not_fused_into_stories(tmp_path):
    with _with_background(tmp_path) as opened:
        stories = {row[0]: row[1] for row in opened.execute("SELECT e.id, e.story FROM events e")}
        assert stories["V1"] is not None and stories["V2"] is None
        rows = text_export(opened, "acled-csv", make_filters(background=True), level="story")[0]
        assert "2014-05-02" in rows  # asked for: written as its own row


def test_the_background_option_of_the_events_command(tmp_path, capsys):
    from wirecoder import cli

    _with_background(tmp_path).close()
    db = str(tmp_path / "b.db")
    assert cli.main(["events", "--db", db, "--json"]) == 0
    shown = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["background"] for e in shown] == [False]
    assert cli.main(["events", "--db", db, "--json", "--background"]) == 0
    shown = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(e["background"] for e in shown) == [False, True]
