"""What the article says around its places: the evidence a careful reader uses.

- which countries the article is about (how often each is named);
- where each place is named (character offsets, sentences);
- explicit containers: "Pechenihy, Kharkiv", "Ukraine's Kharkiv region",
  "Maywood, Illinois": a place named right next to another that holds it;
- the words around a mention: "the town of X" (a town), "X region" (an area).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ...gazetteer import Place, haversine, normalize
from ..base import text_of
from .lexicon import PlaceLexicon

PLACE_KINDS = ("place", "country", "facility")
ACTOR_KINDS = ("group", "organization")  # their country tells a text's setting when no country is named
_POSSESSIVE = re.compile(r"^['’]s\s+$")
_APPOSITION = re.compile(r"^\s*,\s*(?:in\s+)?$")
_LIST = re.compile(r"^\s*(?:,|,?\s+and|,?\s+or|/)\s*$")
# every character a gap matching _APPOSITION or _POSSESSIVE may hold (besides white space)
_APPOSITION_CHARS = frozenset(",in")
_POSSESSIVE_CHARS = frozenset("'’s")


@dataclass
class Named:
    """One capitalised mention of a place-like entity."""

    start: int
    end: int
    text: str
    entity: object  # the actors stage's Actor


@dataclass
class ArticleContext:
    text: str
    sentence_starts: list[int]
    mentions: list[Named] = field(default_factory=list)  # sorted by start
    countries: Counter = field(default_factory=Counter)  # ISO3 -> mentions
    _relations: dict = field(default_factory=dict)
    _index: tuple = ()  # (mention count, starts, entity id -> its mentions), see _indexed

    def _indexed(self) -> tuple[list[int], dict[int, list[Named]]]:
        """The mentions' starts and each entity's mentions in order, built once (again if
        mentions were added since)."""
        if not self._index or self._index[0] != len(self.mentions):
            by_entity: dict[int, list[Named]] = {}
            for m in self.mentions:
                by_entity.setdefault(id(m.entity), []).append(m)
            self._index = (len(self.mentions), [m.start for m in self.mentions], by_entity)
        return self._index[1], self._index[2]

    def sentence(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def country_share(self, iso3: str | None) -> float:
        total = sum(self.countries.values())
        return self.countries.get(iso3, 0) / total if total and iso3 else 0.0

    def siblings(self, entity: object) -> list[tuple[object, bool]]:
        """The entities listed right beside ``entity``, each with whether only a comma parts
        them (which may also mean "Tacoma, Washington"): "California, Washington, Utah"."""
        key = ("siblings", id(entity))
        if key not in self._relations:
            found = []
            for a, b in zip(self.mentions, self.mentions[1:]):
                between = self.text[a.end:b.start]
                if (a.entity is entity) != (b.entity is entity) and _LIST.match(between):
                    found.append((b.entity if a.entity is entity else a.entity, between.strip() == ","))
            self._relations[key] = found
        return self._relations[key]

    def _listed(self, mention: Named) -> bool:
        """Is ``mention`` an item after the first of a list ("California, Washington, Utah"),
        where a comma then parts two items rather than a place and what holds it?"""
        k = bisect.bisect_left(self._indexed()[0], mention.start)
        return k > 0 and self.mentions[k - 1].end <= mention.start \
            and bool(_LIST.match(self.text[self.mentions[k - 1].end:mention.start]))

    def relation(self, inner: object, outer: object) -> str | None:
        """How closely ``outer`` is named to ``inner``: explicit, sentence, article or None."""
        key = (id(inner), id(outer))
        if key not in self._relations:
            self._relations[key] = self._relation(inner, outer)
        return self._relations[key]

    def _relation(self, inner: object, outer: object) -> str | None:
        """Explicit when a mention of ``outer`` follows one of ``inner`` across ", " ("X,
        Kharkiv") or precedes it with "'s " ("Ukraine's X"); else sentence when they share one.
        Only the outer mentions within the short gap such words can fill are tried, so the
        cost grows with the mentions, not with their pairs."""
        by_entity = self._indexed()[1]
        inner_mentions = by_entity.get(id(inner), [])
        outer_mentions = by_entity.get(id(outer), [])
        if not inner_mentions or not outer_mentions:
            return None
        outer_starts = [b.start for b in outer_mentions]
        outer_ends: dict[int, list[Named]] = {}
        for b in outer_mentions:
            outer_ends.setdefault(b.end, []).append(b)
        for a in inner_mentions:
            reach = _gap_end(self.text, a.end, _APPOSITION_CHARS)
            for b in outer_mentions[bisect.bisect_left(outer_starts, a.end):bisect.bisect_right(outer_starts, reach)]:
                if _APPOSITION.match(self.text[a.end:b.start]) and not self._listed(a):
                    return "explicit"
            for end in range(_gap_start(self.text, a.start, _POSSESSIVE_CHARS), a.start + 1):
                if any(_POSSESSIVE.match(self.text[b.end:a.start]) for b in outer_ends.get(end, ())):
                    return "explicit"
        outer_sentences = {self.sentence(b.start) for b in outer_mentions}
        return "sentence" if any(self.sentence(a.start) in outer_sentences for a in inner_mentions) else "article"


def _gap_end(text: str, start: int, chars: frozenset[str]) -> int:
    """Where the run of white space and ``chars`` from ``start`` ends."""
    end = start
    while end < len(text) and (text[end] in chars or text[end].isspace()):
        end += 1
    return end


def _gap_start(text: str, end: int, chars: frozenset[str]) -> int:
    """Where the run of white space and ``chars`` ending at ``end`` begins."""
    start = end
    while start > 0 and (text[start - 1] in chars or text[start - 1].isspace()):
        start -= 1
    return start


def build_context(doc: Doc, entities: list) -> ArticleContext:
    starts = [sent.start_char for sent in doc.sents]
    ctx = ArticleContext(text_of(doc), starts)
    for entity in entities:
        if entity.kind not in PLACE_KINDS:
            continue
        for m in entity.mentions:
            if m.text[:1].isupper() and m.form in ("name", "metonym", "demonym", "embedded"):
                ctx.mentions.append(Named(m.start, m.end, m.text, entity))
        if entity.kind == "country" and entity.country:
            ctx.countries[entity.country] += len(entity.mentions)
    if not ctx.countries:
        ctx.countries.update(actor_countries(entities))
    ctx.mentions.sort(key=lambda m: m.start)
    return ctx


def actor_countries(entities: list) -> Counter:
    """The countries of the armed groups and organisations a text names ("Boko Haram",
    a national army): where a short report that names no country is likely set."""
    return Counter(e.country for e in entities if e.kind in ACTOR_KINDS and e.country)


def contains(outer: Place, inner: Place) -> bool:
    """Does ``outer`` (a country, admin area or region) hold ``inner``?"""
    if outer.geonameid == inner.geonameid:
        return False
    if outer.kind == "country":
        return inner.country == outer.country and inner.kind != "country"
    if outer.kind == "admin1":
        return inner.admin1_id == outer.geonameid and inner.kind != "admin1"
    if outer.kind == "admin2":
        return inner.admin2_id == outer.geonameid
    if outer.kind == "region" and outer.extent:
        return haversine(outer.lat, outer.lon, inner.lat, inner.lon) <= outer.extent and inner.extent < outer.extent
    return False


@dataclass(frozen=True)
class Cues:
    """What the words of one entity's mentions say about its level."""

    base_names: tuple[str, ...]  # the names to look up ("Kharkiv" for "Kharkiv region")
    full_names: tuple[str, ...]  # the mentions as written ("Kyiv Oblast", "Orange County")
    region: bool  # "X region", "X Oblast": an administrative area
    town: bool  # "the town of X", "the city of X"


def cues(text: str, entity, lex: PlaceLexicon) -> Cues:
    names: list[str] = []
    full: list[str] = []
    region = town = False
    for m in entity.mentions:
        if not m.text[:1].isupper() or m.form in ("pronoun", "nominal"):
            continue
        words = m.text.split()
        full.append(m.text)
        if len(words) > 1 and words[-1].lower() in lex.region_words:
            region = region or words[-1].lower() not in lex.loose_region_words
            names.append(" ".join(words[:-1]))
        elif len(words) > 1 and words[-1].lower() in lex.settlement_words:
            town = True  # "Zango village": the village Zango
            names.append(" ".join(words[:-1]))
        else:
            names.append(m.text)
            after = text[m.end:m.end + 12].split()
            town = town or bool(after) and after[0] in lex.settlement_words  # "X town" outside the mention
        raw = text[max(0, m.start - 40):m.start].split()
        before = [word.lower() for word in raw]
        if len(before) >= 2 and before[-1] == "of" and before[-2] in lex.place_nouns:
            if before[-2] in lex.region_words and not (len(raw) >= 3 and raw[-3][:1].isupper()):
                region = True
            else:
                town = True
    last = normalize(entity.name).split()[-1:]
    if entity.kind == "place" and last and last[0] in lex.region_words and last[0] not in lex.loose_region_words:
        region = True
    unique = tuple(dict.fromkeys(n for n in names if normalize(n)))
    return Cues(unique, tuple(dict.fromkeys(full)), region, town)
