"""Analysts' reviews (wirecoder/store/reviews.py): a layer beside the machine's, never over it.

The store holds the invented reports of store_records (a strike on Dnipro, a
strike on Odesa, a planned meeting in London); each test reviews some of their
events or quotes and checks what the store, the API, the CLI, the exports and
the reviewed-as-gold benchmark show -- and that the machine's rows stay.
"""

import csv
import io
import json
import sqlite3

import pytest
from fastapi.testclient import TestClient

from benchmarks.reviewed import score
from store_records import meeting_report, odesa_report, strike_report
from wirecoder import cli
from wirecoder.errors import InputError
from wirecoder.export import writer
from wirecoder.store import Store, load_record, make_filters, write
from wirecoder.store.queries import events, quotes
from wirecoder.store.reviews import history, listing, review, view
from wirecoder.web.api import create_app

TOKEN = "review-token-0815"
MEETING = "meeting-1#V1"


def _records():
    return [strike_report(id="dnipro-a", url="https://example.org/a", dead=32, injured=None, day="2025-01-18",
                          published="2025-01-18"), odesa_report(), meeting_report()]


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "reviews.db"
    with Store(path) as store:
        for record in _records():
            write(store, record)
    return path


@pytest.fixture(scope="module")
def refusing(tmp_path_factory):
    """One API on a store no test changes (for the requests that must be refused)."""
    path = tmp_path_factory.mktemp("refusing") / "reviews.db"
    with Store(path) as store:
        for record in _records():
            write(store, record)
    return TestClient(create_app(str(path), token=TOKEN))


@pytest.fixture
def store(path):
    with Store(path) as store:
        yield store


def event(store, article):
    return next(r for r in events(store, make_filters(article=article, background=True)))


def machine_row(path, article):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT e.type, e.mode, e.status, e.when_start FROM events e JOIN articles a "
                           "ON a.pk = e.article WHERE a.id = ?", (article,)).fetchone()
    finally:
        con.close()


# -- the store ------------------------------------------------------------------

def test_a_correction_shows_the_reviewed_values_and_keeps_the_machines(store, path):
    done = review(store, "event", MEETING, "correct", {"type": "ACCUSE", "status": "occurred",
                                                       "date": "2025-12-07/2025-12-08"}, "ana")
    row = event(store, "meeting-1")
    assert (row.type, row.mode, row.status) == ("ACCUSE", None, "occurred")
    assert (row.when_start, row.when_end, row.when_precision) == ("2025-12-07", "2025-12-08", "day")
    assert row.reviewed == "correct" and row.review["reviewer"] == "ana" and row.review["id"] == done.id
    assert row.machine["type"] == "CONSULT" and row.machine["mode"] == "visit" and row.machine["status"] == "planned"
    assert row.machine["date"]["start"] == "2025-12-08" and "place" not in row.machine
    assert machine_row(path, "meeting-1") == ("CONSULT", "visit", "planned", "2025-12-08")
    assert load_record(store, "meeting-1").events[0].type == "CONSULT"  # the stored record is untouched
    side = view(store, "event", MEETING)
    assert (side["machine"]["type"], side["reviewed"]["type"], side["reviewed"]["place"]["name"]) == \
        ("CONSULT", "ACCUSE", "London")
    assert side["verdict"] == "correct" and side["review"]["reviewer"] == "ana" and len(side["history"]) == 1


def test_the_newest_review_counts_and_every_one_is_kept(store):
    first = review(store, "event", MEETING, "accept", reviewer="ana")
    second = review(store, "event", MEETING, "correct", {"status": "negated"}, "ben", note="the talks were off")
    third = review(store, "event", MEETING, "reject", reviewer="cy")
    assert [r.id for r in history(store, "event", MEETING)] == [third.id, second.id, first.id]
    assert (second.supersedes, third.supersedes) == (first.id, second.id)
    assert [r.id for r in listing(store)] == [third.id]
    assert len(listing(store, current=False)) == 3
    row = event(store, "meeting-1")
    assert row.reviewed == "reject" and row.status == "planned" and row.machine is None
    assert view(store, "event", MEETING)["reviewed"] is None


@pytest.mark.parametrize("verdict, changes, reviewer, code, words", [
    ("correct", {"type": "BOMB"}, "ana", "E082", "ASSAULT"),
    ("correct", {"status": "done"}, "ana", "E082", "occurred"),
    ("correct", {"date": "2025-13-01"}, "ana", "E082", "2025-03-10"),
    ("correct", {"date": "2025-12-09/2025-12-01"}, "ana", "E082", "END on or after START"),
    ("correct", {"source_actors": ["Nobody Atall"]}, "ana", "E083", "Keir Starmer"),
    ("correct", {"place": "Atlantis"}, "ana", "E083", "London"),
    ("correct", {"fatalities": "many"}, "ana", "E082", "0, 1, 2"),
    ("correct", {"speaker": "Keir Starmer"}, "ana", "E081", "type, mode, status"),
    ("correct", {}, "ana", "E081", "--set FIELD=VALUE"),
    ("accept", {"type": "ACCUSE"}, "ana", "E081", "--verdict correct"),
    ("approve", {}, "ana", "E081", "accept, reject or correct"),
    ("accept", {}, " ", "E084", "--reviewer NAME"),
])
def test_what_a_review_says_is_checked_and_errors_name_the_fix(store, path, verdict, changes, reviewer, code,
                                                                 words):
    with pytest.raises(InputError) as caught:
        review(store, "event", MEETING, verdict, changes, reviewer)
    assert caught.value.code == code and words in str(caught.value) and "fix:" in str(caught.value)
    assert listing(store) == []
    assert machine_row(path, "meeting-1")[0] == "CONSULT"


def test_an_item_that_is_not_there_is_named(store):
    for ref in ("meeting-1#V9", "no-such#V1", "999", "V1"):
        with pytest.raises(InputError) as caught:
            review(store, "event", ref, "accept", reviewer="ana")
        assert caught.value.code == "E080" and "ARTICLE#ID" in caught.value.fix


def test_actors_and_places_resolve_by_id_name_or_mention_and_from_the_store(store):
    review(store, "event", MEETING, "correct", {"source_actors": "E2;volodymyr zelenskyy",
                                                "target_actors": ["Russia"], "place": "Dnipro"}, "ana")
    row = event(store, "meeting-1")
    assert [(a.id, a.name) for a in row.source_actors] == [("E2", "Keir Starmer"), ("E1", "Volodymyr Zelenskyy")]
    assert [(a.id, a.name, a.country) for a in row.target_actors] == [(None, "Russia", "RUS")]  # another article's
    assert row.location.name == "Dnipro" and row.location.lat == pytest.approx(48.45) and row.location.id is None
    assert row.machine["place"]["name"] == "London"


def test_a_quote_speaker_is_corrected_beside_the_machines(store):
    review(store, "quote", "dnipro-a#Q2", "correct", {"speaker": "Zelenskyy"}, "ana")
    rows = {q.id: q for q in quotes(store, make_filters(article="dnipro-a"))}
    assert rows["Q2"].speaker == "Volodymyr Zelenskyy" and rows["Q2"].reviewed == "correct"
    assert rows["Q2"].machine == {"speaker": {"id": None, "name": "Serhiy Lysak", "country": "UKR"}}
    assert rows["Q1"].reviewed is None
    assert [q.id for q in quotes(store, make_filters(reviewed_only=True))] == ["Q2"]


def test_filters_read_the_reviewed_values_and_reviewed_only_keeps_accepted_and_corrected(store):
    review(store, "event", MEETING, "correct", {"type": "ACCUSE/verbal", "date": "2025-11"}, "ana")
    review(store, "event", "odesa-1#V1", "reject", reviewer="ana")
    assert [r.article for r in events(store, make_filters(types="ACCUSE"))] == ["meeting-1"]
    assert [r.article for r in events(store, make_filters(types="ACCUSE/verbal"))] == ["meeting-1"]
    assert "meeting-1" not in [r.article for r in events(store, make_filters(types="CONSULT"))]
    assert [r.article for r in events(store, make_filters(since="2025-11", until="2025-11"))] == ["meeting-1"]
    assert [r.article for r in events(store, make_filters(reviewed_only=True))] == ["meeting-1"]


def test_a_review_survives_reopening_and_a_forced_reingest(path):
    with Store(path) as store:
        review(store, "event", MEETING, "correct", {"type": "REJECT"}, "ana")
    with Store(path) as store:  # a restart
        assert event(store, "meeting-1").type == "REJECT"
        write(store, meeting_report(), force=True)  # re-extracted: new rows, same anchors
        row = event(store, "meeting-1")
        assert row.type == "REJECT" and row.reviewed == "correct"
        assert history(store, "event", row.pk)[0].attached == row.pk


def test_a_review_stays_detached_when_its_event_is_gone_and_returns_with_it(path):
    with Store(path) as store:
        review(store, "event", MEETING, "accept", reviewer="ana")
        other = meeting_report()
        other = other.model_copy(update={"events": []})
        write(store, other.model_copy(update={"article": other.article.model_copy(
            update={"text": other.article.text + " Officials confirmed."})}))  # a new version, without the event
        assert listing(store)[0].attached is None
        write(store, meeting_report())  # the first version again: the anchor is back
        assert event(store, "meeting-1").reviewed == "accept"


def test_a_version_3_store_is_migrated_and_keeps_its_data(path):
    con = sqlite3.connect(path)
    con.executescript("DROP TABLE reviews; DELETE FROM migrations WHERE version = 4;")
    before = con.execute("SELECT count(*) FROM events").fetchone()[0], \
        con.execute("SELECT group_concat(record) FROM articles").fetchone()[0]
    con.close()
    with Store(path) as store:
        assert store.execute("SELECT count(*) FROM migrations WHERE version = 4").fetchone()[0] == 1
        assert (store.execute("SELECT count(*) FROM events").fetchone()[0],
                store.execute("SELECT group_concat(record) FROM articles").fetchone()[0]) == before
        review(store, "event", MEETING, "accept", reviewer="ana")
        assert event(store, "meeting-1").reviewed == "accept"


# -- the API --------------------------------------------------------------------

def test_the_api_posts_reviews_with_the_token_and_lists_them(path):
    client = TestClient(create_app(str(path), token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    pk = next(e["pk"] for e in client.get("/events?article=meeting-1").json()["items"])
    body = {"verdict": "correct", "changes": {"type": "ACCUSE"}, "reviewer": "ana"}
    refused = client.post(f"/events/{pk}/review", json=body)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "E072"
    done = client.post(f"/events/{pk}/review", json=body, headers=auth)
    assert done.status_code == 201, done.text
    assert done.json()["event"]["type"] == "ACCUSE" and done.json()["review"]["verdict"] == "correct"
    again = client.post("/events/meeting-1%23V1/review", json={"verdict": "accept", "reviewer": "ben"}, headers=auth)
    assert again.status_code == 201 and again.json()["event"]["type"] == "CONSULT"
    listed = client.get(f"/events/{pk}/reviews").json()
    assert [r["reviewer"] for r in listed["reviews"]] == ["ben", "ana"] and listed["event"]["reviewed"] == "accept"
    assert listed["machine"]["type"] == listed["reviewed"]["type"] == "CONSULT"
    items = client.get("/events?reviewed_only=true").json()["items"]
    assert [(e["article"], e["reviewed"], e["review"]["reviewer"]) for e in items] == [("meeting-1", "accept", "ben")]
    assert all(e["reviewed"] is None for e in client.get("/events").json()["items"] if e["article"] != "meeting-1")
    quote = next(q for q in client.get("/quotes?article=dnipro-a").json()["items"] if q["id"] == "Q2")
    said = client.post(f"/quotes/{quote['pk']}/review", headers=auth,
                       json={"verdict": "correct", "changes": {"speaker": "E3"}, "reviewer": "ana"})
    assert said.status_code == 201 and said.json()["quote"]["speaker"] == "Volodymyr Zelenskyy"
    assert client.get(f"/quotes/{quote['pk']}/reviews").json()["reviews"][0]["changes"]["speaker"]["id"] == "E3"


@pytest.mark.parametrize("url, body, status, code", [
    ("/events/999/review", {"verdict": "accept", "reviewer": "ana"}, 404, "E080"),
    ("/events/meeting-1%23V1/review", {"verdict": "correct", "changes": {"type": "BOMB"}, "reviewer": "ana"},
     422, "E082"),
    ("/events/meeting-1%23V1/review", {"verdict": "correct", "changes": {"place": "Atlantis"}, "reviewer": "a"},
     422, "E083"),
    ("/events/meeting-1%23V1/review", {"verdict": "maybe", "reviewer": "ana"}, 422, "E081"),
    ("/events/meeting-1%23V1/review", {"verdict": "accept"}, 422, "E074"),
    ("/events/meeting-1%23V1/review", {"verdict": "accept", "reviewer": "ana", "extra": 1}, 422, "E074"),
    ("/quotes/dnipro-a%23Q9/review", {"verdict": "accept", "reviewer": "ana"}, 404, "E080"),
])
def test_the_review_endpoints_answer_errors_in_the_one_shape(refusing, url, body, status, code):
    client = refusing
    response = client.post(url, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and " -- fix: " in error["message"]
    assert client.get("/events/999/reviews").json()["error"]["code"] == "E080"
    assert client.get("/events?reviewed_only=true").json()["items"] == []  # nothing was written


# -- the CLI --------------------------------------------------------------------

def test_the_cli_reviews_and_lists(path, capsys):
    assert cli.main(["review", "--db", str(path), "--event", MEETING, "--verdict", "correct", "--set",
                     "type=ACCUSE", "--set", "place=", "--reviewer", "ana"]) == 0
    assert "correct (type=ACCUSE, mode=none, place=none) by ana" in capsys.readouterr().out
    assert cli.main(["review", "--db", str(path), "--quote", "dnipro-a#Q1", "--verdict", "accept",
                     "--reviewer", "ben"]) == 0
    assert cli.main(["review", "--db", str(path), "--event", MEETING, "--verdict", "correct", "--set",
                     "status=later", "--reviewer", "ana"]) == 2
    capsys.readouterr()
    assert cli.main(["reviews", "--db", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "dnipro-a#Q1" in printed and "meeting-1#V1" in printed and "type=ACCUSE" in printed
    assert cli.main(["events", "--db", str(path), "--reviewed-only", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["article"], r["type"], r["location"]) for r in rows] == [("meeting-1", "ACCUSE", None)]


# -- the exports ----------------------------------------------------------------

def _export(store, name, **filters):
    out = io.StringIO()
    writer(name)(store, out, make_filters(**filters))
    return out.getvalue()


def test_exports_write_the_reviewed_values_the_verdict_and_the_machines(store):
    review(store, "event", MEETING, "correct", {"status": "negated", "place": "Dnipro"}, "ana")
    review(store, "quote", "dnipro-a#Q1", "accept", reviewer="ben")
    table = {r["article"]: r for r in csv.DictReader(io.StringIO(_export(store, "csv")))}
    meeting = table["meeting-1"]
    assert (meeting["status"], meeting["location_name"], meeting["reviewed"], meeting["reviewer"]) == \
        ("negated", "Dnipro", "correct", "ana")
    assert json.loads(meeting["machine"])["status"] == "planned" and table["odesa-1"]["reviewed"] == ""
    only = list(csv.DictReader(io.StringIO(_export(store, "csv", reviewed_only=True))))
    assert [r["article"] for r in only] == ["meeting-1"]
    plover = {r["url"]: r for r in json.loads(_export(store, "plover-json"))}
    shown = plover["https://example.org/meeting-1"]
    assert shown["eventLoc"]["name"] == "Dnipro" and shown["wirecoder"]["status"] == "negated"
    assert shown["wirecoder"]["reviewed"] == "correct" and shown["wirecoder"]["machine"]["place"]["name"] == "London"
    assert "reviewed" not in plover["https://example.org/odesa-1"]["wirecoder"]
    lines = {json.loads(line)["article"]["id"]: json.loads(line) for line in _export(store, "jsonl").splitlines()}
    assert lines["meeting-1"]["events"][0]["status"] == "planned"  # the record stays as extracted
    assert [(r["item"], r["verdict"], r["changes"]["status"]) for r in lines["meeting-1"]["reviews"]] == \
        [("V1", "correct", "negated")]
    assert [(r["layer"], r["item"]) for r in lines["dnipro-a"]["reviews"]] == [("quote", "Q1")]
    assert "reviews" not in lines["odesa-1"]
    only = [json.loads(line) for line in _export(store, "jsonl", reviewed_only=True).splitlines()]
    assert [(r["article"]["id"], [v["id"] for v in r["events"]]) for r in only] == [("meeting-1", ["V1"])]
    acled = {r["notes"][:9]: r for r in csv.DictReader(io.StringIO(_export(store, "acled-csv")))}
    assert "reviewed" not in acled["A Russian"]["tags"]  # the Dnipro strike, not reviewed
    review(store, "event", "odesa-1#V1", "correct", {"fatalities": 3}, "ana")
    odesa = next(r for r in csv.DictReader(io.StringIO(_export(store, "acled-csv"))) if "Odesa" in r["location"])
    assert odesa["fatalities"] == "3" and "reviewed=correct" in odesa["tags"]
    features = json.loads(_export(store, "geojson"))["features"]
    assert {f["properties"]["article"]: f["properties"]["reviewed"] for f in features}["meeting-1"] == "correct"


# -- reviews as gold ------------------------------------------------------------

def test_reviews_score_the_machine_as_gold(store):
    review(store, "event", MEETING, "correct", {"type": "ACCUSE"}, "ana")
    review(store, "event", "odesa-1#V1", "reject", reviewer="ana")
    review(store, "event", "dnipro-a#V1", "accept", reviewer="ana")
    review(store, "quote", "dnipro-a#Q2", "correct", {"speaker": "E3"}, "ana")
    found = score(store)
    assert found["counts"]["events_reviewed"] == 3 and found["counts"]["events_rejected"] == 1
    figures = found["figures"]
    assert figures["event_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["event_strict_precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert figures["type_accuracy"] == 0.5 and figures["status_accuracy"] == 1.0
    assert figures["speaker_accuracy"] == 0.0 and figures["quote_precision"] == 1.0
