"""Character-level helpers shared by stages: paragraphs and quoted passages."""

from __future__ import annotations

import re

OPENING = {"“": "”", "«": "»", "„": "“", '"': '"'}
_PARAGRAPH = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks (straight, curly or guillemets), marks excluded.

    Quotes are paired within a paragraph; a quote left open at the end of a
    paragraph runs to its end (news style for quotes continued in the next
    paragraph, which then opens again).
    """
    spans = []
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
                spans.append((open_at, i))
                open_at = None
            i += 1
        if open_at is not None and end - open_at > 1:
            spans.append((open_at, end))
    return spans


def _is_inch_mark(text: str, i: int) -> bool:
    """12" or 5'11": a straight quote right after a digit is a unit, not a quote."""
    return text[i] == '"' and i > 0 and text[i - 1].isdigit()
