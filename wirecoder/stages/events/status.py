"""Whether an event happened: occurred, ongoing, planned, hypothetical, negated,
claimed or denied, read from the words around its trigger.

The closest cue wins. Cues are looked for on the trigger (a negation, "no
talks", "planned talks", "allegedly"), on a noun that governs it ("threat of
destruction", "plans for talks"), then along the verb chain above it: its
auxiliaries ("will", "may"), its negation, its subordinator ("if"), and the
verbs it is the complement of ("is due to arrive", "threatened to strike",
"denied that ... attacked", "continues to launch"). The climb stops at a
reporting verb: "said that X attacked" is as real as "X attacked". Without a
cue an event has occurred, or is ongoing when told in the progressive.
"""

from __future__ import annotations

from spacy.tokens import Token

from .clauses import TIME_PREPS, misplaced_conjunct, time_adjunct
from .items import Trigger
from .lexicon import EventLexicon

# "would take stock when they convene": a clause of time shares its main clause's status.
WHEN_WORDS = frozenset({"when", "once", "whenever"})
CLIMB = frozenset({"xcomp", "ccomp", "advcl", "acomp", "pcomp", "conj", "prep", "oprd"})
UNREAL = frozenset({"planned", "hypothetical", "negated", "claimed", "denied"})
TIME_CLAUSE = frozenset({"before", "until", "till", "when", "once", "after", "if", "unless", "as soon as"})


def is_refusal(doc, trigger: Trigger, status: str, cue: str | None, lexicon: EventLexicon) -> bool:
    """ "will not accept", "refused to meet", "failed to reach agreement": a refusal,
    which PLOVER codes as REJECT, rather than an event that simply did not happen."""
    if status != "negated" or cue is None:
        return False
    node = doc[trigger.light_verb] if trigger.light_verb is not None else doc[trigger.i]
    for token in [node, *node.ancestors][:6]:
        if token.lemma_.lower() in lexicon.refusals:
            return True
        negated = any(c.dep_ == "neg" for c in token.children)
        future = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "shall", "'ll") for c in token.children)
        if negated and future:
            return True
        if token.dep_ not in CLIMB:
            break
    return False


def status_of(trigger: Trigger, doc, lexicon: EventLexicon) -> tuple[str, str | None]:
    """(status, the cue word that set it, or None for the default)."""
    cues = lexicon.status_cues
    token = doc[trigger.i]
    # a meeting told in the present goes on ("is in talks with"); a statement is made
    material = lexicon.quads.get(trigger.sense.type, "").startswith("material") or trigger.sense.type == "CONSULT"
    if trigger.is_noun:
        found = _noun_status(token, cues)
        if found:
            return found
        if trigger.light_verb is None:
            # "a full-scale assault could lead to ...", "fearing it will lead to a massacre":
            # an event noun in a clause told as unreal is as unreal as the clause
            governor = _governing_verb(token)
            found = _verb_chain_status(governor, cues, lexicon.reporting_verbs) if governor is not None else None
            if found and found[0] in UNREAL:
                return found
            return "occurred", None
        verb = doc[trigger.light_verb]
        light_status = lexicon.light_verbs.get(verb.lemma_.lower(), (None, None))[1]
        found = _verb_chain_status(verb, cues, lexicon.reporting_verbs)
        if found:
            return found
        if light_status:
            return light_status, verb.text
        return _tense(verb, material)
    found = _verb_chain_status(token, cues, lexicon.reporting_verbs)
    return found or _tense(token, material)


def infinitive_of_be(verb: Token) -> bool:
    """ "X is to hold talks", "the envoy was to visit": an arrangement, told as planned."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ == "be" and head.i != verb.i and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the subject or object of, directly or through a preposition --
    not a copula ("is not expected to be at the meeting" says nothing of the meeting), and
    none for a noun placing another event in time ("following his team's talks")."""
    if noun.head.lemma_ == "be" or time_adjunct(noun) is not None:
        return None
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in ("dobj", "nsubj", "nsubjpass") \
            and head.head.head.pos_ in ("VERB", "AUX"):
        return head.head.head  # "to hold two sessions of talks", "launched a wave of strikes"
    return None


def _tense(verb: Token, material: bool = True) -> tuple[str, str | None]:
    """A past tense says the event occurred, a present one that a material act goes on
    ("Isis resurfaces in Anbar, conducting car bombings"; "Turkey accuses him" is a
    statement made, not an ongoing act); otherwise "occurred" is only the default."""
    if verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in verb.children):
        return "occurred", verb.text
    present = verb.tag_ in ("VBZ", "VBP") or verb.tag_ == "VBG" and verb.dep_ == "advcl" and \
        verb.head.tag_ in ("VBZ", "VBP") or _participle_now(verb)
    if material and present and any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_CLAUSE for c in verb.children):
        return "planned", None  # "two weeks before allied leaders meet": a present of the future
    if material and present:
        return "ongoing", None  # no cue: "meet in Vienna on Friday" is still planned by its date
    return "occurred", None


def _participle_now(verb: Token) -> bool:
    """ "is leading a delegation touring the capitals": a present participle on a noun tells
    what goes on while its clause, told in the present, does."""
    if verb.tag_ != "VBG" or verb.dep_ != "acl":
        return False
    clause = verb.head.head
    return clause.pos_ in ("VERB", "AUX") and (clause.tag_ in ("VBZ", "VBP") or clause.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in clause.children))


# "agreed at a summit", "promised during talks": the occasion of the act, not what it is about
OCCASION_PREPS = frozenset({"at", "during"})


# Nouns that make an event noun compounded with them a proposal or a plan, not an act done.
PROPOSING = frozenset({"proposal", "plan", "offer", "request", "demand", "ultimatum", "threat"})


def _noun_status(token: Token, cues: dict[str, dict[str, str]]) -> tuple[str, str] | None:
    modifiers = cues.get("modifier", {})
    for child in token.children:
        if child.dep_ == "det" and child.lower_ == "no":
            return "negated", child.text
        if child.dep_ in ("amod", "advmod", "compound", "det", "nmod") and child.lower_ in modifiers:
            return modifiers[child.lower_], child.text
    head = token.head
    if token.dep_ == "compound" and head.pos_ == "NOUN" and head.lemma_.lower() in PROPOSING:
        return cues["noun"][head.lemma_.lower()], head.text  # "a new truce proposal", "the withdrawal plan"
    if token.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ == "without":
            return "negated", head.text
        governor = head.head
        if governor.pos_ in ("NOUN", "PROPN") and governor.lemma_.lower() in cues.get("noun", {}):
            return cues["noun"][governor.lemma_.lower()], governor.text
        if governor.pos_ == "VERB" and governor.lemma_.lower() in cues.get("governor", {}) \
                and head.lower_ not in OCCASION_PREPS and not _frame(head, governor) and not (
                    head.lower_ == "with" and any(c.dep_ in ("advmod", "prt") and c.lower_ in ("ahead", "on")
                                                  for c in governor.children)):  # "pressed ahead with"
            return cues["governor"][governor.lemma_.lower()], governor.text
    if token.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and \
            head.lemma_.lower() in cues.get("governor", {}):
        return cues["governor"][head.lemma_.lower()], head.text
    if token.dep_ == "nsubj" and head.pos_ == "VERB" and cues.get("governor", {}).get(head.lemma_.lower()) == "ongoing" \
            and not any(c.dep_ == "neg" for c in head.children):
        # "fighting, which began on 19 June, continued into Saturday": told going on, but by no cue
        # of modality (the confidence model reads cues as it was fitted)
        return "ongoing", None
    return None


def _frame(preposition: Token, governor: Token) -> bool:
    """ "In a call to the Kremlin, the leaders urged ...": a phrase put before its verb sets the
    scene of the act; what is urged, planned or expected follows the verb. A fronted phrase of
    time ("after the clashes, the group claimed ...") is left to the governor as before: read
    as a frame it cost a CASE 2021 snippet whose claim is its event."""
    return preposition.i < governor.i and preposition.lower_ not in TIME_PREPS


def _verb_chain_status(verb: Token, cues: dict[str, dict[str, str]],
                       reporting: frozenset[str]) -> tuple[str, str] | None:
    aux, governors = cues.get("aux", {}), cues.get("governor", {})
    modifiers, marks = cues.get("modifier", {}), cues.get("mark", {})
    for _ in range(8):
        negation = next((c for c in verb.children if c.dep_ == "neg"), None)
        if negation is not None:
            return "negated", negation.text  # "will not accept": the negation decides
        for child in verb.children:
            word = child.lower_
            if child.dep_ in ("aux", "auxpass") and word in aux:
                if word == "would" and _under_reporting(verb, reporting) and not _has_if(verb):
                    return "planned", child.text  # future in the past: "said they would meet"
                return aux[word], child.text
            if child.dep_ == "advmod" and word in modifiers:
                return modifiers[word], child.text
            if child.dep_ == "mark" and word in marks:
                return marks[word], child.text
        if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children):
            return "ongoing", verb.text
        being = next((c for c in verb.children if c.dep_ == "auxpass" and c.lower_ == "being"
                      and any(a.dep_ == "aux" and a.lemma_ == "be" for a in verb.children)), None)
        if being is not None:
            return "ongoing", being.text  # "are still being prosecuted"
        if infinitive_of_be(verb):
            return "planned", verb.head.text  # "is to hold two sessions of talks"
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if verb.dep_ == "acl" and infinitive and verb.head.pos_ == "NOUN":
            noun = verb.head.lemma_.lower()  # "the decision to withdraw", "a promise to keep troops"
            return (cues["noun"][noun], verb.head.text) if noun in cues.get("noun", {}) else None
        if misplaced_conjunct(verb) is not None:
            return None  # "vowed that it would be over and warned ...": a clause of the report's own
        if verb.dep_ not in CLIMB or verb.head.i == verb.i:
            return None
        if verb.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return None  # "US forces did not act, and the spokesman accused them": a clause of its own
        temporal = any(c.dep_ == "advmod" and c.lower_ in WHEN_WORDS or c.dep_ == "mark" and c.lower_ in WHEN_WORDS
                       for c in verb.children)
        if verb.dep_ == "advcl" and not (infinitive or temporal):
            return None  # "as Russia steps up attacks": an adverbial clause keeps its own status
        head = verb.head
        if head.dep_ == "prep" and verb.dep_ == "pcomp":
            head = head.head
        lemma = head.lemma_.lower()
        if lemma in reporting:
            return None
        if lemma in governors and verb.dep_ != "conj":
            if any(c.dep_ == "neg" for c in head.children) and governors[lemma] in ("planned", "hypothetical"):
                return "negated", head.text
            if governors[lemma] == "planned" and _conditional_above(head, aux, marks, reporting):
                return "hypothetical", head.text  # "whether Russia is willing to make concessions"
            return governors[lemma], head.text
        verb = head
    return None


def _conditional_above(verb: Token, aux: dict, marks: dict, reporting: frozenset[str]) -> bool:
    for token in [verb, *verb.ancestors][:5]:
        if token.lemma_.lower() in reporting:
            return False
        for child in token.children:
            if child.dep_ == "mark" and marks.get(child.lower_) == "hypothetical":
                return True
            if child.dep_ == "aux" and child.lower_ in ("may", "might", "could"):
                return True
    return False


def _under_reporting(verb: Token, reporting: frozenset[str]) -> bool:
    return any(a.lemma_.lower() in reporting for a in verb.ancestors)


def _has_if(verb: Token) -> bool:
    return any(t.lower_ in ("if", "unless") for t in verb.sent)
