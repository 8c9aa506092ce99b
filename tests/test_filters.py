"""One filter meaning for every command, view and export (store/targets.py).

Invented reports, one event each, whose date windows sit around June 2018:
one straddles the start of June, one lies inside it, one is a whole month
(March 2019, stored in month form), one spans a century, one is undated.
"""

import csv
import io
import json
from collections import Counter

import pyarrow.parquet as pq
import pytest

from store_records import span
from wirecoder import cli
from wirecoder.errors import InputError
from wirecoder.export import FORMATS, writer
from wirecoder.record import Acled, Article, Entity, Event, Evidence, Geo, Quote, Record, When
from wirecoder.store import Filters, Store, make_filters, records, write
from wirecoder.store.queries import actors, events, quotes, search
from wirecoder.store.views import COMPARED, SourceClaim, _disagreements, actor_timeline, story, story_timeline

TOWN = Geo(geonameid=1, name="Şanlıurfa", lat=37.16, lon=38.79, country="TUR", admin1="Şanlıurfa",
           feature="town", precision="town")
PORT = Geo(geonameid=2, name="Harbourtown", lat=40.1, lon=25.2, country="GRC", admin1="Coastland",
           feature="town", precision="town")


def report(id: str, when: When | None, *, kind: str = "ASSAULT", published: str = "2018-07-01",
           leader: str = "Recep Tayyip Erdoğan", country: str = "TUR", geo: Geo = TOWN,
           quote_date: str | None = None) -> Record:
    text = (f"Forces loyal to {leader} shelled the {id} village near {geo.name}, the governor said. "
            f"\"We will answer,\" {leader} told reporters.")
    entities = [
        Entity(id="E1", kind="person", name=leader, mentions=[span(text, leader)], country=country, sector="GOV"),
        Entity(id="E2", kind="place", name=geo.name, mentions=[span(text, geo.name)], country=geo.country, geo=geo),
    ]
    said = span(text, "We will answer,")
    first = text.index(".") + 1
    acled = (Acled(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack")
             if kind == "ASSAULT" else Acled(event_type="Protests", sub_event_type="Peaceful protest"))
    event = Event(id="V1", type=kind, mode="artillery" if kind == "ASSAULT" else None, acled=acled,
                  status="occurred", source_actors=["E1"], location="E2", when=when,
                  evidence=Evidence(start=0, end=first, trigger="shelled"), confidence=0.8)
    quote = Quote(id="Q1", kind="direct", text=said.text, start=said.start, end=said.end, speaker="E1",
                  speaker_text=leader, cue="told", channel="reporters", date=quote_date, confidence=0.9)
    article = Article(id=id, url=f"https://example.org/{id}", source="Invented Wire", published=published,
                      text=text)
    return Record(article=article, entities=entities, quotes=[quote], events=[event])


def day(value: str) -> When:
    return When(start=value, end=value, precision="day")


REPORTS = [
    report("straddle", When(start="2018-05-20", end="2018-06-10", precision="week")),
    report("inside", day("2018-06-15"), quote_date="2018-06-15"),
    report("month", When(start="2019-03", precision="month"), kind="PROTEST", published="2019-04-02",
           leader="Nikos Papadópoulos", country="GRC", geo=PORT),
    report("century", When(start="2000-01-01", end="2099-12-31", precision="century")),
    report("undated", None, published="2018-06-20"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("filters") / "f.db"
    with Store(path) as opened:
        for record in REPORTS:
            write(opened, record)
        yield opened


def found(store, **filters) -> list[str]:
    return [row.article for row in events(store, make_filters(**filters))]


@pytest.mark.parametrize("filters, inside, overlap", [
    ({"since": "2018-06-01", "until": "2018-12-31"}, ["inside"], ["century", "straddle", "inside"]),
    ({"since": "2018-06", "until": "2019"}, ["inside", "month"], ["century", "straddle", "inside", "month"]),
    ({"since": "2019-03", "until": "2019-03"}, ["month"], ["century", "month"]),
    ({"until": "2018-06"}, ["straddle", "inside"], ["century", "straddle", "inside"]),
    ({"since": "2019-03-15"}, [], ["century", "month"]),
    ({"since": "2000", "until": "2099"}, ["century", "straddle", "inside", "month"],
     ["century", "straddle", "inside", "month"]),
])
def test_since_until_select_windows_inside_the_range_or_overlapping_it(store, filters, inside, overlap):
    assert found(store, **filters) == inside
    assert found(store, **filters, overlap=True) == overlap


def test_an_undated_event_matches_no_date_range_but_is_listed_without_one(store):
    assert "undated" in found(store)
    for bounds in ({"since": "1900"}, {"until": "2999"}, {"since": "2018-06-20", "until": "2018-06-20"}):
        assert "undated" not in found(store, **bounds) + found(store, **bounds, overlap=True)


@pytest.mark.parametrize("value, first, last", [
    ("2018-06", "2018-06-01", "2018-06-30"), ("2019", "2019-01-01", "2019-12-31"),
    ("2020-02", "2020-02-01", "2020-02-29"), ("2018-06-15", "2018-06-15", "2018-06-15"),
    ("2018-06-15T23:30:00+02:00", "2018-06-15", "2018-06-15"),
])
def test_month_and_year_forms_stand_for_their_first_and_last_day(value, first, last):
    f = make_filters(since=value, until=value)
    assert (f.since, f.until) == (first, last)


@pytest.mark.parametrize("filters, option", [
    ({"since": "June 2018"}, "--since"), ({"until": "2018-13"}, "--until"), ({"since": "2019-02-30"}, "--since"),
    ({"since": "2019", "until": "2018-12"}, "--until"), ({"overlap": True}, "--overlap"),
])
def test_bad_dates_and_a_lone_overlap_are_refused(filters, option):
    with pytest.raises(InputError) as err:
        make_filters(**filters)
    assert err.value.code == "E059" and option in str(err.value) and "fix:" in str(err.value)


@pytest.mark.parametrize("name", ["Erdogan", "ERDOĞAN", "erdoğan", "tayyip erdog"])
def test_actor_names_match_with_case_and_accents_folded(store, name):
    assert found(store, actor=name) == ["century", "straddle", "inside", "undated"]
    assert {q.article for q in quotes(store, make_filters(actor=name))} == {"century", "straddle", "inside",
                                                                           "undated"}
    assert [a.name for a in actors(store, make_filters(actor=name))] == ["Recep Tayyip Erdoğan"]


def test_place_names_match_with_case_and_accents_folded(store):
    assert found(store, place="sanliurfa") == found(store, place="ŞANLIURFA") == found(store, country="TUR")
    assert found(store, actor="papadopoulos") == found(store, place="harbour") == ["month"]


@pytest.mark.parametrize("query, filters, option", [
    (quotes, {"types": ("ASSAULT",)}, "--type"), (quotes, {"place": "Harbour"}, "--place"),
    (quotes, {"background": True}, "--background"), (quotes, {"story": 1}, "--story"),
    (actors, {"status": ("occurred",)}, "--status"), (actors, {"types": ("PROTEST",)}, "--type"),
    (events, {"kinds": ("person",)}, "--kind"),
])
def test_a_filter_a_target_cannot_apply_is_refused_not_ignored(store, query, filters, option):
    with pytest.raises(InputError) as err:
        list(query(store, Filters(**filters)))
    assert err.value.code == "E061" and option in err.value.problem and "--actor" in err.value.fix


def test_the_cli_refuses_event_filters_on_a_quote_search(store, capsys):
    assert cli.main(["search", "answer", "--quotes", "--type", "ASSAULT", "--db", store.path]) == 2
    err = capsys.readouterr().err
    assert "E061" in err and "--type" in err and "\n" not in err.strip()


def _ids(store, f: Filters) -> list[str]:
    return [f"{row.article}#{row.id}" for row in events(store, f)]


def _exported(store, name: str, f: Filters, tmp_path) -> list[str]:
    """The events a format wrote, as article#event ids."""
    if FORMATS[name][1]:
        path = tmp_path / f"out.{name}"
        writer(name)(store, str(path), f, "event")
        return pq.read_table(path).column("id").to_pylist()
    out = io.StringIO()
    writer(name)(store, out, f, "event")
    text = out.getvalue()
    if name == "jsonl":
        return [f"{r['article']['id']}#{e['id']}" for r in map(json.loads, text.splitlines()) for e in r["events"]]
    if name == "geojson":
        return [feature["id"] for feature in json.loads(text)["features"]]
    if name == "plover-json":
        return [item["id"].removeprefix("wirecoder-") for item in json.loads(text)]
    if name == "csv":
        return [row["id"] for row in csv.DictReader(io.StringIO(text))]
    by_pk = {str(row.pk): f"{row.article}#{row.id}" for row in events(store, Filters(background=True))}
    return [by_pk[row["event_id_cnty"][3:]] for row in csv.DictReader(io.StringIO(text))]


def _acled_left_out(store, f: Filters) -> int:
    skipped = Counter()
    writer("acled-csv")(store, io.StringIO(), f, "event", skipped=skipped)
    return sum(skipped.values())


@pytest.mark.parametrize("name", list(FORMATS))
@pytest.mark.parametrize("filters", [
    {"types": "PROTEST"}, {"since": "2018-06", "until": "2019"}, {"since": "2018-06", "until": "2019", "overlap": True},
    {"actor": "erdogan", "country": "TUR"}, {"place": "sanliurfa", "until": "2018"}, {"article": "month"},
    {"status": "occurred", "types": "ASSAULT/artillery"},
])
def test_every_export_writes_the_events_the_events_query_lists(store, tmp_path, name, filters):
    f = make_filters(**filters)
    expected = _ids(store, f)
    assert expected, "a filter that selects nothing proves nothing"
    got = _exported(store, name, f, tmp_path)
    if name == "jsonl":  # records in ingest order, not event order
        assert sorted(got) == sorted(expected)
    elif name == "acled-csv":  # ACLED leaves out what it does not code, and counts it
        assert got == [i for i in expected if i in got]
        assert len(got) + _acled_left_out(store, f) == len(expected)
    else:
        assert got == expected


def test_jsonl_without_filters_writes_every_record_whole(store):
    out = io.StringIO()
    assert writer("jsonl")(store, out, Filters(), "event") == len(REPORTS)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [r.to_dict() for r in records(store)]


def test_jsonl_with_filters_keeps_only_the_matching_events(store):
    kept = list(records(store, make_filters(since="2018-06", until="2018-06")))
    assert [r.article.id for r in kept] == ["inside"] and len(kept[0].events) == 1
    assert len(kept[0].quotes) == 1  # the other layers stay whole


def test_search_takes_the_filters_of_events(store):
    every = {hit.article for hit in search(store, "shelled")}
    assert every == {r.article.id for r in REPORTS}
    assert {hit.article for hit in search(store, "shelled", make_filters(since="2018-06", until="2019"))} == {
        "inside", "month"}
    early = make_filters(actor="ERDOGAN", until="2018-05-31", overlap=True)
    assert {hit.article for hit in search(store, "shelled", early)} == {"straddle", "century"}
    assert [hit.article for hit in search(store, "shelled", make_filters(types="PROTEST", limit=5))] == ["month"]
    assert [q.article for q in quotes(store, make_filters(actor="papadopoulos"), match="answer")] == ["month"]


def test_the_search_command_takes_the_filters_of_events(store, capsys):
    assert cli.main(["search", "shelled", "--since", "2019", "--json", "--db", store.path]) == 0
    assert [json.loads(line)["article"] for line in capsys.readouterr().out.splitlines()] == ["month"]


def test_the_timeline_shows_the_dates_the_records_hold_and_respects_the_range(store):
    entries = actor_timeline(store, "Erdogan", make_filters(since="2018-06", until="2018-06"))
    shown = [(e.date, e.what, e.sources) for e in entries]
    assert ("2018-06-15", "ASSAULT/artillery", ["inside"]) in shown
    assert ("2018-06-15", "said (reporters)", ["inside"]) in shown
    assert not any("century" in e.sources or "straddle" in e.sources for e in entries if e.what != "said (reporters)")
    every = actor_timeline(store, "Erdogan")
    quote_days = {e.sources[0]: e.date for e in every if e.what.startswith("said")}
    assert quote_days == {q.article: q.date or q.published[:10] for q in quotes(store, make_filters(actor="erdogan"))}
    assert None not in quote_days.values()  # an undated quote shows its publication day, as `quotes` does


def _alone(tmp_path, record: Record) -> Store:
    """A store holding one report (so fusion joins it to no other)."""
    opened = Store(tmp_path / f"{record.article.id}.db")
    write(opened, record)
    return opened


def test_timeline_entries_show_the_event_window_or_undated(tmp_path):
    with _alone(tmp_path, REPORTS[0]) as opened:
        assert [e.date for e in actor_timeline(opened, "erdogan") if e.what.startswith("ASSAULT")] == [
            "2018-05-20/2018-06-10"]
    with _alone(tmp_path, REPORTS[4]) as opened:
        assert [(e.what, e.date) for e in actor_timeline(opened, "erdogan")] == [
            ("said (reporters)", "2018-06-20"), ("ASSAULT/artillery", None)]


def test_story_views_show_event_windows_and_undated_not_blanks(tmp_path, capsys):
    with _alone(tmp_path, REPORTS[4]) as opened:
        view = story(opened, next(events(opened)).story)
        assert view.start is None and view.label.endswith("undated")
        assert cli.main(["stories", "--id", str(view.id), "--db", opened.path]) == 0
        assert "undated" in capsys.readouterr().out
        assert cli.main(["stories", "--db", opened.path]) == 0
        assert "undated" in capsys.readouterr().out
    with _alone(tmp_path, REPORTS[0]) as opened:
        straddle = story(opened, next(events(opened)).story)
        assert (straddle.start, straddle.end) == ("2018-05-20", "2018-06-10")
        assert story_timeline(opened, straddle.id, make_filters(since="2018-06", until="2018-06")) == []
        assert [e.date for e in story_timeline(opened, straddle.id)] == ["2018-05-20/2018-06-10"]


def test_two_events_of_one_article_are_no_disagreement_between_sources():
    def claim(article, event, dead):
        values = {**dict.fromkeys(COMPARED), "fatalities": dead}
        return SourceClaim(article, None, None, None, event, values, None, "", 0.5)

    assert _disagreements([claim("a", "V1", 3), claim("a", "V2", 5)]) == {}
    assert list(_disagreements([claim("a", "V1", 3), claim("b", "V1", 5)])) == ["fatalities"]
