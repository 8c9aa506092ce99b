"""Places whose name is shared or was cut in two: size against context, whole names."""

import pytest

pytestmark = pytest.mark.model


def named(record, text):
    found = [e for e in record.entities if any(m.text == text for m in e.mentions)]
    assert found, (text, [(e.kind, e.name, [m.text for m in e.mentions]) for e in record.entities])
    return found[0]


def test_a_world_city_named_in_an_american_story(extract):
    r = extract("United States officials said the talks in London would resume, and the U.S. "
                "delegation flew back to Washington and Chicago on Friday.")
    london = named(r, "London")
    assert london.country == "GBR" and london.geo.admin1 == "England"


def test_a_state_is_not_a_village_once_called_by_its_name(extract):
    r = extract("Wildfires spread across Idaho this week, and crews from Colorado joined the fight.")
    idaho = named(r, "Idaho")
    assert idaho.geo.precision == "admin1" and idaho.geo.admin1 == "Idaho"


@pytest.mark.parametrize("sentence,name,admin1", [
    ("Thousands of migrants now live in Boa Vista, the capital of Roraima.", "Boa Vista", "Roraima"),
    ("Work on the sewage plant in Baja California will start in ten days.", "Baja California", "Baja California"),
])
def test_a_name_the_model_cut_in_two_is_one_place(extract, sentence, name, admin1):
    place = named(extract(sentence), name)
    assert place.kind == "place" and place.geo.admin1 == admin1


def test_a_list_of_places_stays_a_list(extract):
    r = extract("Youth unemployment is high in Cyprus, Greece and Spain.")
    for country in ("Cyprus", "Greece", "Spain"):
        assert named(r, country).kind == "country"


def test_a_village_put_in_its_area_keeps_its_own_name(extract):
    r = extract("Russian forces shelled Zzyzvarivka, Sumy Oblast, officials said.")
    village, oblast = named(r, "Zzyzvarivka"), named(r, "Sumy Oblast")
    assert village is not oblast and village.name == "Zzyzvarivka" and village.geo.admin1 == "Sumy"


@pytest.mark.parametrize("sentence,town,iso3", [
    ("Thousands of fans queued outside the Rogers Centre in Toronto on Sunday.", "Toronto", "CAN"),
    ("Police closed the Collins Theatre in Cork after the fire.", "Cork", "IRL"),
])
def test_a_facility_named_after_a_person_lies_in_the_article_town(extract, sentence, town, iso3):
    facility = [e for e in extract(sentence).entities if e.kind == "facility"][0]
    assert facility.geo.name == town and facility.geo.country == iso3


def test_a_town_named_inside_an_organisation_is_read_whole(extract):
    r = extract("A man attacked a parked car in Beverly Hills, the Beverly Hills Police Department said.")
    town = named(r, "Beverly Hills")
    assert len([m for m in town.mentions if m.text == "Beverly Hills"]) == 2
    assert not [e for e in r.entities for m in e.mentions if m.text == "Hills"]


def test_an_area_around_a_town_is_the_town(extract):
    r = extract("Police searched several homes in the Garden City area on Tuesday.")
    assert named(r, "Garden City area").geo.precision == "town"


def test_a_name_listed_among_states_is_the_state(extract):
    r = extract("Wildfires burned across California, Washington, Utah and Idaho this summer.")
    washington = named(r, "Washington")
    assert washington.geo.precision == "admin1" and washington.geo.admin1 == "Washington"


def test_a_town_and_its_state_are_not_a_list(extract):
    r = extract("Mary Smith of a bakery in Tacoma, Washington shared her recipes.")
    assert named(r, "Tacoma").geo.admin1 == "Washington"


@pytest.mark.parametrize("sentence", [
    "Britain said the English team would travel, and UK officials agreed.",
    "English fans celebrated in the streets.",
])
def test_a_nation_named_by_its_adjective_is_that_nation(extract, sentence):
    geo = named(extract(sentence), "English").geo
    assert geo.name == "England" and geo.precision == "admin1" and geo.country == "GBR"


def test_a_place_the_gazetteer_lacks_lies_in_the_town_of_its_sentence(extract):
    r = extract("The school moved from Cairo to Zzyzvatown in 2016.\n\nIn Zzyzburg, prices rose.")
    suburb, far = named(r, "Zzyzvatown"), named(r, "Zzyzburg")
    assert suburb.name == "Zzyzvatown" and suburb.geo.name == "Cairo" and suburb.geo.country == "EGY"
    assert far.geo is None  # no town of its own sentence to put it in


@pytest.mark.parametrize("sentence,word", [
    ("Her family lives in an Arab province that is still the scene of fighting.", "Arab"),
    ("He grew up in a Kurdish town near the border.", "Kurdish"),
])
def test_a_peoples_adjective_before_a_place_noun_is_no_place(extract, sentence, word):
    r = extract(sentence)
    assert not [e for e in r.entities if e.kind in ("place", "country")
                and any(m.text == word for m in e.mentions) and e.geo and e.geo.precision == "town"]
