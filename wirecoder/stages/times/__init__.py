"""The times stage: every temporal expression, resolved to the calendar.

Dates, months, years, weeks, seasons, named days, times of day, durations and
sets are found by a rule grammar over the text (lexicons in
wirecoder/data/times/), checked against the parse, and resolved against the
article's publication date with the tense of the verb they hang on, the last
date mentioned, or the date the article gives for a referenced event.

When the actors stage ran first, its person-name mentions are kept out of
("April Ryan", "Theresa May"); run alone, the stage relies on the parse.

Other stages look items up with ``overlapping(layers.times, start, end)`` or
``dated(...)``; values follow TimeML (see README.md here).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..base import Layers, Stage
from .finder import find_times
from .grammar import grammar
from .items import TimeItem, dated, overlapping
from .lexicon import time_lexicon
from .resolve import Resolver


class TimesStage(Stage):
    name = "times"
    requires = ("tokens", "sents", "pos", "lemma", "deps", "ner")
    assigns = ("times",)

    def __init__(self):
        self.lex = time_lexicon()
        self.grammar = grammar()
        self.resolver = Resolver(self.lex.event_nouns)

    def process(self, doc: Doc, layers: Layers) -> None:
        names = [(m.start, m.end) for e in layers.entities if e.kind == "person" for m in e.mentions
                 if m.form == "name"]
        layers.times = find_times(doc, layers.published, self.grammar, self.lex, self.resolver, names)


__all__ = ["TimeItem", "TimesStage", "dated", "overlapping"]
