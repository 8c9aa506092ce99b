"""Events in the telegraphic style of incident notes: when and where (issue 6)."""

import pytest

pytestmark = pytest.mark.model


def only(record, type_):
    found = [e for e in record.events if e.type == type_]
    assert found, [(e.type, e.evidence.trigger) for e in record.events]
    return found[0]


def test_a_stated_day_beats_one_counted_from_publication(extract):
    r = extract("A march took place in Nairobi today on March 3, 2025.", published="2025-04-20")
    assert only(r, "PROTEST").when.start == "2025-03-03"


def test_a_stated_day_beats_the_weekend_it_lies_in(extract):
    r = extract("Over the weekend of 9 March 2025, gunmen attacked a market in Maiduguri.", published="2025-04-20")
    assert only(r, "ASSAULT").when.start == "2025-03-09"


def test_an_unlocated_neighbourhood_is_placed_at_its_located_city(extract):
    r = extract("Police fired tear gas at protesters in Zumbalele, Kampala on Tuesday.")
    event = only(r, "PROTEST") if any(e.type == "PROTEST" for e in r.events) else r.events[0]
    place = r.entity(event.location)
    # the neighbourhood keeps its name and is placed at its city (places stage), or the
    # event takes the city itself (events stage): either way the event is at Kampala
    assert place.geo is not None and place.geo.name == "Kampala" and place.name in ("Zumbalele", "Kampala")


def test_a_town_named_in_an_institution_places_what_happens_at_it(extract):
    r = extract("A sit-in was held at the University of Nairobi's main gate.")
    place = r.entity(only(r, "PROTEST").location)
    assert place.name == "Nairobi" and place.geo is not None


def test_a_verbless_note_reads_its_bare_verb(extract):
    r = extract("SPLA bomb Malakal. No casualties.")
    event = only(r, "ASSAULT")
    assert r.entity(event.location).name == "Malakal"


def test_a_name_run_on_into_its_date_is_cut_before_it(extract):
    r = extract("SPLA bomb Malakal on Mar 4. No casualties.")
    event = only(r, "ASSAULT")
    assert event.when is not None and event.when.start == "2025-03-04"


def test_rape_is_an_assault_whatever_the_lemmatizer_says(extract):
    r = extract("Soldiers raped two women near Bentiu.")
    assert only(r, "ASSAULT").acled.sub_event_type == "Sexual violence"


def test_a_place_after_a_distance_and_bearing_is_a_place(extract):
    r = extract("Gunmen ambushed a bus 30km S of Jowhar on 02/03.")
    found = [e for e in r.entities if any(m.text == "Jowhar" for m in e.mentions)]
    assert found and found[0].kind == "place" and found[0].geo is not None
