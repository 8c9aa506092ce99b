"""Where a quotation stands in its text: the words around it, and whether it is a sentence.

Character-level tests on the quotation marks, with the parse only to list
the tokens of the attribution frame: the same sentence and paragraph on
either side of a quotation, up to a sentence end or another quotation.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ...textspans import Quotation
from .context import DocContext

SENTENCE_END = frozenset({".", "!", "?"})
FRAME_TOKENS = 30  # how far from a quotation its attribution may be
_LINK_LINE = re.compile(r"^\s*[A-Z][A-Z ]{2,}:\s*$")  # "WATCH: ", "READ MORE: " before a linked headline
_HAS_SENTENCE_END = re.compile(r"[.!?,]")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')]?\s+")


def frame(ctx: DocContext, char: int, forward: bool) -> list[Token]:
    """Tokens of the same sentence and paragraph next to a quotation, nearest first."""
    doc = ctx.doc
    if not 0 <= char < len(ctx.text):
        return []
    here = ctx.paragraph_bounds(char)
    tok = doc.char_span(char, char + 1, alignment_mode="expand")
    if tok is None:
        return []
    i = tok.start if forward else tok.end - 1
    step = 1 if forward else -1
    found = []
    while 0 <= i < len(doc) and len(found) < FRAME_TOKENS:
        token = doc[i]
        if not here[0] <= token.idx < here[1] or ctx.in_quote(token) or token.text in SENTENCE_END:
            break
        found.append(token)
        i += step
    return found


def colon_paragraph(ctx: DocContext, quote: Quotation) -> list[Token]:
    """ 'Kellogg said:' ending the paragraph before a paragraph that opens with the quotation."""
    start, _ = ctx.paragraph_bounds(quote.start)
    if ctx.text[start:quote.start - 1].strip():
        return []
    before = ctx.text[:start].rstrip()
    if not before.endswith(":"):
        return []
    return frame(ctx, len(before) - 1, forward=False)


def reads_as_sentence(ctx: DocContext, quote: Quotation) -> bool:
    first = next((ch for ch in ctx.text[quote.start:quote.end] if ch.isalnum()), "")
    return first.isupper() or first.isdigit()


def is_clause(ctx: DocContext, quote: Quotation) -> bool:
    """ 'Na'moks said "we're not there yet."': a whole clause in quotation marks."""
    span = ctx.doc.char_span(quote.start, quote.end, alignment_mode="contract")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span) and len(span) >= 3


def starts_sentence(ctx: DocContext, quote: Quotation) -> bool:
    start, _ = ctx.paragraph_bounds(quote.start)
    before = ctx.text[start:quote.start - 1].rstrip()
    return not before or before[-1] in ".!?:”\"’'"


def sentence_start(ctx: DocContext, quote: Quotation) -> int:
    """Where the sentence holding a quotation begins: after the last sentence end, quotation or line break."""
    start, _ = ctx.paragraph_bounds(quote.start)
    for q in ctx.quotes:
        if start <= q.end < quote.start - 1:
            start = q.end + 1
    found = start
    for match in _SENTENCE_BREAK.finditer(ctx.text, start, quote.start - 1):
        found = match.end()
    return found


def is_link(ctx: DocContext, quote: Quotation) -> bool:
    """ "READ MORE: ‘...’", "WATCH: ‘...’": the title of a linked story, not a statement."""
    start, _ = ctx.paragraph_bounds(quote.start)
    return _LINK_LINE.match(ctx.text[start:quote.start - 1]) is not None


def stands_alone(ctx: DocContext, quote: Quotation) -> bool:
    """A floating quotation: a sentence of its own, not a headline or a quoted name.

    It starts a sentence, reads as one, is not followed by the rest of a
    sentence ('"Most important election" made the list'), and its paragraph
    has a sentence end somewhere (headlines have none).
    """
    if not (starts_sentence(ctx, quote) and reads_as_sentence(ctx, quote)):
        return False
    start, end = ctx.paragraph_bounds(quote.start)
    if not _HAS_SENTENCE_END.search(ctx.text[start:end]):
        return False
    after = ctx.text[quote.end + (1 if quote.closed else 0):end].lstrip()
    return not after[:1].islower()
