"""What every stage is: a named step that reads the Doc and adds one layer.

A stage declares the layers it ``requires`` and the layers it ``assigns``; the
pipeline checks at build time that every requirement is assigned by spaCy or
an earlier stage. Stages talk to each other only through ``doc._.wc`` (the
``Layers`` below), never by importing each other's internals.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

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


class TokenTable(NamedTuple):
    """Per token of a Doc: its text, lower-cased text, character offset and punctuation flag."""

    texts: list[str]
    lowers: list[str]
    offsets: list[int]
    puncts: list[bool]


_TABLE_KEY = "wirecoder.tokens"


def token_table(doc: Doc) -> TokenTable:
    """The Doc's tokens as plain lists, read once per Doc: spaCy builds a new Token object at
    every ``doc[i]`` and every step of ``for t in doc``, and the stages' scans over the whole
    article cost more in those objects than in their own work."""
    table = doc.user_data.get(_TABLE_KEY)
    if table is None:
        tokens = list(doc)
        table = doc.user_data[_TABLE_KEY] = TokenTable(
            [t.text for t in tokens], [t.lower_ for t in tokens], [t.idx for t in tokens],
            [t.is_punct for t in tokens])
    return table


def tokens_in(doc: Doc, ranges: list[tuple[int, int]]) -> list[bool]:
    """Per token, whether it starts inside one of the character ``ranges``: what
    ``any(start <= token.idx < end for start, end in ranges)`` says, for all tokens in one
    pass instead of a scan of the ranges per token."""
    offsets = token_table(doc).offsets  # strictly increasing
    flags = [False] * len(offsets)
    for start, end in ranges:
        for i in range(bisect_left(offsets, start), bisect_left(offsets, end)):
            flags[i] = True
    return flags


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` for indices >= 0 without building the Span (an end past the
    Doc is clipped as in a slice)."""
    texts, _, offsets, _ = token_table(doc)
    end = min(end, len(texts))
    if end <= start:
        return ""
    return text_of(doc)[offsets[start]:offsets[end - 1] + len(texts[end - 1])]


def lower_words(doc: Doc) -> frozenset[str]:
    """The words the article writes in lower case ("may" as a verb next to "May" the name)."""
    words = doc.user_data.get(_LOWER_KEY)
    if words is None:
        words = doc.user_data[_LOWER_KEY] = frozenset(t for t in token_table(doc).texts if t.islower())
    return words


_LOWER_KEY = "wirecoder.lower_words"


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
