"""The office-holder knowledge base (wirecoder/data/kb/office_holders.csv).

Heads of state and government, foreign and defence ministers and the heads of
international bodies, each office with start and end dates. Used to link a
person to the KB, and for roles and country when the text is silent, as of the
article's date.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ...gazetteer.names import normalize
from .lexicons import _rows, _split

KB_SOURCE = "wirecoder-office-holders"
_TITLE = re.compile(r"title=([^;]+)")


@dataclass(frozen=True)
class Office:
    office: str
    title: str
    jurisdiction: str
    start: date | None
    end: date | None

    def active_on(self, day: date, slack: timedelta = timedelta(0)) -> bool:
        if self.start and day < self.start - slack:
            return False
        return not (self.end and day > self.end + slack)


@dataclass
class Holder:
    id: str
    name: str
    gender: str | None
    nationality: str | None
    aliases: tuple[str, ...]
    offices: list[Office] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    def offices_on(self, day: date | None) -> list[Office]:
        if day is None:
            return []
        return [office for office in self.offices if office.active_on(day)]

    def active_near(self, day: date | None, years: int = 2) -> bool:
        if day is None:
            return True
        slack = timedelta(days=365 * years)
        return any(office.active_on(day, slack) for office in self.offices)


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize(name)).strip("-")


class OfficeHolders:
    def __init__(self):
        self.holders: dict[str, Holder] = {}
        for row in _rows("office_holders.csv"):
            key = _slug(row["person"])
            holder = self.holders.get(key)
            if holder is None:
                holder = Holder(key, row["person"], row.get("gender") or None,
                                row.get("nationality") or None, tuple(_split(row.get("aliases"))))
                self.holders[key] = holder
            match = _TITLE.search(row.get("note") or "")
            title = match.group(1).strip() if match else row["office"]
            holder.offices.append(Office(row["office"], title, row["jurisdiction"],
                                         _date(row.get("start", "")), _date(row.get("end", ""))))
        self.by_name: dict[str, list[Holder]] = defaultdict(list)
        self.by_surname: dict[str, list[Holder]] = defaultdict(list)
        for holder in self.holders.values():
            forms = {holder.name, *holder.aliases}
            for form in forms:
                self.by_name[normalize(form)].append(holder)
                if len(form.split()) == 1:
                    self.by_surname[normalize(form)].append(holder)
            self.by_surname[normalize(holder.surname)].append(holder)

    def by_full_name(self, text: str) -> Holder | None:
        found = {h.id: h for h in self.by_name.get(normalize(text), [])}
        return next(iter(found.values())) if len(found) == 1 else None

    def by_last_name(self, text: str, day: date | None) -> Holder | None:
        """The one holder with this surname in office around ``day``, if exactly one."""
        found = {h.id: h for h in self.by_surname.get(normalize(text), []) if h.active_near(day)}
        return next(iter(found.values())) if len(found) == 1 else None

    def link(self, text: str, day: date | None) -> Holder | None:
        if len(text.split()) > 1:
            return self.by_full_name(text)
        return self.by_last_name(text, day)


@lru_cache(maxsize=1)
def office_holders() -> OfficeHolders:
    return OfficeHolders()
