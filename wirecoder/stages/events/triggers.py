"""Finding the words that name events, in the sense their context gives them.

A word is a trigger when its lemma has a sense in triggers.csv for its part of
speech and, for senses listed with context words, one of those words is near:
among its dependents (and the objects of its prepositions), its head, the
words right after it, or, for a noun, the verb that governs it. A verb that
only carries an event noun ("launched strikes", "held talks", "suffered an
attack") is a light verb: the noun is the trigger and the verb lends it a
subject and a tense.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .items import Trigger
from .lexicon import EventLexicon, Sense
from .view import DocView

POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
NOT_EVENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LIGHT_DEPS = frozenset({"dobj", "attr", "nsubjpass", "pobj"})
AIMING = frozenset({"target", "aim"})  # verbs that say what an act is aimed at
MEASURES = frozenset({"measure", "restriction", "tariff", "sanction", "ban", "curb", "penalty", "package"})
# Nouns that hold events as a whole holds its parts: "a package of sanctions", "a wave of strikes".
CONTAINERS = frozenset({"package", "wave", "round", "series", "string", "spate", "barrage", "volley", "raft",
                        "set", "batch", "flurry", "salvo"})
NOMINAL_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "attr"})
TERRITORY = "territory"
DISPARAGING = "<disparaging>"  # the `with` word of senses that judge: a disparaging word in the context
COMMITMENT = "<commitment>"  # the `with` word of reports that commit the speaker to keep an accord
DEMAND = "<demand>"  # the `with` word of verbs that ask only when what they say is a demand
JUDGING = frozenset({DISPARAGING, COMMITMENT})
# "said they would respect the resolution": what a speaker undertakes to keep
KEEPING_VERBS = frozenset({"respect", "implement", "abide", "honour", "honor", "observe", "uphold", "comply",
                           "adhere", "accept"})
FUTURE = frozenset({"will", "would", "'ll", "shall"})
# "war crimes were committed": verbs that say a wrong was done (not "terrorists were eliminated")
DOING = frozenset({"commit", "perpetrate", "carry", "conduct"})
# "have taken dangerous steps", "pursued a reckless policy": verbs of doing whose object a
# disparaging word describes
ACTING = DOING | frozenset({"take", "make", "pursue", "adopt"})
PERSONAL = frozenset({"he", "she", "they", "him", "her", "them", "i", "we", "you"})


def context_words(token: Token) -> set[str]:
    words = {token.head.lemma_.lower(), token.head.lower_}
    for child in token.children:
        words.add(child.lemma_.lower())
        words.add(child.lower_)
        if child.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
            words.add("to")  # "pressing the administration to delay the move"
        if child.ent_type_ in PLACE_LABELS and child.dep_ in ("dobj", "pobj"):
            words.add("<place>")  # "captured Sarrong": a named place as the object
        if child.dep_ in ("prep", "agent", "dobj", "nsubj", "nsubjpass", "attr", "prt"):
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "compound", "amod", "nummod", "pcomp"):
                    words.add(grandchild.lemma_.lower())
                if grandchild.dep_ == "pobj" and grandchild.ent_type_ in PLACE_LABELS:
                    words.add("<place>")  # "the fall of Mosul"
                if grandchild.dep_ == "pobj" and child.lower_ == "as":  # "listed as a terrorist group"
                    words.update(g.lemma_.lower() for g in grandchild.children if g.dep_ in ("amod", "compound"))
                # "hold 800 fighters in prisons": the parser hangs the place of holding on the object
                if child.dep_ == "dobj" and grandchild.dep_ == "prep" and grandchild.lower_ in ("of", "in"):
                    words.update(g.lemma_.lower() for g in grandchild.children if g.dep_ == "pobj")
    if token.head.dep_ == "prep":
        words.add(token.head.head.lemma_.lower())
    doc = token.doc
    for j in (token.i + 1, token.i + 2):
        if j < len(doc):
            words.add(doc[j].lower_)
    if token.i > 0:
        words.add(doc[token.i - 1].lower_)
    return words


PREDICATE_DEPS = frozenset({"oprd", "ccomp", "xcomp", "acomp", "attr"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
AS_WORDS = frozenset({"pobj", "amod", "acomp"})  # "as provocative": the small model hangs the adjective on "as"


# Verbs that say what something is: a trigger noun as what they call it ("denounced the plan
# as an attack on its sovereignty", "called it an act of war") names no event of its own.
CHARACTERISING = frozenset({"call", "describe", "denounce", "condemn", "criticise", "criticize", "brand", "label",
                            "term", "dismiss", "see", "regard", "view", "consider", "portray", "characterise",
                            "characterize", "decry", "slam"})


def _characterisation(token: Token) -> bool:
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "as" and head.dep_ == "prep":
        head = head.head if head.head.pos_ == "VERB" else head.head.head  # "denounced the plan as an attack"
    elif token.dep_ in ("oprd", "dobj") and head.dep_ == "oprd":
        head = head.head  # "called the move an attack"
    elif token.dep_ != "oprd":
        return False
    return head.pos_ == "VERB" and head.lemma_.lower() in CHARACTERISING


def _disparaged(verb: Token, words: frozenset[str]) -> bool:
    """Does a verb of naming say something disparaging of its object: "called the move
    provocative", "described the plan as a blatant attack", "dismissed him as a grandstander"?
    Only the predicate counts, never the object itself ("described the attack as ...")."""
    if verb.lemma_.lower() not in CHARACTERISING:
        return _reported_judgement(verb, words)
    predicates = []
    for child in verb.children:
        if child.dep_ in PREDICATE_DEPS:
            predicates.append(child)  # "called the force plan a threat": the model reads "plan" a verb
            predicates += [g for g in child.children if g.dep_ in PREDICATE_DEPS or g.dep_ == "dobj"]
        elif child.dep_ == "prep" and child.lower_ == "as":
            predicates += [g for g in child.children if g.dep_ in AS_WORDS]
        elif child.dep_ == "dobj":  # "described the plan as ...": the small model hangs "as" on the object
            for prep in (g for g in child.children if g.dep_ == "prep" and g.lower_ == "as"):
                predicates += [g for g in prep.children if g.dep_ in AS_WORDS]
    return any(disparaging(word, words) for word in predicates)


def _commits(verb: Token) -> bool:
    """ "Iran said it would respect the UN resolution", "the factions said they will implement
    the truce": a report whose content is the speaker's own future keeping of something is
    an undertaking (PLOVER AGREE), made when said. Not when the content says it will not."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.lemma_.lower() not in KEEPING_VERBS:
            continue
        if any(c.dep_ == "aux" and c.lower_ in FUTURE for c in clause.children) and \
                not any(c.dep_ == "neg" for c in clause.children):
            return True
    return False


def _demanding(verb: Token, modals: frozenset[str]) -> bool:
    """ "insisted on a withdrawal", "insists Turkey not attack the Kurds", "insisted the army must
    leave": what is asked for. "insisted the ceasefire did not apply" states, and asks nothing."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "on":
            return True
        if child.dep_ == "ccomp" and (child.tag_ == "VB" and not any(c.dep_ == "aux" for c in child.children) or
                                      any(c.dep_ == "aux" and c.lower_ in modals for c in child.children)):
            return True
    return False


def _reported_judgement(verb: Token, words: frozenset[str]) -> bool:
    """ "The US plan was a blatant attack on Syrian sovereignty, Syria said": a report whose
    content is a copula that disparages a named actor (its subject) accuses that actor; so
    does one whose content has a named actor do wrong ("officials insisted the militias
    had harassed the villagers", "Lavrov said the Americans were meddling"), unless it
    says the actor did not; so does one that says a wrong was done ("said war crimes were
    committed"), whoever the text says did it."""
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        if clause.lemma_.lower() in DOING and not any(c.dep_ == "neg" for c in clause.children) and \
                any(s.dep_ == "nsubjpass" and disparaging(s, words) and
                    not any(d.lower_ == "no" for d in s.children) for s in clause.children):
            return True  # "said war crimes were being committed": wrongdoing done, by whoever did it
        if clause.lemma_ == "be" and extraposed(clause) is not None and \
                any(disparaging(p, words) for p in clause.children if p.dep_ in ("attr", "acomp")):
            return True  # "said it was unacceptable that Romania was arming the rebels"
        named = any(t.ent_type_ in ACTOR_LABELS for s in clause.children if s.dep_ == "nsubj" for t in s.subtree)
        if not named:
            continue
        if clause.lemma_ == "be":
            predicates = [p for p in clause.children if p.dep_ in ("attr", "acomp")]
            # "said the militias are indistinguishable from the terrorist PKK": what they are likened to;
            # "said the initiative was an attempt to undermine the talks": what it is meant to do
            likened = [g for p in predicates for r in p.children if r.dep_ == "prep"
                       for g in r.children if g.dep_ == "pobj"]
            aims = [a for p in predicates for a in p.children if a.dep_ == "acl" and a.pos_ == "VERB"]
            if any(disparaging(p, words) for p in predicates + likened) or \
                    any(a.lemma_.lower() in words for a in aims):
                return True
        elif clause.pos_ == "VERB" and not any(c.dep_ == "neg" for c in clause.children) and (
                clause.lemma_.lower() in words or clause.lemma_.lower() in ACTING and any(
                    g.dep_ == "amod" and g.lemma_.lower() in words
                    for o in clause.children if o.dep_ == "dobj" for g in o.children)):
            return True  # "said the Americans had taken dangerous unilateral steps": a bad deed done
    return False


def extraposed(copula: Token) -> Token | None:
    """ "it was unacceptable that Romania was arming the rebels": the clause an expletive
    "it" stands for, when its subject is a named actor."""
    if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in copula.children):
        return None
    for clause in copula.children:
        if clause.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            subjects = [s for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")]
            if any(t.ent_type_ in ACTOR_LABELS for s in subjects for t in s.subtree):
                return clause
    return None


def disparaging(word: Token, words: frozenset[str]) -> bool:
    return word.lemma_.lower() in words or any(
        g.dep_ in ("amod", "compound") and g.lemma_.lower() in words for g in word.children)


def past_stem(word: str, senses: dict) -> str | None:
    """ "clashed" the small model tagged a noun: the verb whose past form it is."""
    if not word.endswith("ed") or len(word) < 5:
        return None
    for stem in (word[:-2], word[:-1], word[:-3] if word[-3] == word[-4] else None):
        if stem and any(s.pos in ("VERB", "ANY") for s in senses.get(stem, ())):
            return stem
    return None


def sense_of(token: Token, lexicon: EventLexicon) -> Sense | None:
    pos = POS.get(token.pos_)
    if pos is None:
        return None
    if pos == "ADJ" and token.dep_ in NOMINAL_DEPS:
        pos = "NOUN"  # "launched a ground offensive": the small model tags the noun an adjective
    senses = lexicon.senses_for(token.lemma_.lower()) or lexicon.senses_for(token.lower_)
    if not senses and pos != "VERB":
        stem = past_stem(token.lower_, lexicon.senses)
        if stem is not None:
            senses, pos = lexicon.senses_for(stem), "VERB"
    if not senses:
        return None
    if pos == "NOUN" and _telegraphic_verb(token) and not any(s.pos in ("NOUN", "ANY") for s in senses):
        pos = "VERB"  # "SAF bomb Golo.": a verbless parse of a note's telegraphic clause
    context = None
    for sense in senses:
        if sense.pos not in (pos, "ANY"):
            continue
        if sense.mode == TERRITORY and _person_taken(token):
            continue  # "he had been captured in the city": a capture of a person, not of the city
        if not sense.context:
            return sense
        if context is None:
            context = context_words(token)
            if _disparaged(token, lexicon.disparaging):
                context.add(DISPARAGING)
            if _commits(token):
                context.add(COMMITMENT)
            if _demanding(token, lexicon.demand_modals):
                context.add(DEMAND)
        if sense.context & context:
            return sense
    return None


def find_triggers(doc: Doc, start: int, end: int, view: DocView, lexicon: EventLexicon,
                  blocked: frozenset[int] = frozenset()) -> list[Trigger]:
    """Triggers of the sentence ``doc[start:end]``, in text order; light verbs give way
    to their nouns. ``blocked`` tokens belong to names ("the Ceasefire Violations Committee")."""
    found: dict[int, Trigger] = {}
    senses, reporting = lexicon.senses, lexicon.reporting_verbs
    for i in range(start, end):
        lemma = view.lemma[i]
        if i in blocked or lemma not in senses and view.lower[i] not in senses and \
                (view.pos[i] == "VERB" or past_stem(view.lower[i], senses) is None):
            continue
        reports = lemma in reporting and view.pos[i] == "VERB"
        if reports and lemma not in lexicon.judging_reports:
            continue
        token = doc[i]
        if token.ent_type_ in NOT_EVENTS:
            continue  # "a March 2018 attack": the month is not a march
        if POS.get(token.pos_) == "NOUN" and _characterisation(token):
            continue
        sense = sense_of(token, lexicon)
        if reports and (sense is None or not sense.context & JUDGING):
            continue  # "described the scene": a report; "described the plan as illegal": a judgement
        if sense is not None:
            stem = None if lemma in senses or view.lower[i] in senses else past_stem(view.lower[i], senses)
            found[token.i] = Trigger(token.i, sense, stem or token.lemma_.lower(),  # "clashed" tagged a noun
                                     _nominal(token) and stem is None)
    nouns = {i for i, t in found.items() if t.is_noun}
    for i, trigger in list(found.items()):
        token = doc[i]
        if not trigger.is_noun and token.dep_ == "acl" and (
                token.head.i in nouns or token.head.dep_ == "conj" and token.head.head.i in nouns):
            del found[i]  # "attacks and bombs launched against Ukraine": the participle tells the noun's event
            continue
        if not trigger.is_noun:
            continue
        verb = _light_verb(doc[i], lexicon)
        if verb is not None:
            found[i] = Trigger(i, trigger.sense, trigger.lemma, True, light_verb=verb.i)
            if verb.i in found and not found[verb.i].is_noun:
                del found[verb.i]  # "struck a deal", "signed an agreement": one event, the noun's
    _drop_aims_of_sanctions(doc, found)
    return [found[i] for i in sorted(found)]


def _drop_aims_of_sanctions(doc: Doc, found: dict[int, Trigger]) -> None:
    """ "adopted a package of sanctions against Russia, targeting its gas imports", "new
    measures targeting Russian banks": what sanctions or measures are aimed at, no attack."""
    sanctions = {i for i, t in found.items() if t.sense.type == "SANCTION"} | \
        {t.light_verb for t in found.values() if t.sense.type == "SANCTION" and t.light_verb is not None}
    for i, trigger in list(found.items()):
        token = doc[i]
        if trigger.is_noun or trigger.sense.type != "ASSAULT" or token.lemma_.lower() not in AIMING or \
                token.dep_ not in ("acl", "advcl", "relcl"):
            continue
        head = token.head
        if head.i in sanctions or head.lemma_.lower() in MEASURES or \
                any(c.dep_ == "prep" and c.lower_ == "of" and any(g.i in sanctions for g in c.children)
                    for c in head.children):
            del found[i]


def _person_taken(verb: Token) -> bool:
    """A person is what was taken: the passive subject or the object is a person."""
    return any(c.dep_ in ("nsubjpass", "dobj") and (c.lower_ in PERSONAL or c.ent_type_ == "PERSON")
               for c in verb.children)


def _nominal(token: Token) -> bool:
    return POS[token.pos_] == "NOUN" or token.pos_ == "ADJ" and token.dep_ in NOMINAL_DEPS


def _light_verb(noun: Token, lexicon: EventLexicon) -> Token | None:
    """The verb that carries this event noun, if it is a light verb."""
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "launched a mediation effort"
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and \
            head.head.lemma_.lower() in CONTAINERS and head.head.dep_ in LIGHT_DEPS:
        noun, head = head.head, head.head.head  # "adopted a package of sanctions", "launched a wave of strikes"
    if noun.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        return head if _occurs(head, lexicon) else None  # "fighting broke out", "a clash occurred"
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "under", "into"):
        head = head.head  # "engaged in fighting", "came under attack"
    elif noun.dep_ == "pobj" and head.lower_ == "with" and any(
            c.dep_ in ("advmod", "prt") and c.lower_ in ("ahead", "on") for c in head.head.children):
        head = head.head  # "pressed ahead with its offensive", "went ahead with the vote"
    elif noun.dep_ not in LIGHT_DEPS:
        return None
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in lexicon.light_verbs:
        return head
    return None


def _occurs(verb: Token, lexicon: EventLexicon) -> bool:
    """A verb that says only that its subject event happened: "occurred", "broke out",
    "took place" (occurrence_verbs.txt; a second word is a particle or an object)."""
    for phrase in lexicon.occurrence_verbs.get(verb.lemma_.lower(), ()):
        if not phrase or any(c.lower_ == phrase and c.dep_ in ("prt", "dobj", "advmod", "prep") for c in verb.children):
            return True
    return False


def _telegraphic_verb(token: Token) -> bool:
    """A bare singular word between two names in a sentence the parser found no verb
    in ("SAF bomb Golo", "Rebels attack Kauda"): the note's verb, tagged a noun."""
    sent = token.sent
    if token.tag_ != "NN" or token.i == sent.start or token.i + 1 >= sent.end:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in sent):
        return False
    before, after = token.nbor(-1), token.nbor(1)
    return before.pos_ in ("PROPN", "NOUN") and before.tag_ != "NN" and after.pos_ in ("PROPN", "NOUN", "DET", "NUM")
