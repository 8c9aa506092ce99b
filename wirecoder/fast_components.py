"""Faster equivalents of two en_core_web_sm components, with the same output.

Profiled on the Guardian sample, the attribute ruler and the rule lemmatizer took
about a quarter of spaCy's time per article: the ruler runs spaCy's general
Matcher (every pattern against every token) for 179 patterns that each test one
or two tokens, and the lemmatizer builds a Token object per word and caches only
part of its answers. Here:

- ``FastAttributeRuler.match`` finds the same matches through an index of the
  patterns by the LOWER or TAG value they require, testing each token against the
  few patterns that can match it;
- ``FastLemmatizer.__call__`` reads and writes the tokens as arrays and remembers
  each (word, part of speech, morphology) -> lemma, which is all the rule
  lemmatizer reads (its own cache key).

``speed_up(nlp)`` swaps them in where the model has the stock components and every
pattern is of a shape the index reads; anything else keeps the stock component.
tests/test_fast_components.py holds them to the stock output.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

log = logging.getLogger("wirecoder")

_KEYS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}  # a token's column in ``_token_rows``
_CACHE_LIMIT = 500_000  # (word, pos, morphology) -> lemma entries kept, as spaCy's own cache, but bounded


class Unsupported(ValueError):
    """A pattern outside what the index reads: the stock component stays."""


def _test(key: str, value):
    """One token attribute's condition as a function of its (string or bool) value."""
    if key == "IS_SPACE":
        if not isinstance(value, bool):
            raise Unsupported(f"IS_SPACE {value!r}")
        return lambda got: got == value
    if isinstance(value, str):
        return lambda got: got == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda got: got in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda got: got not in banned
        if op == "REGEX":
            search = re.compile(arg).search
            return lambda got: bool(search(got))
    raise Unsupported(f"{key} {value!r}")


def _token_test(spec: dict):
    tests = []
    for key, value in spec.items():
        if key not in _KEYS:
            raise Unsupported(key)
        tests.append((_KEYS[key], _test(key, value)))
    return lambda row: all(test(row[column]) for column, test in tests)


class PatternIndex:
    """The ruler's patterns by the first token's required LOWER (else TAG) value."""

    def __init__(self, patterns: list[dict]):
        self.by_lower: dict[str, list] = defaultdict(list)
        self.by_tag: dict[str, list] = defaultdict(list)
        self.others: list = []
        self.starting: dict[tuple, tuple] = {}  # a token's row -> what it starts (``_starting``)
        for attr_id, pattern in enumerate(patterns):
            for alternative in pattern["patterns"]:
                if not alternative:
                    raise Unsupported("an empty pattern")
                for spec in alternative:
                    if any(key in ("OP", "_") for key in spec):
                        raise Unsupported(str(spec))
                entry = (attr_id, [_token_test(spec) for spec in alternative])
                first = alternative[0]
                if isinstance(first.get("LOWER"), str):
                    self.by_lower[first["LOWER"]].append(entry)
                elif isinstance(first.get("TAG"), str):
                    self.by_tag[first["TAG"]].append(entry)
                else:
                    self.others.append(entry)

    def _starting(self, row: tuple) -> tuple[tuple[int, ...], tuple]:
        """The patterns whose first token ``row`` matches: the attr ids of the one-token
        ones, and (attr id, tests of the next tokens) of the longer ones."""
        singles, longer = [], []
        for attr_id, tests in (*self.by_lower.get(row[0], ()), *self.by_tag.get(row[1], ()), *self.others):
            if tests[0](row):
                if len(tests) == 1:
                    singles.append(attr_id)
                else:
                    longer.append((attr_id, tests[1:]))
        return tuple(singles), tuple(longer)

    def matches(self, rows: list[tuple]) -> list[tuple[int, int, int]]:
        """(attr_id, start, end) of every match, as the Matcher finds them (duplicates dropped).
        What a token starts depends only on its row, so it is worked out once per distinct row."""
        found = set()
        starting = self.starting
        if len(starting) > _CACHE_LIMIT:
            starting.clear()
        n = len(rows)
        for start, row in enumerate(rows):
            known = starting.get(row)
            if known is None:
                known = starting[row] = self._starting(row)
            singles, longer = known
            for attr_id in singles:
                found.add((attr_id, start, start + 1))
            for attr_id, tests in longer:
                end = start + 1 + len(tests)
                if end <= n and all(test(rows[start + 1 + k]) for k, test in enumerate(tests)):
                    found.add((attr_id, start, end))
        return sorted(found)


def _token_rows(doc: Doc) -> list[tuple]:
    """Per token: (lower, tag, dep, is_space), the attributes the patterns read."""
    strings = doc.vocab.strings
    names: dict[int, str] = {}

    def name(key: int) -> str:
        text = names.get(key)
        if text is None:
            text = names[key] = strings[key] if key else ""
        return text

    columns = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()
    return [(name(lower), name(tag), name(dep), bool(space)) for lower, tag, dep, space in columns]


class FastAttributeRuler(AttributeRuler):
    """The attribute ruler, matching through a ``PatternIndex``."""

    index: PatternIndex

    def match(self, doc: Doc):
        strings = self.vocab.strings
        return [(attr_id, strings[str(attr_id)], start, end)
                for attr_id, start, end in self.index.matches(_token_rows(doc))]


class FastLemmatizer(Lemmatizer):
    """The rule lemmatizer over token arrays, one lookup per (word, pos, morphology)."""

    lemma_of: dict

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables()
        if self.mode != "rule":
            return super().__call__(doc)
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        strings = self.vocab.strings
        lemma_of = self.lemma_of
        if len(lemma_of) > _CACHE_LIMIT:
            lemma_of.clear()
        lemmas = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if self.overwrite or lemma == 0:
                key = (orth, pos, morph)
                found = lemma_of.get(key)
                if found is None:
                    found = lemma_of[key] = strings.add(self.lemmatize(doc[i])[0])
                lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


_FAST_CLASSES: dict[type, type] = {}


def _fast_class(stock: type) -> type:
    """``FastLemmatizer`` over a language's lemmatizer class (English has its own ``is_base_form``)."""
    if stock not in _FAST_CLASSES:
        _FAST_CLASSES[stock] = type(f"Fast{stock.__name__}", (FastLemmatizer, stock), {})
    return _FAST_CLASSES[stock]


def _index_of(name: str, ruler: AttributeRuler) -> PatternIndex | None:
    try:
        return PatternIndex(ruler.patterns)
    except Unsupported as err:
        log.info("%s keeps spaCy's own matcher: a pattern of another shape (%s)", name, err)
        return None


def speed_up(nlp: Language) -> list[str]:
    """Swap the fast equivalents into ``nlp`` in place; returns the names of the swapped components."""
    swapped = []
    for name, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            index = _index_of(name, component)
            if index is not None:
                component.__class__ = FastAttributeRuler
                component.index = index
                swapped.append(name)
        elif isinstance(component, Lemmatizer) and not isinstance(component, FastLemmatizer) \
                and component.mode == "rule":
            component.__class__ = _fast_class(type(component))
            component.lemma_of = {}
            swapped.append(name)
    return swapped
