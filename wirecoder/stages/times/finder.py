"""From a parsed Doc to time items: match, check, choose, merge, resolve.

1. every grammar rule runs over the text and each match is read (``builders``);
2. the parse vetoes what is not a time expression (``filters``);
3. the longest non-overlapping matches are kept (earlier rules win ties);
4. a clock time directly followed by its day ("5 p.m. EST, Nov. 6",
   "10 p.m. Wednesday") becomes one expression, as in TimeML, and so does a
   relative date with the calendar date an editor put after it in brackets
   ("yesterday [9 February]": the bracketed date is its value);
5. each kept match gets its governing verb's tense and is resolved in text order.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from ...textspans import containment
from ..base import text_of
from .builders import build
from .filters import plausible
from .grammar import Grammar
from .items import TimeItem
from .lexicon import TimeLexicon
from .readings import Fixed, Impossible, Match, Reading, Shift, Weekday, Yearless
from .resolve import Candidate, Resolver
from .tense import governor

JOINER = re.compile(r"\s*,?\s*")
BRACKET_OPEN = re.compile(r"\s*[\[(]\s*")
BRACKET_CLOSE = re.compile(r"\s*[\])]")
DAY = re.compile(r"\d{4}-\d\d-\d\d")
CLOCK_RULES = frozenset({"clock", "clock24", "clock_zone", "clock_part", "noon"})


def matches(doc: Doc, grammar: Grammar, lex: TimeLexicon, text: str) -> list[Match]:
    found = []
    for rule, m in grammar.scan(doc, text):
        reading = build(rule, m, lex, text)
        if reading is None:
            continue
        match = Match(m.start(), m.end(), rule, reading)
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        match = plausible(match, span) if span is not None else None
        if match is not None:
            found.append(match)
    return found


def choose(found: list[Match], priority: dict[str, int]) -> list[Match]:
    """Longest first, earlier rules first among equals; no two kept matches overlap."""
    starts: list[int] = []  # kept matches, sorted by start (they never overlap)
    ends: list[int] = []
    kept: list[Match] = []
    for match in sorted(found, key=lambda m: (-m.length, priority[m.rule], m.start)):
        i = bisect_right(starts, match.start)
        if i > 0 and ends[i - 1] > match.start or i < len(starts) and starts[i] < match.end:
            continue
        starts.insert(i, match.start)
        ends.insert(i, match.end)
        kept.insert(i, match)
    return kept


def _is_calendar(reading: Reading) -> bool:
    """A date the text gives whole or without its year: "9 February", "17/01"."""
    return reading.type == "DATE" and (isinstance(reading.core, Yearless) and reading.core.day is not None
                                       or isinstance(reading.core, Fixed) and bool(DAY.fullmatch(reading.core.value)))


def _is_day(reading: Reading) -> bool:
    core = reading.core
    if reading.part is not None or reading.type != "DATE":
        return False
    if isinstance(core, Weekday):
        return not core.weekend
    if isinstance(core, Yearless):
        return core.day is not None or core.holiday is not None
    if isinstance(core, Fixed):
        return bool(re.fullmatch(r"\d{4}-\d\d-\d\d", core.value))
    return isinstance(core, Shift) and core.unit == "D"


def merge(kept: list[Match], text: str) -> list[Match]:
    merged: list[Match] = []
    for match in kept:
        previous = merged[-1] if merged else None
        if (previous is not None and not isinstance(previous.reading.core, Fixed) and _is_calendar(match.reading)
                and BRACKET_OPEN.fullmatch(text[previous.end:match.start])
                and BRACKET_CLOSE.match(text, match.end)):
            # "yesterday [9 February]": the editor's date is the expression's value
            end = BRACKET_CLOSE.match(text, match.end).end()
            merged[-1] = Match(previous.start, end, match.rule, replace(match.reading, mod=previous.reading.mod))
            continue
        if (previous is not None and previous.rule in CLOCK_RULES and isinstance(previous.reading.core, Shift)
                and previous.reading.core.base == "sentence" and _is_day(match.reading)
                and JOINER.fullmatch(text[previous.end:match.start])):
            reading = Reading("TIME", match.reading.core, part=previous.reading.part, mod=previous.reading.mod)
            merged[-1] = Match(previous.start, match.end, match.rule, reading)
        else:
            merged.append(match)
    return merged


def find_times(doc: Doc, published: date | None, grammar: Grammar, lex: TimeLexicon,
               resolver: Resolver, names: list[tuple[int, int]] = ()) -> list[TimeItem]:
    """The time items of a parsed article; ``names`` are person-name spans ("April Ryan") to keep out of."""
    text = text_of(doc)
    in_name = containment(names)
    found = [m for m in matches(doc, grammar, lex, text) if not in_name(m.start, m.end)]
    kept = [m for m in merge(choose(found, grammar.priority), text) if not isinstance(m.reading.core, Impossible)]
    sentence_starts = [sent.start for sent in doc.sents]
    candidates = []
    for match in kept:
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        sentence = sentence_starts[bisect_right(sentence_starts, span.start) - 1]
        governed = governor(span, lex.tense_cues, lex.tense_verbs)
        if lex.tense_before.search(text, max(0, match.start - 20), match.start):
            governed = replace(governed, tense="future")  # "as early as Tuesday"
        candidates.append(Candidate(match.start, match.end, text[match.start:match.end], match.rule,
                                    match.reading, governed, sentence))
    return resolver.run(candidates, published)
