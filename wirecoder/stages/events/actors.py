"""From parse tokens to the article's entities: who a noun phrase names.

The actors stage lists every mention of every entity with character offsets;
here they are indexed by the token that heads each mention, so that a subject,
an object or a possessor of a trigger can be turned into entity ids. Capitals
and government metonyms ("Kyiv", "Moscow", "Rome's solidarity") stand for
their country's government when the article names that country.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

ACTOR_KINDS = frozenset({"person", "organization", "country", "group", "media"})
PLACE_KINDS = frozenset({"place", "facility", "country"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


class EntityIndex:
    """Entity mentions by the token that heads them (the mention span's root)."""

    def __init__(self, doc: Doc, entities: list, capitals: dict[str, str],
                 relational: frozenset[str] = frozenset()):
        self.doc = doc
        self.relational = relational
        self.by_id = {e.id: e for e in entities}
        self.rooted: dict[int, list[tuple[object, str]]] = {}
        self.covered: dict[int, list[object]] = {}
        self.name_tokens: dict[int, list[object]] = {}  # tokens inside multi-word names
        for entity in entities:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                self.rooted.setdefault(span.root.i, []).append((entity, mention.form))
                for i in range(span.start, span.end):
                    self.covered.setdefault(i, []).append(entity)
                    if mention.form == "name" and len(span) > 1:
                        self.name_tokens.setdefault(i, []).append(entity)
        countries = {e.country: e for e in entities if e.kind == "country" and e.country}
        self.countries = countries
        # A capital or government metonym used as an actor -> the country entity.
        self.government_of: dict[str, object] = {}
        for entity in entities:
            if entity.kind == "place" and entity.name.lower() in capitals:
                country = countries.get(capitals[entity.name.lower()])
                if country is not None:
                    self.government_of[entity.id] = country

    def country_entity(self, iso3: str | None):
        """The article's entity for a state, if it names the state."""
        return self.countries.get(iso3) if iso3 else None

    def at(self, token: Token, kinds: frozenset[str] = ACTOR_KINDS) -> list:
        """Entities whose mention is headed by ``token`` (longest mention first)."""
        return [e for e, _ in self.rooted.get(token.i, ()) if e.kind in kinds]

    def actors_at(self, token: Token) -> list:
        found = self.at(token)
        if token.dep_ in ("compound", "amod", "nmod"):
            return found  # "the London talks": a place that modifies is a place, not an actor
        for entity, form in self.rooted.get(token.i, ()):
            if entity.kind == "place" and (form == "metonym" or entity.id in self.government_of):
                found.append(self.government_of.get(entity.id, entity))
        return found

    def places_at(self, token: Token) -> list:
        return [e for e, form in self.rooted.get(token.i, ())
                if e.kind in PLACE_KINDS and form in ("name", "metonym")]

    def actors_of_phrase(self, head: Token, depth: int = 0) -> list:
        """The actors a noun phrase names: its head, else its possessor or nationality
        modifier ("his team", "Russian forces", "Ukrainian infrastructure"), its
        apposition, and every coordinated phrase."""
        found = self.actors_at(head)
        relational = head.lemma_.lower() in self.relational  # "his allies" are not him
        if not found and depth < 2:  # "Kenya's foreign minister, Alice Mwangi,": the person, not Kenya
            found = [e for child in head.children if child.dep_ == "appos"
                     for e in self.actors_of_phrase(child, depth + 1) if e.kind == "person"]
        if not found:
            for child in head.children:
                if child.dep_ in MODIFIER_DEPS and not (relational and child.dep_ == "poss"):
                    found += self.actors_at(child) or (
                        self.actors_of_phrase(child, depth + 1) if child.dep_ == "poss" and depth < 2 else [])
                elif child.dep_ == "appos" and depth < 2:
                    found += self.actors_of_phrase(child, depth + 1)
        if not found and depth < 2:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            found += self.actors_of_phrase(obj, depth + 1)
                elif child.dep_ == "acl":  # "comments made by Trump": what someone said or did is theirs
                    for agent in (c for c in child.children if c.dep_ == "agent"):
                        for obj in (g for g in agent.children if g.dep_ == "pobj"):
                            found += self.actors_of_phrase(obj, depth + 1)
        for other in conjuncts(head):
            found += self.actors_of_phrase(other, depth + 1) if depth < 3 else []
        return unique(found)


def conjuncts(head: Token) -> list[Token]:
    """Phrases coordinated with ``head`` ("Starmer, Macron and Merz"), including a
    nominal conjunct the parser hung on the verb instead of the list."""
    out = [c for c in head.children if c.dep_ == "conj"]
    for c in list(out):
        out += [d for d in c.children if d.dep_ == "conj"]
    if head.pos_ in ("PROPN", "NOUN") and out:
        for verb in head.ancestors:
            if verb.pos_ in ("VERB", "AUX"):
                out += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i > head.i]
    return out


def unique(items: list) -> list:
    seen, out = set(), []
    for item in items:
        if item.id not in seen:
            seen.add(item.id)
            out.append(item)
    return out
