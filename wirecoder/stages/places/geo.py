"""From a chosen gazetteer place to the record's ``geo`` and the entity's name."""

from __future__ import annotations

from ... import record
from ...gazetteer import Place, fold

PRECISION = {"country": "country", "admin1": "admin1", "admin2": "admin2", "city": "town", "region": "region"}


def to_geo(place: Place) -> record.Geo:
    """The record's geo for a place. Project-authored regions have no GeoNames id."""
    return record.Geo(
        geonameid=place.geonameid if place.in_geonames else None,
        name=english(place.name),
        lat=round(place.lat, 5), lon=round(place.lon, 5),
        country=place.country,
        admin1=place.admin1 if place.kind not in ("country", "region") else None,
        feature=place.feature,
        precision=PRECISION.get(place.kind, "region"),
    )


def english(name: str) -> str:
    """GeoNames names carry transliteration marks ("‘Afrīn"); news writes them plain."""
    plain = fold(name).strip("‘’'ʻʿ")
    return plain if plain.isascii() else name


def canonical_name(entity, place: Place) -> str:
    """The entity's name: the gazetteer's, where it is the English one news uses.

    Countries keep the actors stage's lexicon name; facilities keep their own
    ("Pechenihy hydroelectric dam"); a place written in the text with a
    different spelling keeps the gazetteer's ("Kiev" -> "Kyiv").
    """
    if entity.kind != "place":
        return entity.name
    return english(place.name)
