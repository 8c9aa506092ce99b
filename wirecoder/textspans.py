"""Character-level helpers shared by stages: paragraphs and quoted passages."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

OPENING = {"“": "”", "«": "»", "„": "“", '"': '"'}
SINGLE_OPENING = {"‘": "’", "‹": "›", "'": "'"}
# What may stand right before an opening single quote, and right after a closing one.
_BEFORE_SINGLE = set(" \t\n([{—–-\"“«:")
_AFTER_SINGLE = set(" \t\n,.;:!?)]}—–-\"”»")
_PARAGRAPH = re.compile(r"[^\n]+")
_DECADE = re.compile(r"\d0s\b")


@dataclass(frozen=True)
class Quotation:
    """A passage inside quotation marks; ``start``/``end`` exclude the marks."""

    start: int
    end: int
    mark: str  # the opening mark
    closed: bool = True  # False: left open at the end of its paragraph (continued in the next)

    @property
    def single(self) -> bool:
        return self.mark in SINGLE_OPENING


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks (straight, curly or guillemets), marks excluded.

    Quotes are paired within a paragraph; a quote left open at the end of a
    paragraph runs to its end (news style for quotes continued in the next
    paragraph, which then opens again).
    """
    return [(q.start, q.end) for q in _double_quotes(text)]


def quotations(text: str) -> list[Quotation]:
    """Every quoted passage: double marks as in ``quoted_spans``, plus single marks.

    Single quotes (‘…’, ‹…› and straight ') are taken only outside double
    quotes (inside them they are a quote within the quote) and only when they
    close within the paragraph: an unclosed one is an apostrophe ('90s, 'em).
    """
    doubles = _double_quotes(text)
    singles = [q for q in _single_quotes(text)
               if not any(d.start <= q.start - 1 < d.end for d in doubles)]
    return sorted(doubles + singles, key=lambda q: q.start)


def _double_quotes(text: str) -> list[Quotation]:
    found = []
    for start, end in paragraphs(text):
        i = start
        open_at = None
        closing = None
        while i < end:
            ch = text[i]
            if open_at is None:
                if ch in OPENING and not _is_inch_mark(text, i):
                    open_at, closing = i + 1, OPENING[ch]
            elif ch == closing or (closing == '"' and ch == "”") or (closing == "”" and ch == '"'):
                found.append(Quotation(open_at, i, text[open_at - 1]))
                open_at = None
            i += 1
        if open_at is not None and end - open_at > 1:
            found.append(Quotation(open_at, end, text[open_at - 1], closed=False))
    return found


def _single_quotes(text: str) -> list[Quotation]:
    found = []
    for start, end in paragraphs(text):
        open_at = None
        closing = ""
        for i in range(start, end):
            ch = text[i]
            if open_at is None:
                if ch in SINGLE_OPENING and _opens_single(text, i, start, end):
                    open_at, closing = i + 1, SINGLE_OPENING[ch]
            elif ch in (closing, "’" if closing == "'" else "'") and _closes_single(text, i, end):
                if i - open_at >= 2:
                    found.append(Quotation(open_at, i, text[open_at - 1]))
                open_at = None
    return found


def _opens_single(text: str, i: int, start: int, end: int) -> bool:
    before_ok = i == start or text[i - 1] in _BEFORE_SINGLE
    decade = _DECADE.match(text, i + 1) is not None  # ‘90s: an apostrophe for a dropped century
    return before_ok and i + 1 < end and text[i + 1].isalnum() and not decade


def _closes_single(text: str, i: int, end: int) -> bool:
    return not text[i - 1].isspace() and (i + 1 >= end or text[i + 1] in _AFTER_SINGLE)


def _is_inch_mark(text: str, i: int) -> bool:
    """12" or 5'11": a straight quote right after a digit is a unit, not a quote."""
    return text[i] == '"' and i > 0 and text[i - 1].isdigit()


class SpanIndex:
    """Items with character offsets ``start`` and ``end`` (a quotation, a quote record), kept
    to find those that overlap a range by bisection rather than by a scan of every item:
    a lookup per sentence or per word then costs the same in a long article as in a short one."""

    def __init__(self, items):
        self.items = list(items)
        self._order = sorted(range(len(self.items)), key=lambda k: self.items[k].start)
        self._starts = [self.items[k].start for k in self._order]
        self._longest = max((item.end - item.start for item in self.items), default=0)

    def __call__(self, lo: int, hi: int) -> list:
        """Every item that overlaps ``lo:hi`` (and maybe some that end before ``lo``), in the
        items' own order: the caller applies its exact test, as it did on the whole list."""
        first = bisect_left(self._starts, lo - self._longest)
        last = bisect_left(self._starts, hi)
        return [self.items[k] for k in sorted(self._order[first:last])]


def containment(spans) -> Callable[[int, int], bool]:
    """A test of whether ``start:end`` lies wholly inside one of the character ``spans``: what
    ``any(lo <= start and end <= hi for lo, hi in spans)`` says, by bisection."""
    ordered = sorted(spans)
    starts = [lo for lo, _ in ordered]
    reach = list(accumulate((hi for _, hi in ordered), max))  # the furthest end of the spans so far

    def inside(start: int, end: int) -> bool:
        k = bisect_right(starts, start)
        return k > 0 and reach[k - 1] >= end

    return inside
