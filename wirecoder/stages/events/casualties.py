"""Dead and injured: "killed 4 and injured 4", "12 people died", "No deaths were
reported", "a soldier was killed".

Each casualty word (casualty_cues.csv) says where its count is written; the
count is the quantity the quantities stage found there, 0 for "no"/"nobody",
1 for a single named or singular victim, and unknown otherwise ("soldiers were
killed"). Coordinated victims add up ("4 soldiers and 3 civilians").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import EventLexicon

_PLACES = frozenset({"position", "base", "checkpoint", "convoy", "village", "home", "house", "hospital",
                     "school", "market"})
NOBODY = frozenset({"nobody", "none", "noone"})
ONE_PERSON = frozenset({"he", "she", "him", "her", "himself", "herself"})
VAGUE = frozenset({"several", "many", "some", "few", "numerous", "scores", "dozens", "unknown", "undisclosed"})


@dataclass(frozen=True)
class Casualty:
    kind: str  # death, injury
    value: int
    token: int  # the casualty word


class QuantityIndex:
    """The quantities layer by the tokens it covers (number words and counted noun)."""

    def __init__(self, doc, quantities: list):
        self.by_token: dict[int, object] = {}
        self.by_head: dict[int, object] = {}
        for q in quantities:
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    self.by_token.setdefault(i, q)
            head_start = getattr(q, "head_start", None)
            if head_start is not None:
                head = doc.char_span(head_start, q.head_end, alignment_mode="expand")
                if head is not None:
                    self.by_head[head.root.i] = q

    def value_at(self, token: Token) -> float | None:
        q = self.by_head.get(token.i) or self.by_token.get(token.i)
        return q.value if q is not None else None


def casualties_in(doc, start: int, end: int, view, lexicon: EventLexicon,
                  quantities: QuantityIndex) -> list[Casualty]:
    """Every casualty report of the sentence ``doc[start:end]``, with its count."""
    people = frozenset(w for w in lexicon.actor_nouns if w not in _PLACES)
    adjectives = frozenset(lemma for lemma, pos in lexicon.casualties if pos == "ADJ")
    found = []
    for i in range(start, end):
        cue = lexicon.casualties.get((view.lemma[i], view.pos[i])) or \
            lexicon.casualties.get((view.lower[i], view.pos[i]))
        if cue is None:
            continue
        token = doc[i]
        value = _count(token, cue.count_in, quantities, people, adjectives)
        if value is None:
            continue
        if cue.kind == "casualty":
            if value == 0:
                found.append(Casualty("death", 0, token.i))
            continue
        found.append(Casualty(cue.kind, int(value), token.i))
    return found


def _count(token: Token, where: str, quantities: QuantityIndex, people: frozenset[str],
           adjectives: frozenset[str] = frozenset()) -> float | None:
    """``adjectives``: casualty adjectives, each of which counts its own noun ("Three dead
    and two injured": three dead, two injured, not five of each)."""
    if any(c.dep_ == "neg" for c in token.children) and where in ("object", "subject"):
        return 0.0  # "were not injured"
    if where == "self":
        if token.lemma_.lower() == "death" and token.dep_ == "pobj" and token.head.lower_ == "to":
            verb = token.head.head  # "beaten to death": as many as were beaten
            return _count(verb, "object", quantities, people, adjectives) if verb.pos_ == "VERB" else None
        return _own_count(token, quantities)
    if where == "modified":
        if token.dep_ == "amod":
            return _argument_count(token.head, quantities, people, cue=token, adjectives=adjectives)
        own = _own_count(token, quantities)
        if own is not None:
            return own
        subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        shot_dead = token.head.pos_ == "VERB" and token.head.lemma_.lower() not in ("be", "remain")
        return _argument_count(subjects[0], quantities, people, any_noun=shot_dead, cue=token,
                               adjectives=adjectives) if subjects else None
    return _argument_count_of(token, where, quantities, people, adjectives)


def _argument_count_of(verb: Token, where: str, quantities: QuantityIndex, people,
                       adjectives: frozenset[str] = frozenset()) -> float | None:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    wanted = ("nsubj",) if where == "subject" else (("nsubjpass",) if passive else ("dobj",))
    arguments = [c for c in verb.children if c.dep_ in wanted]
    if not arguments and where == "object" and not passive:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects and verb.tag_ in ("VBN", "VBD") and not any(c.dep_ == "agent" for c in verb.children):
            arguments = subjects  # a note's fragment: "One militiaman killed.", "3 killed, 3 injured"
    if not arguments and verb.dep_ in ("acl", "amod") and where == "object":
        arguments = [verb.head]  # "4 people killed in the attack"
    if not arguments and verb.dep_ in ("conj", "xcomp"):
        head = verb.head  # "was shot and killed", "are said to have been killed", "4 died"
        arguments = [c for c in head.children if c.dep_ == "nsubjpass"] or (
            [c for c in head.children if c.dep_ == "nsubj"] if where == "subject" or verb.dep_ == "xcomp" else [])
    return _argument_count(arguments[0], quantities, people, any_noun=True, cue=verb,
                           adjectives=adjectives) if arguments else None


def _own_count(token: Token, quantities: QuantityIndex) -> float | None:
    for child in token.children:
        if child.dep_ == "det" and child.lower_ == "no":
            return 0.0
        if child.dep_ in ("nummod", "quantmod"):
            return quantities.value_at(child)
        if child.dep_ == "prep" and child.lower_ == "of":  # "the deaths of two"
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.like_num:
                    return quantities.value_at(obj)
    value = quantities.value_at(token)
    if value is not None:
        return value
    if token.lemma_.lower() == "toll":  # "the death toll rose to 10"
        for child in token.head.children:
            for obj in ([child] if child.dep_ in ("dobj", "attr") else
                        [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else []):
                if obj.like_num or quantities.value_at(obj) is not None:
                    return quantities.value_at(obj)
    return None


def _argument_count(arg: Token, quantities: QuantityIndex, people: frozenset[str],
                    any_noun: bool = False, cue: Token | None = None,
                    adjectives: frozenset[str] = frozenset()) -> float | None:
    """The count of a victim phrase; ``any_noun``: a singular noun counts one (the object
    of "killed" is a person; the noun "dead" describes may not be: "a dead city")."""
    total, known = 0.0, False
    parts, frontier = [arg], [arg]
    while frontier:
        frontier = [c for t in frontier for c in t.children if c.dep_ == "conj"]
        parts += frontier
    if cue is not None and cue.head.i == arg.i and cue.i > arg.i:
        parts = [p for p in parts if p.i < cue.i]  # "Three dead and two injured": "dead" counts three
    for part in parts:
        if cue is not None and any(c.dep_ == "amod" and c.i != cue.i and c.lemma_.lower() in adjectives
                                   for c in part.children):
            continue  # counted by its own casualty word
        value = _one_count(part, quantities, people, any_noun)
        if value is None:
            continue
        total, known = total + value, True
    return total if known else None


def _one_count(arg: Token, quantities: QuantityIndex, people: frozenset[str], any_noun: bool) -> float | None:
    if arg.lower_ in NOBODY:
        return 0.0
    if any(c.dep_ == "det" and c.lower_ == "no" for c in arg.children):
        return 0.0
    if any(c.lower_ in VAGUE for c in arg.children) or arg.lower_ in VAGUE:
        return None
    value = quantities.value_at(arg)
    if value is None:
        for child in arg.children:
            if child.dep_ in ("nummod", "quantmod"):
                value = quantities.value_at(child)
    if value is not None:
        return value
    if arg.lower_ == "one" or arg.lower_ in ONE_PERSON:
        return 1.0
    if arg.tag_ == "NNP" or arg.tag_ == "NN" and (any_noun or arg.lemma_.lower() in people):
        return 1.0  # "a soldier was killed", "Mahmoud Khamis was shot dead"
    return None


def attach(casualties: list[Casualty], made: list, climb_to_event) -> tuple[list, list[Casualty]]:
    """Casualties of a sentence per event, summed ("12 Dahalo killed, 1 civilian killed"),
    and those with no event in the sentence (orphans, for the paragraph to adopt)."""
    totals: dict[tuple[int, str], list] = {}
    orphans = []
    for casualty in casualties:
        target = climb_to_event(casualty.token, made)
        if target is None:
            orphans.append(casualty)
            continue
        entry = totals.setdefault((id(target), casualty.kind), [target, 0])
        entry[1] += casualty.value
    return [(target, kind, value) for (_, kind), (target, value) in totals.items()], orphans


def record(event, kind: str, value: int) -> None:
    """Across sentences the larger figure stands: later sentences often restate it."""
    field = "fatalities" if kind == "death" else "injured"
    current = getattr(event, field)
    setattr(event, field, value if current is None else max(current, value))
