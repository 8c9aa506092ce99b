"""Mentions to regroup before resolution: names the small model cut in two ("Boa" +
"Vista", "Baja" + "California", "ST." + "LOUIS"), and a nation's adjective filed under
its country ("English" under the United Kingdom is England).

The model sometimes labels the words of one place name as two entities. Two
mentions that touch (only a space, or the dot of an abbreviation, between
them) are one place when together they are the gazetteer's own name of an
admin area, a region or a town of some size: "Baja California", not the
Hungarian town "Baja" and California; "Cyprus, Greece" (a comma) stays two.
"""

from __future__ import annotations

import re

from ...gazetteer import Gazetteer, Place
from ..actors.items import Actor, Mention

_JOINER = re.compile(r"^(?:\.? )$")  # "Boa Vista", "ST. LOUIS"
_KINDS = ("place", "person", "organization")


MIN_POPULATION = 1000  # a joined name must be a town at least this big, or an area


def _is_known(places: tuple[Place, ...]) -> bool:
    return any(p.main and (p.kind != "city" or p.population >= MIN_POPULATION) for p in places)


def join_fragments(text: str, entities: list, gaz: Gazetteer) -> list:
    """Join touching fragments into one place mention; drop entities left with no mention."""
    loose = [(m, e) for e in entities if e.kind in _KINDS and not e.roles and e.kb is None
             for m in e.mentions if m.form == "name" and m.text[:1].isupper()]
    loose.sort(key=lambda item: item[0].start)
    changed = False
    for (left, first), (right, second) in zip(loose, loose[1:]):
        if first is second or len(first.mentions) != 1 or len(second.mentions) != 1:
            continue  # a name said again elsewhere was read whole there
        if "place" not in (first.kind, second.kind):
            continue
        if not _JOINER.match(text[left.end:right.start]):
            continue
        joined = text[left.start:right.end]
        if not _is_known(gaz.lookup(joined)):
            continue
        first.mentions[:] = [Mention(left.start, right.end, joined, "name")]
        second.mentions.clear()
        first.name, first.kind, first.place_candidates, first.sector, first.country = joined, "place", (), None, None
        changed = True
    return [e for e in entities if e.mentions] if changed else entities


def split_nations(entities: list, gaz: Gazetteer) -> list:
    """Move a nation's adjective ("English", "Welsh") out of its country's entity into a
    place of its own, when the country is also named otherwise ("Britain", "UK")."""
    added = []
    for entity in entities:
        if entity.kind != "country" or not entity.country:
            continue
        moved: dict[int, list[Mention]] = {}
        areas: dict[int, Place] = {}
        for m in entity.mentions:
            nations = [p for p in gaz.demonym(m.text) if p.kind == "admin1" and p.country == entity.country] \
                if m.form == "demonym" else []
            if len(nations) == 1:
                moved.setdefault(nations[0].geonameid, []).append(m)
                areas[nations[0].geonameid] = nations[0]
        if not moved or sum(len(v) for v in moved.values()) == len(entity.mentions):
            continue  # all its mentions name the nation: the resolver reads it so
        for gid, mentions in moved.items():
            entity.mentions[:] = [m for m in entity.mentions if m not in mentions]
            added.append(Actor(id="", kind="place", name=areas[gid].name, mentions=list(mentions),
                               country=entity.country, key=f"place:{gid}", place_candidates=(areas[gid],)))
    return entities + added if added else entities
