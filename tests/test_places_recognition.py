"""Places a short report names that the small model misses or misreads: unlabelled names
after "in", names it takes for persons where acts happen, "X village, Y LGA", "the X
district of Y", a note's one town named as the participants' home, other romanisations."""

import pytest

from wirecoder.gazetteer import gazetteer
from wirecoder.gazetteer.names import spelling_variants


def named(record, text):
    found = [e for e in record.entities if any(m.text == text for m in e.mentions)]
    assert found, (text, [(e.kind, e.name, [m.text for m in e.mentions]) for e in record.entities])
    return found[0]


def event_place(record):
    events = [e for e in record.events if e.location]
    assert events, [(e.type, e.location) for e in record.events]
    return record.entity(events[0].location)


def test_variants_join_words_drop_an_article_and_single_doubled_letters():
    assert "kibaha" in spelling_variants("Ki Baha")
    assert "zawiya" in spelling_variants("Al-Zawiya")
    assert "nairobi" in spelling_variants("Nairoobi")
    assert "jalalabad" in spelling_variants("Jalalobod")
    assert "gore" not in spelling_variants("Al Gore")  # a bare "Al" is a first name, not an article


@pytest.mark.model
def test_a_misspelled_town_is_found_as_an_alternate():
    found = gazetteer().lookup_spelling("Nairoobi")
    assert any(p.country == "KEN" and not p.main for p in found)
    assert gazetteer().lookup_spelling("Nairobi") == ()  # a known name needs no other spelling


@pytest.mark.model
def test_an_unlabelled_name_after_in_is_a_place(extract):
    r = extract("Hundreds of traders protested in Mpwapwa over new market fees.")
    assert named(r, "Mpwapwa").geo.country == "TZA"


@pytest.mark.model
def test_a_village_in_a_local_government_area(extract):
    r = extract("Gunmen killed four farmers in Dogo village, Gwoza LGA on Sunday.")
    assert named(r, "Gwoza LGA").kind == "place"
    assert named(r, "Gwoza LGA").geo.country == "NGA"


@pytest.mark.model
def test_the_district_of_a_city_is_in_the_city(extract):
    r = extract("Fighting was reported in the Souk district of Misrata on Monday.")
    assert named(r, "Misrata").geo.precision == "town"


@pytest.mark.model
def test_the_one_town_a_note_names_is_where_its_clash_was(extract):
    r = extract("Two men were killed in a clash between police and youths from Kibaha.")
    assert event_place(r).name == "Kibaha"
