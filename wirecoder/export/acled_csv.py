"""ACLED-style CSV: ACLED's columns, names and codes, one row per event.

Only events ACLED would code are written (political violence, demonstrations,
strategic developments: events whose ``acled`` type is set, or whose PLOVER
type maps to one in ``data/export/acled.json``), dated, with an organised
actor on side 1 (ACLED codes no event without one), and by default only
those that happened (status occurred, ongoing or claimed); ``write`` counts
what it left out and why. Actors carry ACLED's names and inter codes
(acled_actors.py: "Military Forces of Russia (2000-)", "Civilians (Syria)"; persons
only in the notes). Columns wirecoder cannot fill honestly stay empty:
admin2/admin3 (the gazetteer has provinces only) and source_scale.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, datetime
from typing import TextIO
from urllib.parse import urlparse

from ..store import Filters, Store
from ..store.claims import day
from .items import Item, items
from .acled_actors import AcledActor, name, people, side_default
from .reference import acled, countries

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
           "tags", "timestamp")
DEFAULT_STATUS = tuple(acled()["reported_statuses"])


def acled_type(item: Item) -> tuple[str, str | None] | None:
    if item.acled_event_type:
        return item.acled_event_type, item.acled_sub_event_type
    table = acled()["from_plover"]
    found = table.get(f"{item.type}/{item.mode}") or table.get(item.type)
    return tuple(found) if found else None


def _time_precision(item: Item) -> int | str:
    first, last = day(item.start), day(item.end or item.start, last=True)
    if first is None:
        return ""
    if last is not None and last != first:
        return 2 if (last - first).days <= 7 else 3
    return acled()["time_precision"].get(item.precision or "day", 3)


def row(item: Item) -> dict | None:
    kind = acled_type(item)
    if kind is None:
        return None
    event_type, sub_event_type = kind
    table = acled()
    place = item.location
    country = countries().get(place.country) if place and place.country else None
    where = place.country if place and place.country else next(
        (a.country for a in (*item.source_actors, *item.target_actors) if a.country), None)
    on = day(item.start)
    first, second = (_side(item.source_actors, kind, True, where, on),
                     _side(item.target_actors, kind, False, where, on))
    a1, a2 = (first[0] if first else None), (second[0] if second else None)
    inter1, inter2 = (a1.inter if a1 else None), (a2.inter if a2 else 0)
    interaction = "" if inter1 is None else (
        f"{min(inter1, inter2)}{max(inter1, inter2)}" if inter2 else f"{inter1}0")
    persons = people(item.source_actors) + people(item.target_actors)
    notes = item.notes + (f" [persons: {'; '.join(dict.fromkeys(persons))}]" if persons else "")
    civilians = event_type == "Violence against civilians" or (a2 is not None and a2.inter == 7)
    tags = ([f"status={item.status}"] if item.status != "occurred" else []) + (
        [f"sources={len(item.sources)}"] if item.is_story else []) + (["background"] if item.background else []) + (
        [f"reviewed={item.reviewed}"] if item.reviewed else [])  # ACLED's columns are fixed: the verdict is a tag
    return {
        "event_id_cnty": f"{country.iso3 if country else 'XXX'}{'S' if item.is_story else ''}{item.pk}",
        "event_date": item.first_day, "year": item.first_day[:4],
        "time_precision": _time_precision(item),
        "disorder_type": table["disorder_type_by_sub_event"].get(sub_event_type)
        or table["disorder_type"].get(event_type, ""),
        "event_type": event_type, "sub_event_type": sub_event_type or "",
        "actor1": a1.name if a1 else "", "assoc_actor_1": "; ".join(a.name for a in first[1:]),
        "inter1": "" if inter1 is None else inter1,
        "actor2": a2.name if a2 else "", "assoc_actor_2": "; ".join(a.name for a in second[1:]),
        "inter2": inter2, "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": country.iso_numeric if country else "", "region": country.acled_region if country else "",
        "country": country.name if country else "",
        "admin1": (place.admin1 or "") if place else "", "admin2": "", "admin3": "",
        "location": place.name if place else "",
        "latitude": f"{place.lat:.4f}" if place and place.lat is not None else "",
        "longitude": f"{place.lon:.4f}" if place and place.lon is not None else "",
        "geo_precision": table["geo_precision"].get(place.precision, "") if place else "",
        "source": "; ".join(dict.fromkeys(s.outlet or urlparse(s.url or "").netloc or s.article
                                          for s in item.sources)),
        "source_scale": "", "notes": notes, "fatalities": item.fatalities or 0, "tags": "; ".join(tags),
        "timestamp": int(datetime.fromisoformat(item.ingested_at).timestamp()) if item.ingested_at else "",
    }


def _side(actors, kind: tuple[str, str | None], first: bool, where: str | None,
          on: date | None) -> list[AcledActor]:
    """ACLED's actors for one side on the date ``on``: the first named, then the associated ones,
    without repeats."""
    named = [found for a in actors if (found := name(a, kind[0], first, where, on)) is not None]
    if not named:
        default = side_default(*kind, first, where if where in countries() else None, on)
        named = [default] if default else []
    return list({a.name: a for a in named}.values())


def write(store: Store, out: TextIO, f: Filters = Filters(), level: str = "event",
          skipped: Counter | None = None) -> int:
    """Write the rows; count in ``skipped`` each event left out, by reason."""
    skipped = Counter() if skipped is None else skipped
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for item in items(store, f, level):
        if not f.status and item.status not in DEFAULT_STATUS:
            skipped[f"status {item.status} (ACLED codes what happened; ask with --status)"] += 1
            continue
        values = row(item)
        if values is None:
            skipped[f"{item.type} is no ACLED event type"] += 1
        elif not values["event_date"]:
            skipped["undated (ACLED needs an event date)"] += 1
        elif not values["actor1"]:
            skipped["no organised actor named (ACLED needs an actor1)"] += 1
        else:
            writer.writerow(values)
            n += 1
    return n
