"""The exports mean what their standards mean: ACLED's vocabularies and actor naming,
the PLOVER gold records' fields with every status, Parquet typed for pandas and DuckDB.

One invented report (a made-up general, town and front) holds one event of each
case ACLED names differently; nothing here comes from a benchmark text.
"""

import csv
import io
import json
from collections import Counter
from datetime import date

import pytest

from store_records import evidence, span
from wirecoder.export import writer
from wirecoder.export import acled_actors
from wirecoder.export.reference import acled, countries
from wirecoder.export.table import NAMES, markdown
from wirecoder.settings import DATA_DIR
from wirecoder.record import Acled, Article, Entity, Event, Geo, Record, When
from wirecoder.store import Store, make_filters, write
from wirecoder.store.queries import ActorRef

# The ACLED codebook's event types and their sub-event types (2023 taxonomy).
ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
INTER = set(range(9))  # 0 no actor, 1 state forces ... 8 external/other forces

TEXT = ("General Omar Vantaro said soldiers shot five villagers in Marsabel on Tuesday. "
        "Protesters marched in Marsabel on Tuesday. Police detained two traders in Marsabel on Tuesday. "
        "Vantaro met elders in Marsabel on Tuesday. Gunmen attacked a bus in Marsabel once. "
        "Two clans signed a truce in Marsabel on Tuesday. "
        "The Northern Liberation Front will shell Marsabel next week. "
        "Tomas Reddan fired a rocket at Marsabel on Tuesday. "
        "The Northern Liberation Front ambushed a patrol near Marsabel on Tuesday.")
DAY = When(start="2025-03-04", end="2025-03-04", precision="day", text="on Tuesday")
MARSABEL = Geo(geonameid=1, name="Marsabel", lat=2.33, lon=37.99, country="KEN", admin1="Marsabit",
               feature="town", precision="town")


def _event(id, type, sentence, trigger, status="occurred", when=DAY, **fields):
    return Event(id=id, type=type, status=status, location="E9", when=when,
                 evidence=evidence(TEXT, sentence, trigger), confidence=0.8, **fields)


def invented_report() -> Record:
    entities = [
        Entity(id="E1", kind="person", name="Omar Vantaro", mentions=[span(TEXT, "Omar Vantaro")], country="KEN",
               sector="MIL"),
        Entity(id="E2", kind="group", name="villagers", mentions=[span(TEXT, "villagers")], country="KEN",
               sector="CVL"),
        Entity(id="E3", kind="organization", name="Northern Liberation Front",
               mentions=[span(TEXT, "Northern Liberation Front")], country="KEN", sector="REB"),
        Entity(id="E4", kind="person", name="Tomas Reddan", mentions=[span(TEXT, "Tomas Reddan")]),
        Entity(id="E5", kind="group", name="elders", mentions=[span(TEXT, "elders")], country="KEN"),
        Entity(id="E9", kind="place", name="Marsabel", mentions=[span(TEXT, "Marsabel")], country="KEN",
               geo=MARSABEL),
    ]
    events = [
        _event("V1", "ASSAULT", "General Omar", "shot", mode="firearms", source_actors=["E1"],
               target_actors=["E2"], fatalities=5, acled=Acled(event_type="Violence against civilians",
                                                               sub_event_type="Attack")),
        _event("V2", "PROTEST", "Protesters marched", "marched"),
        _event("V3", "COERCE", "Police detained", "detained", mode="arrest",
               acled=Acled(event_type="Strategic developments", sub_event_type="Arrests")),
        _event("V4", "CONSULT", "Vantaro met", "met", source_actors=["E1"], target_actors=["E5"]),
        _event("V5", "ASSAULT", "Gunmen attacked", "attacked", mode="firearms", when=None,
               acled=Acled(event_type="Violence against civilians", sub_event_type="Attack")),
        _event("V6", "ASSAULT", "The Northern Liberation Front will", "shell", mode="heavy-weapons",
               status="planned", source_actors=["E3"],
               when=When(start="2025-03-10", end="2025-03-16", precision="week", text="next week"),
               acled=Acled(event_type="Explosions/Remote violence",
                           sub_event_type="Shelling/artillery/missile attack")),
        _event("V7", "ASSAULT", "Tomas Reddan fired", "fired", mode="aerial", source_actors=["E4"],
               acled=Acled(event_type="Explosions/Remote violence",
                           sub_event_type="Shelling/artillery/missile attack")),
        _event("V9", "AGREE", "Two clans signed", "signed",
               acled=Acled(event_type="Strategic developments", sub_event_type="Agreement")),
        _event("V8", "ASSAULT", "The Northern Liberation Front ambushed", "ambushed", mode="firefight",
               source_actors=["E3"], acled=Acled(event_type="Battles", sub_event_type="Armed clash")),
    ]
    return Record(article=Article(id="inv-1", url="https://example.org/inv-1", source="Invented Wire",
                                  published="2025-03-05", text=TEXT), entities=entities, events=events)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("acled") / "a.db") as opened:
        write(opened, invented_report())
        yield opened


def acled_rows(store, filters=make_filters(), skipped=None):
    out = io.StringIO()
    n = writer("acled-csv")(store, out, filters, "event", skipped=skipped)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows)
    return rows


def by_trigger(rows):
    return {row["notes"].split()[1]: row for row in rows}


def test_acled_rows_use_the_codebook_vocabularies(store):
    rows = acled_rows(store, make_filters(status="occurred,planned"))
    assert rows
    for row in rows:
        assert row["sub_event_type"] in ACLED_TYPES[row["event_type"]], row
        assert int(row["inter1"]) in INTER - {0} and int(row["inter2"]) in INTER
        assert row["interaction"] == "".join(sorted(row["inter1"] + row["inter2"])) or (
            row["inter2"] == "0" and row["interaction"] == row["inter1"] + "0")
        assert date.fromisoformat(row["event_date"]).year == int(row["year"])
        assert row["time_precision"] in ("1", "2", "3") and int(row["fatalities"]) >= 0


def test_every_acled_type_wirecoder_can_write_is_in_the_codebook():
    mapped = [tuple(v) for k, v in acled()["from_plover"].items() if not k.startswith("_")]
    with open(DATA_DIR / "events" / "acled_rules.csv", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    mapped += [(r["event_type"], r["sub_event_type"]) for r in csv.DictReader(lines) if r["sub_event_type"] != "weapon"]
    for event_type, sub_event_type in mapped:
        assert sub_event_type in ACLED_TYPES[event_type], (event_type, sub_event_type)
    for event_type, kind in acled()["actors"]["default_actor1"].items():
        assert event_type in ACLED_TYPES, event_type


def test_acled_actors_are_organised_actors_never_persons(store):
    rows = by_trigger(acled_rows(store))
    assert (rows["Omar"]["actor1"], rows["Omar"]["inter1"]) == ("Military Forces of Kenya", "1")
    assert (rows["Omar"]["actor2"], rows["Omar"]["inter2"], rows["Omar"]["interaction"]) == (
        "Civilians (Kenya)", "7", "17")
    assert "Omar Vantaro" in rows["Omar"]["notes"] and rows["Omar"]["civilian_targeting"]
    assert (rows["marched"]["actor1"], rows["marched"]["inter1"], rows["marched"]["interaction"]) == (
        "Protesters (Kenya)", "6", "60")
    assert rows["detained"]["actor1"] == "Police Forces of Kenya"
    assert (rows["Reddan"]["actor1"], rows["Reddan"]["inter1"]) == ("Unidentified Armed Group (Kenya)", "3")
    assert "Tomas Reddan" in rows["Reddan"]["notes"]
    assert (rows["Northern"]["actor1"], rows["Northern"]["inter1"]) == ("Northern Liberation Front", "2")
    persons = {"Omar Vantaro", "Tomas Reddan"}
    for row in rows.values():
        assert not {row["actor1"], row["actor2"], row["assoc_actor_1"], row["assoc_actor_2"]} & persons
    assert sum(bool(row["actor1"]) for row in rows.values()) == len(rows)


def test_acled_counts_what_it_leaves_out_and_why(store):
    skipped = Counter()
    rows = acled_rows(store, skipped=skipped)
    assert len(rows) == 5
    assert skipped == {"CONSULT is no ACLED event type": 1, "undated (ACLED needs an event date)": 1,
                       "status planned (ACLED codes what happened; ask with --status)": 1,
                       "no organised actor named (ACLED needs an actor1)": 1}


def test_the_export_command_prints_the_left_out_counts(store, tmp_path, capsys):
    from wirecoder import cli

    assert cli.main(["export", "--format", "acled-csv", "--db", store.path, "--out", str(tmp_path / "a.csv")]) == 0
    err = capsys.readouterr().err
    assert "wrote 5 rows" in err and "left out 1 events: CONSULT is no ACLED event type" in err


@pytest.mark.shared
def test_plover_records_have_the_gold_fields_and_every_status(store, shared):
    gold = json.loads((shared / "datasets" / "plover_gsr" / "records.json").read_text())
    gold_keys = {key for record in gold for key in record}
    out = io.StringIO()
    n = writer("plover-json")(store, out, make_filters(), "event")
    data = json.loads(out.getvalue())
    assert n == len(data) == 9  # every status, dated or not
    for record in data:
        assert {"id", "event", "eventText", "text", "textInfo", "context", "version", "coder", "dateCoded",
                "language", "publication"} <= set(record)
        assert set(record) - {"url", "wirecoder"} <= gold_keys, set(record) - gold_keys
    assert {r["wirecoder"]["status"] for r in data} == {"occurred", "planned"}
    planned = next(r for r in data if r["wirecoder"]["status"] == "planned")
    assert planned["event"] == "THREATEN" and planned["wirecoder"]["type"] == "ASSAULT"  # PLOVER codes the intent
    shot = next(r for r in data if r["eventText"] == "shot")
    assert "(EVT: shot)" in shot["textInfo"]["markup"] and shot["context"].startswith("military")
    assert "(TAR: villagers)" in shot["textInfo"]["markup"]
    only = json.loads(_text(writer("plover-json"), store, make_filters(status="planned")))
    assert [r["wirecoder"]["status"] for r in only] == ["planned"]


def _text(write, store, filters):
    out = io.StringIO()
    write(store, out, filters, "event")
    return out.getvalue()


def test_parquet_reads_typed_in_pandas_and_duckdb(store, tmp_path):
    pandas = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "e.parquet"
    writer("parquet")(store, str(path), make_filters(), "event")
    frame = pandas.read_parquet(path)
    assert list(frame.columns) == list(NAMES)
    assert str(frame["fatalities"].dtype) == "Int64" and str(frame["story"].dtype) == "Int64"
    assert frame["fatalities"].max() == 5 and frame["background"].dtype == bool
    assert frame["when_start"].dropna().map(type).eq(date).all() and frame["when_start"].max() == date(2025, 3, 10)
    con = duckdb.connect()
    types = dict(con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()[i][:2]
                 for i in range(len(NAMES)))
    assert types["when_start"] == "DATE" and types["when_end"] == "DATE" and types["published"] == "DATE"
    assert types["fatalities"] == "BIGINT" and types["injured"] == "BIGINT" and types["location_lat"] == "DOUBLE"
    assert types["source_actors"] == "VARCHAR[]" and types["background"] == "BOOLEAN"
    first, dead = con.execute(f"SELECT min(when_start), max(fatalities) FROM read_parquet('{path}')").fetchone()
    assert first == date(2025, 3, 4) and dead == 5


def test_tabular_exports_share_the_names_of_events_json(store, tmp_path, capsys):
    from wirecoder.store.queries import events

    shown = events(store, make_filters()).__next__().to_dict()
    for name in ("type", "mode", "status", "when_start", "when_end", "when_precision", "fatalities", "evidence",
                 "trigger", "confidence", "story", "article", "published", "acled_event_type"):
        assert name in shown and name in NAMES, name
    table = list(csv.DictReader(io.StringIO(_text(writer("csv"), store, make_filters()))))
    assert list(table[0]) == list(NAMES) and table[0]["when_start"] == "2025-03-04"
    features = json.loads(_text(writer("geojson"), store, make_filters()))["features"]
    assert list(features[0]["properties"]) == list(NAMES)


def test_the_exports_doc_is_generated_from_the_code():
    from pathlib import Path

    doc = Path(__file__).resolve().parents[1] / "docs" / "exports.md"
    assert doc.read_text() == markdown(), "run `make docs`"


INVENTED_REGIMES = {"KEN": (acled_actors.Regime(date(2019, 5, 1), date(2025, 3, 1)),
                            acled_actors.Regime(date(2025, 3, 1), None))}


def test_state_forces_carry_the_regime_years_of_the_event_date(store, monkeypatch):
    monkeypatch.setattr(acled_actors, "regimes", lambda: INVENTED_REGIMES)
    rows = by_trigger(acled_rows(store))
    assert rows["Omar"]["actor1"] == "Military Forces of Kenya (2025-)"
    assert rows["detained"]["actor1"] == "Police Forces of Kenya (2025-)"
    assert rows["Omar"]["actor2"] == "Civilians (Kenya)"  # no state actor: no years
    state = ActorRef("E1", "Kenya", "country", "KEN", "GOV")
    assert acled_actors.name(state, "Battles", True, None, date(2024, 6, 1)).name == \
        "Military Forces of Kenya (2019-2025)"


def test_without_a_regime_for_the_country_or_the_date_the_name_stays_plain(monkeypatch):
    monkeypatch.setattr(acled_actors, "regimes", lambda: INVENTED_REGIMES)
    kenya, other = ActorRef("E1", "Kenya", "country", "KEN", "GOV"), ActorRef("E2", "Uganda", "country", "UGA", None)
    assert acled_actors.name(kenya, "Battles", True, None, date(2018, 6, 1)).name == "Military Forces of Kenya"
    assert acled_actors.name(kenya, "Battles", True, None, None).name == "Military Forces of Kenya"
    assert acled_actors.name(other, "Battles", True, None, date(2025, 6, 1)).name == "Military Forces of Uganda"


def test_the_regime_table_is_well_formed():
    for iso3, rows in acled_actors.regimes().items():
        assert iso3 in countries(), iso3
        for before, after in zip(rows, rows[1:]):
            assert before.end is not None and before.end <= after.start, iso3
        assert all(r.end is None or r.start < r.end for r in rows), iso3
