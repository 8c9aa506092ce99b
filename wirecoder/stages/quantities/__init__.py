"""The quantities stage: every count, what it counts, whether it is an
estimate, and over what period (SPEC section 2, ``quantities``)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..base import Layers, Stage
from .finder import QuantityFinder
from .items import QuantityItem
from .lexicon import quantity_lexicon

__all__ = ["QuantitiesStage", "QuantityItem"]


class QuantitiesStage(Stage):
    name = "quantities"
    requires = ("tokens", "deps", "ner", "sents", "entities")
    assigns = ("quantities",)

    def __init__(self):
        self.finder = QuantityFinder(quantity_lexicon())

    def process(self, doc: Doc, layers: Layers) -> None:
        # The times layer is optional: when the times stage runs first, its
        # spans are excluded and its durations give periods.
        layers.quantities = self.finder.find(doc, layers.times, layers.entities, layers.article.text)
