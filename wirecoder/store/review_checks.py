"""Checking what a review says: the verdict, and each corrected value of an event or a quote.

Values come from the CLI (strings) or JSON (strings, lists, objects) and leave
normalized: a PLOVER type (TYPE/mode splits), an event status, a date window
``{start, end, precision}`` (a day, month or year each), whole tolls, and
actors, places and speakers resolved to an entity of the article (by id, name,
mention or surname) or else of the store (by name), with the fields exports
need. Every refusal names the field and the fix (E081-E083).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import E, InputError
from .db import Store
from .filters import STATUSES, TYPES, fold

VERDICTS = ("accept", "reject", "correct")
FIELDS = {
    "event": ("type", "mode", "status", "source_actors", "target_actors", "place", "date", "fatalities",
              "injured"),
    "quote": ("speaker",),
}
PLACE_KINDS = ("place", "facility", "country")


@dataclass(frozen=True)
class Target:
    """The row a review is about: its number, its article and its anchor."""

    layer: str
    pk: int
    article_pk: int
    article: str
    item: str
    start: int
    end: int
    anchor: str


_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_PRECISION = {4: "year", 7: "month", 10: "day"}


def _when(layer: str, value) -> dict | None:
    """A date window: "2025-03-10", "2025-03" or "2025", or "START/END", or {"start", "end"}; null: undated."""
    if value is None or value == "":
        return None
    start, end = (value.get("start"), value.get("end")) if isinstance(value, dict) else \
        (str(value).partition("/")[0], str(value).partition("/")[2] or None)
    end = end or start
    for part in (start, end):
        ok = isinstance(part, str) and _DAY.fullmatch(part.strip())
        try:
            ok = ok and date.fromisoformat((part.strip() + "-01-01")[:10])
        except ValueError:
            ok = False
        if not ok:
            raise InputError(E.E082, layer=layer, field="date", value=value, detail=f"{part!r} is not an ISO date",
                             expected="a day 2025-03-10, a month 2025-03, a year 2025, or START/END; null for "
                                      "undated")
    start, end = start.strip(), end.strip()
    if start[:len(end)] > end:
        raise InputError(E.E082, layer=layer, field="date", value=value, detail="it ends before it starts",
                         expected="START/END with END on or after START")
    return {"start": start, "end": end, "precision": _PRECISION[len(start)]}


def _count(layer: str, name: str, value) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value) if not isinstance(value, (bool, float)) else None
    except (TypeError, ValueError):
        number = None
    if number is None or number < 0:
        raise InputError(E.E082, layer=layer, field=name, value=value, detail="not a whole number of people",
                         expected="0, 1, 2, ... or null for unknown")
    return number


def _entities(store: Store, target: Target, kinds: tuple[str, ...] | None) -> list[tuple]:
    sql = "SELECT id, name, kind, country, sector, admin1, lat, lon, geo_precision, geonameid FROM entities " \
          "WHERE article = ?"
    rows = store.execute(sql, (target.article_pk,)).fetchall()
    return [r for r in rows if kinds is None or r[2] in kinds]


def _entity(store: Store, target: Target, name: str, value: str, kinds: tuple[str, ...] | None, what: str):
    """An entity of the article by id, name, mention or the end of one name (a surname),
    else one of the store by its name."""
    wanted = fold(value.strip())
    own = _entities(store, target, kinds)
    for row in own:
        if row[0] == value.strip() or fold(row[1]) == wanted:
            return row[:10], True
    mentioned = {r[0] for r in store.execute(
        "SELECT entity FROM mentions WHERE article = ? AND wc_fold(text) = ?", (target.article_pk, wanted))}
    for row in own:
        if row[0] in mentioned:
            return row[:10], True
    words = wanted.split()
    ending = [row for row in own if words and (fold(row[1]) or "").split()[-len(words):] == words]
    if len(ending) == 1:  # a surname ("Zelenskyy") naming one of the article's entities
        return ending[0][:10], True
    kind_clause = f" AND kind IN ({','.join('?' * len(kinds))})" if kinds else ""
    row = store.execute(
        "SELECT id, name, kind, country, sector, admin1, lat, lon, geo_precision, geonameid FROM entities "
        f"WHERE wc_fold(name) = ?{kind_clause} ORDER BY lat IS NULL, article LIMIT 1",
        (wanted, *(kinds or ()))).fetchone()
    if row is not None:
        return row, False
    choices = ", ".join(f"{r[0]} {r[1]}" for r in own[:12]) or "none"
    raise InputError(E.E083, field=name, value=value, what=what, article=target.article, choices=choices,
                     path=store.path)


def _actors(store: Store, target: Target, name: str, value) -> list[dict]:
    if value is None or value == "":
        return []
    items = value.split(";") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        raise InputError(E.E082, layer=target.layer, field=name, value=value, detail="not a list of actors",
                         expected='a list of entity ids or names (["E2", "Russia"]; on the command line '
                                  '"E2;Russia"), [] for none')
    out = []
    for item in items:
        row, own = _entity(store, target, name, item, None, "actor")
        out.append({"id": row[0] if own else None, "name": row[1], "kind": row[2], "country": row[3],
                    "sector": row[4]})
    return out


def _place(store: Store, target: Target, value) -> dict | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(E.E082, layer=target.layer, field="place", value=value, detail="not a place's id or name",
                         expected='an entity id ("E3") or a place name ("Kharkiv"), null for none')
    row, own = _entity(store, target, "place", value, PLACE_KINDS, "place")
    keys = ("id", "name", "kind", "country", "sector", "admin1", "lat", "lon", "precision", "geonameid")
    place = dict(zip(keys, row))
    del place["sector"]
    if not own:
        place["id"] = None
    return place


def _speaker(store: Store, target: Target, value) -> dict | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(E.E082, layer="quote", field="speaker", value=value, detail="not a speaker's id or name",
                         expected='an entity id ("E2") or a name ("Serhiy Lysak"), null for no speaker')
    row, own = _entity(store, target, "speaker", value, None, "speaker")
    return {"id": row[0] if own else None, "name": row[1], "country": row[3]}


def _type(layer: str, value) -> tuple[str, str | None]:
    kind, slash, mode = str(value or "").strip().partition("/")
    if kind.upper() not in TYPES:
        raise InputError(E.E082, layer=layer, field="type", value=value, detail="not a PLOVER event type",
                         expected="one of " + ", ".join(TYPES) + " (or TYPE/mode, e.g. ASSAULT/aerial)")
    return kind.upper(), (mode.strip() or None) if slash else None


def check(store: Store, target: Target, verdict: str, changes: dict | None) -> dict:
    """The changes normalized (ids and names resolved), or a named error."""
    if verdict not in VERDICTS:
        raise InputError(E.E081, detail=f"the verdict {verdict!r} is none of {', '.join(VERDICTS)}",
                         fix="give --verdict accept, reject or correct")
    changes = changes or {}
    if not isinstance(changes, dict):
        raise InputError(E.E081, detail="changes must be an object of field: value",
                         fix='send {"changes": {"type": "ACCUSE"}}')
    if verdict != "correct" and changes:
        raise InputError(E.E081, detail=f"a verdict {verdict!r} changes nothing, yet changes were given",
                         fix="use --verdict correct with --set FIELD=VALUE, or leave the changes out")
    if verdict == "correct" and not changes:
        raise InputError(E.E081, detail="a correction without changes",
                         fix="say what is right with --set FIELD=VALUE (" + ", ".join(FIELDS[target.layer]) + ")")
    unknown = sorted(set(changes) - set(FIELDS[target.layer]))
    if unknown:
        raise InputError(E.E081, detail=f"{target.layer}s have no reviewable field {unknown[0]!r}",
                         fix="correct one of: " + ", ".join(FIELDS[target.layer]))
    out: dict = {}
    layer = target.layer
    for name, value in changes.items():
        if name == "type":
            out["type"], mode = _type(layer, value)
            if "/" in str(value) or "mode" not in changes:
                out["mode"] = mode
        elif name == "mode":
            if value is not None and (not isinstance(value, str) or len(value) > 60):
                raise InputError(E.E082, layer=layer, field="mode", value=value, detail="not a short word",
                                 expected="a PLOVER mode such as aerial, visit, phone; null for none")
            out["mode"] = (value.strip() or None) if isinstance(value, str) else None
        elif name == "status":
            if str(value).lower() not in STATUSES:
                raise InputError(E.E082, layer=layer, field="status", value=value, detail="not an event status",
                                 expected="one of " + ", ".join(STATUSES))
            out["status"] = str(value).lower()
        elif name in ("source_actors", "target_actors"):
            out[name] = _actors(store, target, name, value)
        elif name == "place":
            out["place"] = _place(store, target, value)
        elif name == "date":
            out["date"] = _when(layer, value)
        elif name in ("fatalities", "injured"):
            out[name] = _count(layer, name, value)
        elif name == "speaker":
            out["speaker"] = _speaker(store, target, value)
    return out
