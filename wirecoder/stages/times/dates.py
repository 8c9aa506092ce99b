"""Builders for expressions that name the calendar: dates, months, years, decades,
quarters, seasons, named days, weekdays and clock times."""

from __future__ import annotations

import re

from .calendar import holiday_date
from .helpers import NEXT_WORDS, capitalized, day_of, lowered, mod_of, month_of, registry, valid_date
from .readings import Fixed, Impossible, Reading, Shift, Weekday, Yearless

BUILDERS, builder = registry()
NO_SUCH_DAY = Reading("DATE", Impossible("the calendar has no such day"))


@builder("date_mdy", "date_dmy", "date_iso")
def _full_date(m, lex, text):
    month = int(m.group("month")) if m.group("month").isdigit() else month_of(m, lex)
    year, day = int(m.group("year")), day_of(m)
    if month is None:
        return None
    if not valid_date(year, month, day):
        return NO_SUCH_DAY
    return Reading("DATE", Fixed(f"{year:04d}-{month:02d}-{day:02d}"))


@builder("date_range_md", "date_range_dm")
def _date_range(m, lex, text):
    """'December 8-9', '8-10 December 2025': one stretch of days."""
    month, first, last = month_of(m, lex), day_of(m), int(re.match(r"\d+", m.group("day2")).group())
    if month is None or not first < last:
        return None
    if not valid_date(int(m.group("year") or 2000), month, last):
        return NO_SUCH_DAY
    if m.group("year"):
        year = int(m.group("year"))
        return Reading("DATE", Fixed(f"{year:04d}-{month:02d}-{first:02d}/{year:04d}-{month:02d}-{last:02d}"))
    return Reading("DATE", Yearless(month=month, day=first, until_day=last))


@builder("date_md", "date_dm")
def _month_day(m, lex, text):
    month, day = month_of(m, lex), day_of(m)
    if month is None:
        return None
    if not valid_date(2000, month, day):  # a leap year: "29 February" exists
        return NO_SUCH_DAY
    weekday = lex.weekdays.get(lowered(m, "weekday")) if capitalized(m, "weekday") else None
    return Reading("DATE", Yearless(month=month, day=day, weekday=weekday), mod=mod_of(m, lex))


@builder("month_year")
def _month_year(m, lex, text):
    month = month_of(m, lex)
    return Reading("DATE", Fixed(f"{int(m.group('year'))}-{month:02d}"), mod=mod_of(m, lex)) if month else None


@builder("month")
def _month_alone(m, lex, text):
    word = lowered(m, "month")
    if word not in lex.full_months or not capitalized(m, "month"):
        return None  # a bare abbreviation ("Jan") is more often a name
    return Reading("DATE", Yearless(month=lex.months[word], relation=lowered(m, "rel")), mod=mod_of(m, lex))


@builder("set_month")
def _every_month(m, lex, text):
    word = lowered(m, "month")
    return Reading("SET", Fixed(f"XXXX-{lex.months[word]:02d}")) if word in lex.full_months else None


@builder("decade")
def _decade(m, lex, text):
    digits = re.sub(r"\D", "", m.group("decade"))
    if len(digits) == 2:
        digits = ("20" if int(digits) < 30 else "19") + digits
    return Reading("DATE", Fixed(digits[:3]), mod=mod_of(m, lex))


@builder("century")
def _century(m, lex, text):
    word = lowered(m, "ord")
    n = lex.ordinals.get(word) or int(re.match(r"\d+", word).group())
    return Reading("DATE", Fixed(f"{n - 1:02d}"), mod=mod_of(m, lex)) if 1 <= n <= 21 else None


@builder("year")
def _year(m, lex, text):
    return Reading("DATE", Fixed(m.group("year")), mod=mod_of(m, lex))


@builder("quarter", "quarter_code")
def _quarter(m, lex, text):
    if lowered(m, "code"):
        code = m.group("code")
        if not code[0].isupper():
            return None
        n = int(code[1]) + (4 if code[0] == "H" else 0)
    else:
        n = int(re.match(r"\d", lowered(m, "ord")).group()) if lowered(m, "ord")[0].isdigit() else lex.ordinals[lowered(m, "ord")]
        if lowered(m, "unit") == "half":
            if n > 2:
                return None
            n += 4
    year = m.groupdict().get("year") or m.groupdict().get("year2")
    label = f"Q{n}" if n <= 4 else f"H{n - 4}"
    if year:
        return Reading("DATE", Fixed(f"{year}-{label}"), mod=mod_of(m, lex))
    offset = {"this": 0, "last": -1, "next": 1}.get(lowered(m, "yrel"))
    return Reading("DATE", Yearless(quarter=n, year_offset=offset), mod=mod_of(m, lex))


@builder("month_relyear", "quarter_relyear")
def _relative_year(m, lex, text):
    offset = {"this": 0, "last": -1, "next": 1}[lowered(m, "yrel")]
    if m.groupdict().get("month"):
        month = month_of(m, lex)
        return Reading("DATE", Yearless(month=month, year_offset=offset), mod=mod_of(m, lex)) if month else None
    if not lowered(m, "ord"):  # "last year's quarter": the quarter being discussed, in that year
        return Reading("DATE", Shift("Y", offset, "reference", base="comparative"))
    n = lex.ordinals[lowered(m, "ord")]
    return Reading("DATE", Yearless(quarter=n if lowered(m, "unit") == "quarter" else n + 4, year_offset=offset))


@builder("quarter_rel")
def _quarter_rel(m, lex, text):
    rel, unit = lowered(m, "rel"), lowered(m, "unit")
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
    kind = lowered(m, "kind") or ""
    if kind.startswith(("latest", "past")):
        return Reading("DATE", Shift("Y", -1, "year"))
    return Reading("DATE", Shift("Y", 0, "year"))


@builder("year_earlier")
def _year_earlier(m, lex, text):
    return Reading("DATE", Shift("Y", -1, "reference", base="comparative"))


@builder("season")
def _season(m, lex, text):
    code = lex.seasons[lowered(m, "season")]
    if m.groupdict().get("year"):
        return Reading("DATE", Fixed(f"{m.group('year')}-{code}"), mod=mod_of(m, lex))
    return Reading("DATE", Yearless(season=code, relation=lowered(m, "rel")), mod=mod_of(m, lex))


@builder("holiday")
def _holiday(m, lex, text):
    if not capitalized(m, "holiday"):
        return None
    holiday = lex.holidays[re.sub(r"\s+", " ", lowered(m, "holiday").replace("’", "'"))]
    if m.groupdict().get("year"):
        return Reading("DATE", Fixed(holiday_date(holiday, int(m.group("year"))).isoformat()))
    return Reading("DATE", Yearless(holiday=holiday))


@builder("weekday_set")
def _weekday_set(m, lex, text):
    group = next(g for g in ("weekday", "weekdays", "weekday2") if m.group(g))
    if not capitalized(m, group):
        return None
    word = lowered(m, group)
    part = lex.parts.get(lowered(m, "part") or lowered(m, "parts") or lowered(m, "part2") or "")
    return Reading("SET", Fixed(f"XXXX-WXX-{lex.weekdays[word]}" + (f"T{part}" if part else "")))


@builder("weekday")
def _weekday(m, lex, text):
    if not capitalized(m, "weekday"):
        return None
    part = lex.parts.get(lowered(m, "part") or "")
    core = Weekday(lex.weekdays[lowered(m, "weekday")], lowered(m, "rel"))
    return Reading("TIME" if part else "DATE", core, part=part, mod=mod_of(m, lex))


def _clock(hour: int, minute: int, ampm: str | None) -> str | None:
    if ampm:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    return f"{hour:02d}:{minute:02d}"


@builder("clock", "clock24", "clock_zone", "clock_part")
def _clock_time(m, lex, text):
    hour_text = lowered(m, "hour")
    hour = int(hour_text) if hour_text.isdigit() else lex.number(hour_text)
    if not isinstance(hour, int):
        return None
    ampm = lowered(m, "ampm")
    part = lowered(m, "part")
    if part:
        ampm = "pm" if part in ("afternoon", "evening") and hour < 12 else "am"
    clock = _clock(hour, int(m.groupdict().get("minute") or 0), ampm)
    mod = "APPROX" if lowered(m, "pre") else None
    return Reading("TIME", Shift("D", 0, "day", base="sentence"), part=clock, mod=mod) if clock else None


@builder("noon")
def _noon(m, lex, text):
    part = lex.parts[lowered(m, "part")]
    if lowered(m, "weekday"):
        core = Weekday(lex.weekdays[lowered(m, "weekday")])
    elif lowered(m, "rel"):
        core = Shift("D", {"yesterday": -1, "today": 0, "tomorrow": 1}[lowered(m, "rel")], "day")
    else:
        core = Shift("D", 0, "day", base="sentence")
    return Reading("TIME", core, part=part, mod=mod_of(m, lex))


@builder("part_deictic", "part_deictic2")
def _part_deictic(m, lex, text):
    n = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(lowered(m, "rel"), 0)
    return Reading("TIME", Shift("D", n, "day"), part=lex.parts[lowered(m, "part")], mod=mod_of(m, lex))


@builder("spoken_year")
def _spoken_year(m, lex, text):
    if lowered(m, "thousand"):
        rest = lex.number(m.group("rest2")) if m.group("rest2") else 0
        return Reading("DATE", Fixed(str(2000 + rest))) if isinstance(rest, int) and rest < 100 else None
    century = lex.number(m.group("century"))
    rest = lowered(m, "rest")
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
            "eighties": 8, "nineties": 9}[lowered(m, "decade")]
    return Reading("DATE", Fixed(f"19{tens}"), mod=mod_of(m, lex))


@builder("part_alone")
def _part_alone(m, lex, text):
    return Reading("TIME", Shift("D", 0, "day", base="sentence"), part=lex.parts[lowered(m, "part")], mod=mod_of(m, lex))


@builder("quarter_year")
def _quarter_year(m, lex, text):
    n = lex.ordinals[lowered(m, "ord")]
    if lowered(m, "unit") == "half" and n > 2:
        return None
    return Reading("DATE", Fixed(f"{m.group('year')}-{'Q' if lowered(m, 'unit') == 'quarter' else 'H'}{n}"))
