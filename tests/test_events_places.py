"""Where events happened (issue 12, class 5): one behaviour per test, invented sentences."""

import pytest

pytestmark = pytest.mark.model


def only(record, type_):
    found = [e for e in record.events if e.type == type_]
    assert found, [(e.type, e.evidence.trigger) for e in record.events]
    return found[0]


def place_name(record, event):
    return record.entity(event.location).name if event.location else None


def test_a_time_is_no_place(extract):
    r = extract("During a visit to Porto on Sunday, the minister said the talks would resume.")
    assert not [e for e in r.entities if e.kind == "place" and e.name == "Sunday"]
    assert all(place_name(r, e) in (None, "Porto") for e in r.events)


def test_a_capital_is_a_place_where_its_role_is_a_places(extract):
    r = extract("Clashes were reported on Friday in Lisbon's suburbs.")
    assert place_name(r, only(r, "ASSAULT")) == "Lisbon"


def test_a_capital_pushed_is_an_addressee_not_a_place(extract):
    r = extract("Madrid is pushing Lisbon to accept the fishing deal.")
    assert only(r, "REQUEST").location is None


def test_a_continent_urged_is_no_place(extract):
    r = extract("The senator urged Europe to wait for a more consultative America.")
    assert only(r, "REQUEST").location is None


def test_the_place_of_the_act_beats_one_that_describes_its_actors(extract):
    r = extract("Tampere residents protested over rents in Oulu on Monday.")
    assert place_name(r, only(r, "PROTEST")) == "Oulu"


def test_an_agreement_made_at_a_summit_is_where_the_summit_was(extract):
    r = extract("The plan was agreed on Monday by Presidents Anna Voss and Piet Brandt at a summit in Porto.")
    assert place_name(r, only(r, "AGREE")) == "Porto"


def test_a_statement_is_not_where_what_it_condemns_happened(extract):
    r = extract("Foreign Minister Anna Voss condemned the shelling of Mariupol in a post on X.")
    assert only(r, "ACCUSE").location is None
    assert place_name(r, only(r, "ASSAULT")) == "Mariupol"


def test_a_statement_placed_by_its_own_clause_keeps_its_place(extract):
    r = extract("At a news conference in Ankara, Foreign Minister Anna Voss condemned the air strikes.")
    assert place_name(r, only(r, "ACCUSE")) == "Ankara"
    assert only(r, "ASSAULT").location is None  # the strikes were not where she spoke


def test_where_a_speaker_comes_from_does_not_place_what_they_report(extract):
    r = extract("A teenager from Leeds said police had beaten protesters.")
    assert all(place_name(r, e) != "Leeds" for e in r.events)


def test_a_place_told_far_back_in_a_long_paragraph_does_not_place_a_later_event(extract):
    r = extract("Rebels shelled Mopti on Monday, residents said. The army sent reinforcements. "
                "Schools stayed closed. Markets were empty. Traders counted their losses. "
                "Later that week soldiers arrested a local journalist.")
    assert place_name(r, only(r, "ASSAULT")) == "Mopti"
    assert only(r, "COERCE").location is None


def test_a_place_told_in_the_sentence_before_places_the_next_event(extract):
    r = extract("Rebels shelled Mopti on Monday. Soldiers arrested two men after the attack.")
    assert place_name(r, only(r, "COERCE")) == "Mopti"


@pytest.mark.parametrize("text, place", [
    ("A Turkish court in the town of Kilis rejected Australia's request to extradite the man.", "Kilis"),
    ("The Russian embassy in London denied the report.", "London"),
])
def test_a_statement_is_made_where_the_one_making_it_is(extract, text, place):
    r = extract(text)
    statement = [e for e in r.events if e.type == "REJECT"][0]
    assert statement.location and r.entity(statement.location).name == place


def test_a_statement_is_not_where_what_it_condemns_happened(extract):
    r = extract("Moldova condemned the strike in Bender.")
    assert [e.location for e in r.events if e.type == "ACCUSE"] == [None]


def test_a_withdrawal_from_a_country_is_there(extract):
    r = extract("Romania's president announced the withdrawal of 2,000 Romanian troops from Moldova.")
    withdrawal = [e for e in r.events if e.type == "RETREAT"][0]
    assert withdrawal.location and r.entity(withdrawal.location).name == "Moldova"
