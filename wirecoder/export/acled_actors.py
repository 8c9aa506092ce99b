"""ACLED actor names and inter codes for wirecoder's actors.

ACLED's codebook names organised actors, never individuals: state forces are
"Military Forces of X" or "Police Forces of X" (the government itself,
"Government of X", in strategic developments), demonstrators "Protesters (X)"
and "Rioters (X)", unarmed victims "Civilians (X)", unknown perpetrators
"Unidentified Armed Group (X)", and named armed or political groups by their
own name. Each name has an ``inter`` code (1 state forces, 2 rebel groups,
3 political militias, 4 identity militias, 5 rioters, 6 protesters,
7 civilians, 8 external/other forces; 0 for no second actor).

A person's event is attributed to the organised actor the person acts for
(a minister or general of state X: X's government or forces; anyone else:
the generic actor of the event's side); the person is named in the notes.
The words of the names and the sector tables live in data/export/acled.json.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..store.queries import ActorRef
from .reference import acled, countries

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


@dataclass(frozen=True)
class AcledActor:
    name: str
    inter: int


def _country(iso3: str | None) -> str | None:
    found = countries().get(iso3 or "")
    return found.name if found else None


def _generic(kind: str, country: str | None) -> AcledActor:
    """One of ACLED's generic actors ("Civilians (Syria)"), from acled.json's ``generic_actors``."""
    word, inter = acled()["actors"]["generic"][kind]
    return AcledActor(f"{word} ({country})" if country else word, inter)


def _state(kind: str, country: str) -> AcledActor:
    return AcledActor(acled()["actors"]["state"][kind].format(country=country), 1)


def side_default(event_type: str, sub_event_type: str | None, first: bool,
                 country: str | None) -> AcledActor | None:
    """The actor ACLED codes when the text names none on this side (None: leave it empty)."""
    table = acled()["actors"]
    kind = (table["default_actor1_by_sub_event"].get(sub_event_type or "") if first else None) or \
        table["default_actor1" if first else "default_actor2"].get(event_type)
    if kind in table["state"]:
        return _state(kind, country) if country else None
    return _generic(kind, country) if kind else None


def _proper(text: str) -> bool:
    """A name ("Islamic State", "SDF"), not a description ("fighters", "US-backed rebels")."""
    head = text.split()[-1] if text.split() else ""
    return head[:1].isupper()


def name(actor: ActorRef, event_type: str, first: bool, place_country: str | None) -> AcledActor | None:
    """ACLED's name for ``actor`` acting on side 1 (``first``) or 2 of an event of ``event_type``.

    None when the actor is no organised actor ACLED would list (the side's default applies).
    """
    table = acled()["actors"]
    country = _country(actor.country) or _country(place_country)
    sector = actor.sector or ""
    if first and event_type in table["demonstrators"]:
        return _generic(table["demonstrators"][event_type], country)
    state_kind = table["state_by_sector"].get(sector)
    if actor.kind == "country" or state_kind:
        own = _country(actor.country)
        if own is None:
            return None
        if state_kind is None or (state_kind == "government" and event_type in VIOLENT):
            state_kind = "military" if event_type in VIOLENT else "government"
        return _state(state_kind, own)
    if sector in table["civilian_sectors"] or (not first and event_type == "Violence against civilians"):
        return _generic("civilians", country)
    if actor.kind == "person":
        return None  # acts for no organisation we know: the side's generic actor stands in
    if actor.kind in ("organization", "group") and _proper(actor.name):
        inter = table["inter_by_sector"].get(sector, table["inter_by_kind"].get(actor.kind))
        return AcledActor(actor.name, inter) if inter else None
    return None


def people(actors) -> list[str]:
    return [a.name for a in actors if a.kind == "person"]
