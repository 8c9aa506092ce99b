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
3. The continuation pass walks the statements in order: a floating quote takes
   the speaker, channel and date of the statement before it in the same or the
   previous paragraph (a quote left open at a paragraph's end takes them from
   the paragraph that continues it); "he added"/"he wrote" keep the channel
   and date of the same speaker's previous statement.
"""

from __future__ import annotations

from dataclasses import replace

from ...textspans import Quotation
from .channels import channel_of, date_said, token_spans
from .context import DocContext
from .cues import Cue, find_cues
from .items import NO_SPEAKER, QuoteItem, Speaker
from .lexicon import QuoteLexicon
from .scoring import confidence
from .speakers import SpeakerResolver

SENTENCE_END = frozenset({".", "!", "?"})
FRAME_TOKENS = 30  # how far from a quotation its attribution may be
INHERITING_CLASSES = ("continue", "write")
STRIP_DIRECT = " \t\n,;:"
STRIP_PARTIAL = " \t\n,;:."


class QuoteBuilder:
    def __init__(self, ctx: DocContext, lex: QuoteLexicon):
        self.ctx = ctx
        self.lex = lex
        self.speakers = SpeakerResolver(ctx, lex)
        self.cues = find_cues(ctx, lex)
        self.by_token = {cue.i: cue for cue in self.cues}
        self._attributions: dict[int, tuple[Speaker, str | None, str | None]] = {}

    def build(self) -> list[QuoteItem]:
        items = [item for cue in self.cues if cue.content and not cue.quoted
                 for item in [self._indirect(cue)] if item is not None]
        indirect = list(items)
        for quote in self.ctx.quotes:
            item = self._quoted(quote, indirect)
            if item is not None:
                items.append(item)
        items.sort(key=lambda it: (it.start, -it.end))
        self._continue(items)
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
            item.cue, item.cue_class = cue.words, cue.cls
        else:
            item.floating = True
        return item

    def _indirect(self, cue: Cue) -> QuoteItem | None:
        start, end = cue.content
        item = self._item("indirect", start, end, cue, STRIP_DIRECT)
        if item is None or (item.speaker.entity is None and item.speaker.text is None):
            return None  # "It was reported that ...": no source, no statement
        if len(self.ctx.text[item.start:item.end].split()) < 2:
            return None
        return item

    # -- attribution of one quotation -------------------------------------------------
    def _quoted(self, quote: Quotation, indirect: list[QuoteItem]) -> QuoteItem | None:
        for outer in indirect:
            if outer.start <= quote.start and quote.end <= outer.end:
                item = self._item("partial", quote.start, quote.end, None, STRIP_PARTIAL)
                if item is not None:
                    item.floating = False
                    item.speaker, item.channel, item.date = outer.speaker, outer.channel, outer.date
                    item.cue, item.cue_class = outer.cue, outer.cue_class
                return item
        cue = self._owning_cue(quote) or self._after_cue(quote) or self._before_cue(quote)
        if cue is not None:
            direct = self._reads_as_sentence(quote) or self._split_continuation(quote, cue)
            kind = "direct" if direct else "partial"
            return self._item(kind, quote.start, quote.end, cue, STRIP_DIRECT if direct else STRIP_PARTIAL)
        if self._starts_sentence(quote) and self._reads_as_sentence(quote):
            return self._item("direct", quote.start, quote.end, None, STRIP_DIRECT)
        return None

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

    # -- continuation ------------------------------------------------------------------
    def _continue(self, items: list[QuoteItem]) -> None:
        previous: QuoteItem | None = None
        for k, item in enumerate(items):
            if item.floating or item.speaker.how == "none":
                source = self._forward(items, k) if self._left_open(item) else None
                if source is None and previous is not None and item.paragraph - previous.paragraph <= 1:
                    source = previous
                if source is not None:
                    item.speaker = replace(source.speaker, how="continuation")
                    item.gap = abs(item.paragraph - source.paragraph)
                    item.channel, item.date = item.channel or source.channel, item.date or source.date
                else:
                    item.speaker = self._narrative(item)
            elif (item.cue_class in INHERITING_CLASSES and previous is not None
                  and item.paragraph - previous.paragraph <= 1 and _same_speaker(item, previous)):
                item.channel = item.channel or previous.channel
                item.date = item.date or previous.date
            if item.speaker.entity is not None or item.speaker.text is not None:
                previous = item

    def _left_open(self, item: QuoteItem) -> bool:
        quote = next((q for q in self.ctx.quotes if q.start <= item.start < q.end + 1), None)
        return quote is not None and not quote.closed

    def _forward(self, items: list[QuoteItem], k: int) -> QuoteItem | None:
        item = items[k]
        for later in items[k + 1:]:
            if later.paragraph > item.paragraph + 1:
                break
            if later.paragraph == item.paragraph + 1 and not later.floating:
                return later
        return None

    def _narrative(self, item: QuoteItem) -> Speaker:
        """No statement before it: the person the text was just about, if any."""
        person = self.speakers.recent_person(item.start, window=1)
        if person is None:
            return NO_SPEAKER
        return Speaker(person.id, person.name, "narrative")


def _same_speaker(a: QuoteItem, b: QuoteItem) -> bool:
    if a.speaker.entity is not None:
        return a.speaker.entity == b.speaker.entity
    return a.speaker.text is not None and a.speaker.text == b.speaker.text
