"""Where an event happened: the most specific place tied to it.

A place mention belongs to the nearest trigger above it (``anchors.climb``);
when none is, the stage falls back, in order, on a place the sentence names
loosely, "his city" of a speaker who is its mayor, the speaker's own place,
the place a report was made from ("protests were reported in Bizerte"), then
the place of another event of the same sentence or paragraph (a story's place
is usually told once), then a place the paragraph names as a place (not a
country acting, not "the Oslo talks" for another event), and last, for an
attack, the one country it was on. ``EventItem.location_how`` records which.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

from .actors import EntityIndex
from .anchors import climb, is_location_use, most_specific
from .items import EventItem
from .lexicon import EventLexicon
from .view import DocView

LOCATIVE_OF_REPORT = frozenset({"in", "at", "near", "from"})
LOCATIVE_OF_NAME = frozenset({"in", "at", "on", "near", "outside", "inside"})


class PlaceFinder:
    def __init__(self, doc: Doc, index: EntityIndex, lexicon: EventLexicon, view: DocView):
        self.doc, self.index, self.lex, self.view = doc, index, lexicon, view
        self.roots = sorted(i for i, found in index.rooted.items()
                            if any(e.kind in ("place", "facility", "country") for e, _ in found))

    def sentence_places(self, start: int, end: int, anchors: dict[int, int]):
        """(places by trigger, speakers' places, loose places, places of reports)."""
        attached: dict[int, list] = {}
        speaker, loose, reported = [], [], []
        for i in self.roots[bisect_left(self.roots, start):bisect_left(self.roots, end)]:
            token = self.doc[i]
            for entity in self.index.places_at(token):
                if self._acts(i, entity, token) or not is_location_use(token, entity, self.lex):
                    continue
                where = climb(token, anchors)
                if where.anchor is None:
                    loose.append(entity)
                elif where.anchor >= 0:
                    attached.setdefault(where.anchor, []).append((entity, where.distance))
                elif where.via_subject:
                    speaker.append(entity)
                elif token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_OF_REPORT:
                    reported.append(entity)
        return attached, speaker, loose, reported

    def fallback(self, event: EventItem, start: int, end: int, speaker, loose, reported) -> None:
        for how, place in (("sentence", lambda: most_specific(loose)),
                           ("possessive", lambda: self._possessed_place(start, end)),
                           ("speaker", lambda: most_specific(speaker)),
                           ("reported", lambda: most_specific(reported))):
            found = place()
            if found is not None:
                event.location, event.location_how = found.id, how
                return

    def share(self, events: list[EventItem]) -> None:
        """Events still without a place take that of an event of the same sentence, else
        the nearest one of their paragraph (not of an event named only to date another)."""
        for event in events:
            if event.location is not None or event.mode == "phone":
                continue
            same = [e for e in events if e.location and e.location_how == "attached"
                    and e.paragraph == event.paragraph and not e.background
                    and (e.type not in self.lex.dyadic or e.source_actors or e.target_actors)]
            if not same:
                continue
            best = min(same, key=lambda e: (e.sentence_i != event.sentence_i,
                                            abs(e.sentence_i - event.sentence_i), abs(e.trigger_i - event.trigger_i)))
            event.location = best.location
            event.location_how = "sentence-event" if best.sentence_i == event.sentence_i else "paragraph"

    def from_paragraph(self, events: list[EventItem]) -> None:
        """Events still without a place take the one their paragraph names: in their
        sentence, else the nearest before, else after it (towns before countries;
        "Oslo said" is the government, not a place)."""
        for event in events:
            if event.location is not None or event.mode == "phone" or event.background:
                continue
            low = self.view.paragraph_starts[event.paragraph]
            nxt = event.paragraph + 1
            high = self.view.paragraph_starts[nxt] if nxt < len(self.view.paragraph_starts) else None
            found, acting = [], []
            for i in self.roots:
                token = self.doc[i]
                if token.idx < low or high is not None and token.idx >= high:
                    continue
                for entity in self.index.places_at(token):
                    if self._acts(i, entity, token):
                        continue
                    distance = self.view.sent_of[i] - event.sentence_i
                    key = (entity.kind == "country", distance != 0, distance < 0 and -distance or 100 + distance)
                    as_place = is_location_use(token, entity, self.lex) and not self._place_of_other_event(token, event)
                    (found if as_place else acting).append((key, entity))
            if not found:
                found = self._embedded_places(low, high, event)
            if found:
                event.location = min(found, key=lambda item: item[0])[1].id
                event.location_how = "paragraph-place"
            elif acting:  # "Moldova is pressing ...": no place, but likely what the act is on
                event.context_place = min(acting, key=lambda item: item[0])[1].id

    def _embedded_places(self, low: int, high: int | None, event: EventItem) -> list:
        """The town in the name of an institution the paragraph places something at
        ("on the University of Goma's campus", "at Kabul University"): where it stands."""
        found = []
        for i in self.roots:
            token = self.doc[i]
            if token.idx < low or high is not None and token.idx >= high:
                continue
            for entity, form in self.index.rooted.get(i, ()):
                if form != "embedded" or entity.kind not in ("place", "facility") or \
                        not any(self._locative_name(host, i) for host in self.index.covered.get(i, ())):
                    continue
                distance = self.view.sent_of[i] - event.sentence_i
                found.append(((False, distance != 0, abs(distance)), entity))
        return found

    def _locative_name(self, host, i: int) -> bool:
        """Whether ``host`` (an organization or facility whose name covers token ``i``)
        is named as a place: the object of in/at/on, or the owner of what is ("the
        University of Goma's campus")."""
        if host.kind not in ("organization", "facility"):
            return False
        for mention in host.mentions:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not span.start <= i < span.end:
                continue
            root = span.root
            if root.dep_ == "poss" and root.head.dep_ == "pobj":
                root = root.head
            if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_OF_NAME:
                return True
        return False

    def locate(self, events: list[EventItem]) -> None:
        """An event placed where the gazetteer knows no such place ("in Daspoort,
        Pretoria", "the Carama neighborhood of Bujumbura") is placed at the located
        town, district or province its sentence names nearest to it, else the one its
        paragraph names last before it: the place a map can show that the text ties
        to the event's place. ``location_how`` says "located-near"."""
        located = [i for i in self.roots if any(_locatable(e) for e in self.index.places_at(self.doc[i]))]
        if not located:
            return
        for event in events:
            place = self.index.by_id.get(event.location) if event.location else None
            if place is None or place.geo is not None or place.kind == "country":
                continue
            mentions = [self.doc.char_span(m.start, m.end, alignment_mode="expand") for m in place.mentions]
            tokens = [span.root.i for span in mentions if span is not None and len(span)]
            same = [t for t in tokens if self.view.sent_of[t] == event.sentence_i] or tokens
            if not same:
                continue
            best = None
            for i in located:
                s_i = self.view.sent_of[i]
                if bisect_right(self.view.paragraph_starts, self.doc[i].idx) - 1 != event.paragraph or s_i > event.sentence_i:
                    continue
                key = (s_i != event.sentence_i, -s_i, min(abs(i - t) for t in same))
                if best is None or key < best[0]:
                    best = (key, i)
            if best is not None:
                entity = next(e for e in self.index.places_at(self.doc[best[1]]) if _locatable(e))
                event.location, event.location_how = entity.id, "located-near"

    def to_target_country(self, events: list[EventItem]) -> None:
        """An attack still without a place happened in the country it was on: "Sweden's
        attacks on Norway" are in Norway (a country named as an actor is no place)."""
        for event in events:
            if event.location is not None or event.type != "ASSAULT" or event.background:
                continue
            countries = [e for e in (self.index.by_id.get(t) for t in event.target_actors)
                         if e is not None and e.kind == "country"]
            if len(countries) == 1:
                event.location, event.location_how = countries[0].id, "target-country"

    def _place_of_other_event(self, token, event: EventItem) -> bool:
        """ "Ahead of the Oslo talks, the minister spoke ...": Oslo is where the talks are,
        not where the sentence's other events happened."""
        head = token.head
        return (token.dep_ in ("compound", "nmod", "amod", "poss") and head.i != event.trigger_i
                and head.pos_ == "NOUN" and bool(self.lex.senses_for(head.lemma_.lower())))

    def _acts(self, i: int, entity, token) -> bool:
        """ "Oslo said" is the government; "in Oslo", "the Oslo talks" the city."""
        metonym = any(f == "metonym" for e, f in self.index.rooted.get(i, ()) if e is entity)
        return metonym and not (token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near")
                                or token.dep_ in ("compound", "nmod"))

    def _possessed_place(self, start: int, end: int):
        """ "his city" said by the mayor of a town: the place of the possessor's role."""
        for i in range(start, end):
            if self.view.lemma[i] not in self.lex.place_nouns:
                continue
            for child in self.doc[i].children:
                if child.dep_ != "poss":
                    continue
                for person in self.index.at(child, frozenset({"person"})):
                    for role in getattr(person, "roles", ()):
                        place = self._place_named(role.of)
                        if place is not None:
                            return place
        return None

    def _place_named(self, name: str | None):
        if not name:
            return None
        for entity in self.index.by_id.values():
            if entity.kind in ("place", "facility") and entity.name.lower() == name.lower():
                return entity
        return None


def _locatable(entity) -> bool:
    """A place the gazetteer located, finer than a country or a world region."""
    geo = getattr(entity, "geo", None)
    return geo is not None and entity.kind != "country" and geo.precision not in ("country", "region")
