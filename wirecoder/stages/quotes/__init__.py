"""The quotes stage: direct, partial and indirect statements with speaker, cue, channel and date."""

from __future__ import annotations

from spacy.tokens import Doc

from ..base import Layers, Stage
from .build import QuoteBuilder
from .context import DocContext
from .lexicon import quote_lexicon


class QuotesStage(Stage):
    """Reads the entities (speakers) and, when the times stage ran, the times (dates said)."""

    name = "quotes"
    requires = ("tokens", "sents", "pos", "lemma", "deps", "entities")
    assigns = ("quotes",)

    def __init__(self):
        self.lex = quote_lexicon()

    def process(self, doc: Doc, layers: Layers) -> None:
        ctx = DocContext.build(doc, layers.entities, layers.times)
        layers.quotes = QuoteBuilder(ctx, self.lex).build()
