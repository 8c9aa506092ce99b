"""Places on small hand-written sentences: recognition, resolution in context, geo."""

import pytest

from wirecoder.gazetteer import haversine

pytestmark = pytest.mark.model

PLACE_KINDS = ("place", "country", "facility")


def named(record, text):
    found = [e for e in record.entities if any(m.text == text for m in e.mentions)]
    assert found, (text, [(e.kind, e.name, [m.text for m in e.mentions]) for e in record.entities])
    return found[0]


def test_region_in_context_picks_the_right_namesake(extract):
    # the most populous Novoselivka is in Odesa Oblast; the text puts this one in Donetsk
    r = extract("Officials in the village of Novoselivka said shelling continued. "
                "Novoselivka lies in Ukraine's Donetsk region, near the front line.")
    village = named(r, "Novoselivka")
    assert village.kind == "place" and village.country == "UKR"
    assert village.geo.admin1 == "Donetsk" and village.geo.precision == "town"


def test_same_name_in_an_area_named_after_a_comma(extract):
    r = extract("Shelling hit Novoselivka, Poltava Oblast, on Monday.")
    geo = named(r, "Novoselivka").geo
    assert geo.admin1 == "Poltava" and geo.precision == "town"


def test_region_words_give_the_admin_area(extract):
    r = extract("Air raid sirens sounded across the Kharkiv region overnight.")
    region = named(r, "Kharkiv region")
    assert region.name == "Kharkiv Oblast" and region.geo.precision == "admin1"
    assert region.geo.feature == "admin1" and region.geo.geonameid is not None


def test_bare_city_name_is_the_city_not_the_oblast(extract):
    r = extract("Explosions were heard in Kharkiv and in Kyiv on Tuesday.")
    for name in ("Kharkiv", "Kyiv"):
        assert named(r, name).geo.precision == "town"


def test_old_spelling_gets_canonical_name(extract):
    r = extract("Protesters gathered in Kiev and later in Kharkov.")
    assert named(r, "Kiev").name == "Kyiv"
    assert named(r, "Kharkov").name == "Kharkiv"


def test_capital_metonym_keeps_its_place_and_country(extract):
    r = extract("Moscow rejected the proposal, while Washington said talks would go on.")
    moscow = named(r, "Moscow")
    assert moscow.kind == "place" and moscow.country == "RUS" and moscow.geo.country == "RUS"
    washington = named(r, "Washington")
    assert washington.geo.precision == "town" and abs(washington.geo.lat - 38.9) < 0.5


def test_facility_takes_its_embedded_place(extract):
    r = extract("Drones struck near the Kremenchuk oil refinery on Sunday.")
    refinery = [e for e in r.entities if e.kind == "facility"][0]
    assert refinery.geo.name == "Kremenchuk" and refinery.geo.precision == "town"
    assert refinery.name.lower().endswith("refinery")


def test_historical_region_and_water(extract):
    r = extract("Fighting in Donbas intensified as ships left the Black Sea ports.")
    donbas = named(r, "Donbas")
    assert donbas.geo.precision == "region" and donbas.geo.geonameid is None and donbas.country == "UKR"


def test_village_the_gazetteer_lacks_is_put_in_its_area(extract):
    r = extract("Russian forces shelled Zzyzvarivka, Sumy Oblast, officials said.")
    village = named(r, "Zzyzvarivka")
    assert village.kind == "place" and village.geo.precision == "admin1" and village.geo.admin1 == "Sumy"


def test_towns_labelled_as_organisations_become_places_with_evidence(extract):
    r = extract("The mayor said Russian troops shelled Barvinkove, a town in Ukraine.")
    town = named(r, "Barvinkove")
    assert town.kind == "place" and town.geo.admin1 == "Kharkiv"


def test_embedded_toponyms_and_region_adjectives(extract):
    r = extract("European ministers met experts from the University of California on Monday.")
    assert named(r, "European").name == "Europe"
    california = named(r, "California")
    assert california.kind == "place" and california.geo.precision == "admin1"
    university = named(r, "University of California")
    assert university.kind == "organization"


def test_people_stay_people(extract):
    r = extract("Olena Kharkiv, a teacher, said the school had closed.")
    kinds = {m.text: e.kind for e in r.entities for m in e.mentions}
    assert kinds.get("Olena Kharkiv") == "person"


def test_every_place_like_entity_has_geo_and_ids_are_in_order(extract):
    r = extract("Leaders met in London and Berlin before flying to Kyiv, Ukraine.")
    places = [e for e in r.entities if e.kind in PLACE_KINDS]
    assert places and all(e.geo is not None for e in places)
    firsts = [min(m.start for m in e.mentions) for e in r.entities]
    assert firsts == sorted(firsts)
    assert [e.id for e in r.entities] == [f"E{i}" for i in range(1, len(r.entities) + 1)]


def test_no_places_means_no_place_entities(extract):
    r = extract("The committee said the vote would be held later this year.")
    assert [e for e in r.entities if e.kind in PLACE_KINDS] == []


def test_spelling_variants_merge_into_one_place(extract):
    r = extract("Kiev was quiet. Later, Kyiv came under attack.")
    kyiv = [e for e in r.entities if e.name == "Kyiv"]
    assert len(kyiv) == 1 and {m.text for m in kyiv[0].mentions} == {"Kiev", "Kyiv"}


def test_geo_points_are_real_places(extract):
    r = extract("Rockets hit Odesa and Mykolaiv overnight.")
    odesa = named(r, "Odesa").geo
    assert haversine(odesa.lat, odesa.lon, 46.48, 30.73) < 25
