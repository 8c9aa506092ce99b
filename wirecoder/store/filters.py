"""The filters shared by the query commands and the exports, checked once.

A bad value (an event type PLOVER does not have, a status the record does
not know, a country that is not ISO3, a date that does not parse) is refused
with an error that lists the valid choices, never silently matched to nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from ..errors import E, InputError
from ..readers import parse_published
from ..record import EntityKind, EventStatus, PloverType

TYPES = get_args(PloverType)
STATUSES = get_args(EventStatus)
KINDS = get_args(EntityKind)


@dataclass(frozen=True)
class Filters:
    actor: str | None = None  # part of an actor's name (case-insensitive)
    country: str | None = None  # ISO3 of an actor or of the place
    types: tuple[str, ...] = ()  # PLOVER types, or TYPE/mode
    status: tuple[str, ...] = ()
    place: str | None = None  # part of the place's name or province
    since: str | None = None  # ISO date: events (or quotes) on or after
    until: str | None = None
    article: str | None = None
    story: int | None = None
    kinds: tuple[str, ...] = ()  # entity kinds (the actors query)
    limit: int | None = None
    background: bool = False  # include events told as history or habit (left out by default)


def _split(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(v.strip() for v in value if v and v.strip())


def make_filters(*, actor=None, country=None, types=None, status=None, place=None, since=None, until=None,
                 article=None, story=None, kinds=None, limit=None, background=False) -> Filters:
    """Validate user-given filter values (comma-separated strings or lists)."""
    checked_types = []
    for item in _split(types):
        kind, _, mode = item.partition("/")
        if kind.upper() not in TYPES:
            raise InputError(E.E059, option="--type", value=item, detail="not a PLOVER event type",
                             choices=", ".join(TYPES))
        checked_types.append(kind.upper() + (f"/{mode}" if mode else ""))
    statuses = tuple(s.lower() for s in _split(status))
    for item in statuses:
        if item not in STATUSES:
            raise InputError(E.E059, option="--status", value=item, detail="not an event status",
                             choices=", ".join(STATUSES))
    entity_kinds = tuple(k.lower() for k in _split(kinds))
    for item in entity_kinds:
        if item not in KINDS:
            raise InputError(E.E059, option="--kind", value=item, detail="not an entity kind",
                             choices=", ".join(KINDS))
    if country and not (len(country) == 3 and country.isascii() and country.isalpha()):
        raise InputError(E.E059, option="--country", value=country, detail="not an ISO 3166-1 alpha-3 code",
                         choices="three letters such as UKR, RUS, GBR")
    limit = checked_limit(limit)
    return Filters(actor=actor or None, country=country.upper() if country else None, types=tuple(checked_types),
                   status=statuses, place=place or None,
                   since=parse_published(since, "--since")[:10] if since else None,
                   until=parse_published(until, "--until")[:10] if until else None,
                   article=article or None, story=story, kinds=entity_kinds, limit=limit,
                   background=bool(background))


SQLITE_MAX_INT = 2**63 - 1


def checked_limit(limit: int | None) -> int | None:
    """A row limit: positive; one beyond what SQLite can count means no limit."""
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise InputError(E.E059, option="--limit", value=limit, detail="must be a positive whole number",
                         choices="1, 2, ...")
    return min(limit, SQLITE_MAX_INT)


def like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with LIKE's wildcards escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
