"""From cues and quotation marks to the article's statements.

1. Every outermost cue with an unquoted clausal content gives an indirect
   quote ("Kellogg said a deal ... was really close"); quoted words inside it
   are partial quotes with the same attribution ('a "pivotal moment"').
2. Every other quotation is attributed, in this order:
   - the quoted content of a cue ('"...," he wrote', 'said that "..."');
   - a cue in the same sentence right after the closing mark ('"...," McFadden
     added'), else right before the opening mark ('Macron said: "..."', or a
     previous paragraph ending in a colon); a clause ending in a colon right
     before it gives its subject ('Martell is more blunt: "..."');
   - otherwise, if it stands as a sentence of its own, a floating quote whose
     speaker comes from the continuation pass. Quoted words in a sentence with
     no cue governing them (titles, scare quotes, "the so-called ...") and
     linked headlines ("READ MORE: ‘...’") are not statements.
   A quotation is direct when it reads as a sentence (a capital first letter,
   the second half of a quote split by its attribution, or a whole clause that
   is a cue's content: 'said "we're not there yet"'), else partial. A partial
   quote that ends its sentence before the attribution ('The vote was "a
   catastrophic defeat," Corbyn told the House') makes the sentence an
   indirect quote that holds it.
3. The continuation pass (continuation.py) gives floating quotes and open
   pronouns their speakers from the statements around them.
"""

from __future__ import annotations

from dataclasses import replace

from ...textspans import Quotation
from .channels import Channel, channel_of, date_said, token_spans
from .context import DocContext
from .continuation import Continuation
from .cues import Cue, colon_cue, find_cues
from .frames import (colon_paragraph, frame, is_clause, is_link, reads_as_sentence, sentence_start,
                     stands_alone, starts_sentence)
from .items import NO_SPEAKER, QuoteItem, Speaker
from .lexicon import QuoteLexicon
from .scoring import confidence
from .speakers import SpeakerResolver

WHOLLY_QUOTED = 0.97  # a content this much inside quotation marks is the quotation itself
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
                cue.quoted = bool(inside) and all(reads_as_sentence(ctx, q) for q in inside)
        self.by_token = {cue.i: cue for cue in self.cues}
        self._attributions: dict[int, tuple[Speaker, Channel | None, str | None]] = {}

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
            if item.speaker.entity in self.speakers.fuller:
                item.speaker = replace(item.speaker, entity=self.speakers.fuller[item.speaker.entity])
            item.id = f"Q{number}"
            item.confidence = confidence(item)
        return items

    # -- attribution of one cue ------------------------------------------------------
    def _attribution(self, cue: Cue) -> tuple[Speaker, Channel | None, str | None]:
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
            item.speaker, channel, item.date = self._attribution(cue)
            if channel is not None:
                item.channel, item.channel_lasts = channel
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
        if is_link(self.ctx, quote):
            return []
        for outer in indirect:
            if outer.start <= quote.start and quote.end <= outer.end:
                return self._partial_of(outer, quote)
        owner = self._owning_cue(quote)
        cue = owner or self._after_cue(quote) or self._before_cue(quote)
        if cue is not None:
            direct = (reads_as_sentence(self.ctx, quote) or self._split_continuation(quote, cue)
                      or owner is not None and is_clause(self.ctx, quote))
            if direct:
                return _some(self._item("direct", quote.start, quote.end, cue, STRIP_DIRECT))
            if self.ctx.doc[cue.i].idx > quote.start and not starts_sentence(self.ctx, quote):
                # 'The Brexit vote was "a catastrophic defeat," Mr. Corbyn told the House':
                # the sentence is the reported speech, the quoted words a partial quote in it
                outer = self._item("indirect", sentence_start(self.ctx, quote), quote.end + 1, cue, STRIP_DIRECT)
                if outer is not None:
                    return [outer, *self._partial_of(outer, quote)]
            if not self._governs(cue, quote):
                return []  # a scare quote near a cue it does not belong to
            return _some(self._item("partial", quote.start, quote.end, cue, STRIP_PARTIAL))
        if stands_alone(self.ctx, quote):
            return _some(self._item("direct", quote.start, quote.end, None, STRIP_DIRECT))
        return []

    def _partial_of(self, outer: QuoteItem, quote: Quotation) -> list[QuoteItem]:
        """The quoted words inside an indirect quote: a partial quote with the same attribution."""
        item = self._item("partial", quote.start, quote.end, None, STRIP_PARTIAL)
        if item is None:
            return []
        item.floating = False
        item.speaker, item.channel, item.date = outer.speaker, outer.channel, outer.date
        item.channel_lasts = outer.channel_lasts
        item.cue, item.cue_class = outer.cue, outer.cue_class
        return [item]

    def _governs(self, cue: Cue, quote: Quotation) -> bool:
        """A quoted fragment belongs to a cue whose phrase contains it ('called it "a disaster"')."""
        tok = self.ctx.doc[cue.i]
        return tok.left_edge.idx <= quote.start and quote.end <= tok.right_edge.idx + len(tok.right_edge)

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
        for tok in frame(self.ctx, quote.end + 1, forward=True):
            cue = self.by_token.get(tok.i)
            if cue is not None and self._usable(cue, quote):
                return cue
        return None

    def _before_cue(self, quote: Quotation) -> Cue | None:
        words = frame(self.ctx, quote.start - 2, forward=False) or colon_paragraph(self.ctx, quote)
        for tok in words:
            cue = self.by_token.get(tok.i)
            if cue is not None and self._usable(cue, quote):
                return cue
        if words and words[0].text == ":":
            return colon_cue(self.ctx, words)
        return None

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
