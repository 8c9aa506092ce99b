"""The offline gazetteer index: spellings, admin areas, regions, abbreviations."""

import pytest

from wirecoder.gazetteer import gazetteer, normalize
from wirecoder.gazetteer.names import admin_words, transliterate


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def first(gaz, name, kind=None, country=None):
    found = [p for p in gaz.lookup(name) if (kind is None or p.kind == kind)
             and (country is None or p.country == country)]
    assert found, (name, gaz.lookup(name)[:5])
    return max(found, key=lambda p: p.population)


@pytest.mark.parametrize("spelling", ["Zaporizhzhya", "Zaporozhye", "Zaporizhzhia"])
def test_transliterations_reach_the_city(gaz, spelling):
    city = first(gaz, spelling, kind="city", country="UKR")
    assert city.population > 500_000 and city.admin1 == "Zaporizhzhia"


@pytest.mark.parametrize("old, new", [("Kiev", "Kyiv"), ("Kharkov", "Kharkiv")])
def test_old_spellings(gaz, old, new):
    assert first(gaz, old, kind="city").name == new


def test_small_town_with_its_region(gaz):
    town = first(gaz, "Pechenihy", country="UKR")
    assert town.kind == "city" and 3000 < town.population < 10_000
    assert town.admin1 == "Kharkiv" and town.admin2


def test_admin_areas_have_english_names_and_extents(gaz):
    for name, short in (("Kherson Oblast", "Kherson"), ("Kharkiv Oblast", "Kharkiv"), ("Kursk Oblast", "Kursk"),
                        ("Belgorod Oblast", "Belgorod"), ("Crimea", "Crimea")):
        area = first(gaz, name, kind="admin1")
        assert area.name == name and area.admin1 == short
        assert 30 < area.extent < 400, (name, area.extent)


def test_a_town_lies_within_its_region_extent(gaz):
    from wirecoder.gazetteer import distance_km

    town, oblast = first(gaz, "Pechenihy", kind="city"), first(gaz, "Kharkiv Oblast", kind="admin1")
    assert town.admin1_id == oblast.geonameid
    assert distance_km(town, oblast) < oblast.extent


@pytest.mark.parametrize("name, feature", [("Donbas", "region"), ("Gaza Strip", "region"), ("Black Sea", "water"),
                                           ("Dnieper", "water"), ("Sahel", "region"), ("Middle East", "region")])
def test_project_regions(gaz, name, feature):
    region = first(gaz, name, kind="region")
    assert region.feature == feature and not region.in_geonames and region.extent > 0


def test_continents_keep_their_geonames_ids_and_adjectives(gaz):
    europe = first(gaz, "Europe", kind="region")
    assert europe.in_geonames and europe.feature == "continent"
    assert [p.geonameid for p in gaz.demonym("European")] == [europe.geonameid]
    assert gaz.demonym("Ukrainian") == ()  # countries' adjectives belong to the actors' lexicon


def test_countries_use_geonames_ids(gaz):
    assert gaz.country("UKR").geonameid == 690791
    assert gaz.country("UKR").name == "Ukraine"


def test_abbreviations_match_only_as_written(gaz):
    assert first(gaz, "Calif.").name == "California"
    assert first(gaz, "D.C.").name == "District of Columbia"
    assert not [p for p in gaz.lookup("Miss") if p.name == "Mississippi"]


def test_admin_words_give_english_and_short_forms():
    words = admin_words()
    assert words.english("Kharkivska oblast", ["Kharkiv", "Kharkiv Oblast"]) == "Kharkiv Oblast"
    assert words.english("Florida", ["State of Florida"]) == "Florida"
    assert words.english("Tamil Nādu", []) == "Tamil Nadu"
    assert words.short("Autonomous Republic of Crimea") == "Crimea"
    assert words.short("Basra Governorate") == "Basra"
    assert transliterate("Белгород") == "Belgorod"


def test_normalize_folds_spelling_noise():
    assert normalize("Kam’yans’ke") == normalize("Kam'yans'ke") == "kamyanske"
    assert normalize("the Hague") == "hague"
