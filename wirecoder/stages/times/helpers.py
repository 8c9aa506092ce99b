"""Reading the parts of a rule match: shared by the date and the relative builders."""

from __future__ import annotations

import re
from datetime import date

GRANULARITY = {"D": "day", "W": "week", "WE": "weekend", "2W": "week", "M": "month", "Q": "quarter", "Y": "year",
               "DE": "decade", "CE": "century", "ML": "century", "H": "day", "MIN": "day", "S": "day"}
PAST_WORDS = frozenset({"past", "last", "previous", "preceding", "recent"})
NEXT_WORDS = frozenset({"next", "coming", "following", "ensuing", "remaining"})


def registry():
    """A builder table and the decorator that fills it: ``@builder("rule", ...)``."""
    table = {}

    def builder(*names):
        def register(fn):
            for name in names:
                table[name] = fn
            return fn
        return register
    return table, builder


def lowered(m: re.Match, name: str) -> str | None:
    value = m.groupdict().get(name)
    return value.lower() if value else None


def capitalized(m: re.Match, name: str) -> bool:
    value = m.groupdict().get(name)
    return bool(value) and value[0].isupper()


def month_of(m, lex) -> int | None:
    return lex.months.get(lowered(m, "month").rstrip(".")) if capitalized(m, "month") else None


def day_of(m) -> int:
    return int(re.match(r"\d+", m.group("day")).group())


def mod_of(m, lex) -> str | None:
    pre = lowered(m, "pre")
    return {"earlier": "START", "later": "END"}.get(pre) or lex.modifier(pre, "pre")


def valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def duration(n, unit: str) -> str:
    """TimeML duration of n units: P3D, PT5H30M, P2Y6M, P20Y (two decades), PXW."""
    if unit == "2W":
        unit, n = "W", (n * 2 if isinstance(n, (int, float)) else n)
    if unit in ("DE", "CE", "ML"):
        unit, n = "Y", (n * {"DE": 10, "CE": 100, "ML": 1000}[unit] if isinstance(n, (int, float)) else n)
    timed = unit in ("H", "MIN", "S")
    letter = {"MIN": "M", "WE": "WE"}.get(unit, unit)
    prefix = "PT" if timed else "P"
    if n == "X" or n is None:
        return f"{prefix}X{letter}"
    whole, half = int(n), n - int(n) >= 0.5
    smaller = {"Y": ("M", 6), "M": ("D", 15), "W": ("D", 3), "D": ("H", 12), "H": ("M", 30), "MIN": ("S", 30)}
    text = f"{prefix}{whole}{letter}" if whole else prefix
    if half and unit in smaller:
        small, amount = smaller[unit]
        text += ("T" if unit == "D" else "") + f"{amount}{small}"
    return text
