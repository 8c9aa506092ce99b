"""From a rule's regex match to a ``Reading`` (what the expression says).

One builder per rule, registered in ``BUILDERS``. A builder returns None when
the match is not a time expression after all (a lowercase "may", an age like
"44-year-old"); the grammar then keeps a shorter or different match.
"""

from __future__ import annotations

import re
from datetime import date

from .calendar import holiday_date
from .lexicon import TimeLexicon
from .readings import EventDate, Fixed, Reading, Shift, Stretch, Weekday, Yearless

GRANULARITY = {"D": "day", "W": "week", "WE": "weekend", "2W": "week", "M": "month", "Q": "quarter", "Y": "year",
               "DE": "decade", "CE": "century", "ML": "century", "H": "day", "MIN": "day", "S": "day"}
PAST_WORDS = frozenset({"past", "last", "previous", "preceding", "recent"})
NEXT_WORDS = frozenset({"next", "coming", "following", "ensuing", "remaining"})
BUILDERS = {}


def builder(*names):
    def register(fn):
        for name in names:
            BUILDERS[name] = fn
        return fn
    return register


def _g(m: re.Match, name: str) -> str | None:
    value = m.groupdict().get(name)
    return value.lower() if value else None


def _capital(m: re.Match, name: str) -> bool:
    value = m.groupdict().get(name)
    return bool(value) and value[0].isupper()


def _month(m, lex) -> int | None:
    return lex.months.get(_g(m, "month").rstrip(".")) if _capital(m, "month") else None


def _day(m) -> int:
    return int(re.match(r"\d+", m.group("day")).group())


def _pre(m, lex) -> str | None:
    pre = _g(m, "pre")
    return {"earlier": "START", "later": "END"}.get(pre) or lex.modifier(pre, "pre")


def _valid(year: int, month: int, day: int) -> bool:
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


@builder("date_mdy", "date_dmy", "date_iso", "date_slash")
def _full_date(m, lex, text):
    month = int(m.group("month")) if m.group("month").isdigit() else _month(m, lex)
    year, day = int(m.group("year")), _day(m)
    if month is None or not _valid(year, month, day):
        return None
    return Reading("DATE", Fixed(f"{year:04d}-{month:02d}-{day:02d}"))


@builder("date_md", "date_dm")
def _month_day(m, lex, text):
    month, day = _month(m, lex), _day(m)
    if month is None or not _valid(2000, month, day):
        return None
    weekday = lex.weekdays.get(_g(m, "weekday")) if _capital(m, "weekday") else None
    return Reading("DATE", Yearless(month=month, day=day, weekday=weekday), mod=_pre(m, lex))


@builder("month_year")
def _month_year(m, lex, text):
    month = _month(m, lex)
    return Reading("DATE", Fixed(f"{int(m.group('year'))}-{month:02d}"), mod=_pre(m, lex)) if month else None


@builder("month")
def _month_alone(m, lex, text):
    word = _g(m, "month")
    if word not in lex.full_months or not _capital(m, "month"):
        return None  # a bare abbreviation ("Jan") is more often a name
    return Reading("DATE", Yearless(month=lex.months[word], relation=_g(m, "rel")), mod=_pre(m, lex))


@builder("set_month")
def _every_month(m, lex, text):
    word = _g(m, "month")
    return Reading("SET", Fixed(f"XXXX-{lex.months[word]:02d}")) if word in lex.full_months else None


@builder("decade")
def _decade(m, lex, text):
    digits = re.sub(r"\D", "", m.group("decade"))
    if len(digits) == 2:
        digits = ("20" if int(digits) < 30 else "19") + digits
    return Reading("DATE", Fixed(digits[:3]), mod=_pre(m, lex))


@builder("century")
def _century(m, lex, text):
    word = _g(m, "ord")
    n = lex.ordinals.get(word) or int(re.match(r"\d+", word).group())
    return Reading("DATE", Fixed(f"{n - 1:02d}"), mod=_pre(m, lex)) if 1 <= n <= 21 else None


@builder("year")
def _year(m, lex, text):
    return Reading("DATE", Fixed(m.group("year")), mod=_pre(m, lex))


@builder("quarter", "quarter_code")
def _quarter(m, lex, text):
    if _g(m, "code"):
        code = m.group("code")
        if not code[0].isupper():
            return None
        n = int(code[1]) + (4 if code[0] == "H" else 0)
    else:
        n = int(re.match(r"\d", _g(m, "ord")).group()) if _g(m, "ord")[0].isdigit() else lex.ordinals[_g(m, "ord")]
        if _g(m, "unit") == "half":
            if n > 2:
                return None
            n += 4
    year = m.groupdict().get("year") or m.groupdict().get("year2")
    label = f"Q{n}" if n <= 4 else f"H{n - 4}"
    if year:
        return Reading("DATE", Fixed(f"{year}-{label}"), mod=_pre(m, lex))
    offset = {"this": 0, "last": -1, "next": 1}.get(_g(m, "yrel"))
    return Reading("DATE", Yearless(quarter=n, year_offset=offset), mod=_pre(m, lex))


@builder("month_relyear", "quarter_relyear")
def _relative_year(m, lex, text):
    offset = {"this": 0, "last": -1, "next": 1}[_g(m, "yrel")]
    if m.groupdict().get("month"):
        month = _month(m, lex)
        return Reading("DATE", Yearless(month=month, year_offset=offset), mod=_pre(m, lex)) if month else None
    if not _g(m, "ord"):  # "last year's quarter": the quarter being discussed, in that year
        return Reading("DATE", Shift("Y", offset, "reference", base="comparative"))
    n = lex.ordinals[_g(m, "ord")]
    return Reading("DATE", Yearless(quarter=n if _g(m, "unit") == "quarter" else n + 4, year_offset=offset))


@builder("quarter_rel")
def _quarter_rel(m, lex, text):
    rel, unit = _g(m, "rel"), _g(m, "unit")
    if rel in ("year-earlier", "year-ago"):
        return Reading("DATE", Shift("Y", -1, "reference", base="comparative"))
    if unit == "period":  # "the latest period": the quarter being reported
        return Reading("DATE", Shift("Q", 0, "quarter", base="period")) if rel == "latest" else None
    code = "Q" if unit == "quarter" else "H"
    n = 0 if rel == "current" else 1 if rel in NEXT_WORDS else -1
    return Reading("DATE", Shift(code, n, "quarter" if code == "Q" else "half"))


@builder("the_year")
def _the_year(m, lex, text):
    """'for the year ended Sept. 30' is a year-long period; 'for the (full) year' the current one."""
    if re.match(r"\s+(?:ended|ending)\b", text[m.end():m.end() + 10]):
        return Reading("DURATION", Fixed("P1Y"))
    kind = _g(m, "kind") or ""
    if kind.startswith(("latest", "past")):
        return Reading("DATE", Shift("Y", -1, "year"))
    return Reading("DATE", Shift("Y", 0, "year"))


@builder("year_earlier")
def _year_earlier(m, lex, text):
    return Reading("DATE", Shift("Y", -1, "reference", base="comparative"))


@builder("season")
def _season(m, lex, text):
    code = lex.seasons[_g(m, "season")]
    if m.groupdict().get("year"):
        return Reading("DATE", Fixed(f"{m.group('year')}-{code}"), mod=_pre(m, lex))
    return Reading("DATE", Yearless(season=code, relation=_g(m, "rel")), mod=_pre(m, lex))


@builder("holiday")
def _holiday(m, lex, text):
    if not _capital(m, "holiday"):
        return None
    holiday = lex.holidays[re.sub(r"\s+", " ", _g(m, "holiday").replace("’", "'"))]
    if m.groupdict().get("year"):
        return Reading("DATE", Fixed(holiday_date(holiday, int(m.group("year"))).isoformat()))
    return Reading("DATE", Yearless(holiday=holiday))


@builder("weekday_set")
def _weekday_set(m, lex, text):
    group = next(g for g in ("weekday", "weekdays", "weekday2") if m.group(g))
    if not _capital(m, group):
        return None
    word = _g(m, group)
    part = lex.parts.get(_g(m, "part") or _g(m, "parts") or _g(m, "part2") or "")
    return Reading("SET", Fixed(f"XXXX-WXX-{lex.weekdays[word]}" + (f"T{part}" if part else "")))


@builder("weekday")
def _weekday(m, lex, text):
    if not _capital(m, "weekday"):
        return None
    part = lex.parts.get(_g(m, "part") or "")
    core = Weekday(lex.weekdays[_g(m, "weekday")], _g(m, "rel"))
    return Reading("TIME" if part else "DATE", core, part=part, mod=_pre(m, lex))


def _clock(hour: int, minute: int, ampm: str | None) -> str | None:
    if ampm:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    return f"{hour:02d}:{minute:02d}"


@builder("clock", "clock24", "clock_zone", "clock_part")
def _clock_time(m, lex, text):
    hour_text = _g(m, "hour")
    hour = int(hour_text) if hour_text.isdigit() else lex.number(hour_text)
    if not isinstance(hour, int):
        return None
    ampm = _g(m, "ampm")
    part = _g(m, "part")
    if part:
        ampm = "pm" if part in ("afternoon", "evening") and hour < 12 else "am"
    clock = _clock(hour, int(m.groupdict().get("minute") or 0), ampm)
    mod = "APPROX" if _g(m, "pre") else None
    return Reading("TIME", Shift("D", 0, "day", base="sentence"), part=clock, mod=mod) if clock else None


@builder("noon")
def _noon(m, lex, text):
    part = lex.parts[_g(m, "part")]
    if _g(m, "weekday"):
        core = Weekday(lex.weekdays[_g(m, "weekday")])
    elif _g(m, "rel"):
        core = Shift("D", {"yesterday": -1, "today": 0, "tomorrow": 1}[_g(m, "rel")], "day")
    else:
        core = Shift("D", 0, "day", base="sentence")
    return Reading("TIME", core, part=part, mod=_pre(m, lex))


@builder("part_deictic", "part_deictic2")
def _part_deictic(m, lex, text):
    n = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(_g(m, "rel"), 0)
    return Reading("TIME", Shift("D", n, "day"), part=lex.parts[_g(m, "part")], mod=_pre(m, lex))


@builder("ago")
def _ago(m, lex, text):
    direction = re.sub(r"\s+", " ", _g(m, "dir"))
    if direction in ("before", "after") and not re.match(r"\s*(?:[,.;:)]|$)", text[m.end():m.end() + 3]):
        return None  # "two days before the vote": the vote's date decides (or nothing does)
    unit = lex.unit_forms[_g(m, "unit")]
    n = lex.number(m.group("num")) if m.group("num") else "X"
    if n is None or unit in ("H", "MIN", "S") and n == "X":
        return None
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if n == "X":
        return Reading("DATE", Fixed("PAST_REF" if sign < 0 else "FUTURE_REF"), mod=_pre(m, lex))
    if unit in ("DE", "CE", "ML"):
        unit, n = "Y", n * {"DE": 10, "CE": 100, "ML": 1000}[unit]
    if unit == "2W":
        unit, n = "W", n * 2
    if n != int(n):
        unit, n = ({"Y": ("M", n * 12), "M": ("D", n * 30), "W": ("D", n * 7)}.get(unit, (unit, n)))
    base = "published" if direction in ("ago", "from now", "hence") else "reference"
    if unit == "Y" and n == 1 and sign < 0:  # "up from $5 million a year ago": the same period, a year before
        return Reading("DATE", Shift("Y", -1, "reference", base="comparative"), mod=_pre(m, lex))
    if unit in ("H", "MIN", "S"):
        return Reading("DATE", Shift("D", 0, "day", base=base), mod=_pre(m, lex))
    return Reading("DATE", Shift(unit, sign * int(round(n)), GRANULARITY[unit], base=base), mod=_pre(m, lex))


@builder("stretch")
def _stretch(m, lex, text):
    rel, unit_word = _g(m, "rel"), _g(m, "unit")
    unit = lex.unit_forms[unit_word]
    plural = unit_word not in lex.units
    n = lex.number(m.group("num")) if m.group("num") else ("X" if plural else 1)
    if n is None or not m.group("num") and not plural and (
            rel in ("following", "previous", "preceding", "ensuing")
            or not m.group("the") and rel in ("last", "next", "coming")):
        return None  # "last week", "the following year" are dates (relunit); "the past week" is a stretch
    value = duration(n, unit)
    mod = _pre(m, lex) or lex.modifier(_g(m, "post"), "post")
    if rel in PAST_WORDS or rel in NEXT_WORDS:
        direction = "past" if rel in PAST_WORDS else "next"
        return Reading("DURATION", Stretch(value, unit, None if n == "X" else n, direction), mod=mod)
    return Reading("DURATION", Fixed(value), mod=mod)


@builder("relunit")
def _relunit(m, lex, text):
    rel, unit = re.sub(r"\s+", " ", _g(m, "rel")), lex.unit_forms[_g(m, "unit")]
    mod = _pre(m, lex)
    if unit == "WE":
        relation = {"last": "last", "next": "next", "coming": "next", "past": "last"}.get(rel)
        return Reading("DATE", Weekday(6, relation, weekend=True), mod=mod)
    if rel == "the" and not _g(m, "pre"):
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
    unit = lex.unit_forms[_g(m, "unit")]
    if unit == "WE":
        return Reading("SET", Fixed("XXXX-WXX-WE"))
    n = 2 if _g(m, "other") else (lex.number(m.group("num")) if m.groupdict().get("num") else 1)
    return Reading("SET", Fixed(duration(n, unit))) if isinstance(n, (int, float)) else None


@builder("duration")
def _duration(m, lex, text):
    unit = lex.unit_forms[_g(m, "unit")]
    n = lex.number(m.group("num"))
    if n is None or _g(m, "age") == "old" or unit == "S" and _g(m, "num") in ("a", "an"):
        return None
    if re.fullmatch(r"1[6-9]\d\d|20\d\d", m.group("num")) and _g(m, "unit") in lex.units:
        return None  # "the 1988 quarter": a year, not 1988 quarters
    if m.group("half"):
        n += 0.5
    mod = _pre(m, lex) or lex.modifier(_g(m, "post"), "post")
    return Reading("DURATION", Fixed(duration(n, unit)), mod=mod)


@builder("spoken_year")
def _spoken_year(m, lex, text):
    if _g(m, "thousand"):
        rest = lex.number(m.group("rest2")) if m.group("rest2") else 0
        return Reading("DATE", Fixed(str(2000 + rest))) if isinstance(rest, int) and rest < 100 else None
    century = lex.number(m.group("century"))
    rest = _g(m, "rest")
    if rest == "hundred":
        value = 0
    else:
        value = lex.number(re.sub(r"^oh[\s-]+", "", rest))
    if not isinstance(value, int) or not isinstance(century, int) or value >= 100:
        return None
    return Reading("DATE", Fixed(f"{century * 100 + value:04d}"))


@builder("spoken_decade")
def _spoken_decade(m, lex, text):
    tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
            "eighties": 8, "nineties": 9}[_g(m, "decade")]
    return Reading("DATE", Fixed(f"19{tens}"), mod=_pre(m, lex))


@builder("part_alone")
def _part_alone(m, lex, text):
    return Reading("TIME", Shift("D", 0, "day", base="sentence"), part=lex.parts[_g(m, "part")], mod=_pre(m, lex))


@builder("bare_plural")
def _bare_plural(m, lex, text):
    return Reading("DURATION", Fixed(duration("X", lex.unit_forms[_g(m, "unit")])))


@builder("unit_before")
def _unit_before(m, lex, text):
    if not re.match(r"\s*(?:[,.;:)]|$)", text[m.end():m.end() + 3]):
        return None
    unit = lex.unit_forms[_g(m, "unit")]
    sign = -1 if _g(m, "dir") in ("before", "earlier") else 1
    return Reading("DATE", Shift(unit, sign, GRANULARITY[unit], base="reference"))


@builder("quarter_year")
def _quarter_year(m, lex, text):
    n = lex.ordinals[_g(m, "ord")]
    if _g(m, "unit") == "half" and n > 2:
        return None
    return Reading("DATE", Fixed(f"{m.group('year')}-{'Q' if _g(m, 'unit') == 'quarter' else 'H'}{n}"))


@builder("offset")
def _offset(m, lex, text):
    offset = lex.offsets[re.sub(r"\s+", " ", _g(m, "offset"))]
    mod = {"earlier": "START", "early": "START", "later": "END", "late": "END"}.get(_g(m, "pre"))
    return Reading("TIME" if offset.part else "DATE", Shift("D", offset.days, "day", base="reference"),
                   part=offset.part, mod=mod)


@builder("event_offset", "event_span")
def _event(m, lex, text):
    event = _g(m, "event")
    if _g(m, "offset"):
        offset = lex.offsets[re.sub(r"\s+", " ", _g(m, "offset"))]
        days, part = offset.days, offset.part
        if offset.days == 0 or _g(m, "offset").startswith("that"):
            return None
    else:
        unit, n = lex.unit_forms[_g(m, "unit")], lex.number(m.group("num"))
        if unit not in ("D", "W") or not isinstance(n, int):
            return None
        days = n * (7 if unit == "W" else 1) * (-1 if _g(m, "dir") == "before" else 1)
        part = None
    return Reading("TIME" if part else "DATE", EventDate(days, event, m.start("event")), part=part)


@builder("expression")
def _expression(m, lex, text):
    expression = lex.expressions[re.sub(r"\s+", " ", _g(m, "expr"))]
    found = re.fullmatch(r"@(\w+)([+-]\d+)(T\w+)?", expression.value)
    if found:
        unit = {"day": "D", "week": "W", "month": "M", "year": "Y"}[found.group(1)]
        part = found.group(3)[1:] if found.group(3) else None
        return Reading(expression.type, Shift(unit, int(found.group(2)), GRANULARITY[unit]), part=part,
                       mod=expression.mod)
    return Reading(expression.type, Fixed(expression.value), mod=expression.mod)


def build(rule: str, m: re.Match, lex: TimeLexicon, text: str) -> Reading | None:
    return BUILDERS[rule](m, lex, text)
