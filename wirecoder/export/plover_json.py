"""PLOVER JSON: a JSON array of event records with PLOVER's field names.

Fields follow the PLOVER gold-standard records (openeventdata/PLOVER): ``id``,
``date``, ``event``, ``mode``, ``context``, ``source`` and ``target`` as lists
of ``{actorText, code, sector}`` (code: ISO3 of the actor's state, or IGO),
``eventText`` (the trigger), ``text`` (the sentence), ``textInfo``
(``{markup}``: the sentence with ``(SRC: ..)``, ``(TAR: ..)`` and ``(EVT: ..)``
marked, as in the gold records), ``eventLoc`` (``{name, "country code"``
(ISO2) ``, lat, lon}``), ``dead``, ``injured``, ``language``, ``publication``,
``coder``, ``version`` (the PLOVER revision of the event types), ``dateCoded``.
``context`` is derived from the event's type, mode, actors and sentence
(plover_context.py); it is empty only where none of them supports a context.
As in PLOVER, only non-null fields are written.

Every status is written: ``event`` is the type PLOVER codes (an announced
cooperative act is AGREE, an announced hostile one THREATEN), and
``wirecoder.status`` says whether it occurred, is planned, hypothetical,
negated, denied...; ``--status occurred`` keeps only what happened. What PLOVER
has no field for (status, wirecoder's own type, sources, story, confidence)
sits under one ``wirecoder`` key -- with, for an event an analyst reviewed, the
verdict (``reviewed``), who and when (``review``) and the machine's values of the
corrected fields (``machine``); the PLOVER fields carry the corrected values.
"""

from __future__ import annotations

import json
import re
from typing import TextIO

from .. import __version__
from ..stages.events.plover import plover_type
from ..store import Filters, Store
from .items import Item, items
from .plover_context import contexts, tables
from .reference import countries


def _actor(actor) -> dict:
    out = {"actorText": actor.name}
    code = "IGO" if actor.sector == "IGO" else actor.country
    if code:
        out["code"] = code
    if actor.sector and actor.sector != "IGO":
        out["sector"] = actor.sector
    return out


def context(item: Item) -> str:
    """PLOVER's topical context ("military, legal"): see plover_context.py for how it is derived."""
    return ", ".join(contexts(item.type, item.mode, item.source_actors, item.target_actors, item.notes))


def markup(item: Item) -> str:
    """The sentence with the actors and the trigger marked as in the gold records' ``textInfo``."""
    text = item.notes
    marks: list[tuple[int, int, str]] = []
    wanted = [(a.name, "SRC") for a in item.source_actors] + [(a.name, "TAR") for a in item.target_actors] + [
        (item.trigger, "EVT")]
    for words, label in wanted:
        found = re.search(rf"\b{re.escape(words)}\b", text) if words else None
        if found and not any(s < found.end() and found.start() < e for s, e, _ in marks):
            marks.append((found.start(), found.end(), label))
    for start, end, label in sorted(marks, reverse=True):
        text = f"{text[:start]}({label}: {text[start:end]}){text[end:]}"
    return text


def record(item: Item, language: str | None = "en") -> dict:
    """One PLOVER record; ``language`` is the stored article's (``und-Cyrl`` for text that is not English)."""
    place = item.location
    first = item.sources[0]
    out = {
        "id": f"wirecoder-{item.id}",
        "date": item.first_day or None,
        "event": plover_type(item.type, item.status),
        "mode": item.mode,
        "context": context(item),
        "source": [_actor(a) for a in item.source_actors] or None,
        "target": [_actor(a) for a in item.target_actors] or None,
        "eventText": item.trigger,
        "text": item.notes,
        "textInfo": {"markup": markup(item)},
        "eventLoc": None,
        "dead": item.fatalities,
        "injured": item.injured,
        "language": language,
        "publication": "; ".join(dict.fromkeys(s.outlet for s in item.sources if s.outlet)) or None,
        "coder": f"wirecoder {__version__}",
        "version": tables()["version"],
        "dateCoded": item.ingested_at[:10] or None,
        "url": first.url,
        "wirecoder": {"status": item.status, "type": item.type, "background": item.background,
                      "confidence": item.confidence, "story": item.story,
                      "sources": [s.article for s in item.sources], "when_precision": item.precision,
                      "disagreements": item.disagreements or None},
    }
    if item.reviewed:  # an analyst's verdict: the values above are corrected, the machine's kept here
        out["wirecoder"].update(reviewed=item.reviewed, review=item.review, machine=item.machine)
    if place is not None:
        country = countries().get(place.country or "")
        out["eventLoc"] = {k: v for k, v in {"name": place.name, "country code": country.iso2 if country else None,
                                             "lat": place.lat, "lon": place.lon}.items() if v is not None}
    return {k: v for k, v in out.items() if v is not None}


def write(store: Store, out: TextIO, f: Filters = Filters(), level: str = "event") -> int:
    n = 0
    out.write("[")
    languages: dict[str, str | None] = {}
    for item in items(store, f, level):
        language = _language(store, item.sources[0].article, languages)
        out.write(("," if n else "") + "\n" + json.dumps(record(item, language), ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n


def _language(store: Store, article: str, known: dict[str, str | None]) -> str | None:
    """The language the store holds for an article (read once per article)."""
    if article not in known:
        row = store.db.execute("SELECT language FROM articles WHERE id = ?", (article,)).fetchone()
        known[article] = (row[0] if row else None) or None
    return known[article]
