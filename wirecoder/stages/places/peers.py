"""What a place's neighbours in the article say of it, and which candidates to drop.

- undominated: a town named so only in an alternate gives way to a place ten
  times its size that bears the name as its own ("Idaho" is the state);
- listed_with_peers: a name listed beside places of one level is of that level
  ("California, Washington, Utah" lists states);
- plausible: a small town a facility's name holds must be near the article's
  other places ("Percy French Hotel" is not in Percy, Normandy).
"""

from __future__ import annotations

from ...gazetteer import Place, haversine
from .context import ArticleContext, contains

DOMINATED_RATIO = 10  # a town named so only in an alternate, this many times smaller than the name's bearer, is dropped
PROMINENT_POPULATION = 100_000  # a town this big is what a facility's name means by it
NEAR_KM = 300.0  # a small town this near the article's places is plausible


def undominated(places: tuple[Place, ...]) -> tuple[Place, ...]:
    """Drop a town matched only on an alternate name when a place ten times its size bears
    that name as its own: "Idaho" is the state, not a village once called so."""
    mains = [p.population for p in places if p.main]
    if not mains:
        return places
    top = max(mains)
    return tuple(p for p in places if p.main or p.kind != "city" or p.population * DOMINATED_RATIO > top)


def listed_with_peers(entity, p: Place, ctx: ArticleContext, chosen) -> bool:
    """Listed beside places of its own level, none holding the other: "California,
    Washington, Utah" lists states, so Washington is the state there. One neighbour
    after a bare comma is not a list ("Tacoma, Washington"); two, or an "and", are."""
    weight = 0.0
    for other, comma in ctx.siblings(entity):
        pick = chosen.get(id(other))
        if pick is None or not pick.named or pick.place.geonameid == p.geonameid:
            continue
        there = pick.place
        if there.kind == p.kind and not contains(there, p) and not contains(p, there):
            weight += 0.5 if comma else 1.0
    return weight >= 1.0


def plausible(entity, place: Place, entities, chosen) -> bool:
    """A facility's name may hold a person's name, not a town's: "Percy French Hotel" is not
    in a village called Percy. A small town is kept only when the article's other places
    are near it or hold it."""
    if place.kind not in ("city", "admin2") or place.population >= PROMINENT_POPULATION:
        return True
    for other in entities:
        pick = chosen.get(id(other))
        if other is entity or other.kind == "facility" or pick is None or not pick.named:
            continue
        there = pick.place
        if there.kind in ("admin1", "admin2") and contains(there, place):
            return True
        if there.kind == "city" and haversine(there.lat, there.lon, place.lat, place.lon) <= NEAR_KM:
            return True
    return False
