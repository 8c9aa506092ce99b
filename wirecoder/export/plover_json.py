"""PLOVER JSON: a JSON array of event records with PLOVER's field names.

Fields follow the PLOVER gold-standard records (openeventdata/PLOVER): ``id``,
``date``, ``event``, ``mode``, ``source`` and ``target`` as lists of
``{actorText, code, sector}`` (code: ISO3 of the actor's state, or IGO),
``eventText`` (the trigger), ``text`` (the sentence), ``eventLoc``
(``{name, "country code"`` (ISO2) ``, lat, lon}``), ``dead``, ``injured``,
``language``, ``publication``, ``coder``, ``dateCoded``. As in PLOVER, only
non-null fields are written. What PLOVER has no field for (status, sources,
story, confidence) sits under one ``wirecoder`` key. By default only events
that happened (occurred, ongoing, claimed) are written.
"""

from __future__ import annotations

import json
from typing import TextIO

from .. import __version__
from ..store import Filters, Store
from .acled_csv import DEFAULT_STATUS
from .items import Item, items
from .reference import countries


def _actor(actor) -> dict:
    out = {"actorText": actor.name}
    code = "IGO" if actor.sector == "IGO" else actor.country
    if code:
        out["code"] = code
    if actor.sector and actor.sector != "IGO":
        out["sector"] = actor.sector
    return out


def record(item: Item) -> dict:
    place = item.location
    first = item.sources[0]
    out = {
        "id": f"wirecoder-{item.id}",
        "date": item.first_day or None,
        "event": item.type,
        "mode": item.mode,
        "source": [_actor(a) for a in item.source_actors] or None,
        "target": [_actor(a) for a in item.target_actors] or None,
        "eventText": item.trigger,
        "text": item.notes,
        "eventLoc": None,
        "dead": item.fatalities,
        "injured": item.injured,
        "language": "en",
        "publication": "; ".join(dict.fromkeys(s.outlet for s in item.sources if s.outlet)) or None,
        "coder": f"wirecoder {__version__}",
        "dateCoded": item.ingested_at[:10] or None,
        "url": first.url,
        "wirecoder": {"status": item.status, "background": item.background, "confidence": item.confidence,
                      "story": item.story,
                      "sources": [s.article for s in item.sources], "when_precision": item.precision,
                      "disagreements": item.disagreements or None},
    }
    if place is not None:
        country = countries().get(place.country or "")
        out["eventLoc"] = {k: v for k, v in {"name": place.name, "country code": country.iso2 if country else None,
                                             "lat": place.lat, "lon": place.lon}.items() if v is not None}
    return {k: v for k, v in out.items() if v is not None}


def write(store: Store, out: TextIO, f: Filters = Filters(), level: str = "event") -> int:
    f = f if f.status else Filters(**{**f.__dict__, "status": DEFAULT_STATUS})
    n = 0
    out.write("[")
    for item in items(store, f, level):
        out.write(("," if n else "") + "\n" + json.dumps(record(item), ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n
