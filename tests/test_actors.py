"""Actors on small hand-written sentences: one behaviour per test."""

import pytest

pytestmark = pytest.mark.model


def entity(record, name):
    found = [e for e in record.entities if e.name == name]
    assert found, (name, [(e.name, e.kind) for e in record.entities])
    return found[0]


def test_apposition_role_with_place(extract):
    r = extract("Ivan Fedorov, governor of the Zaporizhzhia region, said two people were wounded.")
    person = entity(r, "Ivan Fedorov")
    assert person.kind == "person" and person.country == "UKR"
    assert person.roles[0].title == "governor"


def test_possessive_country_before_title(extract):
    r = extract("Russia's Foreign Minister Sergei Lavrov rejected the proposal on Tuesday.")
    person = entity(r, "Sergei Lavrov")
    assert person.country == "RUS"
    assert any(role.title.lower() == "foreign minister" and role.of == "Russia" for role in person.roles)


def test_organisation_before_title(extract):
    r = extract("Kremlin spokesman Dmitry Peskov told reporters the talks would continue.")
    person = entity(r, "Dmitry Peskov")
    assert person.country == "RUS"
    assert person.roles[0].title.lower() == "spokesman"
    kremlin = [e for e in r.entities if any(m.text == "Kremlin" for m in e.mentions)][0]
    assert kremlin.kind == "organization" and kremlin.country == "RUS" and kremlin.sector == "GOV"


def test_demonym_gives_country_and_former_is_kept(extract):
    r = extract("Former Dutch Prime Minister Mark Rutte arrived in Brussels.", published="2025-03-01")
    person = entity(r, "Mark Rutte")
    assert person.country == "NLD"
    assert person.roles[0].title.lower().startswith("former")


def test_place_cue_overrides_a_person_label(extract):
    r = extract("Shelling hit the town of Vovchansk and the village of Lyptsi overnight, officials said.")
    for name in ("Vovchansk", "Lyptsi"):
        assert entity(r, name).kind == "place"
    assert entity(r, "Vovchansk").country == "UKR"


def test_region_word_makes_an_admin_area(extract):
    r = extract("Drones struck energy facilities in the Sumy region on Sunday.")
    region = [e for e in r.entities if any(m.text == "Sumy region" for m in e.mentions)][0]
    assert region.kind == "place" and region.country == "UKR"


def test_kb_gives_role_when_text_is_silent(extract):
    r = extract("Zelenskyy met Erdogan in Istanbul to discuss grain shipments.", published="2024-03-08")
    erdogan = entity(r, "Recep Tayyip Erdogan")
    assert erdogan.country == "TUR"
    assert any(role.source == "kb" and role.country == "TUR" for role in erdogan.roles)
    assert entity(r, "Volodymyr Zelenskyy").kb is not None


def test_kb_respects_the_article_date(extract):
    r = extract("Prime Minister Johnson said the sanctions would stay.", published="2020-06-01")
    assert entity(r, "Boris Johnson").country == "GBR"


def test_ambiguous_pronoun_is_left_alone(extract):
    r = extract("Emmanuel Macron met Olaf Scholz in Paris. He said the talks were useful.", published="2023-05-01")
    for name in ("Emmanuel Macron", "Olaf Scholz"):
        assert "He" not in [m.text for m in entity(r, name).mentions]


def test_unambiguous_pronoun_is_resolved(extract):
    r = extract("Giorgia Meloni arrived in Kyiv on Monday. She said Italy would send more generators.",
                published="2024-02-24")
    assert "She" in [m.text for m in entity(r, "Giorgia Meloni").mentions]


def test_demonym_and_forces_make_the_state_military(extract):
    r = extract("Ukrainian forces repelled an assault near Pokrovsk, the general staff said.")
    forces = [e for e in r.entities if any(m.text == "Ukrainian forces" for m in e.mentions)][0]
    assert forces.kind == "organization" and forces.country == "UKR" and forces.sector == "MIL"


def test_armed_group_and_media(extract):
    r = extract("Hamas said on Telegram that it had received the proposal, Al Jazeera reported.")
    kinds = {e.name: e.kind for e in r.entities}
    assert kinds.get("Hamas") == "group"
    assert kinds.get("Al Jazeera") == "media"
    assert kinds.get("Telegram") == "platform"


def test_surname_joins_its_full_name(extract):
    r = extract("Olena Kovalenko, a spokeswoman for the city council, said crews were working. "
                "Kovalenko added that schools would stay closed.")
    person = entity(r, "Olena Kovalenko")
    assert len([m for m in person.mentions if m.text == "Kovalenko"]) == 1


def test_an_acronym_is_not_a_surname(extract):
    r = extract("UN Secretary-General Antonio Guterres said the UN would send more aid.", published="2024-09-22")
    un = [e for e in r.entities if any(m.text == "UN" for m in e.mentions)][0]
    assert un.kind == "organization"
    assert not any(e.kind == "person" and "Kim" in e.name for e in r.entities)
