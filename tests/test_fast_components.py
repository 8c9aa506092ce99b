"""The fast attribute ruler and lemmatizer give what the stock components give."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from wirecoder.fast_components import FastAttributeRuler, PatternIndex, Unsupported, speed_up

# Invented rules of every shape the index reads: equality, IN, NOT_IN, REGEX, two tokens,
# a later token as the target, and two rules on one token (the later one wins).
RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["VBZ", "VBD"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"LOWER": "rang", "TAG": "VBD"}]], "attrs": {"LEMMA": "ring", "MORPH": "Tense=Past"}},
    {"patterns": [[{"LOWER": {"REGEX": "^wh"}, "DEP": {"NOT_IN": ["nsubj", ""]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": "kind"}, {"LOWER": "of"}]], "attrs": {"LEMMA": "sort"}, "index": 1},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "rings"}], [{"LOWER": "bell"}]], "attrs": {"LEMMA": "peal"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"DEP": "dobj"}]], "attrs": {"POS": "PROPN"}},
]


def _doc(vocab) -> Doc:
    words = ["Which", "bell", "rang", "kind", "of", "loud", "\n", "what", "rings", "Kind", "of", "bell"]
    tags = ["WDT", "NN", "VBD", "NN", "IN", "JJ", "_SP", "WP", "VBZ", "NN", "IN", "NN"]
    deps = ["det", "nsubj", "ROOT", "npadvmod", "prep", "amod", "dep", "nsubj", "ROOT", "dobj", "prep", "pobj"]
    heads = [1, 2, 2, 2, 3, 4, 2, 8, 8, 8, 9, 10]
    return Doc(vocab, words=words, tags=tags, deps=deps, heads=heads)


def _attrs(doc: Doc):
    return doc.to_array([TAG, POS, MORPH, LEMMA, DEP]).tolist(), [t.lemma_ for t in doc], [str(t.morph) for t in doc]


def test_fast_ruler_matches_and_sets_what_the_stock_ruler_does():
    vocab = spacy.blank("en").vocab
    stock = AttributeRuler(vocab)
    stock.add_patterns(RULES)
    fast = AttributeRuler(vocab)
    fast.add_patterns(RULES)
    fast.__class__, fast.index = FastAttributeRuler, PatternIndex(fast.patterns)
    want, got = _doc(vocab), _doc(vocab)
    assert fast.match(got) == stock.match(want) != []
    assert _attrs(fast(got)) == _attrs(stock(want))
    assert got[4].lemma_ == "sort" and got[2].lemma_ == "ring"


def test_a_pattern_the_index_cannot_read_is_refused():
    with pytest.raises(Unsupported):
        PatternIndex([{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}}])
    with pytest.raises(Unsupported):
        PatternIndex([{"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"POS": "X"}}])


TEXTS = [
    "Which of the ministers said they were gonna resign? Y'all ain't seen nothing, she said.\n\n"
    "Let's go, c'mon. The mayor gets the keys; the councils got theirs in 2019 and it rained.",
    "There were 1,200 protesters outside   the courthouse, and I told them it was over.\n"
    "Better-known singers sang best; the best-paid players have played worse than ever.",
]


@pytest.mark.model
def test_pipeline_with_fast_components_annotates_like_the_stock_model():
    from wirecoder.pipeline import DEFAULT_MODELS

    def load():
        for name in DEFAULT_MODELS:
            try:
                return spacy.load(name)
            except OSError:
                continue
        pytest.fail("no spaCy model installed: run make setup")

    stock, fast = load(), load()
    assert speed_up(fast) == ["attribute_ruler", "lemmatizer"]
    for text in TEXTS * 2:  # the second round reads the lemmatizer's remembered answers
        want, got = stock(text), fast(text)
        assert np.array_equal(want.to_array([TAG, POS, MORPH, LEMMA, DEP]), got.to_array([TAG, POS, MORPH, LEMMA, DEP]))
        assert [t.lemma_ for t in got] == [t.lemma_ for t in want]
