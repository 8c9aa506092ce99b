"""Who did it and to whom: the source and target phrases of a trigger.

For a verb: its subject (or, when it has none, the subject its clause shares:
"is due to arrive" -> the subject of "is", "pushed Oslo to agree" -> Oslo),
the agent of a passive; its object, the passive subject and the objects of
target prepositions ("meet with", "attack on", "protest against"). For an
event noun: its possessor and nationality or actor modifiers ("Swedish drone
attacks", "Madrid's solidarity"), "by"/"from" phrases, "between A and B", the
objects of target prepositions, and what its light verb lends ("Sweden has
continued its air strikes", "Hamar suffered an attack").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .actors import EntityIndex, conjuncts, unique
from .clauses import misplaced_conjunct
from .items import Trigger
from .triggers import extraposed
from .lexicon import EventLexicon

TARGET_PREPS = frozenset({"with", "against", "on", "upon", "to", "toward", "towards", "at", "into"})
EXTRA_TARGET_PREPS = {"REQUEST": frozenset({"from"}), "AID": frozenset({"for"}),
                      "RETREAT": frozenset({"from"}),  # "withdraw its troops from Moldova"
                      "COOPERATE": frozenset({"alongside"})}  # "fighting alongside the army"
OBJECT_CONTROL = frozenset({"push", "urge", "ask", "press", "force", "call", "order", "tell", "persuade",
                            "encourage", "invite", "allow", "help", "pressure", "compel"})
PURPOSE_PREPS = frozenset({"for", "to", "in", "into"})
LEADING = frozenset({"led", "-led"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})
# "X accuses Y of doing", "blamed Y for allowing": Y is the one who did it.
JUDGING = frozenset({"accuse", "suspect", "charge", "blame", "convict", "criticise", "criticize", "condemn",
                     "praise", "thank", "credit", "fault", "rebuke", "punish", "sanction"})
GIVING = frozenset({"AID", "AGREE", "COOPERATE", "CONCEDE"})
OWN_FORCES = frozenset({"MOBILIZE", "RETREAT"})  # what is deployed or withdrawn is the side's own
# Verbs whose object is the victim: a counted subject without auxiliary is a reduced passive.
VICTIM_VERBS = frozenset({"kill", "wound", "injure", "hurt", "abduct", "kidnap", "arrest", "detain", "behead",
                          "execute", "shoot", "massacre", "slaughter"})


SUBJECT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# nouns that name a statement: a pronoun in what it says stands for its maker
STATEMENT_NOUNS = frozenset({"announcement", "statement", "declaration", "pledge", "promise", "vow", "claim",
                             "warning", "assurance", "insistence", "message", "decision"})


@dataclass
class Participants:
    source_heads: list[Token] = field(default_factory=list)
    target_heads: list[Token] = field(default_factory=list)
    alone: set[int] = field(default_factory=set)  # heads read without their coordinated phrases
    sources: list = field(default_factory=list)
    targets: list = field(default_factory=list)


def subject_of(verb: Token, depth: int = 0) -> list[Token]:
    """The subject of ``verb``, or of the clause it shares one with (depth > 0 also
    takes a passive governor's subject: "is set to push", "is scheduled to meet")."""
    wanted = ("nsubj", "csubj") if depth == 0 else ("nsubj", "csubj", "nsubjpass")
    for child in verb.children:
        if child.dep_ in wanted:
            if child.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
                return [_antecedent(child, verb.head)]  # "the PKK, which has fought ...": what the clause is about
            return [child]
    for prep in verb.children:  # "In September Turkey persuaded Russia": the parser read "September Turkey" as one name
        if prep.dep_ == "prep" and prep.i < verb.i:
            named = [g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ in SUBJECT_LABELS and
                     any(c.dep_ == "compound" and c.ent_type_ == "DATE" for c in g.children)]
            if named:
                return named
    for clause in verb.children:  # "Putin, the president whose ..., turning the tide, welcomed the move"
        if clause.dep_ == "advcl" and clause.tag_ in ("VBG", "VBN") and clause.i < verb.i:
            early = [c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i]
            if early:  # a participle takes no subject of its own: the parser hung the main verb's on it
                return early
    if depth > 3 or verb.head.i == verb.i:
        return []
    head = verb.head
    if verb.dep_ == "relcl" or verb.dep_ == "acl" and verb.tag_ == "VBG":
        return [head]  # "the group that attacked", "fighters besieging the enclave"
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and head.dep_ == "appos" and \
            any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        # "Joe Biden a potential candidate urged Europe": a finite verb the parser hung on the
        # description of its subject
        return [head.head]
    if verb.dep_ == "acl" and head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "Trump's decision to withdraw", "its plan to reimpose sanctions": the noun's holder acts
        return [c for c in head.children if c.dep_ == "poss"]
    if verb.dep_ in ("xcomp", "advcl") and head.lemma_.lower() in OBJECT_CONTROL:
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if objects:
            return objects
    if verb.dep_ == "pcomp" and head.lower_ in ("against", "from") and head.head.pos_ == "VERB":
        objects = [c for c in head.head.children if c.dep_ == "dobj"]
        if objects:  # "warned activists against staging protests", "stopped civilians from leaving"
            return objects
    if verb.dep_ == "pcomp" and head.lower_ in ("of", "for") and head.head.lemma_.lower() in JUDGING:
        objects = [c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")]
        if objects:  # "accuses the prince of ordering the murder": the prince ordered it
            return [head.head.head if o.tag_ in RELATIVE_TAGS and head.head.dep_ == "relcl" else o for o in objects]
    head = misplaced_conjunct(verb) or head
    if verb.dep_ in ("xcomp", "advcl", "conj", "acomp", "pcomp") or \
            (verb.dep_ == "prep" and head.pos_ in ("VERB", "AUX")):
        if head.dep_ == "prep":
            head = head.head
        return subject_of(head, depth + 1)
    return []


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            out += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(child)
    return out


def participants(doc: Doc, trigger: Trigger, index: EntityIndex, lexicon: EventLexicon) -> Participants:
    token = doc[trigger.i]
    kind = trigger.sense.type
    preps = TARGET_PREPS | EXTRA_TARGET_PREPS.get(kind, frozenset())
    p = Participants()
    if trigger.is_noun:
        _noun_roles(doc, token, trigger, preps, lexicon, index, p)
    else:
        _verb_roles(token, kind, preps, p)
    def actors(heads: list[Token]) -> list:
        return unique([e for h in heads for e in
                       (index.actors_at(h) if h.i in p.alone else index.actors_of_phrase(h))])

    p.sources = _stated_first(actors(p.source_heads))
    pronouns = [h for h in p.source_heads if h.pos_ == "PRON"]
    if not p.sources and pronouns:  # "Hungary said it will support"
        p.sources = [e for e in actors(_speaker_of_pronoun(token, lexicon)) if _may_be(pronouns[0], e)]
    source_ids = {e.id for e in p.sources}
    p.targets = _stated_first([e for e in actors(p.target_heads) if e.id not in source_ids])
    if not p.targets and not trigger.is_noun and kind in lexicon.dyadic:
        further = _complement_heads(token, preps | {"for"})  # "promised to continue aid to Mozambique"
        p.targets = [e for e in actors(further) if e.id not in source_ids]
        p.target_heads += further
    return p


def _verb_roles(token: Token, kind: str, preps: frozenset[str], p: Participants) -> None:
    passive = [c for c in token.children if c.dep_ == "nsubjpass"]
    if not passive and token.dep_ == "conj" and any(c.dep_ == "auxpass" for c in token.children) and \
            any(c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "as" for c in token.children) and \
            not any(c.dep_ == "nsubj" for c in token.children):
        # "has waged an insurgency and is classified as a terrorist group": the shared subject undergoes it
        passive = subject_of(token)
    if passive and kind in OWN_FORCES:
        p.source_heads += passive  # "2,500 troops will be deployed": the side moving its own forces
    elif passive:
        p.target_heads += passive
        for agent in (c for c in token.children if c.dep_ == "agent"):
            p.source_heads += [g for g in agent.children if g.dep_ == "pobj"]
    elif _reduced_passive(token):
        p.target_heads += subject_of(token)  # "3 soldiers and a woman killed": the victims
    elif _gerund_by(token):
        # "were killed in airstrikes and shelling by government forces": a gerund read as a
        # coordinated verb names its doer with "by", not with the clause's subject (the victims)
        p.source_heads += _gerund_by(token)
    else:
        p.source_heads += subject_of(token)
    objects = [token.head if c.tag_ in RELATIVE_TAGS and token.dep_ == "relcl" else c  # "whom Turkey accuses"
               for c in token.children if c.dep_ in ("dobj", "iobj") or _nominal_ccomp(c)]
    recipients = _prep_objects(token, preps)
    giving = kind in GIVING and any(c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for") or c.dep_ == "dative"
                                    for c in token.children)
    if not giving and kind not in OWN_FORCES:
        p.target_heads += objects  # "offered its troops to Lebanon", "withdraw its troops": no target
    if kind == "ACCUSE" and not objects:  # "the plan was an attack on its sovereignty, Syria said"
        for copula in (c for c in token.children if c.dep_ == "ccomp" and c.lemma_ == "be"):
            stated = extraposed(copula)  # "said it was unacceptable that Romania armed them"
            p.target_heads += [g for g in (stated or copula).children if g.dep_ == "nsubj"]
        # "said war crimes were committed by government forces": the doer of the wrong
        p.target_heads += [g for c in token.children if c.dep_ == "ccomp"
                           for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    p.target_heads += recipients
    for obj in objects:  # "provide support for Norway", "send weapons to Oslo"
        p.target_heads += _prep_objects(obj, frozenset({"to", "for"}) & preps)
        # "fought an insurgency against the state", "waged a war on the group"
        p.target_heads += _prep_objects(obj, frozenset({"against"}))
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "militants killed in the raid"
        p.target_heads.append(token.head)
        for agent in (c for c in token.children if c.dep_ == "agent"):  # "a campaign supported by the US"
            p.source_heads += [g for g in agent.children if g.dep_ == "pobj"]



def _nominal_ccomp(child: Token) -> bool:
    """ "welcomed the US move": a bare noun phrase the parser took for a clause is the object."""
    return child.dep_ == "ccomp" and child.pos_ in ("NOUN", "PROPN") and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "cop") for c in child.children)


def _stated_first(entities: list) -> list:
    """Actors whose state is known before described groups without one ("refugees fleeing
    the war in Liberia": Liberia first), in text order otherwise."""
    return sorted(entities, key=lambda e: not getattr(e, "country", None))


def _reduced_passive(verb: Token) -> bool:
    """ "3 soldiers killed", "Two civilians wounded in Gao": a headline's or a note's
    passive without its auxiliary -- a past form with no object and no auxiliary
    whose subject is counted."""
    if verb.tag_ not in ("VBD", "VBN") or verb.lemma_.lower() not in VICTIM_VERBS:
        return False
    if any(c.dep_ in ("dobj", "aux", "auxpass", "agent") for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and any(g.dep_ == "nummod" for s in subjects for g in [s, *conjuncts(s)]
                                  for g in g.children)


def _noun_roles(doc: Doc, token: Token, trigger: Trigger, preps: frozenset[str],
                lexicon: EventLexicon, index: EntityIndex, p: Participants) -> None:
    def acting(modifier: Token) -> bool:
        return bool(index.actors_at(modifier)) or modifier.lemma_.lower() in lexicon.actor_nouns

    for child in token.children:
        if child.dep_ == "poss" or child.dep_ in ("compound", "amod", "nmod") and acting(child):
            p.source_heads.append(child)
        elif child.dep_ in ("compound", "amod", "nmod") and any(acting(c) for c in conjuncts(child)):
            p.source_heads += [c for c in conjuncts(child) if acting(c)]  # "in Kurdish and US custody"
        elif child.dep_ == "compound":  # "a Russian missile strike", "Israeli air strikes": the weapon's owner
            p.source_heads += [g for g in child.children
                               if g.dep_ in ("amod", "compound", "nmod", "poss") and acting(g)]
        elif child.dep_ == "amod" and child.lower_ in LEADING:  # "a US-led attack", "the SDF-led assault"
            p.source_heads += [g for g in child.children if g.dep_ in ("npadvmod", "compound", "nmod") and acting(g)]
        elif child.dep_ == "prep" and (child.lower_ == "by" or child.lower_ == "from" and "from" not in preps):
            p.source_heads += [g for g in child.children if g.dep_ == "pobj"]  # not "withdrawal from Moldova"
        elif child.dep_ == "prep" and child.lower_ == "between":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            for obj in objects:
                _split_between(obj, p)
    phrase = [token, token.head] if token.dep_ == "compound" and token.head.pos_ == "NOUN" else [token]
    for part in phrase:
        p.target_heads += _prep_objects(part, preps | {"of"})
        for child in part.children:
            if child.dep_ == "prep" and child.lower_ == "between" and part.i != token.i:
                for obj in (g for g in child.children if g.dep_ == "pobj"):
                    _split_between(obj, p)
            elif child.dep_ == "prep" and child.lower_ == "by" and part.i != token.i:
                p.source_heads += [g for g in child.children if g.dep_ == "pobj"]  # "mediation efforts by Egypt"
    for part in [token, *conjuncts(token)]:
        for child in part.children:
            if child.dep_ in ("acl", "relcl"):
                p.target_heads += _prep_objects(child, preps)
                if child.lemma_.lower() in ("target", "aim") and trigger.sense.type == "SANCTION":
                    p.target_heads += [g for g in child.children if g.dep_ == "dobj"]  # "measures targeting banks"
                for between in (c for c in child.children if c.dep_ == "prep" and c.lower_ == "between"):
                    for obj in (g for g in between.children if g.dep_ == "pobj"):
                        _split_between(obj, p)  # "a ceasefire agreed last year between Russia, the US and Jordan"
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    p.source_heads += [g for g in agent.children if g.dep_ == "pobj"]
    if trigger.light_verb is not None:
        verb = doc[trigger.light_verb]
        role = lexicon.light_verbs.get(verb.lemma_.lower(), (None, None))[0]
        if verb.lemma_ == "be" and token.dep_ == "pobj" and token.head.lower_ == "in":
            role = "source"  # "the US is in negotiations with Baghdad"
        subjects = subject_of(verb)
        if role == "source":
            p.source_heads += subjects
        elif role == "target":
            p.target_heads += subjects
        p.target_heads += _prep_objects(verb, preps)
    elif not p.source_heads and trigger.sense.type in lexicon.dyadic:
        verb = _governing_verb(token)
        # "negotiators return to Geneva for talks"; "Macron said in a telephone call to Erdogan",
        # "agreed at a summit": what is said or done in a meeting is by one who takes part in it
        said_in = trigger.sense.type == "CONSULT" and token.dep_ == "pobj" and \
            token.head.lower_ in ("in", "during", "at", "through")
        if verb is None and said_in and token.head.head.pos_ == "VERB":
            verb = token.head.head
        if verb is not None and (verb.lemma_.lower() not in lexicon.reporting_verbs | {"be"} or said_in):
            # "the plan was agreed by X and Y at a summit": the passive's agents met there
            p.source_heads += subject_of(verb) or [g for c in verb.children if c.dep_ == "agent"
                                                   for g in c.children if g.dep_ == "pobj"]


def _antecedent(relative: Token, head: Token) -> Token:
    """ "a buffer between the militias and neighbouring Turkey – which has threatened an
    offensive": the small model hangs a relative clause set off by a dash or comma on an
    earlier noun; a relative pronoun right after a name stands for that name."""
    before = relative.i - 1
    while before > relative.sent.start and relative.doc[before].is_punct:
        before -= 1
    name = relative.doc[before]
    if before < relative.i - 1 and name.i != head.i and name.pos_ == "PROPN" and \
            name.ent_type_ in SUBJECT_LABELS and head.ent_type_ not in SUBJECT_LABELS:
        return name
    return head


def _speaker_of_pronoun(token: Token, lexicon: EventLexicon) -> list[Token]:
    """A pronoun subject the actors stage left unresolved, in the content of a report,
    is most often the speaker itself: "Syria says it is willing to withdraw", "Turkey
    insisted it will not allow ..."; so is the maker of a statement named by a noun: "a US
    announcement that it would train an army"."""
    for ancestor in token.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in lexicon.speech_verbs:
            return [c for c in ancestor.children if c.dep_ == "nsubj"]
        if ancestor.pos_ == "NOUN" and ancestor.lemma_.lower() in STATEMENT_NOUNS:
            return [c for c in ancestor.children if c.dep_ == "poss" or
                    c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in SUBJECT_LABELS]
    return []


def _may_be(pronoun: Token, entity) -> bool:
    """Whether a pronoun can stand for the entity: "he"/"she" a person, "it" not one,
    "they" not one person ("Holm said they would convene" is the leaders)."""
    word = pronoun.lower_
    if word in ("he", "she", "him", "her"):
        return entity.kind == "person"
    if word in ("it", "they", "them", "we", "us"):
        return entity.kind != "person"
    return True


def _gerund_by(verb: Token) -> list[Token]:
    """The "by" objects of a bare gerund with no subject of its own ("shelling by government forces")."""
    if verb.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return []
    return [g for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
            for g in c.children if g.dep_ == "pobj"]


def _complement_heads(verb: Token, preps: frozenset[str]) -> list[Token]:
    """Who a speech act or promise is about, inside its complement: the subject of
    "demanded that the US cancel", the objects of "agreed to provide aid for Poland"."""
    found, frontier = [], [c for c in verb.children if c.dep_ in ("xcomp", "ccomp", "advcl")]
    for _ in range(3):
        following = []
        for node in frontier:
            for child in node.children:
                if child.dep_ in ("nsubj", "nsubjpass") and node.dep_ == "ccomp":
                    found.append(child)
                elif child.dep_ in ("dobj", "dative"):
                    found.append(child)
                    following.append(child)
                elif child.dep_ == "prep" and child.lower_ in preps:
                    found += [g for g in child.children if g.dep_ == "pobj"]
                elif child.dep_ in ("xcomp", "ccomp", "advcl"):
                    following.append(child)
        frontier = following
    return found


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object or purpose the event noun is ("return to Geneva for talks"),
    not one it is a mere adjunct of ("ahead of the talks", "after the talks")."""
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        noun = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in PURPOSE_PREPS and noun.head.head.pos_ == "VERB":
        return noun.head.head
    return None


def _split_between(obj: Token, p: Participants) -> None:
    """ "between Norwegian and Swedish officials": the first side is the source, the rest targets."""
    modifiers = [c for c in obj.children if c.dep_ in ("amod", "compound", "nmod")]
    if modifiers and any(c.dep_ == "conj" for m in modifiers for c in m.children):
        first = modifiers[0]
        p.source_heads.append(first)
        p.alone.add(first.i)
        p.target_heads += [c for c in first.children if c.dep_ == "conj"]
        return
    p.source_heads.append(obj)
    p.alone.add(obj.i)
    p.target_heads += [c for c in obj.children if c.dep_ == "conj"]
