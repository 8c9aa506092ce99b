"""The reference article: every place resolves where a careful analyst would put it."""

import pytest

from wirecoder.gazetteer import gazetteer, haversine

pytestmark = [pytest.mark.model, pytest.mark.shared]

# (mention, expected point, km allowed, admin1 for towns or None) -- coordinates of the
# real places (standard atlases), not of any gazetteer.
TOWNS = [
    ("Kyiv", (50.45, 30.52), 25, "Kyiv"),
    ("London", (51.51, -0.13), 25, "England"),
    ("Miami", (25.77, -80.19), 25, "Florida"),
    ("Moscow", (55.75, 37.62), 25, None),
    ("Rome", (41.90, 12.50), 25, "Lazio"),
    ("Pechenihy", (49.87, 36.94), 25, "Kharkiv"),
    ("Kremenchuk", (49.07, 33.42), 25, "Poltava"),
]
AREAS = ["Florida", "California", "Kharkiv region", "Donbas region", "Europe"]
COUNTRIES = {"Ukraine": "UKR", "Russia": "RUS", "Italian": "ITA", "British": "GBR", "US": "USA"}


def by_mention(record, text):
    found = [e for e in record.entities if any(m.text == text for m in e.mentions)]
    assert found, (text, [(e.name, [m.text for m in e.mentions]) for e in record.entities])
    return found[0]


@pytest.mark.parametrize("text, point, km, admin1", TOWNS)
def test_towns_within_25_km_with_their_admin1(seed_record, text, point, km, admin1):
    geo = by_mention(seed_record, text).geo
    assert geo is not None and geo.precision == "town"
    assert haversine(geo.lat, geo.lon, *point) <= km, (text, geo)
    if admin1:
        assert geo.admin1 == admin1


@pytest.mark.parametrize("text", AREAS)
def test_areas_hold_what_they_should(seed_record, text):
    entity = by_mention(seed_record, text)
    geo = entity.geo
    assert geo is not None and geo.precision in ("admin1", "region")


def test_pechenihy_lies_in_the_kharkiv_region_extent(seed_record):
    region = by_mention(seed_record, "Kharkiv region")
    town = by_mention(seed_record, "Pechenihy")
    place = gazetteer().get(region.geo.geonameid)
    assert haversine(town.geo.lat, town.geo.lon, region.geo.lat, region.geo.lon) <= place.extent


@pytest.mark.parametrize("text, iso3", COUNTRIES.items())
def test_countries(seed_record, text, iso3):
    entity = by_mention(seed_record, text)
    assert entity.kind == "country" and entity.geo.precision == "country" and entity.geo.country == iso3


def test_facilities_take_their_place(seed_record):
    dam = by_mention(seed_record, "Pechenihy hydroelectric dam")
    assert dam.kind == "facility" and dam.geo.name == "Pechenihy" and dam.geo.admin1 == "Kharkiv"
    plant = by_mention(seed_record, "Zaporizhzhya nuclear power plant")
    assert plant.geo.precision == "town" and plant.geo.admin1 == "Zaporizhzhia"


def test_every_place_like_entity_has_geo(seed_record):
    missing = [e.name for e in seed_record.entities if e.kind in ("place", "country", "facility") and e.geo is None]
    assert missing == []
