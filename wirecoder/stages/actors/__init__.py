"""The actors stage: persons, organisations, countries, places, facilities,
groups, media and platforms, with every mention, roles and ISO3 country."""

from __future__ import annotations

from spacy.tokens import Doc

from ...gazetteer import gazetteer
from ...textspans import quoted_spans
from ..base import Layers, Stage, text_of
from .kb import office_holders
from .lexicons import lexicons
from .mentions import MentionFinder
from .resolve import Resolver


class ActorsStage(Stage):
    name = "actors"
    requires = ("tokens", "pos", "deps", "ner", "sents")
    assigns = ("entities",)

    def __init__(self):
        lex, kb, gaz = lexicons(), office_holders(), gazetteer()
        self.finder = MentionFinder(lex, kb, gaz)
        self.resolver = Resolver(lex, kb, gaz)

    def process(self, doc: Doc, layers: Layers) -> None:
        candidates = self.finder.find(doc, layers.published)
        quoted = quoted_spans(text_of(doc))
        layers.entities = self.resolver.run(doc, candidates, layers.published, quoted)
