"""Which way in time a date points: the tense of the verb it hangs on.

"Monday" in "said on Monday" is the Monday before publication, in "will meet
on Monday" the one after. From the expression we climb the dependency tree to
the first verb, then read its tense from its auxiliaries and morphology:
will/'ll/shall/would and "is due / set / scheduled / expected to" mean future,
a past-tense verb or auxiliary (or a present perfect) means past. A participle
clause ("Speaking on December 7, he said") takes the tense of the clause it
modifies. Modal verbs other than will/would leave the direction open.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

MAX_CLIMB = 8
OPEN_MODALS = frozenset({"may", "might", "could", "can", "should", "must", "ought"})


@dataclass(frozen=True)
class Governor:
    """What a time expression attaches to: the tense of its verb and the words on the way."""

    tense: str | None  # past, present, progressive, future or None
    lemmas: frozenset[str]  # lemmas of the nouns and verbs from the expression up to its verb
    direct: bool = False  # attached to the verb itself, not through a noun ("Friday's purchases")


def head_of(span: Span) -> Token:
    for token in span:
        if not (span.start <= token.head.i < span.end) or token.head.i == token.i:
            return token
    return span.root


def governor(span: Span, cues: dict[str, str], verbs: dict[str, str] | None = None) -> Governor:
    token = head_of(span)
    lemmas: set[str] = set()
    through_noun = False  # "under a June agreement": the date dates the noun, not the verb
    for _ in range(MAX_CLIMB):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("NOUN", "PROPN", "VERB"):
            lemmas.add(token.lemma_.lower())
            lemmas.add(token.lower_)
        if token.pos_ in ("VERB", "AUX"):
            tense = verb_tense(token, cues)
            if verbs and token.lemma_.lower() in verbs:
                tense = verbs[token.lemma_.lower()]
            if through_noun and tense == "future" and not _finite_future(token, cues):
                tense = None
            return Governor(tense, frozenset(lemmas), not through_noun)
        through_noun = through_noun or token.pos_ in ("NOUN", "PROPN") or token.dep_ == "poss"
    return Governor(None, frozenset(lemmas))


def _finite_future(verb: Token, cues: dict[str, str]) -> bool:
    return any(cues.get(c.lower_.replace("’", "'")) == "future" for c in verb.children if c.dep_ in ("aux", "auxpass"))


def verb_tense(verb: Token, cues: dict[str, str], depth: int = 0) -> str | None:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for aux in auxiliaries:
        word = aux.lower_.replace("’", "'")
        if cues.get(word) == "future":
            return "future"
        if word in OPEN_MODALS:
            return None
    for aux in auxiliaries:
        if "Past" in aux.morph.get("Tense") or aux.tag_ == "VBD":
            return "past"
    if any(a.lower_ == "to" for a in auxiliaries) and verb.tag_ == "VB":
        # an infinitive: future after "due / set / going / expected to", else its governor's tense
        head = verb.head
        if cues.get(head.lower_) == "future" or cues.get(head.lemma_.lower()) == "future":
            framing = _copula_tense(head, cues) if head.pos_ == "ADJ" else verb_tense(head, cues, depth + 1)
            return "past" if framing == "past" and head.pos_ == "ADJ" else "future"
        if head.i != verb.i and head.pos_ in ("VERB", "AUX", "ADJ") and depth < 3:
            inherited = verb_tense(head, cues, depth + 1) if head.pos_ != "ADJ" else _copula_tense(head, cues)
            return "future" if inherited in (None, "present", "progressive") else inherited
        if head.pos_ in ("NOUN", "PROPN") and depth < 3:
            # "a demonstration to show solidarity", "the inability to pay": the infinitive
            # is no plan of its own; in a past clause its date may lie either way
            framing = _inherit(head, cues, depth)
            return None if framing == "past" else "future"
        return "future"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        if any(a.lemma_ == "have" for a in auxiliaries) or not auxiliaries:
            return "past"  # present perfect, or a bare participle ("shares issued July 1")
        return _inherit(verb, cues, depth)
    if verb.tag_ == "VBG":
        if any(a.lemma_ == "be" for a in auxiliaries):
            return "progressive"  # "is meeting": present, or an arrangement ahead
        return _inherit(verb, cues, depth)
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _inherit(verb: Token, cues: dict[str, str], depth: int) -> str | None:
    """A participle without auxiliaries takes the tense of the clause it belongs to."""
    head = verb.head
    if head.i == verb.i or depth >= 3:
        return None
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return verb_tense(head, cues, depth + 1) if head.pos_ in ("VERB", "AUX") else None


def _copula_tense(adjective: Token, cues: dict[str, str]) -> str | None:
    """'was due to', 'had been due to': the tense of the copula an adjective hangs on."""
    head = adjective.head
    if head.pos_ == "AUX":
        if "Past" in head.morph.get("Tense") or any(
                "Past" in c.morph.get("Tense") for c in head.children if c.dep_ == "aux"):
            return "past"
        return "present"
    return None
