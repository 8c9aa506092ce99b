"""What every stage is: a named step that reads the Doc and adds one layer.

A stage declares the layers it ``requires`` and the layers it ``assigns``; the
pipeline checks at build time that every requirement is assigned by spaCy or
an earlier stage. Stages talk to each other only through ``doc._.wc`` (the
``Layers`` below), never by importing each other's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from ..readers import ArticleInput

# What the spaCy pipeline itself provides.
SPACY_LAYERS = frozenset({"tokens", "sents", "pos", "lemma", "deps", "ner"})

if not Doc.has_extension("wc"):
    Doc.set_extension("wc", default=None)

_TEXT_KEY = "wirecoder.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text on each access,
    which cost more than a whole small stage when each stage read it (the tokens,
    and so the text, never change after the Doc is made)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


@dataclass
class Layers:
    """Everything the stages add to one article, attached as ``doc._.wc``."""

    article: ArticleInput
    published: date | None = None
    entities: list = field(default_factory=list)
    times: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    events: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Stage:
    """Base class: subclasses set ``name``, ``requires``, ``assigns`` and ``process``."""

    name: str = ""
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def process(self, doc: Doc, layers: Layers) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        self.process(doc, doc._.wc)
        return doc

    def __repr__(self) -> str:
        return f"<stage {self.name}: {', '.join(self.requires)} -> {', '.join(self.assigns)}>"
