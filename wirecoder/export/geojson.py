"""GeoJSON (RFC 7946): a FeatureCollection with one Point per located event.

Coordinates are [longitude, latitude] in WGS 84; properties are flat values
(strings, numbers, arrays of strings) that GIS tools read as attributes: the
columns of the export table (``table.COLUMNS``, dates as ISO strings).
Events without coordinates cannot be drawn and are left out (the count of
written features is returned).
"""

from __future__ import annotations

import json
from typing import TextIO

from ..store import Filters, Store
from .items import Item, items
from .table import as_text, row


def feature(item: Item) -> dict | None:
    place = item.location
    if place is None or place.lat is None or place.lon is None:
        return None
    return {
        "type": "Feature",
        "id": item.id,
        "geometry": {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]},
        "properties": as_text(row(item)),
    }


def write(store: Store, out: TextIO, f: Filters = Filters(), level: str = "event") -> int:
    n = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for item in items(store, f, level):
        found = feature(item)
        if found is not None:
            out.write(("," if n else "") + "\n" + json.dumps(found, ensure_ascii=False))
            n += 1
    out.write("\n]}\n")
    return n
