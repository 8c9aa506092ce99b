"""Actors named by what they are: "Kurdish militias", "rebel groups", "police".

News names most of its actors by description rather than by name: "government
forces launched an offensive against rebels", "police arrested two protesters",
"officials in Kyiv said". Each such noun phrase -- headed by a group noun
(data/lexicons/group_nouns.csv) and naming no entity of its own -- becomes a
group entity, so that events and quotes can link it as source or target:

- its name is the description without determiners and counts ("Kurdish
  militias", "Syrian government forces", "officials");
- its country is the one the description gives: a state's demonym or name
  ("Turkish soldiers", "US officials"), a possessor ("Russia's negotiators", "the
  Assad regime"), a place it is in ("officials in Kyiv"); "US-backed fighters" are
  not American, and nothing is guessed from the rest of the article;
- a state's soldiers are its armed forces ("Turkish soldiers" join "Turkish
  Armed Forces"), and members named by their group ("YPG fighters", "Isis
  militants") are a mention of that group;
- the same description again, or the bare noun with a definite article ("the
  militias") when one group of that noun is in the article, is the same entity.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...errors import E, SetupError
from ...gazetteer import normalize
from ...settings import DATA_DIR
from .items import Actor, Mention
from .lexicons import Lexicons

GROUP_NOUNS = DATA_DIR / "lexicons" / "group_nouns.csv"
GROUP_RELATIONS = DATA_DIR / "lexicons" / "group_relations.txt"
MODIFIERS = frozenset({"amod", "compound", "nmod", "poss"})
# Words before a group noun that count or qualify it without saying who it is.
NOT_NAMING = frozenset({"many", "several", "other", "more", "few", "some", "most", "all", "both", "such", "various",
                        "numerous", "countless", "dozens", "hundreds", "thousands", "scores", "least", "own",
                        "remaining", "last", "first", "fellow", "former", "senior", "top", "unnamed", "anonymous"})
ARMED = frozenset({"MIL"})
LOCATIVE = frozenset({"in", "from"})
ORG_KINDS = frozenset({"organization", "group"})


@dataclass(frozen=True)
class GroupNoun:
    lemma: str
    sector: str | None
    collective: bool
    bare: bool  # may stand without a word saying who ("the police", but not "the group")
    subject: bool  # an actor as a subject too ("police arrested"; "residents fled" is no actor)


@lru_cache(maxsize=1)
def group_nouns() -> dict[str, GroupNoun]:
    try:
        with open(GROUP_NOUNS, encoding="utf-8", newline="") as handle:
            rows = [line for line in handle if line.strip() and not line.startswith("#")]
    except OSError as err:
        raise SetupError(E.E021, path=str(GROUP_NOUNS), detail=str(err)) from None
    return {row["lemma"].strip().lower(): GroupNoun(row["lemma"].strip().lower(), row["sector"].strip() or None,
                                                    row["collective"].strip() == "yes",
                                                    (row.get("bare") or "").strip() != "no",
                                                    (row.get("subject") or "").strip() != "no")
            for row in csv.DictReader(rows)}


@lru_cache(maxsize=1)
def group_relations() -> frozenset[str]:
    try:
        text = GROUP_RELATIONS.read_text(encoding="utf-8")
    except OSError as err:
        raise SetupError(E.E021, path=str(GROUP_RELATIONS), detail=str(err)) from None
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


class GroupReader:
    def __init__(self, lex: Lexicons):
        self.lex = lex
        self.nouns = group_nouns()
        self.relations = group_relations()

    def read(self, doc: Doc, refs: list, actors: dict[str, Actor], make_ref, skip=lambda token: False) -> None:
        """Add group entities (and mentions of known ones) for the article's descriptions.
        ``refs`` are the mentions already resolved (objects with ``actor``, ``start`` and
        ``end`` token indices); ``make_ref(actor, start, end)`` records a new one; nouns for
        which ``skip(token)`` holds are left alone (another reader's)."""
        owner_of = {}
        for ref in refs:
            for i in range(ref.start, ref.end):
                owner_of[i] = ref.actor
        last_by_noun: dict[str, list[Actor]] = {}
        self._peoples(doc, actors, make_ref, owner_of)
        for token in doc:
            noun = self.nouns.get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
            if noun is None or token.i in owner_of or token.dep_ == "compound":
                continue  # "police station", "army base": the noun modifies, it does not act
            if not noun.subject and token.dep_ in ("nsubj", "csubj"):
                continue  # "residents fled": bystanders are actors only as the ones acted on
            if self._office_holder(token, owner_of):
                continue  # "the foreign minister, Adam Zielinski,": a person, the actors' own business
            found = self._phrase(doc, token, noun, owner_of)
            if found is None:
                continue
            start, key, name, country, member_of, kind = found
            if skip(token) and member_of is None and kind != "organization":
                continue  # a speaker or an acting body the describer reads, unless it is a state's forces
            if member_of is not None:
                actor = member_of
            elif key is None:
                known = last_by_noun.get(noun.lemma, [])
                if len({a.key for a in known}) == 1:
                    actor = known[-1]  # "the militias": the militias told before
                elif not known and noun.collective:
                    actor = actors.setdefault("group:" + noun.lemma, Actor(id="", kind="group", name=token.text,
                                                                            key="group:" + noun.lemma))
                    actor.sector = noun.sector  # "the army", "the police": the body itself
                else:
                    continue  # none or two kinds told before
            else:
                actor = actors.get(key) or self._described_as(actors, name, country)
                if actor is None:
                    actor = actors[key] = Actor(id="", kind=kind, name=name, key=key)
                    actor.country, actor.sector = country, noun.sector
            span = doc[start:token.i + 1]
            actor.add(Mention(span.start_char, span.end_char, span.text, "nominal"))
            make_ref(actor, start, token.i + 1)
            for i in range(start, token.i + 1):
                owner_of[i] = actor
            if actor.kind == "group":
                last_by_noun.setdefault(noun.lemma, []).append(actor)

    def _phrase(self, doc: Doc, head: Token, noun: GroupNoun, owner_of: dict):
        """(first token, key, name, country, the entity it is members of) of the
        description headed by ``head``; key None for a bare definite anaphor."""
        naming = [c for c in head.children if c.i < head.i and c.dep_ in MODIFIERS | {"npadvmod"}
                  and c.lower_ not in NOT_NAMING and not c.like_num and c.pos_ not in ("PRON", "DET")]
        country, member_of = None, None
        named = owner_of.get(head.head.i) if head.dep_ == "appos" else self._set_off_after(doc, head, owner_of)
        if named is not None and named.kind in ORG_KINDS:  # "the PKK, a designated terror group that ...":
            return head.i, None, None, None, named, None   # the description is the PKK again
        for child in head.children:  # "Putin, whose military intervened": the military of Putin's state
            if child.dep_ == "poss" and child.lower_ == "whose" and head.head.dep_ == "relcl":
                antecedent = owner_of.get(head.head.head.i)
                country = getattr(antecedent, "country", None)
            elif child.dep_ == "poss" and child.lower_ in ("its", "their") and noun.sector in ARMED | {"REB"}:
                owner = self._possessor(head, owner_of)  # "the RSF said its forces had fired"
                if owner is not None:
                    return _after_counts(doc, child.i, head.i), None, None, None, owner, None
        for child in naming:
            owner = owner_of.get(child.i)
            if owner is not None and owner.kind in ORG_KINDS and child.dep_ != "poss":
                member_of = owner  # "YPG fighters", "Isis militants"
            elif owner is not None and owner.country and not _backed(child, self.relations):
                country = country or owner.country  # "Russia's negotiators", "the Assad regime"
            else:
                form = self.lex.country_form(child.text)
                if form is not None and not _backed(child, self.relations):
                    country = country or form.country.iso3
        if country is None:
            country = self._located(head, owner_of)
        if country is None and noun.sector in ARMED:
            country = self._loyal_to(head, owner_of)
        if member_of is not None:
            return _after_counts(doc, min(c.i for c in naming), head.i), None, None, None, member_of, None
        if not naming:
            if not noun.bare:
                return None
            if any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in head.children) \
                    and not country:
                return head.i, None, None, None, None, None
            start = head.i
        else:
            start = _after_counts(doc, min(c.left_edge.i for c in naming), head.i)
        if country and noun.sector in ARMED and not any(c.dep_ in ("compound", "amod") and not _demonym(self.lex, c)
                                                        for c in naming):
            forces = self.lex.military_of(country)  # "Turkish soldiers" are the Turkish Armed Forces
            return start, "org:" + normalize(forces.name), forces.name, country, None, "organization"
        words = [t for t in doc[start:head.i + 1] if not t.is_punct or t.text in "-–"]
        name = "".join(t.text_with_ws for t in doc[start:head.i]) + head.text
        key = "group:" + normalize(" ".join(t.lemma_.lower() for t in words)) + (f"@{country}" if country else "")
        return start, key, name.strip(), country, None, "group"

    def _peoples(self, doc: Doc, actors: dict[str, Actor], make_ref, owner_of: dict) -> None:
        """ "an operation against the Kurds", "Isis massacred Yazidis": a people named by its plural
        (a nationality, religion or ethnic group the model tags NORP) is an actor; a state's people
        ("Syrians") are that state's, which the mention finder already names."""
        for token in (token for ent in doc.ents if ent.label_ == "NORP" for token in ent):
            if token.i in owner_of or token.pos_ not in ("PROPN", "NOUN") \
                    or not token.text.endswith("s") or token.dep_ in ("compound", "amod") \
                    or self.lex.country_form(token.text) is not None:
                continue
            key = "people:" + normalize(token.text)
            actor = actors.get(key)
            if actor is None:
                actor = actors[key] = Actor(id="", kind="group", name=token.text, key=key)
            actor.add(Mention(token.idx, token.idx + len(token), token.text, "nominal"))
            make_ref(actor, token.i, token.i + 1)
            owner_of[token.i] = actor

    @staticmethod
    def _described_as(actors: dict[str, Actor], name: str, country: str | None):
        """The speaker the describer made from the same description ("officials said ... attacks on
        officials"): one actor, not two."""
        wanted = normalize(name)
        return next((a for a in actors.values() if a.key.startswith("described:") and normalize(a.name) == wanted
                     and (a.country or None) == country), None)

    def _office_holder(self, head: Token, owner_of: dict) -> bool:
        """A singular office ("the minister", "a judge") or a description with a named
        person in apposition is one person, read by the descriptions of resolve.py."""
        if any(c.dep_ == "appos" and getattr(owner_of.get(c.i), "kind", None) == "person" for c in head.children):
            return True
        title = self.lex.titles.get(head.lemma_.lower())
        return head.tag_ == "NN" and title is not None and title.person_role == "office"

    @staticmethod
    def _set_off_after(doc: Doc, head: Token, owner_of: dict):
        """The organisation a description is set off after by a comma, when the parse missed the
        apposition: "the Kurdistan Workers' party (PKK), a designated terror group that ..."."""
        if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
            return None  # an apposition describes with "a": "X, a designated terror group"
        i = head.left_edge.i - 1
        if i < 1 or doc[i].text != ",":
            return None
        i -= 1
        if doc[i].text == ")":  # a bracketed acronym after the name
            while i > 0 and doc[i].text != "(":
                i -= 1
            i -= 1
        return owner_of.get(i)

    def _possessor(self, head: Token, owner_of: dict):
        """Whom "its"/"their" stands for: the one organisation or group named before it in
        its sentence (the subject that speaks of "its forces")."""
        sentence = head.sent
        before = {id(a): a for i in range(sentence.start, head.i) if (a := owner_of.get(i)) is not None
                  and a.kind in ORG_KINDS}
        return next(iter(before.values())) if len(before) == 1 else None

    @staticmethod
    def _loyal_to(head: Token, owner_of: dict) -> str | None:
        """ "forces loyal to the Syrian president", "troops loyal to Moldova": armed men loyal
        to a state or its leader are that state's forces (not so "backed by": support is no
        allegiance)."""
        for loyal in (c for c in head.children if c.lemma_.lower() == "loyal"):
            for prep in (c for c in loyal.children if c.dep_ == "prep" and c.lower_ == "to"):
                for token in prep.subtree:
                    owner = owner_of.get(token.i)
                    if owner is not None and owner.kind in ("country", "person") and owner.country:
                        return owner.country
        return None

    def _located(self, head: Token, owner_of: dict) -> str | None:
        """ "officials in Kyiv", "residents of Kharkiv": the place's state."""
        for child in head.children:
            if child.dep_ == "prep" and (child.lower_ in LOCATIVE or child.lower_ == "of"):
                for obj in child.children:
                    owner = owner_of.get(obj.i)
                    if obj.dep_ == "pobj" and owner is not None and owner.kind in ("place", "country"):
                        return owner.country
        return None


def _backed(token: Token, relations: frozenset[str]) -> bool:
    """ "US-backed", "Iran-aligned", "pro-Russian", "anti-government": a relation to
    the state named, not membership (group_relations.txt)."""
    return any(t.lower_ in relations for t in token.subtree) or token.head.lower_ in relations


def _after_counts(doc: Doc, start: int, head: int) -> int:
    """The description starts after any count in it ("an estimated 10,000 jihadist fighters",
    "a 30,000-strong force"): counts are the quantities stage's, and a mention over one hides it."""
    counted = [k for k in range(start, head) if doc[k].like_num]
    start = counted[-1] + 1 if counted else start
    while start < head and (doc[start].is_punct or doc[start].lower_ in NOT_NAMING):
        start += 1
    return start


def _demonym(lex: Lexicons, token: Token) -> bool:
    return lex.country_form(token.text) is not None
