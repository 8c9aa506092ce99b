"""Reading the value of a written number: "1,600", "2.5 million", "twenty-five",
"a dozen", "tens of thousands".

Pure functions over lowercased words, so they are tested without spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import NumberWord

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(k|m|mn|bn)?$")


@dataclass(frozen=True)
class Reading:
    value: float
    vague: bool  # a plural of a round number ("dozens", "hundreds"): a lower bound


def digit_value(word: str) -> float | None:
    """ "1,600" -> 1600.0, "2.5" -> 2.5, "3bn" -> 3e9; None if not a plain number."""
    match = _DIGITS.match(word.lower())
    if not match:
        return None
    whole, fraction, suffix = match.groups()
    value = float(whole.replace(",", "") + ("." + fraction if fraction else ""))
    return value * {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}.get(suffix or "", 1)


def is_number_word(word: str, words: dict[str, NumberWord]) -> bool:
    word = word.lower()
    if digit_value(word) is not None or word in words:
        return True
    parts = [part for part in word.split("-") if part]
    return len(parts) > 1 and all(part in words for part in parts)


def read_number(parts: list[str], words: dict[str, NumberWord]) -> Reading | None:
    """The value of consecutive number words; None when they do not make a number.

    "a"/"an" count as one before a scale or "dozen"; "of" joins vague plurals
    ("tens of thousands"); hyphens join word numbers ("twenty-five").
    """
    tokens = [p for part in parts for p in part.lower().split("-") if p]
    total, current, seen, vague, digits = 0.0, 0.0, False, False, False
    big = float("inf")  # the last scale of 1000 or more: the next must be smaller ("a million million": no number)
    for i, token in enumerate(tokens):
        if token in ("a", "an") and i + 1 < len(tokens):
            current, seen = max(current, 1.0), True
            continue
        if token == "of" and seen:
            continue
        if token == "and" and seen:  # "two hundred and fifty"
            continue
        number = digit_value(token)
        if number is not None:
            if digits or current or total:  # "1,000 1", "one 1": numbers side by side, not one; which counts?
                return None
            current, seen, digits = current + number, True, True
            continue
        word = words.get(token)
        if word is None:
            return None
        seen = True
        if word.kind == "unit":
            if token != "dozen" and (vague or digits or (current and not _adds_to(current, word.value))):
                return None  # "one one", "thousands one", "250 one": numbers side by side, not one number
            current = current + word.value if token != "dozen" else max(current, 1.0) * word.value
        else:  # a scale ("million") or a vague plural ("dozens", "tens of thousands")
            vague = vague or word.kind != "scale"
            if word.value >= 1000:
                if word.value >= big:
                    return None  # "a billion billion", "thousands of thousands": a figure of speech
                big = word.value
            current = max(current, 1.0) * word.value
            if word.value >= 1000:
                total, current = total + current, 0.0
    if not seen:
        return None
    return Reading(total + current, vague)


def _adds_to(current: float, unit: float) -> bool:
    """Whether a unit word continues the number before it: "twenty five", "two hundred fifteen"."""
    if current % 100 == 0:
        return unit < 100
    return current % 10 == 0 and current % 100 >= 20 and unit < 10
