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

State actors carry, as in ACLED, the years of the regime in power on the event's
date ("Military Forces of Russia (2000-)", "Police Forces of Iraq (2018-2020)"),
from data/export/acled_regimes.csv; where that table covers neither the country
nor the date, the plain name is written rather than a guessed range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..datafiles import read_rows
from ..settings import DATA_DIR
from ..store.queries import ActorRef
from .reference import acled, countries

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


@dataclass(frozen=True)
class AcledActor:
    name: str
    inter: int


@dataclass(frozen=True)
class Regime:
    start: date
    end: date | None  # exclusive; None: still in power

    @property
    def years(self) -> str:
        """ACLED's form: "2017-2021", or "2000-" while in power."""
        return f"{self.start.year}-{self.end.year if self.end else ''}"


@lru_cache(maxsize=1)
def regimes() -> dict[str, tuple[Regime, ...]]:
    """ISO3 -> the regimes of data/export/acled_regimes.csv, in date order."""
    found: dict[str, list[Regime]] = {}
    for row in read_rows(DATA_DIR / "export" / "acled_regimes.csv"):
        end = date.fromisoformat(row["end"]) if row["end"] else None
        found.setdefault(row["iso3"], []).append(Regime(date.fromisoformat(row["start"]), end))
    return {iso3: tuple(sorted(rows, key=lambda r: r.start)) for iso3, rows in found.items()}


def regime_years(iso3: str, on: date | None) -> str | None:
    """The years of the regime of ``iso3`` in power on ``on``; None where the table does not say."""
    if on is None:
        return None
    return next((r.years for r in regimes().get(iso3, ()) if r.start <= on and (r.end is None or on < r.end)),
                None)


def _country(iso3: str | None) -> str | None:
    found = countries().get(iso3 or "")
    return found.name if found else None


def _generic(kind: str, country: str | None) -> AcledActor:
    """One of ACLED's generic actors ("Civilians (Syria)"), from acled.json's ``generic_actors``."""
    word, inter = acled()["actors"]["generic"][kind]
    return AcledActor(f"{word} ({country})" if country else word, inter)


def _state(kind: str, iso3: str, on: date | None) -> AcledActor | None:
    """ "Military Forces of Russia (2000-)": the state's forces, with the regime's years when known."""
    country = _country(iso3)
    if country is None:
        return None
    plain = acled()["actors"]["state"][kind].format(country=country)
    years = regime_years(iso3, on)
    return AcledActor(f"{plain} ({years})" if years else plain, 1)


def side_default(event_type: str, sub_event_type: str | None, first: bool,
                 iso3: str | None, on: date | None = None) -> AcledActor | None:
    """The actor ACLED codes when the text names none on this side (None: leave it empty);
    ``iso3`` is the country where it happened, ``on`` the event's date."""
    table = acled()["actors"]
    kind = (table["default_actor1_by_sub_event"].get(sub_event_type or "") if first else None) or \
        table["default_actor1" if first else "default_actor2"].get(event_type)
    if kind in table["state"]:
        return _state(kind, iso3, on) if iso3 else None
    return _generic(kind, _country(iso3)) if kind else None


def _proper(text: str) -> bool:
    """A name ("Islamic State", "SDF"), not a description ("fighters", "US-backed rebels")."""
    head = text.split()[-1] if text.split() else ""
    return head[:1].isupper()


def name(actor: ActorRef, event_type: str, first: bool, place_country: str | None,
         on: date | None = None) -> AcledActor | None:
    """ACLED's name for ``actor`` acting on side 1 (``first``) or 2 of an event of ``event_type``
    on the date ``on``.

    None when the actor is no organised actor ACLED would list (the side's default applies).
    """
    table = acled()["actors"]
    country = _country(actor.country) or _country(place_country)
    sector = actor.sector or ""
    if first and event_type in table["demonstrators"]:
        return _generic(table["demonstrators"][event_type], country)
    state_kind = table["state_by_sector"].get(sector)
    if actor.kind == "country" or state_kind:
        if _country(actor.country) is None:
            return None
        if state_kind is None or (state_kind == "government" and event_type in VIOLENT):
            state_kind = "military" if event_type in VIOLENT else "government"
        return _state(state_kind, actor.country, on)
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
