"""Small readings of the parse shared by the events stage's steps."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .actors import conjuncts
from .items import Trigger
from .lexicon import EventLexicon

TIME_PREPS = frozenset({"ahead", "before", "after", "following", "since", "until", "prior"})
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})


def prominence(token: Token, trigger: Trigger, lexicon: EventLexicon) -> int:
    """How deep the event sits below its sentence's main clause: coordination and the
    content clause of a reporting verb ("X said that ...") do not count."""
    node = token.doc[trigger.light_verb] if trigger.light_verb is not None else token
    depth = 0
    while node.head.i != node.i:
        head = node.head
        if not (node.dep_ == "conj" or node.dep_ in ("ccomp", "parataxis") and
                head.lemma_.lower() in lexicon.reporting_verbs):
            depth += 1
        node = head
    return depth


def time_adjunct(token: Token) -> Token | None:
    """ "Ahead of the London talks", "after the Florida talks": the preposition that makes
    an event one named to place another in time, or None."""
    node = token
    for _ in range(3):
        head = node.head
        if head.i == node.i:
            return None
        if head.lower_ in TIME_PREPS:
            return head
        if node.dep_ not in ("pobj", "prep", "compound"):
            return None
        node = head
    return None


def in_time_adjunct(token: Token) -> bool:
    return time_adjunct(token) is not None


def adjunct_status(preposition: Token, cues: dict[str, str]) -> str | None:
    """What placing an event before another says of it: "following the talks", "since
    the invasion" -- it happened; "after the summit" only when the sentence is not told
    in the future ("will fly home after the summit")."""
    status = cues.get(preposition.lower_)
    if status is None:
        return None
    governor = preposition.head
    future = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in governor.children)
    return None if future and preposition.lower_ == "after" else status


def is_anaphoric(token: Token) -> bool:
    """ "the talks", "those discussions", "the leaders' talks": a definite event noun."""
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
               for c in token.children)


def speaker_heads(verb: Token) -> list[Token]:
    """Who says it: the subject of a reporting verb, or the object of "according to"."""
    if verb.lower_ == "according":
        return [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("advcl", "conj", "xcomp"):
        return speaker_heads(verb.head)
    return subjects


def weapon_words(doc: Doc, trigger: Trigger) -> set[str]:
    """Lemmas around an attack that may name its weapon: the trigger and its coordinated
    nouns, their modifiers, objects and instruments, and a light verb's dependents."""
    token = doc[trigger.i]
    parts = [token, *conjuncts(token)]
    if trigger.light_verb is not None:
        parts.append(doc[trigger.light_verb])
    words: set[str] = set()
    for part in parts:
        words.add(part.lemma_.lower())
        for child in part.children:
            words.add(child.lemma_.lower())
            if child.dep_ in ("prep", "dobj", "nsubj", "nsubjpass", "agent", "compound"):
                words.update(g.lemma_.lower() for g in child.subtree if g.pos_ in ("NOUN", "ADJ", "PROPN"))
    if token.dep_ in ("compound", "pobj"):
        words.add(token.head.lemma_.lower())
    return words


def misplaced_conjunct(verb: Token) -> Token | None:
    """ "vowed that the campaign would be over and warned activists ...": the small model
    coordinates the past-tense "warned" with the reported clause, but a finite verb cannot
    share its modal -- it is coordinated with the verb of saying. That verb, or None."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or head.dep_ != "ccomp" or \
            any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children):
        return None
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children) and head.head.pos_ == "VERB":
        return head.head
    return None
