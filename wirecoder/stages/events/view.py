"""Per-article arrays of the parse, read once with ``Doc.to_array``.

Looking at every token through spaCy's ``Token`` objects costs a few
microseconds each; the stage scans each sentence several times (triggers,
reporting verbs, casualty words), so it scans these plain lists instead and
builds a ``Token`` only where a word is in a lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import DEP, LEMMA, LOWER, POS, SENT_START
from spacy.symbols import ccomp, acl, AUX, NOUN, PROPN, VERB, ADJ
from spacy.tokens import Doc

_STRINGS: dict[int, str] = {}  # string hash -> lowercased string, shared by all articles
POS_NAMES = {VERB: "VERB", AUX: "VERB", NOUN: "NOUN", PROPN: "NOUN", ADJ: "ADJ"}
CLAUSE_DEPS = frozenset({ccomp, acl})


@dataclass(frozen=True)
class DocView:
    lemma: list[str]  # lowercased
    lower: list[str]
    pos: list[str]  # VERB, NOUN, ADJ or ""
    clause: list[bool]  # a ccomp or acl: where "X said Y must ..." demands are read
    sents: list[tuple[int, int]]  # token start, end of each sentence
    sent_of: list[int]  # token index -> sentence number
    paragraph_starts: list[int]  # character offsets

    def sentence_words(self, s_i: int) -> set[str]:
        start, end = self.sents[s_i]
        return set(self.lemma[start:end]) | set(self.lower[start:end])


def _string(doc: Doc, key: int) -> str:
    found = _STRINGS.get(key)
    if found is None:
        found = _STRINGS[key] = doc.vocab.strings[key].lower()
    return found


def doc_view(doc: Doc, text: str) -> DocView:
    """``text`` is the article text (``Doc.text`` would join every token again)."""
    columns = doc.to_array([LEMMA, LOWER, POS, DEP, SENT_START]).T.tolist() if len(doc) else [[]] * 5
    strings = _STRINGS
    lemma = [strings.get(h) or _string(doc, h) for h in columns[0]]
    lower = [strings.get(h) or _string(doc, h) for h in columns[1]]
    pos = [POS_NAMES.get(p, "") for p in columns[2]]
    clause = [d in CLAUSE_DEPS for d in columns[3]]
    rows = columns[4]
    starts = [i for i, flag in enumerate(rows) if i == 0 or flag == 1]
    sents = list(zip(starts, starts[1:] + [len(rows)]))
    sent_of = [0] * len(rows)
    for n, (start, end) in enumerate(sents):
        sent_of[start:end] = [n] * (end - start)
    paragraph_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return DocView(lemma, lower, pos, clause, sents, sent_of, paragraph_starts)
