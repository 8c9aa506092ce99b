"""Builders for expressions counted from something else: "three years ago", "the
past week", "last month", durations and sets, "the next day", "the eve of the
visit", and the fixed expressions of expressions.csv."""

from __future__ import annotations

import re

from .helpers import GRANULARITY, NEXT_WORDS, PAST_WORDS, duration, lowered, mod_of, registry
from .readings import EventDate, Fixed, Reading, Shift, Stretch, Weekday

BUILDERS, builder = registry()


@builder("ago")
def _ago(m, lex, text):
    direction = re.sub(r"\s+", " ", lowered(m, "dir"))
    if direction in ("before", "after") and not re.match(r"\s*(?:[,.;:)]|$)", text[m.end():m.end() + 3]):
        return None  # "two days before the vote": the vote's date decides (or nothing does)
    unit = lex.unit_forms[lowered(m, "unit")]
    n = lex.number(m.group("num")) if m.group("num") else "X"
    if n is None or unit in ("H", "MIN", "S") and n == "X":
        return None
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if n == "X":
        return Reading("DATE", Fixed("PAST_REF" if sign < 0 else "FUTURE_REF"), mod=mod_of(m, lex))
    if unit in ("DE", "CE", "ML"):
        unit, n = "Y", n * {"DE": 10, "CE": 100, "ML": 1000}[unit]
    if unit == "2W":
        unit, n = "W", n * 2
    if n != int(n):
        unit, n = ({"Y": ("M", n * 12), "M": ("D", n * 30), "W": ("D", n * 7)}.get(unit, (unit, n)))
    base = "published" if direction in ("ago", "from now", "hence") else "reference"
    if unit == "Y" and n == 1 and sign < 0:  # "up from $5 million a year ago": the same period, a year before
        return Reading("DATE", Shift("Y", -1, "reference", base="comparative"), mod=mod_of(m, lex))
    if unit in ("H", "MIN", "S"):
        return Reading("DATE", Shift("D", 0, "day", base=base), mod=mod_of(m, lex))
    return Reading("DATE", Shift(unit, sign * int(round(n)), GRANULARITY[unit], base=base), mod=mod_of(m, lex))


@builder("stretch")
def _stretch(m, lex, text):
    rel, unit_word = lowered(m, "rel"), lowered(m, "unit")
    unit = lex.unit_forms[unit_word]
    plural = unit_word not in lex.units
    n = lex.number(m.group("num")) if m.group("num") else ("X" if plural else 1)
    if n is None or not m.group("num") and not plural and (
            rel in ("following", "previous", "preceding", "ensuing")
            or not m.group("the") and rel in ("last", "next", "coming")):
        return None  # "last week", "the following year" are dates (relunit); "the past week" is a stretch
    value = duration(n, unit)
    mod = mod_of(m, lex) or lex.modifier(lowered(m, "post"), "post")
    if rel in PAST_WORDS or rel in NEXT_WORDS:
        direction = "past" if rel in PAST_WORDS else "next"
        return Reading("DURATION", Stretch(value, unit, None if n == "X" else n, direction), mod=mod)
    return Reading("DURATION", Fixed(value), mod=mod)


@builder("relunit")
def _relunit(m, lex, text):
    rel, unit = re.sub(r"\s+", " ", lowered(m, "rel")), lex.unit_forms[lowered(m, "unit")]
    mod = mod_of(m, lex)
    if unit == "WE":
        relation = {"last": "last", "next": "next", "coming": "next", "past": "last"}.get(rel)
        return Reading("DATE", Weekday(6, relation, weekend=True), mod=mod)
    if rel == "the" and not lowered(m, "pre"):
        if unit == "Q":  # "the quarter": the quarter being discussed
            return Reading("DATE", Shift("Q", 0, "quarter", base="period"))
        return None
    n = -1 if rel in ("last", "past", "previous", "the previous") else 1 if rel in (
        "next", "coming", "following", "the following") else 0
    base = "reference" if rel in ("previous", "the previous", "following", "the following", "the same", "that") \
        else "published"
    return Reading("DATE", Shift(unit, n, GRANULARITY[unit], base=base), mod=mod)


@builder("set_every", "set_freq")
def _set(m, lex, text):
    unit = lex.unit_forms[lowered(m, "unit")]
    if unit == "WE":
        return Reading("SET", Fixed("XXXX-WXX-WE"))
    n = 2 if lowered(m, "other") else (lex.number(m.group("num")) if m.groupdict().get("num") else 1)
    return Reading("SET", Fixed(duration(n, unit))) if isinstance(n, (int, float)) else None


@builder("duration")
def _duration(m, lex, text):
    unit = lex.unit_forms[lowered(m, "unit")]
    n = lex.number(m.group("num"))
    if n is None or lowered(m, "age") == "old" or unit == "S" and lowered(m, "num") in ("a", "an"):
        return None
    if re.fullmatch(r"1[6-9]\d\d|20\d\d", m.group("num")) and lowered(m, "unit") in lex.units:
        return None  # "the 1988 quarter": a year, not 1988 quarters
    if m.group("half"):
        n += 0.5
    mod = mod_of(m, lex) or lex.modifier(lowered(m, "post"), "post")
    return Reading("DURATION", Fixed(duration(n, unit)), mod=mod)


@builder("bare_plural")
def _bare_plural(m, lex, text):
    return Reading("DURATION", Fixed(duration("X", lex.unit_forms[lowered(m, "unit")])))


@builder("unit_before")
def _unit_before(m, lex, text):
    if not re.match(r"\s*(?:[,.;:)]|$)", text[m.end():m.end() + 3]):
        return None
    unit = lex.unit_forms[lowered(m, "unit")]
    sign = -1 if lowered(m, "dir") in ("before", "earlier") else 1
    return Reading("DATE", Shift(unit, sign, GRANULARITY[unit], base="reference"))


@builder("offset")
def _offset(m, lex, text):
    offset = lex.offsets[re.sub(r"\s+", " ", lowered(m, "offset"))]
    mod = {"earlier": "START", "early": "START", "later": "END", "late": "END"}.get(lowered(m, "pre"))
    return Reading("TIME" if offset.part else "DATE", Shift("D", offset.days, "day", base="reference"),
                   part=offset.part, mod=mod)


@builder("event_offset", "event_span")
def _event(m, lex, text):
    event = lowered(m, "event")
    if lowered(m, "offset"):
        offset = lex.offsets[re.sub(r"\s+", " ", lowered(m, "offset"))]
        days, part = offset.days, offset.part
        if offset.days == 0 or lowered(m, "offset").startswith("that"):
            return None
    else:
        unit, n = lex.unit_forms[lowered(m, "unit")], lex.number(m.group("num"))
        if unit not in ("D", "W") or not isinstance(n, int):
            return None
        days = n * (7 if unit == "W" else 1) * (-1 if lowered(m, "dir") == "before" else 1)
        part = None
    return Reading("TIME" if part else "DATE", EventDate(days, event, m.start("event")), part=part)


@builder("expression")
def _expression(m, lex, text):
    expression = lex.expressions[re.sub(r"\s+", " ", lowered(m, "expr"))]
    found = re.fullmatch(r"@(\w+)([+-]\d+)(T\w+)?", expression.value)
    if found:
        unit = {"day": "D", "week": "W", "month": "M", "year": "Y"}[found.group(1)]
        part = found.group(3)[1:] if found.group(3) else None
        return Reading(expression.type, Shift(unit, int(found.group(2)), GRANULARITY[unit]), part=part,
                       mod=expression.mod)
    return Reading(expression.type, Fixed(expression.value), mod=expression.mod)
