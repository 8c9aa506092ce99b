"""Where the rules are worth running: windows around trigger words.

Running ~40 regular expressions over every character of an article costs more
than the parse it follows. Every rule needs at least one word of a known class
(a month name, a unit, a digit, ...), so one pass over the spaCy tokens finds
where those words are, and each rule runs only in windows around its
triggers: from ``BACK`` characters before (room for "more than", "the first
half of") to ``AHEAD`` characters after. A match that reaches the end of its
window is matched again without the limit, so windows never cut an expression.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from spacy.tokens import Doc

from ..base import token_table
from .lexicon import TimeLexicon

BACK, AHEAD = 60, 90
STOPWORDS = frozenset({"the", "a", "an", "of", "to", "at", "in", "on", "last", "next", "this", "that", "every",
                       "each", "same", "before", "after", "round", "around", "right", "these", "near", "long",
                       "short", "later", "end", "st", "s", "'s", "foreseeable", "present", "clock"})
DIGIT = re.compile(r"\d")


def word_classes(lex: TimeLexicon) -> dict[str, frozenset[str]]:
    """Trigger word -> the classes it belongs to."""
    def words(phrases) -> set[str]:
        return {w for p in phrases for w in re.split(r"[\s-]+", p.replace("’", "'")) if w and w not in STOPWORDS}

    classes = {
        "month": set(lex.months),
        "weekday": set(lex.weekdays) | {w + "s" for w in lex.weekdays},
        "season": set(lex.seasons),
        "part": set(lex.parts),
        "unit": set(lex.unit_forms) | {"trading", "business", "working"},
        "quarter": {"quarter", "quarters", "half", "period"},
        "year": {"year", "years"},
        "century": {"century", "centuries"},
        "qcode": {"q1", "q2", "q3", "q4", "h1", "h2"},
        "holiday": words(h.name for h in lex.holidays.values()),
        "expression": words(lex.expressions),
        "offset": words(lex.offsets),
        "spoken": {"nineteen", "eighteen", "thousand", "twenties", "thirties", "forties", "fifties", "sixties",
                   "seventies", "eighties", "nineties"},
    }
    index: dict[str, set[str]] = defaultdict(set)
    for name, members in classes.items():
        for word in members:
            index[word].add(name)
    return {word: frozenset(names) for word, names in index.items()}


def trigger_positions(doc: Doc, index: dict[str, frozenset[str]]) -> dict[str, list[int]]:
    """Class -> character offsets of the tokens that belong to it ("digit": tokens with a digit)."""
    found: dict[str, list[int]] = defaultdict(list)
    table = token_table(doc)
    for word, offset in zip(table.lowers, table.offsets):
        classes = index.get(word) or index.get(word.rstrip("."))
        if classes:
            for name in classes:
                found[name].append(offset)
        if DIGIT.search(word):
            found["digit"].append(offset)
    return found


def windows(starts: list[int], size: int) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start in sorted(starts):
        low, high = max(0, start - BACK), min(size, start + AHEAD)
        if merged and low <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [(low, high) for low, high in merged]


def search(pattern: re.Pattern, text: str, spans: list[tuple[int, int]]) -> Iterator[re.Match]:
    seen = set()
    for low, high in spans:
        for match in pattern.finditer(text, low, high):
            if match.end() >= high and high < len(text):  # it may go on past the window
                match = pattern.match(text, match.start()) or match
            if match.start() not in seen:
                seen.add(match.start())
                yield match
