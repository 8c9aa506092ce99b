"""The filters shared by the query commands and the exports, checked once.

A bad value (an event type PLOVER does not have, a status the record does
not know, a country that is not ISO3, a date that does not parse) is refused
with an error that lists the valid choices, never silently matched to nothing.

Dates: ``--since``/``--until`` take a day (2018-06-01), a month (2018-06) or a
year (2019); a month or year since means its first day, until its last. A row
matches when its whole date window lies inside the range (``overlap=True``:
when the window and the range share a day); a row without a date matches no
date range. What each filter means for events, quotes, actors and records is
in ``targets.py``, the one place filters become SQL.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import get_args

from ..errors import E, InputError
from ..gazetteer.names import fold as strip_accents
from ..record import EntityKind, EventStatus, PloverType

TYPES = get_args(PloverType)
STATUSES = get_args(EventStatus)
KINDS = get_args(EntityKind)


@dataclass(frozen=True)
class Filters:
    actor: str | None = None  # part of an actor's name (case and accents folded)
    country: str | None = None  # ISO3 of an actor or of the place
    types: tuple[str, ...] = ()  # PLOVER types, or TYPE/mode
    status: tuple[str, ...] = ()
    place: str | None = None  # part of the place's name or province (case and accents folded)
    since: str | None = None  # ISO day: the row's date window starts on or after it
    until: str | None = None  # ISO day: the row's date window ends on or before it
    overlap: bool = False  # since/until: the window need only share a day with the range
    article: str | None = None
    story: int | None = None
    kinds: tuple[str, ...] = ()  # entity kinds (the actors query)
    limit: int | None = None
    background: bool = False  # include events told as history or habit (left out by default)
    reviewed_only: bool = False  # only events (quotes) an analyst accepted or corrected (store/reviews.py)


def _split(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(v.strip() for v in value if v and v.strip())


def make_filters(*, actor=None, country=None, types=None, status=None, place=None, since=None, until=None,
                 article=None, story=None, kinds=None, limit=None, background=False, overlap=False,
                 reviewed_only=False) -> Filters:
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
    first, last = date_bound(since, "--since"), date_bound(until, "--until", last=True)
    if first and last and first > last:
        raise InputError(E.E059, option="--until", value=until, detail=f"it ends before --since {since} begins",
                         choices=f"a date on or after {first}")
    if overlap and not (first or last):
        raise InputError(E.E059, option="--overlap", value=True, detail="it changes what --since/--until mean, "
                         "and neither is given", choices="add --since or --until, or leave --overlap out")
    return Filters(actor=actor or None, country=country.upper() if country else None, types=tuple(checked_types),
                   status=statuses, place=place or None, since=first, until=last,
                   article=article or None, story=story, kinds=entity_kinds, limit=limit,
                   background=bool(background), overlap=bool(overlap), reviewed_only=bool(reviewed_only))


_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d.*)?)?)?")  # a time only after a day


def date_bound(value, option: str, last: bool = False) -> str | None:
    """A --since/--until value as an ISO day: 2018-06-01 (or a datetime), 2018-06 or 2019.

    A month or a year stands for its first day (``last=False``) or its last."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    found = _BOUND.fullmatch(str(value).strip())
    try:
        if found is None:
            raise ValueError
        year, month, day_ = (int(g) if g else None for g in found.groups())
        if day_ is not None:
            return date(year, month, day_).isoformat()
        if month is not None:
            return date(year, month, calendar.monthrange(year, month)[1] if last else 1).isoformat()
        return date(year, 12, 31).isoformat() if last else date(year, 1, 1).isoformat()
    except ValueError:
        raise InputError(E.E059, option=option, value=value, detail="not a date",
                         choices="a day 2018-06-01, a month 2018-06 or a year 2019") from None


# Latin letters that are not a base letter plus an accent, so NFKD leaves them whole.
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "æ": "ae", "œ": "oe",
                          "þ": "th"})


def fold(text: str | None) -> str | None:
    """A name for matching: case and accents folded ("Erdoğan" -> "erdogan", "Łódź" -> "lodz")."""
    return None if text is None else strip_accents(text).casefold().translate(_LETTERS)


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
