"""Channel and date of a statement, read from its attribution clause only.

The clause is the cue and its adjuncts ("wrote on Telegram", "told Sky News",
"Speaking at the Reagan National Defense Forum ... on December 7"), never the
content: in "spoke by phone with Zelenskyy ..., her office said" the phone
call is what was reported, not how.

- channel: a platform or media outlet of the actors stage in the clause
  (its canonical name: "X" for "Twitter"), else a phrase of
  quote_channels.csv ("news conference" -> "press conference"); a named event
  ("at the Munich Security Conference") is recorded by its name;
- date: a day-precision time of the times stage lying wholly in the clause.
  When the times layer is absent (the stage is not in the pipeline) the date
  is None.

A channel "lasts" when it is an occasion at which one says several things: a
media outlet (an interview), a news conference, a named forum; not a platform
post or a written statement. The continuation pass carries a lasting channel
over to the same speaker's next statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .context import DocContext
from .lexicon import NAMED_EVENT, QuoteLexicon

CHANNEL_KINDS = ("platform", "media")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Channel(NamedTuple):
    name: str
    lasts: bool  # an occasion: later statements of the same speaker may be from it


def channel_of(ctx: DocContext, tokens: Iterable[int], lex: QuoteLexicon) -> Channel | None:
    tokens = sorted(set(tokens))
    doc = ctx.doc
    for i in tokens:
        ref = ctx.mention_at(doc[i].idx)
        if ref is not None and ref.actor.kind in CHANNEL_KINDS:
            return Channel(ref.actor.name, ref.actor.kind == "media")
    present = set(tokens)
    for i in tokens:
        for n in range(lex.max_channel_words, 0, -1):
            span = list(range(i, i + n))
            if not all(k in present for k in span) or span[-1] >= len(doc):
                continue
            words = tuple(doc[k].lemma_.lower() for k in span)
            phrase = lex.channels.get(words) or lex.channels.get(tuple(doc[k].lower_ for k in span))
            if phrase is None or doc[span[-1]].pos_ not in ("NOUN", "PROPN"):
                continue
            if phrase.channel != NAMED_EVENT:
                return Channel(phrase.channel, phrase.lasts)
            return Channel(_event_name(ctx, span[-1]) or " ".join(doc[k].lower_ for k in span), phrase.lasts)
    return None


def _event_name(ctx: DocContext, i: int) -> str | None:
    """ "the Reagan National Defense Forum": the proper name the event noun heads, if any."""
    doc = ctx.doc
    ref = ctx.mention_at(doc[i].idx)
    if ref is not None and ref.actor.kind not in ("place", "country"):
        return ref.actor.name
    if doc[i].pos_ != "PROPN":
        return None
    lo = i
    while lo > 0 and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].head.i in range(lo - 1, i + 1):
        lo -= 1
    return doc[lo:i + 1].text if lo < i else None


def date_said(times: Iterable, spans: Iterable[tuple[int, int]]) -> str | None:
    """The day of the first time expression lying wholly inside one of ``spans`` (character ranges).

    ``times`` are items of the times stage (attributes start, end, value,
    start_date, end_date, precision). Only a day is a date said: "last week"
    gives no date.
    """
    spans = list(spans)
    if not spans:
        return None
    low, high = min(lo for lo, _ in spans), max(hi for _, hi in spans)
    inside = [t for t in times if low <= t.start and t.end <= high]  # the rest lies in no span
    for item in sorted(inside, key=lambda t: t.start):
        if not any(lo <= item.start and item.end <= hi for lo, hi in spans):
            continue
        day = _day(item)
        if day is not None:
            return day
    return None


def _day(item) -> str | None:
    value = getattr(item, "value", None)
    if getattr(item, "precision", None) == "day":
        if value and ISO_DAY.match(value):
            return value
        start, end = getattr(item, "start_date", None), getattr(item, "end_date", None)
        if start and ISO_DAY.match(start) and (end in (None, start)):
            return start
    return None


def token_spans(ctx: DocContext, tokens: Iterable[int]) -> list[tuple[int, int]]:
    """Contiguous character ranges covered by a set of tokens."""
    doc = ctx.doc
    spans: list[tuple[int, int]] = []
    previous = None
    for i in sorted(set(tokens)):
        start, end = doc[i].idx, doc[i].idx + len(doc[i])
        if previous is not None and i == previous + 1:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        previous = i
    return spans
