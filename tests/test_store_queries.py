"""Queries: events, quotes and actors with filters; full-text search; checked filter values."""

import pytest

from store_records import meeting_report, odesa_report, strike_report
from wirecoder.errors import InputError
from wirecoder.store import Store, make_filters, write
from wirecoder.store.queries import actors, events, quotes, search


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("q") / "t.db") as opened:
        write(opened, strike_report(id="a", url="https://a.example/1", dead=32, injured=10, day="2025-01-18",
                                    published="2025-01-18"))
        write(opened, strike_report(id="b", url="https://b.example/1", dead=34, injured=None, day="2025-01-18",
                                    published="2025-01-19", blame_russia=False))
        write(opened, odesa_report())
        write(opened, meeting_report())
        yield opened


def found(store, **filters):
    return [f"{row.article}#{row.id}" for row in events(store, make_filters(**filters))]


def test_events_come_in_the_order_they_happened_with_names_resolved(store):
    rows = list(events(store))
    assert [r.when_start for r in rows] == sorted(r.when_start for r in rows)
    first = rows[0]
    assert first.source_actors[0].name == "Russia" and first.location.name == "Dnipro"
    assert first.reporter == "Serhiy Lysak" and first.evidence.startswith("A Russian missile strike")
    assert first.counts == ((32.0, "people killed"),)


@pytest.mark.parametrize("filters, expected", [
    ({"actor": "zelensk"}, ["meeting-1#V1"]),
    ({"actor": "Russia"}, ["a#V1", "odesa-1#V1"]),
    ({"country": "GBR"}, ["meeting-1#V1"]),
    ({"country": "ukr"}, ["a#V1", "b#V1", "odesa-1#V1", "meeting-1#V1"]),
    ({"types": "CONSULT"}, ["meeting-1#V1"]),
    ({"types": "ASSAULT/aerial,CONSULT/phone"}, ["a#V1", "b#V1", "odesa-1#V1"]),
    ({"status": "planned"}, ["meeting-1#V1"]),
    ({"place": "odes"}, ["odesa-1#V1"]),
    ({"place": "Dnipropetrovsk"}, ["a#V1", "b#V1"]),
    ({"since": "2025-06-01"}, ["meeting-1#V1"]),
    ({"until": "2025-01-18", "types": "ASSAULT"}, ["a#V1", "b#V1", "odesa-1#V1"]),
    ({"article": "b"}, ["b#V1"]),
    ({"actor": "100%_"}, []),
    ({"limit": 1}, ["a#V1"]),
])
def test_event_filters(store, filters, expected):
    assert found(store, **filters) == expected


@pytest.mark.parametrize("filters, option", [
    ({"types": "BOMBING"}, "--type"), ({"status": "happened"}, "--status"), ({"country": "Ukraine"}, "--country"),
    ({"kinds": "people"}, "--kind"), ({"since": "last week"}, "--since"), ({"limit": 0}, "--limit"),
])
def test_bad_filter_values_are_refused_with_the_choices(filters, option):
    with pytest.raises(InputError) as err:
        make_filters(**filters)
    if option:
        assert err.value.code == "E059" and option in str(err.value)
    else:
        assert err.value.code == "E005"


def test_quotes_by_speaker_date_and_text(store):
    rows = list(quotes(store, make_filters(actor="Zelenskyy")))
    assert {r.article for r in rows} == {"a", "b"} and all(r.speaker == "Volodymyr Zelenskyy" for r in rows)
    assert [r.id for r in quotes(store, make_filters(actor="lysak", article="a"))] == ["Q2"]
    assert [r.article for r in quotes(store, make_filters(), match="rubble")] == ["a", "b"]
    assert list(quotes(store, make_filters(since="2025-02-01"))) == []


def test_actors_are_counted_across_articles(store):
    rows = {r.name: r for r in actors(store, make_filters())}
    zelenskyy = rows["Volodymyr Zelenskyy"]
    assert zelenskyy.articles == 3 and zelenskyy.quotes == 2 and zelenskyy.events == 1
    assert zelenskyy.first_seen == "2025-01-18" and zelenskyy.last_seen == "2025-12-06"
    places = [r.name for r in actors(store, make_filters(kinds="place"))]
    assert places[0] == "Dnipro" and set(places) == {"Dnipro", "Odesa", "London"}


def test_full_text_search_and_its_syntax_errors(store):
    hits = search(store, "Dnipro AND explosion")
    assert [h.article for h in hits] == ["b"] and "[Dnipro]" in hits[0].snippet
    assert [h.article for h in search(store, '"port infrastructure"')] == ["odesa-1"]
    with pytest.raises(InputError) as err:
        search(store, 'Dnipro AND "unclosed')
    assert err.value.code == "E055"
