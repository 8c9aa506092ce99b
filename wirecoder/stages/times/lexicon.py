"""The times lexicons, loaded once per process from wirecoder/data/times/.

Calendar words (months, weekdays, seasons, parts of the day, units, number
words, ordinals), fixed expressions ("now", "yesterday", "daily"), modifiers
("early", "more than"), named days, event nouns for anchored dates, offsets
("the eve of", "the next day") and tense cues. The grammar builds its regular
expressions from these tables, so adding a word never means touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...datafiles import read_rows
from ...settings import DATA_DIR

TIMES_DIR = DATA_DIR / "times"


def _rows(name: str) -> list[dict]:
    return read_rows(TIMES_DIR / name)


@dataclass(frozen=True)
class Expression:
    type: str  # TimeML type
    value: str  # TimeML value or "@unit+n[part]"
    mod: str | None = None


@dataclass(frozen=True)
class Holiday:
    name: str
    rule: str  # fixed, easter, orthodox, nth
    argument: str


@dataclass(frozen=True)
class Offset:
    days: int
    part: str | None


def alternation(words) -> str:
    """A regex alternation of the words, longest first, spaces matching any blank."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


class TimeLexicon:
    def __init__(self):
        self.calendar: dict[str, dict[str, str]] = {}
        for row in _rows("calendar.csv"):
            self.calendar.setdefault(row["class"], {})[row["word"]] = row["value"]
        self.months = {w: int(v) for w, v in self.calendar["month"].items()}
        # full names; abbreviations are the strict prefixes of another month word
        self.full_months = frozenset(w for w in self.months if not any(o != w and o.startswith(w) for o in self.months))
        self.weekdays = {w: int(v) for w, v in self.calendar["weekday"].items()}
        self.seasons = self.calendar["season"]
        self.parts = self.calendar["part"]
        self.units = self.calendar["unit"]
        self.unit_forms = {}  # surface form, singular or plural -> unit code
        for word, code in self.units.items():
            self.unit_forms[word] = code
            self.unit_forms[_plural(word)] = code
        self.numbers = self.calendar["number"]
        self.ordinals = {w: int(v) for w, v in self.calendar["ordinal"].items()}
        self.expressions = {_key(r["phrase"]): Expression(r["type"], r["value"], r.get("mod") or None)
                            for r in _rows("expressions.csv")}
        self.modifiers = {(_key(r["phrase"]), r["position"]): r["mod"] for r in _rows("modifiers.csv")}
        self.holidays = {_key(r["name"]): Holiday(r["name"], r["rule"], r["argument"])
                         for r in _rows("holidays.csv")}
        self.event_nouns = {r["noun"]: frozenset(r["related"].split("|")) for r in _rows("events.csv")}
        self.offsets = {_key(r["phrase"]): Offset(int(r["days"]), r["part"] or None)
                        for r in _rows("offsets.csv")}
        tense_rows = _rows("tense.csv")
        self.tense_cues = {r["word"]: r["tense"] for r in tense_rows if r["kind"] == "aux"}
        self.tense_verbs = {r["word"]: r["tense"] for r in tense_rows if r["kind"] == "verb"}
        self.tense_before = re.compile(r"\b(?:" + alternation(r["word"] for r in tense_rows if r["kind"] == "before")
                                       + r")\s+$", re.IGNORECASE)

    def modifier(self, phrase: str | None, position: str) -> str | None:
        return self.modifiers.get((_key(phrase), position)) if phrase else None

    def number(self, text: str) -> float | str | None:
        """'three' -> 3, '12' -> 12, 'twenty-four' -> 24, '5 1/2' -> 5.5, 'several' -> 'X'."""
        key = _key(text)
        if key in self.numbers:
            value = self.numbers[key]
            return value if value == "X" else int(value)
        key = key.replace(",", "")
        half = re.fullmatch(r"(.+?)\s+(?:1/2|and\s+a\s+half)", key)
        if half:
            whole = self.number(half.group(1))
            return whole + 0.5 if isinstance(whole, (int, float)) else None
        if re.fullmatch(r"\d+(\.\d+)?", key):
            return float(key) if "." in key else int(key)
        parts = re.split(r"[\s-]+", key)
        if len(parts) == 2 and all(p in self.numbers for p in parts):
            tens, ones = (self.numbers[p] for p in parts)
            if tens.isdigit() and ones.isdigit() and int(tens) % 10 == 0 and 0 < int(ones) < 10:
                return int(tens) + int(ones)
        return None


def _plural(word: str) -> str:
    if word.endswith("um"):
        return word[:-2] + "a"
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))


@lru_cache(maxsize=1)
def time_lexicon() -> TimeLexicon:
    return TimeLexicon()
