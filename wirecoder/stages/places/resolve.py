"""Which place each name means: candidates from the gazetteer, weighed in context.

A candidate's score adds up what a careful reader weighs:

- prior: population (log scale), the place's own name over an alternate
  (a town named so only in an alternate gives way to a place ten times its
  size that bears the name as its own), a capital for a bare capital's name
  ("Washington"), a state for its abbreviation ("Wash.");
- the words around it: "X region" wants an admin area, "the town of X" a town;
  a bare "Kyiv" or "Kharkiv" is the city, not the oblast named after it;
- the article: its countries (by how often each is named; weighed so that a
  world city is not lost to a village in the article's country), the admin
  areas and regions it names -- explicitly ("Pechenihy, Kharkiv"; "Ukraine's
  Kharkiv region"), in the same sentence, or anywhere -- the places listed
  beside it ("California, Washington, Utah": states) and, in a second pass,
  how near the candidate is to the article's other places.

A facility whose name holds a small town far from everything else the
article names ("Percy French Hotel") is put in the article's town instead.

Countries, regions and admin areas are resolved first, so towns can use them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ...gazetteer import Gazetteer, Place, haversine, normalize
from .context import ArticleContext, Cues, contains, cues
from .lexicon import PlaceLexicon
from .peers import listed_with_peers, plausible, undominated

RELATION_WEIGHT = {"explicit": 6.0, "sentence": 3.0, "article": 1.5}
LIST_WEIGHT = 3.0  # listed beside places of the same level
NEAR_KM = 300.0  # scale of the proximity bonus
LOCAL_EXTENT_KM = 300.0  # places smaller than this count for proximity
INNER_MIN_POPULATION = 50_000  # a town a name holds ("Birmingham City") must be known
ABBREVIATION_WEIGHT = 6.0  # a state's abbreviation ("Calif.", "Wash.") names that state alone
HOLDER_GAP = 40  # characters between a place and the town named as holding it
HOLDER_POPULATION = 50_000  # a town known enough that its namesake's neighbour is in it
_HELD_IN = re.compile(r"(?:\b(?:in|of|near|outside)\s+(?:the\s+)?(?:downtown\s+|central\s+)?|^\s*,\s*)$")
REGION_POPULATION = 10_000_000  # the prior of a region or sea, which has no population


@dataclass
class Choice:
    place: Place
    score: float
    margin: float  # over the runner-up
    named: bool = True  # the place the name denotes, not the town or area it lies in


class PlaceResolver:
    def __init__(self, gaz: Gazetteer, lex: PlaceLexicon):
        self.gaz = gaz
        self.lex = lex

    def run(self, doc: Doc, entities: list, ctx: ArticleContext) -> dict[int, Choice]:
        """id(entity) -> the chosen place, for every place-like entity that has candidates."""
        chosen: dict[int, Choice] = {}
        pending, unresolved = [], []
        for entity in entities:
            if entity.kind == "country":
                place = self._nation(entity) or (self.gaz.country(entity.country) if entity.country else None)
                if place is not None:
                    chosen[id(entity)] = Choice(place, 99.0, 99.0)
            elif entity.kind in ("place", "facility"):
                cue = cues(ctx.text, entity, self.lex) if entity.kind == "place" else self._facility_cues(entity)
                found = self.candidates(entity, cue)
                if found:
                    pending.append((entity, cue, found))
                else:
                    unresolved.append(entity)
        # admin areas and regions first: towns are weighed against them
        pending.sort(key=lambda item: not (item[1].region or all(p.extent >= 50 for p in item[2])))
        for _ in range(2):
            for entity, cue, found in pending:
                choice = self._choose(entity, cue, found, ctx, entities, chosen)
                chosen[id(entity)] = choice
        for entity, _, _ in pending:
            area = self._explicit_area(entity, ctx, entities, chosen)
            pick = chosen[id(entity)].place
            if area is not None and pick.kind == "city" and area.kind in ("admin1", "admin2") \
                    and not contains(area, pick):
                chosen[id(entity)] = Choice(area, 0.0, 0.0, named=False)  # "X, Donetsk Oblast": no X in it
        for entity, _, _ in pending:
            if entity.kind == "facility" and not plausible(entity, chosen[id(entity)].place, entities, chosen):
                town = self._local_town(entity, ctx, chosen)
                if town is not None:
                    chosen[id(entity)] = Choice(town, 0.0, 0.0, named=False)
        for entity, _, _ in pending:
            if entity.kind == "place" and id(entity) in chosen:
                self._stray(entity, ctx, entities, chosen)
        for entity in unresolved:
            local = any(self._is_local(m.text) for m in entity.mentions)
            place = self._explicit_area(entity, ctx, entities, chosen) or (
                self._local_town(entity, ctx, chosen) or self._inner_name(entity) if local else
                self._inner_name(entity) or self._local_town(entity, ctx, chosen, unknown=entity.kind == "place"))
            if place is not None:
                chosen[id(entity)] = Choice(place, 0.0, 0.0, named=False)
        return chosen

    def _stray(self, entity, ctx: ArticleContext, entities, chosen) -> None:
        """A small town far from every other place the article names, which hold none of
        it, is a namesake of the place meant ("Bole in Addis Ababa" is not the Bole abroad):
        a place the text puts in a known town lies in that town."""
        choice = chosen[id(entity)]
        pick = choice.place
        if not choice.named or pick.kind != "city" or pick.population >= INNER_MIN_POPULATION * 2 \
                or plausible(entity, pick, entities, chosen):
            return
        town = self._holding_town(entity, ctx, chosen)
        if town is not None and town.geonameid != pick.geonameid:
            chosen[id(entity)] = Choice(town, 0.0, 0.0, named=False)

    @staticmethod
    def _holding_town(entity, ctx: ArticleContext, chosen) -> Place | None:
        """The big town the text puts a place in right after naming it: "Kish square in
        Benghazi", "X and Y townships of Lusaka", "X village (17 km SW of Y)"."""
        for m in entity.mentions:
            for other in ctx.mentions:
                if other.entity is entity or not 0 <= other.start - m.end <= HOLDER_GAP:
                    continue
                pick = chosen.get(id(other.entity))
                if pick is None or not pick.named or pick.place.kind != "city" \
                        or pick.place.population < HOLDER_POPULATION:
                    continue
                if _HELD_IN.search(ctx.text[m.end:other.start]):
                    return pick.place
        return None

    def _nation(self, entity) -> Place | None:
        """The part of a country its adjective names: "English" is England, "Welsh" Wales."""
        if not entity.country or any(m.form != "demonym" for m in entity.mentions):
            return None
        areas = {p for m in entity.mentions for p in self.gaz.demonym(m.text)
                 if p.kind == "admin1" and p.country == entity.country}
        return areas.pop() if len(areas) == 1 and entity.mentions else None

    def _explicit_area(self, entity, ctx: ArticleContext, entities, chosen) -> Place | None:
        """The admin area or region the text puts the place in: "X, Kharkiv Oblast", "Ukraine's X"."""
        for other in entities:
            pick = chosen.get(id(other))
            if other is entity or pick is None or pick.place.kind not in ("admin1", "admin2", "region"):
                continue
            if ctx.relation(entity, other) == "explicit":
                return pick.place
        return None

    def _inner_name(self, entity) -> Place | None:
        """A name that is not a place but holds one: "Birmingham City", "Tijuana River", "Nile Delta".

        The longest run of leading, then trailing, words that names a
        country, an admin area, a region or a town of some size.
        """
        for m in entity.mentions:
            words = m.text.split()
            if len(words) < 2 or not m.text[:1].isupper():
                continue
            for n in range(len(words) - 1, 0, -1):
                for part in (words[:n], words[-n:]):
                    if not part[0][:1].isupper() or all(self._is_generic(w) for w in part):
                        continue
                    places = [p for p in self.gaz.lookup(" ".join(part))
                              if p.kind != "city" or p.population >= INNER_MIN_POPULATION]
                    if places:
                        return max(places, key=lambda p: (p.kind in ("country", "region"), p.population))
        return None

    def _local_town(self, entity, ctx: ArticleContext, chosen, unknown: bool = False) -> Place | None:
        """A facility or street the gazetteer lacks lies in the town the article was last at;
        so does any ``unknown`` place name (a suburb, a township), when that town is named in
        the same sentence ("moved from Cairo to Madinaty"): further off, the town named last
        may be anywhere (a reporter's London beside a Syrian village)."""
        if not unknown and entity.kind != "facility" and not any(self._is_local(m.text) for m in entity.mentions):
            return None
        first = min((m.start for m in entity.mentions), default=0)
        towns = [(m.start, chosen[id(m.entity)].place) for m in ctx.mentions
                 if m.entity is not entity and id(m.entity) in chosen and chosen[id(m.entity)].place.kind == "city"]
        if unknown:
            here = {ctx.sentence(m.start) for m in entity.mentions}
            towns = [(start, place) for start, place in towns if ctx.sentence(start) in here]
        before = [place for start, place in towns if start < first]
        if before:
            return before[-1]
        return towns[0][1] if towns else None

    def _is_generic(self, word: str) -> bool:
        """ "Street", "Airport", "City", "West": words that name no place by themselves."""
        word = word.lower().strip(".,")
        return word in self.lex.last_heads or word in self.lex.facility_nouns or word in self.lex.region_words \
            or word in self.lex.org_words or word in self.lex.generic_words

    def _is_local(self, text: str) -> bool:
        words = text.lower().split()
        return len(words) > 1 and words[-1] in self.lex.local_heads

    # -- candidates -------------------------------------------------------------
    def candidates(self, entity, cue: Cues) -> tuple[Place, ...]:
        found: dict[int, Place] = {}
        for name in cue.full_names:
            for place in self.gaz.lookup(name):
                found.setdefault(place.geonameid, place)
        for name in cue.base_names:
            for place in self.gaz.lookup(name):
                found.setdefault(place.geonameid, place)
            if cue.region and not any(p.kind in ("admin1", "admin2", "region") for p in found.values()):
                # "Kursk region": the admin area that holds the biggest town of that name
                towns = [p for p in self.gaz.lookup(name) if p.kind == "city" and p.admin1_id]
                if towns:
                    area = self.gaz.get(max(towns, key=lambda p: p.population).admin1_id)
                    if area is not None:
                        found.setdefault(area.geonameid, area)
        if not found:  # another romanisation of a name the index lacks: "Dhusamareeb"
            for name in cue.full_names + cue.base_names:
                for place in self.gaz.lookup_spelling(name):
                    found.setdefault(place.geonameid, place)
        for place in getattr(entity, "place_candidates", ()) or ():
            if isinstance(place, Place):
                found.setdefault(place.geonameid, place)
        if cue.full_names and all(n.isupper() and len(n) <= 3 for n in cue.full_names):
            # "US", "UK": an acronym is not the hamlet "Us"
            return tuple(p for p in found.values() if p.kind != "city")
        return undominated(tuple(found.values()))

    def _abbreviates(self, name: str, place: Place) -> bool:
        """ "Wash." names the state, whatever "Washington" alone would mean."""
        return "." in name and place in self.gaz.lookup(name) and place not in self.gaz.lookup(name.replace(".", ""))

    def _facility_cues(self, entity) -> Cues:
        """The toponym a facility's name embeds: "Pechenihy hydroelectric dam" -> "Pechenihy".

        Not for facilities a country owns abroad: "the Russian embassy" is not in Russia.
        """
        names = []
        for m in entity.mentions:
            words = m.text.split()
            if any(w.lower().strip(".,") in self.lex.owner_heads for w in words):
                continue
            lead = []
            for word in words:
                if not word[:1].isupper() or word.lower() in self.lex.facility_nouns:
                    break
                lead.append(word)
            if lead:
                names.append(" ".join(lead))
        names = tuple(dict.fromkeys(names))
        return Cues(names, names, False, False)

    # -- weighing ---------------------------------------------------------------
    def _choose(self, entity, cue: Cues, found, ctx: ArticleContext, entities, chosen) -> Choice:
        others = _placed_others(entity, entities, chosen)  # the same for every candidate
        scored = sorted(((self.score(entity, cue, p, found, ctx, entities, chosen, others), p) for p in found),
                        key=lambda item: -item[0])
        best, place = scored[0]
        runner = scored[1][0] if len(scored) > 1 else best - 10.0
        return Choice(place, best, best - runner)

    def score(self, entity, cue: Cues, p: Place, found, ctx: ArticleContext, entities, chosen,
              others: list | None = None) -> float:
        population = p.population or (REGION_POPULATION if p.kind == "region" else 0)
        s = 1.2 * math.log10(population + 10) + (1.0 if p.main else 0.0)
        s += {"country": 2.0, "region": 2.0, "admin1": 0.5, "admin2": -1.5}.get(p.kind, 0.0)
        names = {normalize(n) for n in cue.base_names}
        if any(p in self.gaz.lookup(n) for n in cue.full_names if n not in cue.base_names):
            s += 4.0  # the whole mention is this place's name: "Kyiv Oblast", "Orange County"
        if any(self._abbreviates(n, p) for n in cue.full_names):
            s += ABBREVIATION_WEIGHT
        if p.kind == "city" and any(self.lex.capitals.get(n) == p.country for n in names):
            s += 2.5
        if cue.region:
            s += 6.0 if p.kind in ("admin1", "admin2", "region") else -4.0
        elif p.kind in ("admin1", "admin2") and any(c.kind == "city" and c.admin1_id == p.admin1_id
                                                    and c.population >= 0.1 * p.population for c in found):
            s -= 2.5  # a bare "Kharkiv" is the city, not the oblast named after it
        if cue.town:
            s += 2.0 if p.kind == "city" else -2.0
        if listed_with_peers(entity, p, ctx, chosen):
            s += LIST_WEIGHT
        share = ctx.country_share(p.country)
        s += 2.0 * share + (1.0 if share else 0.0)
        near = []
        for other, pick, nation in (_placed_others(entity, entities, chosen) if others is None else others):
            if not nation and contains(pick.place, p):
                relation = ctx.relation(entity, other)
                if relation:
                    s += RELATION_WEIGHT[relation]
            elif nation and contains(pick.place, p) and ctx.relation(entity, other) == "explicit":
                s += RELATION_WEIGHT["explicit"]
            if pick.place.extent < LOCAL_EXTENT_KM and pick.place.kind != "country":
                near.append(haversine(p.lat, p.lon, pick.place.lat, pick.place.lon))
        if near and p.extent < LOCAL_EXTENT_KM:
            s += 2.5 * math.exp(-min(near) / NEAR_KM)
        return s


def _placed_others(entity, entities, chosen) -> list[tuple[object, object, bool]]:
    """(entity, its choice, whether it names a nation) of every entity placed so far but ``entity``."""
    others = []
    for other in entities:
        pick = chosen.get(id(other))
        if other is entity or pick is None:
            continue
        others.append((other, pick, other.kind == "country" or all(m.form == "demonym" for m in other.mentions)))
    return others
