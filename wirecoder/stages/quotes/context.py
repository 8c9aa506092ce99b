"""What the quotes stage knows about one article before it looks for statements.

The quoted passages, which paragraph each token is in, and a lookup from a
character to the actors-stage mention covering it. Distances are counted in
paragraphs of prose: lines of bare punctuation (" ." in some feeds), and
short lines without quotation marks (sub-headlines, "Story continues below
advertisement"), do not count, so they do not break a quote's continuation.
A paragraph that ends in a photo credit ("(Jane Doe/CBC)", "( Toronto Star file
photo )") is a caption: the people it names are in a picture, not in the story's
thread, so no pronoun or floating quote looks back to them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...textspans import OPENING, Quotation, paragraphs, quotations
from ..base import text_of, token_table

QUOTE_CHARS = "".join(OPENING) + "".join(OPENING.values()) + "‘’"


@dataclass(frozen=True)
class MentionRef:
    start: int
    end: int
    actor: object  # wirecoder.stages.actors.items.Actor
    form: str
    text: str


@dataclass
class DocContext:
    doc: Doc
    text: str
    quotes: list[Quotation]
    times: list = field(default_factory=list)
    token_quote: list[int | None] = field(default_factory=list)  # per token: index into quotes
    token_par: list[int] = field(default_factory=list)  # per token: paragraph number
    par_spans: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, number)
    mentions: list[MentionRef] = field(default_factory=list)
    actors: dict[str, object] = field(default_factory=dict)  # entity id -> actor
    _mention_starts: list[int] = field(default_factory=list)
    _par_starts: list[int] = field(default_factory=list)
    _quote_opens: list[int] = field(default_factory=list)
    _longest: int = -1  # the longest quotation's length, once read

    @classmethod
    def build(cls, doc: Doc, entities: list, times: list) -> DocContext:
        text = text_of(doc)
        ctx = cls(doc=doc, text=text, quotes=quotations(text), times=list(times or []))
        number = -1
        for start, end in paragraphs(text):
            if _counts(text[start:end]):
                number += 1
            ctx.par_spans.append((start, end, max(number, 0)))
        ctx._par_starts = [s for s, _, _ in ctx.par_spans]
        ctx._quote_opens = [q.start - 1 for q in ctx.quotes]
        offsets = token_table(doc).offsets
        ctx.token_par = [ctx.paragraph_at(offset) for offset in offsets]
        ctx.token_quote = [ctx.quote_at(offset) for offset in offsets]
        refs = [MentionRef(m.start, m.end, actor, m.form, m.text) for actor in entities for m in actor.mentions]
        ctx.mentions = sorted(refs, key=lambda r: (r.start, -r.end))
        ctx._mention_starts = [r.start for r in ctx.mentions]
        ctx.actors = {actor.id: actor for actor in entities}
        return ctx

    # -- positions -------------------------------------------------------------
    def paragraph_at(self, char: int) -> int:
        k = bisect_right(self._par_starts, char) - 1
        return self.par_spans[k][2] if k >= 0 else 0

    def paragraph_bounds(self, char: int) -> tuple[int, int]:
        k = bisect_right(self._par_starts, char) - 1
        if k < 0:
            return 0, 0
        return self.par_spans[k][0], self.par_spans[k][1]

    def paragraph_start(self, number: int) -> int:
        """Start of the first line of paragraph ``number``."""
        return next((start for start, _, n in self.par_spans if n == number), 0)

    def in_label(self, char: int) -> bool:
        """Is ``char`` on a short line with no sentence end: a label ("Article Continued Below")?"""
        start, end = self.paragraph_bounds(char)
        line = self.text[start:end].strip()
        return len(line.split()) < PROSE_WORDS and not line.endswith(SENTENCE_ENDS)

    def in_caption(self, char: int) -> bool:
        """Is ``char`` in a paragraph that ends in a photo credit?"""
        start, end = self.paragraph_bounds(char)
        credit = _CREDIT.search(self.text[start:end])
        return credit is not None and ("/" in credit.group(1) or "photo" in credit.group(1).lower())

    def quote_at(self, char: int) -> int | None:
        """Index of the quotation whose marks enclose ``char`` (marks included)."""
        k = bisect_right(self._quote_opens, char) - 1
        if k >= 0:
            q = self.quotes[k]
            if char < q.end + (1 if q.closed else 0):
                return k
        return None

    def in_quote(self, token: Token) -> bool:
        return self.token_quote[token.i] is not None

    def quoted_share(self, start: int, end: int) -> float:
        """Share of the letters in [start, end) that lie inside quotation marks."""
        letters = inside = 0
        letters = sum(1 for ch in self.text[start:end] if ch.isalnum())
        if not letters:
            return 0.0
        # only the quotations that may overlap [start, end): opened before its end, and not so long
        # before its start that even the longest quotation would have closed
        longest = max((q.end - q.start for q in self.quotes), default=0) if self._longest < 0 else self._longest
        self._longest = longest
        near = self.quotes[bisect_left(self._quote_opens, start - 1 - longest):bisect_left(self._quote_opens, end - 1)]
        for q in near:
            lo, hi = max(q.start, start), min(q.end, end)
            if lo < hi:
                inside += sum(1 for ch in self.text[lo:hi] if ch.isalnum())
        return inside / letters

    # -- mentions ----------------------------------------------------------------
    def mention_at(self, char: int) -> MentionRef | None:
        """The shortest actors-stage mention covering ``char``."""
        k = bisect_right(self._mention_starts, char)
        best = None
        for ref in self.mentions[max(0, k - 40):k]:
            if ref.start <= char < ref.end and (best is None or ref.end - ref.start < best.end - best.start):
                best = ref
        return best

    def mentions_between(self, start: int, end: int) -> list[MentionRef]:
        k = bisect_right(self._mention_starts, start - 1)
        found = []
        for ref in self.mentions[k:]:
            if ref.start >= end:
                break
            if ref.end <= end:
                found.append(ref)
        return found


PROSE_WORDS = 6  # a line this long, or with a quotation mark, is a paragraph of prose
_CREDIT = re.compile(r"\(([^()]{3,80})\)\.?\s*$")  # a bracket that ends a paragraph
SENTENCE_ENDS = tuple(".!?:" + QUOTE_CHARS)


def _counts(line: str) -> bool:
    if not any(ch.isalnum() for ch in line):
        return False
    return len(line.split()) >= PROSE_WORDS or any(mark in line for mark in QUOTE_CHARS)
