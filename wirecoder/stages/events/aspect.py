"""How an event is told: the tense of its clause, and whether as habit or description.

An analyst dates an event with no date of its own from the way it is told:
"has condemned" is on or just before publication, "condemned" at the story's
reference time, "had fought" before it, "are firing" now. The same reading
says when an event is history or habit rather than the article's news: "had
fought in the insurgency", "regularly rallied followers", "a decades-long
insurgency", "the force that has led the ground war" (a relative clause in
the perfect describes an actor; it does not report news).

The reading climbs from the trigger to the verb that carries its tense (an
event noun's governing verb: "launched strikes", "the attack came"). A verb
coordinated without auxiliaries of its own ("has backed and later armed")
shares its first conjunct's. The content of a reporting verb ("said that
forces had struck") is read relative to the report, where English shifts
tenses back: a past perfect there is a simple past. Word lists:
wirecoder/data/events/background_cues.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...datafiles import read_rows
from ...settings import DATA_DIR

FUTURE = frozenset({"will", "'ll", "shall", "wo"})
MODALS = frozenset({"would", "may", "might", "could", "can", "should", "must", "ought"})
# A finite relative clause describes its noun rather than advancing the story.
DESCRIBING = frozenset({"relcl"})
# Participles and infinitives take the tense of the clause they hang on.
CLIMB = frozenset({"advcl", "xcomp", "acl", "relcl", "pcomp", "conj", "pobj", "dobj", "nsubj",
                   "nsubjpass", "prep", "amod", "compound", "oprd", "acomp", "attr", "appos", "npadvmod"})
CONTENT = frozenset({"ccomp", "parataxis"})
MAX_CLIMB = 6


@dataclass(frozen=True)
class Aspect:
    """The tense an event is told in and what marks it as background."""

    tense: str | None  # past, perfect, pluperfect, present, future, or None (modal, no verb)
    habitual: bool = False  # a habit or a span of years ("regularly", "decades-long", "for years")
    describing: bool = False  # in a relative clause or participle on a noun ("the force that has led")
    reported: bool = False  # the content of a reporting verb
    verb: int | None = None  # token index of the verb that carries the tense


@dataclass(frozen=True)
class BackgroundCues:
    adverbs: frozenset[str]
    modifiers: frozenset[str]
    periods: frozenset[str]
    governors: frozenset[str]


@lru_cache(maxsize=1)
def background_cues() -> BackgroundCues:
    rows = read_rows(DATA_DIR / "events" / "background_cues.csv")
    by_where: dict[str, set[str]] = {}
    for row in rows:
        by_where.setdefault(row["where"].strip(), set()).add(row["cue"].strip().lower())
    return BackgroundCues(*(frozenset(by_where.get(w, ())) for w in ("adverb", "modifier", "period", "governor")))


def tense_verb(token: Token) -> Token | None:
    """The verb that carries an event's tense: itself, or the first verb above an event noun."""
    node = token
    for _ in range(MAX_CLIMB):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def verb_tense(verb: Token) -> str | None:
    """past, perfect, pluperfect, present, future or None, from auxiliaries and the tag."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = [a.lower_.replace("’", "'") for a in auxiliaries]
    if any(w in FUTURE for w in words):
        return "future"
    if any(w in MODALS for w in words):
        return None
    if "to" in words:
        return "infinitive"
    for aux in auxiliaries:
        if aux.lemma_ == "have" and aux.dep_ == "aux":
            return "pluperfect" if aux.tag_ == "VBD" else "perfect"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        return "present"
    return None  # a participle or gerund: its clause's tense


def _own_auxiliaries(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)


def aspect_of(doc: Doc, trigger_i: int, reporting_verbs: frozenset[str]) -> Aspect:
    token = doc[trigger_i]
    cues = background_cues()
    # "a decades-long insurgency", "repeatedly shelled" -- not "Earlier, Kyiv accused Moscow": an
    # adjective's cue on a noun, an adverb's on a verb
    habitual = any(c.dep_ in ("amod", "compound") and c.lower_ in cues.modifiers | cues.adverbs or
                   c.dep_ == "advmod" and c.lower_ in cues.adverbs for c in token.children)
    node = tense_verb(token)
    if node is None:
        return Aspect(None, habitual)
    tense, describing = None, False
    for _ in range(MAX_CLIMB):
        habitual = habitual or _habit(node, cues)
        describing = describing or node.dep_ in DESCRIBING
        head = node.head
        if node.dep_ == "conj" and not _own_auxiliaries(node) and head.pos_ in ("VERB", "AUX"):
            node = head  # "has backed and later armed": one tense for both
            continue
        tense = verb_tense(node)
        if tense == "infinitive":
            tense = None
            if head.lemma_.lower() in cues.governors and head.tag_ == "VBD" and \
                    not any(c.dep_ == "dobj" for c in head.children):
                habitual = True  # "used to rally"
        if tense is not None or head.i == node.i or node.dep_ not in CLIMB:
            break
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head  # "civilians killed in ...": the clause the participle's noun is in
        if head.pos_ not in ("VERB", "AUX"):
            break
        node = head
    reported = _reported(node, reporting_verbs)
    if reported and tense == "pluperfect":
        tense = "past"  # "said forces had struck": before the report, as a simple past
    return Aspect(tense, habitual, describing, reported, node.i)


def _habit(verb: Token, cues: BackgroundCues) -> bool:
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in cues.adverbs:
            return True
        if child.dep_ == "prep":
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.tag_ in ("NNS", "NNPS") and noun.lemma_.lower() in cues.periods:
                    return True
    return False


def _reported(verb: Token, reporting_verbs: frozenset[str]) -> bool:
    node = verb
    for _ in range(3):
        if node.dep_ == "conj":
            node = node.head
            continue
        return node.dep_ in CONTENT and node.head.lemma_.lower() in reporting_verbs
    return False
