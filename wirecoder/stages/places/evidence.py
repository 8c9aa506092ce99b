"""Is a capitalised name the small model missed a place? The evidence around it.

Points for: the text says it is a place ("the town of X", "X region",
"X, Kharkiv Oblast"), a locative preposition before it ("in X", "near X") or
a verb whose object is a place ("shelled X"),
a candidate in a country the article is about, a well-known place. Points
against: the model calls it a person (a name it calls a date or a time is
no place at all: "on Sunday", "in March"), the word is also used in lower case in
the article (a common word), it begins a sentence without being a proper noun.
A name is taken when the points reach ACCEPT.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...gazetteer import Gazetteer, Place, normalize
from ..base import lower_words
from .context import actor_countries, contains
from .lexicon import LOCATIVE, PlaceLexicon

ACCEPT = 3.0
BIG_POPULATION = 100_000
INSIDE = frozenset({"in", "near", "outside", "around"})  # not "at": "the shops at X" is a venue
UNLABELLED_NAME = 1.0  # a proper name after "in"/"near" that the model gave no kind at all
TIME_LABELS = frozenset({"DATE", "TIME"})  # the model's labels for time expressions ...
TIME_LEADS = frozenset({"ADP", "DET", "ADJ"})  # ... trusted after "on", "last", "early" (not "shelled Arciz")


class Evidence:
    def __init__(self, gaz: Gazetteer, lex: PlaceLexicon):
        self.gaz = gaz
        self.lex = lex

    def accept(self, doc: Doc, start: int, end: int, entities: list) -> Place | None:
        """The place a name denotes if the evidence is enough, else None."""
        place, score, _ = self.weigh(doc, start, end, entities)
        return place if score >= ACCEPT else None

    def weigh(self, doc: Doc, start: int, end: int, entities: list,
              as_label: str | None = None) -> tuple[Place | None, float, bool]:
        """The likeliest place a name denotes, the points for reading it as a place,
        and whether the text itself says so (a container or a place noun).

        ``as_label`` is the kind the actors stage gave the name when it is
        weighed for re-labelling; the model's own label then counts nothing.
        """
        span = doc[start:end]
        text = span.text
        if text.isupper() and len(text) <= 4:
            return None, 0.0, False  # acronyms: "US" is in the actors' lexicon; "IT", "AI" are not places
        if all(t.lower_ in self.lex.generic_words for t in span):
            return None, 0.0, False  # "West", "Central": admin areas somewhere, but words here
        if any(t.ent_type_ in TIME_LABELS for t in span) and start and doc[start - 1].pos_ in TIME_LEADS:
            return None, 0.0, False  # "on Sunday", "over Christmas": a time, whatever village bears the name
        places = [p for p in self.gaz.lookup(text) if p.main or p.population >= 1000 or p.kind != "city"] \
            or list(self.gaz.lookup_spelling(text))  # "Beled Weyne" for "Beledweyne"
        if not places:
            return None, 0.0, False
        if span[-1].ent_type_ == "NORP" and end < len(doc) and \
                (doc[end].lower_ in self.lex.region_words or doc[end].lower_ in self.lex.place_nouns) and \
                not any(p.population >= BIG_POPULATION or p.kind == "admin1" for p in places):
            return None, 0.0, False  # "an Arab province": a people's adjective (the model's label for "Odesa" too,
            # but a big place or a region by that name before "region" is the name)
        countries = {e.country for e in entities if e.kind == "country" and e.country} or set(actor_countries(entities))
        score, strong = 0.0, False
        containers = self._containers(doc, end, entities)
        inside = [p for p in places if any(contains(area, p) for area in containers)]
        if inside:
            places, score, strong = inside, score + 3.0, True
        if self._place_cue(doc, start) or (end < len(doc) and (doc[end].lower_ in self.lex.region_words
                                                                  or doc[end].text in self.lex.settlement_words)):
            score, strong = score + 3.0, True
        elif len(span) > 1 and span[-1].lower_ in self.lex.region_words and \
                any(p.kind in ("admin1", "admin2", "region") for p in places):
            score, strong = score + 3.0, True  # "Kherson Oblast": the name says what it is
        if start and doc[start - 1].lower_ in LOCATIVE:
            score += 2.0
            if as_label is None and doc[start - 1].lower_ in INSIDE and self._unlabelled(span) \
                    and any(p.main for p in places):
                score += UNLABELLED_NAME  # "protested in Makeni": a proper name the model gave no kind
        elif any(t.dep_ in ("dobj", "obj") and t.head.lemma_ in self.lex.place_verbs for t in span):
            score += 2.0  # "shelled X", "captured X"
        local = [p for p in places if p.country in countries]
        if local:
            places, score = local, score + 1.5
        best = max(places, key=lambda p: (p.kind in ("country", "admin1", "region"), p.population))
        if best.kind in ("country", "admin1", "region") or best.population >= BIG_POPULATION:
            score += 1.0
        if as_label is not None:
            pass
        elif span.label_ == "PERSON" or span[0].ent_type_ == "PERSON":
            score -= 3.0
        elif span[0].ent_type_ in ("GPE", "LOC", "FAC"):
            score += 1.0
        if len(span) == 1 and span[0].lower_ in lower_words(doc):
            score -= 2.0
        if span[0].is_sent_start and span[0].pos_ != "PROPN":
            score -= 2.0
        return best, score, strong

    def _unlabelled(self, span) -> bool:
        """A proper name the model gave no kind, or called a people's though no people is
        so called (it takes unfamiliar town names for nationalities: "in Vuwani")."""
        if not all(t.pos_ == "PROPN" for t in span):
            return False
        if all(not t.ent_type_ for t in span):
            return True
        return all(t.ent_type_ == "NORP" for t in span) and normalize(span.text) not in self.lex.demonyms \
            and not self.gaz.demonym(span.text)

    def _place_cue(self, doc: Doc, start: int) -> bool:
        if start < 2 or doc[start - 1].lower_ != "of":
            return False
        before = doc[start - 2]
        return before.lower_ in self.lex.place_nouns or doc[max(0, start - 3):start - 1].text.lower() \
            in self.lex.place_nouns or (before.is_lower and before.text in self.lex.facility_nouns)
        # "the police station of X": a facility named by its town

    def named_area(self, doc: Doc, start: int, end: int, entities: list) -> Place | None:
        """The admin area a name the gazetteer lacks is put in: "Novosilka, Donetsk Oblast".

        Only a one-word name (a village, not "John Smith, Texas"), only
        admin areas (not countries, which also follow people's names).
        """
        if end - start != 1 or doc[start].pos_ not in ("PROPN", "NOUN") or doc[start].ent_type_ == "PERSON":
            return None
        areas = [p for p in self._containers(doc, end, entities) if p.kind in ("admin1", "admin2")]
        return areas[0] if areas else None

    def _containers(self, doc: Doc, end: int, entities: list) -> list[Place]:
        """ "X, Illinois", "X, Kyiv Oblast", "X, Ukraine": the areas named right after a comma."""
        while end < len(doc) and doc[end].is_punct and doc[end].text != "," and not doc[end - 1].whitespace_:
            end += 1  # "Irpin', Kyiv Oblast": a transliteration mark glued to the name
        if end + 1 >= len(doc) or doc[end].text != ",":
            return []
        start_char = doc[end + 1].idx
        for entity in entities:
            mention = next((m for m in entity.mentions if m.start == start_char), None)
            if mention is None or entity.kind not in ("place", "country"):
                continue
            if entity.kind == "country" and entity.country:
                return [p for p in (self.gaz.country(entity.country),) if p is not None]
            return self._areas(mention.text) or [p for p in entity.place_candidates or ()
                                                 if isinstance(p, Place) and p.kind != "city"]
        words, found = [], []
        for token in doc[end + 1:end + 4]:
            if not token.text[:1].isupper():
                break
            words.append(token.text)
            found = self._areas(" ".join(words)) or found  # the longest name wins: "Kyiv Oblast"
        return found

    def _areas(self, text: str) -> list[Place]:
        found = [p for p in self.gaz.lookup(text) if p.kind in ("admin1", "admin2", "country", "region")]
        words = text.split()
        if not found and len(words) > 1 and words[-1].lower() in self.lex.region_words:
            found = [p for p in self.gaz.lookup(" ".join(words[:-1])) if p.kind in ("admin1", "admin2")]
        return found
