"""Actors named by description become group entities (groups.py): invented sentences."""

import pytest

pytestmark = pytest.mark.model


def entity(record, name):
    found = [e for e in record.entities if e.name == name]
    assert found, [(e.kind, e.name) for e in record.entities]
    return found[0]


def test_a_described_group_is_an_entity_with_the_country_its_demonym_gives(extract):
    r = extract("Moldovan officials said the border crossing would reopen on Monday.")
    officials = entity(r, "Moldovan officials")
    assert officials.kind == "group" and officials.country == "MDA" and officials.sector == "GOV"


def test_a_group_backed_by_a_state_does_not_take_its_country(extract):
    r = extract("French-backed fighters advanced on the town of Kidal.")
    fighters = entity(r, "French-backed fighters")
    assert fighters.country is None


def test_a_place_the_group_is_in_gives_its_country(extract):
    r = extract("The strike killed three residents of Chisinau.")
    assert entity(r, "residents").country == "MDA"


def test_a_states_soldiers_are_its_armed_forces(extract):
    r = extract("Moldovan soldiers crossed the river on Sunday.")
    forces = [e for e in r.entities if e.kind == "organization" and e.country == "MDA" and e.sector == "MIL"]
    assert forces and forces[0].mentions[0].text == "Moldovan soldiers"


def test_members_named_by_their_group_are_a_mention_of_it(extract):
    r = extract("Hamas fighters fired rockets at the town.")
    assert not [e for e in r.entities if e.kind == "group" and "fighters" in e.name]


def test_the_same_description_again_is_the_same_entity(extract):
    r = extract("Rebel militias shelled the town. Later the militias withdrew to the hills.")
    militias = [e for e in r.entities if "militias" in e.name]
    assert len(militias) == 1 and len(militias[0].mentions) == 2


def test_a_body_named_by_its_noun_alone_is_an_entity(extract):
    r = extract("Police arrested two protesters outside the embassy.")
    arrest = [e for e in r.events if e.type == "COERCE"][0]
    assert {r.entity(i).name for i in arrest.source_actors} == {"Police"}
    assert {r.entity(i).name for i in arrest.target_actors} == {"protesters"}


def test_a_named_office_holder_is_no_group(extract):
    r = extract("The Moldovan foreign minister, Ana Rusu, condemned the strike.")
    assert not [e for e in r.entities if e.kind == "group"]


def test_the_group_alone_is_no_new_actor(extract):
    r = extract("The group said on Monday that it would keep fighting.")
    assert not [e for e in r.entities if e.kind == "group"]


def test_a_demonym_inside_a_description_is_still_a_toponym(extract):
    r = extract("Turkish-backed rebels attacked 24 Kurdish fighters near the border.")
    mentions = {m.text for e in r.entities if e.kind in ("place", "country") for m in e.mentions}
    assert "Turkish" in mentions and "Turkish-" not in mentions


def test_a_description_set_off_after_an_organisation_is_that_organisation(extract):
    r = extract("Ankara regards them as part of the Moldovan Liberation Front (MLF), a designated terror group "
                "that has fought an insurgency for decades.")
    assert not [e for e in r.entities if e.kind == "group" and "terror group" in e.name]


def test_what_is_said_in_a_call_is_said_by_one_who_takes_part(extract):
    r = extract("On Monday, the Moldovan president, Ana Rusu, said in a telephone call to Ion Popa that the "
                "ceasefire must hold.")
    call = [e for e in r.events if e.type == "CONSULT"][0]
    assert {r.entity(i).name for i in call.source_actors} == {"Ana Rusu"}


def test_a_people_named_by_its_plural_is_an_actor(extract):
    r = extract("Ankara will launch a military operation against the Kurds in northern Syria.")
    operation = [e for e in r.events if e.type == "ASSAULT"][0]
    assert "Kurds" in {r.entity(i).name for i in operation.target_actors}


def test_forces_loyal_to_a_states_leader_are_its_armed_forces(extract):
    r = extract("Forces loyal to the Moldovan president shelled the river village on Sunday.")
    [attack] = [e for e in r.events if e.type == "ASSAULT"]
    assert {r.entity(i).country for i in attack.source_actors} == {"MDA"}


def test_it_as_the_subject_of_a_deed_is_the_state_that_was_the_last_subject(extract):
    r = extract("Moldova regards the militia as a terrorist group. It has also supported rival rebels.")
    [aid] = [e for e in r.events if e.type in ("AID", "SUPPORT")]
    assert [r.entity(i).name for i in aid.source_actors] == ["Moldova"]


def test_an_expletive_it_stands_for_no_one(extract):
    r = extract("Moldova and Romania met on Monday. It emerged that the talks had failed.")
    assert not [m for e in r.entities for m in e.mentions if m.text == "It"]


def test_it_in_what_someone_says_is_not_the_previous_subject(extract):
    r = extract("Romania remains committed to the talks. One of the co-sponsors, Moldova, has insisted "
                "it will not allow the rebels to attend.")
    romania = next(e for e in r.entities if e.name == "Romania")
    assert not [m for m in romania.mentions if m.text == "it"]
