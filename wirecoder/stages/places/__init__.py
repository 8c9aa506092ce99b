"""The places stage: every place, country and facility gets ``geo``.

It runs right after ``actors``. It adds the place mentions the actors stage
missed (recognize.py), resolves every place-like entity against the offline
gazetteer in the article's context (resolve.py), sets ``geo``, the canonical
``name`` and ``country``, merges entities that turn out to be the same place,
and renumbers entity ids E1.. in order of first mention.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...gazetteer import gazetteer
from ..base import Layers, Stage
from .context import build_context
from .geo import canonical_name, to_geo
from .lexicon import place_lexicon
from .recognize import Recognizer
from .resolve import PlaceResolver


class PlacesStage(Stage):
    name = "places"
    requires = ("tokens", "sents", "ner", "entities")
    assigns = ("geo",)

    def __init__(self):
        gaz, lex = gazetteer(), place_lexicon()
        self.recognizer = Recognizer(gaz, lex)
        self.resolver = PlaceResolver(gaz, lex)

    def process(self, doc: Doc, layers: Layers) -> None:
        entities = self.recognizer.run(doc, layers.entities)
        ctx = build_context(doc, entities)
        chosen = self.resolver.run(doc, entities, ctx)
        for entity in entities:
            choice = chosen.get(id(entity))
            if choice is None:
                continue
            entity.geo = to_geo(choice.place)
            if choice.named:  # a street or a village the gazetteer lacks keeps its own name
                entity.name = canonical_name(entity, choice.place)
            if entity.kind != "country" and not _is_metonym(entity):
                entity.country = choice.place.country or entity.country
        named = {id(e) for e in entities if id(e) in chosen and chosen[id(e)].named}
        layers.entities = renumber(merge_same_places(entities, named))


def _is_metonym(entity) -> bool:
    return any(m.form == "metonym" for m in entity.mentions)


def merge_same_places(entities: list, named: set[int]) -> list:
    """Two place entities whose names denote one place are one entity ("Kiev" and "Kyiv");
    a place merely put in a town or area (``id`` not in ``named``) stays itself."""
    kept, by_place = [], {}
    for entity in entities:
        geo = entity.geo
        key = (geo.geonameid, geo.name) if entity.kind == "place" and geo is not None and id(entity) in named \
            else None
        if key is not None and key in by_place:
            for mention in entity.mentions:
                by_place[key].add(mention)
            continue
        if key is not None:
            by_place[key] = entity
        kept.append(entity)
    return kept


def renumber(entities: list) -> list:
    ordered = sorted(entities, key=lambda e: (e.first, e.name))
    for number, entity in enumerate(ordered, start=1):
        entity.id = f"E{number}"
    return ordered
