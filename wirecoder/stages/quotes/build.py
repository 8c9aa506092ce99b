"""From cues and quotation marks to the article's statements.

1. Every outermost cue with an unquoted clausal content gives an indirect
   quote ("Kellogg said a deal ... was really close").
2. Every quotation is attributed, in this order:
   - inside an indirect quote's content: a partial quote of the same speaker
     ('said Ukraine was facing a "pivotal moment"');
   - the quoted content of a cue ('"...," he wrote', 'said that "..."');
   - a cue in the same sentence right after the closing mark ('"...," McFadden
     added'), else right before the opening mark ('Macron said: "..."', or a
     previous paragraph ending in a colon);
   - otherwise, if it stands as a sentence of its own, a floating quote whose
     speaker comes from the continuation pass. Quoted words inside a sentence
     with no cue (titles, scare quotes, "the so-called ...") are not statements.
   A quotation is direct when it reads as a sentence (capital first letter,
   or the second half of a quote split by its attribution), else partial.
3. The continuation pass (continuation.py) gives floating quotes and open
   pronouns their speakers from the statements around them.
"""

from __future__ import annotations

import re

from ...textspans import Quotation
from .channels import channel_of, date_said, token_spans
from .context import DocContext
from .continuation import Continuation
from .cues import Cue, colon_cue, find_cues
from .items import NO_SPEAKER, QuoteItem, Speaker
from .lexicon import QuoteLexicon
from .scoring import confidence
from .speakers import SpeakerResolver

SENTENCE_END = frozenset({".", "!", "?"})
_LINK_LINE = re.compile(r"^\s*[A-Z][A-Z ]{2,}:\s*$")  # "WATCH: ", "READ MORE: " before a linked headline
_HAS_SENTENCE_END = re.compile(r"[.!?,]")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')]?\s+")
WHOLLY_QUOTED = 0.97  # a content this much inside quotation marks is the quotation itself
FRAME_TOKENS = 30  # how far from a quotation its attribution may be
STRIP_DIRECT = " \t\n,;:"
STRIP_PARTIAL = " \t\n,;:."


class QuoteBuilder:
    def __init__(self, ctx: DocContext, lex: QuoteLexicon):
        self.ctx = ctx
        self.lex = lex
        self.speakers = SpeakerResolver(ctx, lex)
        self.cues = find_cues(ctx, lex)
        for cue in self.cues:
            if cue.quoted and ctx.quoted_share(*cue.content) < WHOLLY_QUOTED:
                # 'said it "may not work" for ...': quoted words inside reported speech, unless they are sentences
                inside = [q for q in ctx.quotes if cue.content[0] < q.end and q.start < cue.content[1]]
                cue.quoted = bool(inside) and all(self._reads_as_sentence(q) for q in inside)
        self.by_token = {cue.i: cue for cue in self.cues}
        self._attributions: dict[int, tuple[Speaker, str | None, str | None]] = {}

    def build(self) -> list[QuoteItem]:
        items = [item for cue in self.cues if cue.content and not cue.quoted
                 for item in [self._indirect(cue)] if item is not None]
        indirect = list(items)
        for quote in self.ctx.quotes:
            items.extend(self._quoted(quote, indirect))
        items.sort(key=lambda it: (it.start, -it.end))
        closed = {q.start: q.closed for q in self.ctx.quotes}
        Continuation(self.ctx, self.speakers).run(items, closed)
        for number, item in enumerate(items, start=1):
            item.id = f"Q{number}"
            item.confidence = confidence(item)
        return items

    # -- attribution of one cue ------------------------------------------------------
    def _attribution(self, cue: Cue) -> tuple[Speaker, str | None, str | None]:
        """(speaker, channel, date) of a cue, with channel and date from the cue it hangs from."""
        if cue.i not in self._attributions:
            speaker = self.speakers.resolve(cue.subject)
            region = list(cue.region)
            if speaker.how == "artifact" and cue.subject is not None:
                region.extend(t.i for t in self.ctx.doc[cue.subject].subtree if not self.ctx.in_quote(t))
            channel = channel_of(self.ctx, region, self.lex)
            date = date_said(self.ctx.times, token_spans(self.ctx, region))
            parent = self.by_token.get(cue.parent) if cue.parent is not None else None
            if parent is not None:
                _, parent_channel, parent_date = self._attribution(parent)
                channel, date = channel or parent_channel, date or parent_date
            self._attributions[cue.i] = (speaker, channel, date)
        return self._attributions[cue.i]

    def _item(self, kind: str, start: int, end: int, cue: Cue | None, strip: str) -> QuoteItem | None:
        text = self.ctx.text
        while start < end and text[start] in strip:
            start += 1
        while end > start and text[end - 1] in strip:
            end -= 1
        if not any(ch.isalnum() for ch in text[start:end]):
            return None
        item = QuoteItem(kind, start, end, NO_SPEAKER, paragraph=self.ctx.paragraph_at(start))
        if cue is not None:
            item.speaker, item.channel, item.date = self._attribution(cue)
            item.cue, item.cue_class = cue.words or None, cue.cls
        else:
            item.floating = True
        return item

    def _indirect(self, cue: Cue) -> QuoteItem | None:
        start, end = cue.content
        for quote in self.ctx.quotes:  # a quotation cut by the content's edge belongs to it whole
            if quote.start - 1 < end <= quote.end and quote.start - 1 >= start:
                end = min(quote.end + 1, len(self.ctx.text)) if quote.closed else quote.end
            if quote.start - 1 <= start < quote.end and quote.end < end:
                start = quote.start - 1
        item = self._item("indirect", start, end, cue, STRIP_DIRECT)
        if item is None or (item.speaker.entity is None and item.speaker.text is None):
            return None  # "It was reported that ...": no source, no statement
        if len(self.ctx.text[item.start:item.end].split()) < 2:
            return None
        return item

    # -- attribution of one quotation -------------------------------------------------
    def _quoted(self, quote: Quotation, indirect: list[QuoteItem]) -> list[QuoteItem]:
        if self._is_link(quote):
            return []
        for outer in indirect:
            if outer.start <= quote.start and quote.end <= outer.end:
                return self._partial_of(outer, quote)
        owner = self._owning_cue(quote)
        cue = owner or self._after_cue(quote) or self._before_cue(quote)
        if cue is not None:
            direct = (self._reads_as_sentence(quote) or self._split_continuation(quote, cue)
                      or owner is not None and self._is_clause(quote))
            if direct:
                return _some(self._item("direct", quote.start, quote.end, cue, STRIP_DIRECT))
            if self.ctx.doc[cue.i].idx > quote.start and not self._starts_sentence(quote):
                # 'The Brexit vote was "a catastrophic defeat," Mr. Corbyn told the House':
                # the sentence is the reported speech, the quoted words a partial quote in it
                outer = self._item("indirect", self._sentence_start(quote), quote.end + 1, cue, STRIP_DIRECT)
                if outer is not None:
                    return [outer, *self._partial_of(outer, quote)]
            if not self._governs(cue, quote):
                return []  # a scare quote near a cue it does not belong to
            return _some(self._item("partial", quote.start, quote.end, cue, STRIP_PARTIAL))
        if self._stands_alone(quote):
            return _some(self._item("direct", quote.start, quote.end, None, STRIP_DIRECT))
        return []

    def _partial_of(self, outer: QuoteItem, quote: Quotation) -> list[QuoteItem]:
        """The quoted words inside an indirect quote: a partial quote with the same attribution."""
        item = self._item("partial", quote.start, quote.end, None, STRIP_PARTIAL)
        if item is None:
            return []
        item.floating = False
        item.speaker, item.channel, item.date = outer.speaker, outer.channel, outer.date
        item.cue, item.cue_class = outer.cue, outer.cue_class
        return [item]

    def _sentence_start(self, quote: Quotation) -> int:
        """Where the sentence holding a quotation begins: after the last sentence end, quotation or line break."""
        text = self.ctx.text
        start, _ = self.ctx.paragraph_bounds(quote.start)
        for q in self.ctx.quotes:
            if start <= q.end < quote.start - 1:
                start = q.end + 1
        found = start
        for match in _SENTENCE_BREAK.finditer(text, start, quote.start - 1):
            found = match.end()
        return found

    def _is_link(self, quote: Quotation) -> bool:
        """ "READ MORE: ‘...’", "WATCH: ‘...’": the title of a linked story, not a statement."""
        start, _ = self.ctx.paragraph_bounds(quote.start)
        return _LINK_LINE.match(self.ctx.text[start:quote.start - 1]) is not None

    def _is_clause(self, quote: Quotation) -> bool:
        """ 'Na'moks said "we're not there yet."': a whole clause in quotation marks is a direct quote."""
        span = self.ctx.doc.char_span(quote.start, quote.end, alignment_mode="contract")
        return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span) and len(span) >= 3

    def _governs(self, cue: Cue, quote: Quotation) -> bool:
        """A quoted fragment belongs to a cue whose phrase contains it ('called it "a disaster"')."""
        tok = self.ctx.doc[cue.i]
        return tok.left_edge.idx <= quote.start and quote.end <= tok.right_edge.idx + len(tok.right_edge)

    def _stands_alone(self, quote: Quotation) -> bool:
        """A floating quotation: a sentence of its own, not a headline, a link or a quoted name.

        It starts a sentence, reads as one, is not followed by the rest of a
        sentence ('"Most important election" made the list'), its paragraph
        has a sentence end somewhere (headlines have none), and it is not the
        title of a link line ("READ MORE: ‘...’").
        """
        if not (self._starts_sentence(quote) and self._reads_as_sentence(quote)):
            return False
        start, end = self.ctx.paragraph_bounds(quote.start)
        line = self.ctx.text[start:end]
        if not _HAS_SENTENCE_END.search(line):
            return False
        after = self.ctx.text[quote.end + (1 if quote.closed else 0):end].lstrip()
        return not after[:1].islower()

    def _owning_cue(self, quote: Quotation) -> Cue | None:
        for cue in self.cues:
            if cue.quoted and cue.content[0] < quote.end and quote.start < cue.content[1]:
                return cue
        return None

    def _usable(self, cue: Cue, quote: Quotation) -> bool:
        """A cue can attribute a quotation when its own content is absent, quoted, or this quotation."""
        if cue.content is None or cue.quoted:
            return True
        return cue.content[0] < quote.end and quote.start < cue.content[1]

    def _after_cue(self, quote: Quotation) -> Cue | None:
        inner = self.ctx.text[quote.start:quote.end].rstrip()
        if inner.endswith(".") or not quote.closed:
            return None  # the sentence ended inside the quotation
        for tok in self._frame(quote.end + 1, forward=True):
            cue = self.by_token.get(tok.i)
            if cue is not None and self._usable(cue, quote):
                return cue
        return None

    def _before_cue(self, quote: Quotation) -> Cue | None:
        frame = self._frame(quote.start - 2, forward=False)
        if not frame:
            frame = self._colon_paragraph(quote)
        for tok in frame:
            cue = self.by_token.get(tok.i)
            if cue is not None and self._usable(cue, quote):
                return cue
        if frame and frame[0].text == ":":
            return colon_cue(self.ctx, frame)
        return None

    def _frame(self, char: int, forward: bool) -> list:
        """Tokens of the same sentence and paragraph next to a quotation, nearest first."""
        doc, ctx = self.ctx.doc, self.ctx
        if not 0 <= char < len(ctx.text):
            return []
        here = ctx.paragraph_bounds(char)
        tok = doc.char_span(char, char + 1, alignment_mode="expand")
        if tok is None:
            return []
        i = tok.start if forward else tok.end - 1
        step = 1 if forward else -1
        frame = []
        while 0 <= i < len(doc) and len(frame) < FRAME_TOKENS:
            token = doc[i]
            if not here[0] <= token.idx < here[1] or ctx.in_quote(token) or token.text in SENTENCE_END:
                break
            frame.append(token)
            i += step
        return frame

    def _colon_paragraph(self, quote: Quotation) -> list:
        """ 'Kellogg said:' ending the paragraph before a paragraph that opens with the quotation."""
        start, _ = self.ctx.paragraph_bounds(quote.start)
        if self.ctx.text[start:quote.start - 1].strip():
            return []
        before = self.ctx.text[:start].rstrip()
        if not before.endswith(":"):
            return []
        return self._frame(len(before) - 1, forward=False)

    def _reads_as_sentence(self, quote: Quotation) -> bool:
        first = next((ch for ch in self.ctx.text[quote.start:quote.end] if ch.isalnum()), "")
        return first.isupper() or first.isdigit()

    def _starts_sentence(self, quote: Quotation) -> bool:
        start, _ = self.ctx.paragraph_bounds(quote.start)
        before = self.ctx.text[start:quote.start - 1].rstrip()
        return not before or before[-1] in ".!?:”\"’'"

    def _split_continuation(self, quote: Quotation, cue: Cue) -> bool:
        """ '"We'll be here," she said, "these cases take patience."': the second half is direct too."""
        at = self.ctx.doc[cue.i].idx
        if at > quote.start:
            return False
        between = self.ctx.text[at:quote.start - 1].rstrip()
        earlier = [q for q in self.ctx.quotes if q.end <= at and at - q.end < 80]
        return between.endswith(",") and bool(earlier)


def _some(item: QuoteItem | None) -> list[QuoteItem]:
    return [] if item is None else [item]
