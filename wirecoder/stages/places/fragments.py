"""Names the small model cut in two: "Boa" + "Vista", "Baja" + "California", "ST." + "LOUIS".

The model sometimes labels the words of one place name as two entities. Two
mentions that touch (only a space, or the dot of an abbreviation, between
them) are one place when together they are the gazetteer's own name of an
admin area, a region or a town of some size: "Baja California", not the
Hungarian town "Baja" and California; "Cyprus, Greece" (a comma) stays two.
"""

from __future__ import annotations

import re

from ...gazetteer import Gazetteer, Place
from ..actors.items import Mention

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
