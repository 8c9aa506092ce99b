"""Place mentions the actors stage missed, found with the gazetteer and the words around.

The small model mislabels towns as persons and organisations and misses many
(see DEPENDENCIES.md), so recognition here does not rest on its labels:

1. names whose own head says what they are: "Royal Street", "Morris County",
   "Lake Chad" are places whatever the model said (an actor with a role or a
   knowledge-base link keeps its kind); a capital standing for its government
   ("Kiev said") is the city, a place that also acts;
2. toponyms embedded in the names of organisations, media and facilities
   ("University of California", "Syrian Observatory", "BBC Russian Service"):
   the text names the place there too (GeoWebNews counts them);
3. adjectives of regions ("European", "Latin American"), as countries'
   demonyms are mentions of countries;
4. capitalised names the gazetteer knows, weighed by the evidence around them
   (evidence.py); a person keeps its kind unless the text says the name is a
   place ("the town of X", "X, Kharkiv Oblast").
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...gazetteer import Gazetteer, Place, normalize
from ..actors.items import Actor, Mention
from ..base import span_text, text_of, token_table
from .evidence import Evidence
from .fragments import join_fragments, split_nations
from .lexicon import PlaceLexicon

MAX_WORDS = 4
ACCEPT_RELABEL_ORG = 3.0
ACCEPT_RELABEL_PERSON = 3.0  # and the text must say it is a place
PROMINENT_POPULATION = 100_000
PLACED_AT = frozenset({"in", "near", "at"})
PLACED_POINTS = 1.0  # a "person" named only where acts happen ("clashes in X")
HOST_KINDS = ("organization", "media", "group", "facility")


class Recognizer:
    def __init__(self, gaz: Gazetteer, lex: PlaceLexicon):
        self.gaz = gaz
        self.lex = lex
        self.evidence = Evidence(gaz, lex)

    def run(self, doc: Doc, entities: list) -> list:
        entities = split_nations(join_fragments(text_of(doc), list(entities), self.gaz), self.gaz)
        for entity in entities:
            if entity.kind in ("organization", "person", "place") and not entity.roles and entity.kb is None:
                self._split_apposition(doc, entity)
        self._relabel_by_head(entities)
        self._relabel_capitals(entities)
        self._relabel_by_evidence(doc, entities)
        index = _Index(entities, self.lex.country_names, len(text_of(doc)))
        self._embedded(doc, entities, index)
        self._runs(doc, entities, index)
        return entities

    # -- 1. heads ---------------------------------------------------------------------
    def _relabel_by_head(self, entities: list) -> None:
        for entity in entities:
            if entity.kind not in ("organization", "person") or entity.roles or entity.kb is not None:
                continue
            names = [m for m in entity.mentions if m.form == "name" and m.text[:1].isupper()]
            kinds = {self._head_kind(m.text) for m in names}
            if names and len(kinds) == 1 and None not in kinds:
                entity.kind = kinds.pop()
                entity.sector = None

    def _head_kind(self, text: str) -> str | None:
        words = text.split()
        if len(words) < 2:
            return None
        return self.lex.last_heads.get(words[-1].lower()) or self.lex.first_heads.get(words[0].lower())

    def _relabel_capitals(self, entities: list) -> None:
        """ "Kiev" standing for Ukraine's government is the city: a place that also acts.

        A government metonym the actors stage kept as an organisation becomes a
        place when it is the name of a city of that country with 100,000 people
        or more (the record's contract: metonymic capitals are places).
        """
        for entity in entities:
            if entity.kind != "organization" or not entity.country or entity.roles:
                continue
            if self.lex.metonyms.get(normalize(entity.name)) != entity.country:
                continue
            cities = [p for p in self.gaz.lookup(entity.name) if p.kind == "city" and p.country == entity.country
                      and p.population >= PROMINENT_POPULATION]
            if cities:
                entity.kind = "place"
                entity.place_candidates = tuple(cities)
                entity.mentions[:] = [Mention(m.start, m.end, m.text, "metonym") for m in entity.mentions]

    def _relabel_by_evidence(self, doc: Doc, entities: list) -> None:
        """An unknown organisation or a bare person name the text shows to be a place.

        Only actors with nothing else behind them (no role, no knowledge-base
        link, no lexicon entry, no organisation word); a person needs the text
        itself to say it is a place ("the town of X", "X, Kharkiv Oblast").
        """
        for entity in entities:
            if entity.roles or entity.kb is not None or entity.country or entity.sector:
                continue
            if entity.kind == "organization":
                needed = ACCEPT_RELABEL_ORG
            elif entity.kind == "person" and (len(entity.name.split()) == 1 or self._placed_only(doc, entity)):
                needed = ACCEPT_RELABEL_PERSON
            else:
                continue
            names = [m for m in entity.mentions if m.form == "name"]
            placed = entity.kind == "person" and self._placed_only(doc, entity)
            if not names or any(w.lower() in self.lex.org_words for m in names for w in m.text.split()):
                continue
            best, score, known = None, 0.0, False
            for m in names:
                span = doc.char_span(m.start, m.end)
                if span is None:
                    continue
                place, points, strong = self.evidence.weigh(doc, span.start, span.end, entities, as_label=entity.kind)
                points += PLACED_POINTS if placed else 0.0
                area = None if strong else self.evidence.named_area(doc, span.start, span.end, entities)
                if area is not None:  # "Novosilka, Donetsk Oblast": a village the gazetteer lacks
                    best, score, known = area, max(ACCEPT_RELABEL_ORG, ACCEPT_RELABEL_PERSON), False
                elif place is not None and points > score and (strong or placed or entity.kind == "organization"):
                    best, score, known = place, points, True
            if best is not None and score >= needed:
                entity.kind = "country" if best.kind == "country" and known else "place"
                entity.country = best.country
                entity.place_candidates = (best,) if known else ()

    @staticmethod
    def _placed_only(doc: Doc, entity) -> bool:
        """Whether every mention of a name the model took for a person is where something
        happened: the object of "in", "near" or "at" on a verb ("gunshots were heard in
        Ben Gardane"), which a person's name hardly ever is."""
        if not entity.mentions:
            return False
        for m in entity.mentions:
            span = doc.char_span(m.start, m.end)
            if span is None or m.form != "name":
                return False
            root = span.root
            if root.dep_ != "pobj" or root.head.lower_ not in PLACED_AT or root.head.head.pos_ not in ("VERB", "AUX"):
                return False
        return True

    def _split_apposition(self, doc: Doc, entity) -> None:
        """ "Baryshivka, Kyiv Oblast" taken as one name: keep the head, free the area after the comma."""
        for k, m in enumerate(entity.mentions):
            head, comma, tail = m.text.partition(", ")
            if not comma or not tail[:1].isupper():
                continue
            areas = [p for p in self.gaz.lookup(tail) if p.kind in ("admin1", "admin2", "country", "region")]
            if areas and (self.gaz.lookup(head) or len(head.split()) == 1):
                entity.mentions[k] = Mention(m.start, m.start + len(head), head, m.form)
                if entity.name == m.text:
                    entity.name = head

    # -- 2. embedded toponyms ---------------------------------------------------------------
    def _embedded(self, doc: Doc, entities: list, index: "_Index") -> None:
        for host in [e for e in entities if e.kind in HOST_KINDS]:
            for mention in list(host.mentions):
                # a name, or a group's description for its demonyms ("Kurdish fighters": the Kurdish region)
                described = host.kind == "group" and mention.form == "nominal"
                if mention.form != "name" and not described:
                    continue
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None or len(span) < 2:
                    continue
                i = span.start
                while i < span.end:
                    found = self._longest(doc, i, span.end, (span.start, span.end), index)
                    if found is None:
                        i += 1
                        continue
                    end, target = found
                    if target is None:  # a small place's whole name: no bigger one inside it
                        i = end
                        continue
                    piece = doc[i:end]
                    if described and not (self.gaz.demonym(piece.text) or target[0] == "country"):
                        i = end
                        continue  # "Nelson residents": a town named in a description is left to the runs
                    index.attach(entities, target, Mention(piece.start_char, piece.end_char, piece.text, "embedded"))
                    i = end

    def _longest(self, doc: Doc, start: int, limit: int, inside: tuple[int, int], index: "_Index"):
        """The longest capitalised run from ``start`` naming a country, region or prominent place,
        or a place the article names by itself elsewhere ("Beverly Hills" in "Beverly Hills
        Police Department"). A run of two or more words naming a smaller place ends with no
        target, so the words inside it are not read as other places ("Hills")."""
        if not doc[start].text[:1].isupper():
            return None
        for end in range(min(limit, start + MAX_WORDS), start, -1):
            if (start, end) == inside or not all(t.text[:1].isupper() or t.is_punct for t in doc[start:end]) \
                    or doc[end - 1].is_punct:
                continue  # "Turkish-backed": the run ends before the hyphen
            text = doc[start:end].text
            if all(t.lower_ in self.lex.generic_words or t.is_punct for t in doc[start:end]):
                continue  # "Central Mental Hospital" is not in a region called Central
            iso3 = self.lex.country_forms.get(normalize(text)) or (
                self.lex.demonyms.get(normalize(text)) if not text.endswith("s") else None)
            if iso3 and (len(text) > 2 or text.isupper()):
                return end, ("country", iso3, None)
            regions = self.gaz.demonym(text)
            if regions:
                return end, ("place", None, regions[0])
            places = [p for p in self.gaz.lookup(text) if p.main or p.kind == "country"]
            prominent = [p for p in places if p.kind in ("country", "admin1", "region")
                         or p.population >= PROMINENT_POPULATION]
            if prominent:
                best = max(prominent, key=lambda p: (p.kind == "country", p.population))
                if best.kind == "country":
                    return end, ("country", best.country, best)
                return end, ("place", None, best)
            if places and "name:" + normalize(text) in index.by_key:
                return end, ("place", None, max(places, key=lambda p: p.population))
            if places and end - start > 1:
                return end, None
        return None

    # -- 3 and 4. names outside every mention -------------------------------------------------
    def _runs(self, doc: Doc, entities: list, index: "_Index") -> None:
        texts, _, offsets, puncts = token_table(doc)
        i = 0
        while i < len(doc):
            if not texts[i][:1].isupper() or not texts[i][1:2].isalpha() or index.covers(offsets[i]):
                i += 1
                continue
            found = None
            run_end = i + 1  # a piece longer than the run of uncovered capitalised words or marks fails the test below
            while run_end < min(len(doc), i + MAX_WORDS) and not index.covers(offsets[run_end]) \
                    and (texts[run_end][:1].isupper() or puncts[run_end]):
                run_end += 1
            for end in range(run_end, i, -1):
                text = span_text(doc, i, end)
                if any(index.covers(offsets[k]) or not (texts[k][:1].isupper() or puncts[k]) for k in range(i, end)) \
                        or "\n" in text or puncts[end - 1]:
                    continue
                regions = self.gaz.demonym(text)
                if regions:
                    found = (end, ("place", None, regions[0]), "demonym")
                    break
                best = self.evidence.accept(doc, i, end, entities)
                if best is not None:
                    target = ("country", best.country, best) if best.kind == "country" else ("place", None, best)
                    found = (end, target, "name")
                    break
                if end == i + 1:
                    area = self.evidence.named_area(doc, i, end, entities)
                    if area is not None:
                        found = (end, ("unknown", area.country, None), "name")
                        break
            if found is None:
                i += 1
                continue
            end, target, form = found
            if end < len(doc) and doc[end].lower_ in self.lex.region_words and not index.covers(doc[end].idx) \
                    and target[2] is not None and target[2].kind in ("admin1", "admin2") and "\n" not in doc[end - 1].whitespace_:
                end += 1  # "Kharkiv Region" in a headline: the area, named with its level word
            piece = doc[i:end]
            index.attach(entities, target, Mention(piece.start_char, piece.end_char, piece.text, form))
            i = end


class _Index:
    """Where the article's mentions are, and its place-like entities by what they denote."""

    def __init__(self, entities: list, country_names: dict, length: int):
        self.country_names = country_names
        self.covered = bytearray(length + 1)  # 1 where a mention already is
        for entity in entities:
            for m in entity.mentions:
                self._cover(m.start, m.end)
        self.by_key: dict[str, Actor] = {}
        for entity in entities:
            for key in self._keys(entity):
                self.by_key.setdefault(key, entity)

    @staticmethod
    def _keys(entity) -> list[str]:
        keys = []
        if entity.kind == "country" and entity.country:
            keys.append("country:" + entity.country)
        if entity.kind == "place":
            keys.append("name:" + normalize(entity.name))
            keys += ["name:" + normalize(m.text) for m in entity.mentions if m.form in ("name", "embedded")]
            keys += [f"place:{p.geonameid}" for p in (entity.place_candidates or ())[:1] if isinstance(p, Place)]
        return keys

    def _cover(self, start: int, end: int) -> None:
        self.covered[start:end] = b"\x01" * (end - start)

    def covers(self, offset: int) -> bool:
        return bool(self.covered[offset])

    def attach(self, entities: list, target: tuple, mention: Mention) -> None:
        kind, iso3, place = target
        if kind == "unknown":  # a place the gazetteer lacks, in a named area
            kind, key = "place", "name:" + normalize(mention.text)
        else:
            key = "country:" + iso3 if kind == "country" else f"place:{place.geonameid}"
        entity = self.by_key.get(key) or (self.by_key.get("name:" + normalize(place.name)) if place else None)
        if entity is None:
            name = place.name if place is not None and kind == "place" else \
                self.country_names.get(iso3, mention.text) if kind == "country" else mention.text
            entity = Actor(id="", kind=kind, name=name, key=key, country=iso3 or (place.country if place else None),
                           place_candidates=(place,) if place is not None else ())
            if kind == "country":
                entity.sector = "GOV"
            entities.append(entity)
            for k in self._keys(entity) + [key]:
                self.by_key.setdefault(k, entity)
        entity.add(mention)
        self._cover(mention.start, mention.end)
