"""The continuation pass: speakers that only the statements around a quote can give.

It walks the statements in text order, remembering the last one with a speaker:

- a floating quote (no cue of its own) continues the statement before it in
  the same or the previous paragraph, taking its speaker, cue, channel and date;
  a quote left open at a paragraph's end takes them from the paragraph that
  continues it; but when a narrative sentence since that statement has a named
  person as its subject ('Durning did not need much coaxing. "I'm thankful..."'),
  that person is the speaker;
- a pronoun the actors stage left open ("he" between two candidates) is the
  named subject of the reported clause it follows ('Rutte will travel ..., his
  office said'), or of a narrative sentence since the previous statement ('Mr.
  Hawes bristled at the criticism. "Look at the figures," he said'), else the
  previous speaker when compatible, else the last person of that gender named
  in the last paragraphs; "it" and "the company" likewise find an
  organisation;
- with nothing before it, a floating quote is given the person last named in
  its or the previous paragraph (a low confidence);
- "he added", "he wrote" keep the channel and date of the same speaker's
  previous statement when they state none; so does any cue of the same
  speaker in the same or next paragraph when that statement was made at an
  occasion ("Speaking at the forum on December 7, Kellogg said ...". "The two
  issues, Kellogg said, ..."), but not after a post or a written statement
  ("Macron said on X ..." then "Macron said ..." may be another time).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .context import DocContext
from .items import NO_SPEAKER, QuoteItem, Speaker
from .speakers import ANY, PRONOUN_GENDER, SpeakerResolver

INHERITING_CLASSES = ("continue", "resume", "write")
ORG_KINDS = ("organization", "group", "media")
GROUP_KINDS = ("organization", "group", "media", "country")  # who "they" may be
NAMED_ORG_KINDS = ("organization", "group")  # the last one named; outlets are mostly named as channels
NAME_LABELS = ("PERSON", "ORG")  # a proper-noun subject the actors stage missed must at least be a name
WINDOW = 2  # paragraphs back in which a pronoun may find its antecedent
LONG_WINDOW = 6  # paragraphs back in which the only person of a pronoun's gender is its antecedent
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s|\n")


class Continuation:
    def __init__(self, ctx: DocContext, speakers: SpeakerResolver):
        self.ctx = ctx
        self.speakers = speakers

    def run(self, items: list[QuoteItem], quote_closed: dict[int, bool]) -> None:
        previous: QuoteItem | None = None
        for k, item in enumerate(items):
            how = item.speaker.how
            if item.floating or how == "none":
                self._floating(items, k, previous, quote_closed)
            elif how == "pronoun-open":
                item.speaker = self._pronoun(item, previous)
            elif how == "pronoun" and self._pictured_only(item.speaker.entity):
                item.speaker = replace(item.speaker, entity=None, how="pronoun-open")  # a name from a caption
                item.speaker = self._pronoun(item, previous)
            elif how == "pronoun":
                item.speaker = self._continued_pronoun(item, previous)
            elif how == "org-open":
                item.speaker = self._organisation(item, previous)
            elif how == "group-open":
                item.speaker = self._group(item, previous)
            if (previous is not None and item.paragraph - previous.paragraph <= 1
                    and _same_speaker(item, previous)):
                if item.cue_class in INHERITING_CLASSES:
                    if item.channel is None:
                        item.channel, item.channel_lasts = previous.channel, previous.channel_lasts
                    item.date = item.date or previous.date
                elif previous.channel_lasts and item.channel is None and item.date is None:
                    item.channel, item.date = previous.channel, previous.date
                    item.channel_lasts = True
            if item.speaker.entity is not None or item.speaker.text is not None:
                previous = item

    # -- floating quotes ------------------------------------------------------------
    def _floating(self, items, k, previous, quote_closed) -> None:
        item = items[k]
        source = None
        if not quote_closed.get(item.start, True):
            source = self._forward(items, k)
        near = previous is not None and item.paragraph - previous.paragraph <= 1
        if source is None:
            subject = self._narrative_subject(item, previous if near else None,
                                              lambda actor: actor is None or actor.kind == "person")
            if subject is not None:
                item.speaker = subject
                return
            source = previous if near else None
        if source is not None:
            origin = source.speaker.origin or source.speaker.how
            item.speaker = replace(source.speaker, how="continuation", origin=origin)
            item.gap = abs(item.paragraph - source.paragraph)
            if item.channel is None:
                item.channel, item.channel_lasts = source.channel, source.channel_lasts
            item.date = item.date or source.date
            item.cue, item.cue_class = item.cue or source.cue, item.cue_class or source.cue_class
            return
        person = self.speakers.recent(item.start, 1, ("person",), ANY, names_only=True)
        item.speaker = Speaker(person.id, None, "narrative") if person is not None else NO_SPEAKER

    def _forward(self, items: list[QuoteItem], k: int) -> QuoteItem | None:
        item = items[k]
        for later in items[k + 1:]:
            if later.paragraph > item.paragraph + 1:
                break
            if later.paragraph == item.paragraph + 1 and not later.floating:
                return later
        return None

    def _narrative_subject(self, item: QuoteItem, previous: QuoteItem | None, accept) -> Speaker | None:
        """The last subject named in the narrative between the previous statement and this one.

        'Durning did not need much coaxing. "I'm thankful..."', 'Mr. Hawes
        bristled at the criticism. "Look at the figures," he said.' A subject
        counts when it is an actor that ``accept`` takes, or a proper name the
        actors stage did not make an entity (then only ``speaker_text`` is set).
        """
        ctx = self.ctx
        begin = ctx.paragraph_bounds(item.start)[0]
        if item.paragraph > 0:
            begin = min(begin, ctx.paragraph_start(item.paragraph - 1))
        if previous is not None:
            end = previous.end
            boundary = end if ctx.text[end - 1] in ".!?" else _next_sentence(ctx.text, end)
            begin = max(begin, boundary)
        limit = item.speaker.start if item.speaker.start is not None and item.speaker.start < item.start else item.start
        found = None
        span = ctx.doc.char_span(begin, limit, alignment_mode="contract") if begin < limit else None
        for tok in span or ():
            if tok.dep_ not in ("nsubj", "nsubjpass") or ctx.in_quote(tok) or ctx.in_caption(tok.idx):
                continue
            ref = ctx.mention_at(tok.idx)
            if ref is not None and ref.form in ("name", "nominal", "description") and accept(ref.actor):
                found = Speaker(ref.actor.id, ref.text, "narrative", ref.start, ref.end)
            elif ref is None and tok.pos_ == "PROPN" and tok.ent_type_ in NAME_LABELS and accept(None):
                lo = tok.i
                while lo > span.start and ctx.doc[lo - 1].pos_ == "PROPN" and ctx.doc[lo - 1].head.i == tok.i:
                    lo -= 1
                words = ctx.doc[lo:tok.i + 1]
                found = Speaker(None, words.text, "narrative", words.start_char, words.end_char)
        if found is None or (previous is not None and found.entity is not None
                             and found.entity == previous.speaker.entity):
            return None
        return found

    def _content_subject(self, item: QuoteItem, accept) -> Speaker | None:
        """ 'Rutte will travel to Warsaw ..., his office said': the reported clause's named subject.

        Only for a reference after an indirect quote, which points back into it.
        """
        ctx, said = self.ctx, item.speaker
        if item.kind != "indirect" or said.start is None or said.start < item.end:
            return None
        for ref in ctx.mentions_between(item.start, item.end):
            if ref.form not in ("name", "nominal") or not accept(ref.actor):
                continue
            span = ctx.doc.char_span(ref.start, ref.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                return Speaker(ref.actor.id, ref.text, "narrative", ref.start, ref.end)
        return None

    # -- open references ----------------------------------------------------------------
    def _pronoun(self, item: QuoteItem, previous: QuoteItem | None) -> Speaker:
        gender = _gender(item.speaker.text)

        def person(actor) -> bool:
            return actor is None or actor.kind == "person" and getattr(actor, "gender", None) in (None, gender)


        near = previous if previous is not None and item.paragraph - previous.paragraph <= WINDOW else None
        subject = self._content_subject(item, person) or self._narrative_subject(item, near, person)
        if subject is not None:
            return _named(item.speaker, subject, "pronoun-guess")
        if near is not None and near.speaker.how != "pronoun-open":
            actor = self.ctx.actors.get(near.speaker.entity) if near.speaker.entity else None
            if actor is not None and person(actor):
                return replace(item.speaker, entity=actor.id, how="pronoun-guess")
        found = (self.speakers.recent(item.start, WINDOW, ("person",), gender)
                 or self.speakers.recent(item.start, 1, ("person",), None, names_only=True)
                 or self._sole_person(item.start, gender))
        if found is not None:
            return replace(item.speaker, entity=found.id, how="pronoun-guess")
        return item.speaker

    def _continued_pronoun(self, item: QuoteItem, previous: QuoteItem | None) -> Speaker:
        """A pronoun the actors stage resolved to the nearest name: the previous speaker instead,
        when compatible and no narrative subject came between ('Vickers said ... his father's
        friend, Martin Legere, ... "...," he said' is still Vickers)."""
        gender = _gender(item.speaker.text)
        near = previous if previous is not None and item.paragraph - previous.paragraph <= 1 else None
        if near is None or near.speaker.entity in (None, item.speaker.entity) or gender is None:
            return item.speaker
        before = self.ctx.actors.get(near.speaker.entity)
        if before is None or before.kind != "person" or getattr(before, "gender", None) not in (None, gender):
            return item.speaker

        def person(actor) -> bool:
            return actor is not None and actor.kind == "person"

        if self._content_subject(item, person) or self._narrative_subject(item, near, person):
            return item.speaker
        return replace(item.speaker, entity=before.id, how="pronoun-guess")

    def _pictured_only(self, entity: str | None) -> bool:
        """Is the actor named only in photo captions (the actors stage may take it for a pronoun's)?"""
        actor = self.ctx.actors.get(entity) if entity else None
        names = [m for m in actor.mentions if m.form == "name"] if actor is not None else []
        return bool(names) and all(self.ctx.in_caption(m.start) for m in names)

    def _sole_person(self, char: int, gender: str | None):
        """The one person of the pronoun's gender in the last LONG_WINDOW paragraphs, if only one.

        A feature story returns to its subject after paragraphs of background
        ("After Kody died, she urged police to investigate"); with two women
        named in that stretch "she" stays open.
        """
        if gender is None:
            return None
        ctx = self.ctx
        here = ctx.paragraph_at(char)
        found = {}
        for ref in reversed(ctx.mentions):
            if ref.start >= char or ctx.quote_at(ref.start) is not None or ctx.in_caption(ref.start):
                continue
            if here - ctx.paragraph_at(ref.start) > LONG_WINDOW:
                break
            if ref.actor.kind == "person" and getattr(ref.actor, "gender", None) == gender:
                found[ref.actor.id] = ref.actor
        return next(iter(found.values())) if len(found) == 1 else None

    def _organisation(self, item: QuoteItem, previous: QuoteItem | None) -> Speaker:
        def organisation(actor) -> bool:
            return actor is None or actor.kind in ORG_KINDS

        near = previous if previous is not None and item.paragraph - previous.paragraph <= WINDOW else None
        subject = self._narrative_subject(item, near, organisation)
        if subject is not None:
            return _named(item.speaker, subject, "org-guess")
        if near is not None and near.speaker.entity:
            actor = self.ctx.actors.get(near.speaker.entity)
            if actor is not None and (organisation(actor) or actor.kind == "platform"):
                return replace(item.speaker, entity=actor.id, how="org-guess")  # "Facebook said ... The company"
        org = self.speakers.recent(item.start, WINDOW, NAMED_ORG_KINDS, names_only=True)
        if org is not None:
            return replace(item.speaker, entity=org.id, how="org-guess")
        return replace(item.speaker, how="descriptive")

    def _group(self, item: QuoteItem, previous: QuoteItem | None) -> Speaker:
        """ "they said": the previous speaker when not a single person, else the last subject
        of the narrative, else the last group described or named; otherwise left open."""
        def group(actor) -> bool:
            return actor is not None and actor.kind in GROUP_KINDS

        near = previous if previous is not None and item.paragraph - previous.paragraph <= WINDOW else None
        if near is not None and near.speaker.entity and group(self.ctx.actors.get(near.speaker.entity)):
            return replace(item.speaker, entity=near.speaker.entity, how="org-guess")
        subject = self._narrative_subject(item, near, group)
        if subject is not None:
            return _named(item.speaker, subject, "org-guess")
        found = self.speakers.recent(item.start, WINDOW, ("group",))
        if found is not None:
            return replace(item.speaker, entity=found.id, how="org-guess")
        return replace(item.speaker, how="descriptive")


def _named(said: Speaker, antecedent: Speaker, how: str) -> Speaker:
    """A resolved reference: the antecedent's entity; with no entity, the antecedent's name as text."""
    if antecedent.entity is not None:
        return replace(said, entity=antecedent.entity, how=how)
    return replace(antecedent, how=how)


def _gender(text: str) -> str | None:
    return next((PRONOUN_GENDER[w] for w in text.lower().split() if w in PRONOUN_GENDER), None)


def _next_sentence(text: str, at: int) -> int:
    found = _SENTENCE_END.search(text, at)
    return found.end() if found else len(text)


def _same_speaker(a: QuoteItem, b: QuoteItem) -> bool:
    if a.speaker.entity is not None:
        return a.speaker.entity == b.speaker.entity
    return a.speaker.text is not None and a.speaker.text == b.speaker.text
