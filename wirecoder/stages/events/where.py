"""Where an event happened: the most specific place tied to it.

A place mention belongs to the nearest trigger above it (``anchors.climb``);
a place put at the act ("clashed in X", "struck a dam in X region") wins over
one that only describes a participant ("Okada riders", "residents of X"). A
place under a trigger that made no event passes to the event above it ("agreed
at a summit in X"). When none is tied, the stage falls back, in order, on a
place the sentence names loosely, "his city" of a speaker who is its mayor,
the speaker's own place (not where the speaker comes from), the place a report
was made from ("protests were reported in Bizerte"), then the place of another
event of the same sentence or paragraph (a story's place is usually told once),
then a place the paragraph names as a place (not a country acting, not "the
Oslo talks" for another event), then, for a physical act, the one town its
paragraph names in any way ("youth from X", "the University of X"), and last,
for an attack, the one country it was on. ``EventItem.location_how`` records which.

Never a place: a word the times stage read as a time ("Easter Monday"), a
capital, continent or bloc named as an actor ("pushing Kyiv", "urged Europe"),
and, for a speech act, anything its own clause or report does not name: a
statement is made where the text says, not where the paragraph's fighting is.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...gazetteer import haversine
from .actors import EntityIndex
from .anchors import climb, is_location_use, most_specific
from .items import EventItem
from .lexicon import EventLexicon
from .view import DocView

LOCATIVE_OF_REPORT = frozenset({"in", "at", "near", "from"})
LOCATIVE_OF_NAME = frozenset({"in", "at", "on", "near", "outside", "inside"})
# Prepositions that put something at a place whatever governs them ("in Kyiv", "the
# outskirts of Kyiv"); "to", "on", "against", "from", "with" name an addressee or a
# party unless a physical act governs them ("an attack on Kyiv", not "pressure on Kyiv").
PLACING = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around",
                     "into", "of", "over", "off", "beyond", "through", "outside", "along", "towards", "toward"})
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "iobj", "agent", "attr", "appos"})
# Prepositions that put an act at an occasion: "agreed at a summit in X", "said in a
# speech in X", "during a visit to X".
OCCASION = frozenset({"at", "in", "during"})
SHARED = frozenset({"sentence-event", "paragraph"})  # how share() places an event
# How many sentences away a paragraph's place still tells where an event was: a news
# paragraph is a few sentences, and a text without line breaks is one long "paragraph".
NEAR_SENTENCES = 3
# Statements: acts done by saying, made where the speaker is, which is not where what they
# are about happened (agreements, concessions and meetings are placed like other acts).
STATEMENTS = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT"})
# A region or an admin area an event is put in, which a town named after it refines.
AREA_PRECISIONS = frozenset({"region", "admin1", "admin2"})
AREA_KM = 200.0  # a town this near a region's or a district's point lies in it
# Occasions that put a speaker at a place: a meeting, a visit, a summit.
OCCASIONS = frozenset({"CONSULT"})


@dataclass(frozen=True)
class Tied:
    """A place tied to a trigger: how far up the parse, and whether it only describes a
    participant of the act ("Okada riders", "activists in Turkey") rather than placing it."""

    entity: object
    distance: int
    describes: bool
    locates_subject: bool = False  # "a court in Kilis rejected ...": where the one acting is


@dataclass
class SentencePlaces:
    """The place mentions of one sentence by what they hang on."""

    attached: dict[int, list[Tied]] = field(default_factory=dict)  # by anchor (trigger) id
    speaker: list = field(default_factory=list)  # in the subject of a reporting verb
    loose: list = field(default_factory=list)  # tied to no anchor
    reported: list = field(default_factory=list)  # where a report was made


class PlaceFinder:
    def __init__(self, doc: Doc, index: EntityIndex, lexicon: EventLexicon, view: DocView, times=()):
        self.doc, self.index, self.lex, self.view = doc, index, lexicon, view
        self.roots = sorted(i for i, found in index.rooted.items()
                            if any(e.kind in ("place", "facility", "country") for e, _ in found))
        self.time_tokens = _time_tokens(doc, self.roots, times)
        # id(event) -> (place lent by share(), sentences away, lent by a statement to another act)
        self.lent: dict[int, tuple[str, int, bool]] = {}
        self._candidates: list | None = None  # place mentions for paragraph places, read once
        self.tied_to: dict[int, int] = {}  # place-mention root -> the trigger it hangs on

    def sentence_places(self, start: int, end: int, anchors: dict[int, int]) -> SentencePlaces:
        found = SentencePlaces()
        for i in self.roots[bisect_left(self.roots, start):bisect_left(self.roots, end)]:
            token = self.doc[i]
            for entity in self.index.places_at(token):
                if not self._usable(i, entity, token) or not is_location_use(token, entity, self.lex):
                    continue
                where = climb(token, anchors)
                if where.anchor is None:
                    found.loose.append(entity)
                elif where.anchor >= 0:
                    self.tied_to[i] = where.anchor
                    tied = Tied(entity, where.distance, self._describes(token, where.anchor),
                                self._locates_subject(token, where.anchor))
                    found.attached.setdefault(where.anchor, []).append(tied)
                elif where.via_subject:
                    found.speaker.append(entity)
                elif token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_OF_REPORT:
                    found.reported.append(entity)
        return found

    @staticmethod
    def described(tied: list[Tied]):
        """The most specific place that describes a participant (for a statement, what it
        is about rather than where it was made)."""
        return most_specific([t.entity for t in sorted(tied, key=lambda t: t.distance) if t.describes])

    @staticmethod
    def own_place(tied: list[Tied], speech: bool = False):
        """The place of a trigger: the most specific of those that place the act, else of
        those that describe a participant ("Okada riders protested in Ughelli": Ughelli;
        "struck a dam in X region": X). A speech act is not where what it is about is
        ("condemned the strike in X")."""
        placing = [t for t in tied if not t.describes] or \
            ([t for t in tied if t.locates_subject] if speech else list(tied))
        ordered = [t.entity for t in sorted(placing, key=lambda t: t.distance)]
        return most_specific(ordered)

    def _locates_subject(self, token: Token, anchor: int) -> bool:
        """ "a Turkish court in Kilis rejected", "officials in Kyiv said": a place "in" or "at"
        which the subject of the act is -- where a statement is made."""
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "pobj":
            token = token.head.head  # "in the town of Kilis"
        if token.dep_ != "pobj" or token.head.lower_ not in ("in", "at"):
            return False
        node = token.head.head
        while node.i != anchor and node.head.i != node.i:
            if node.dep_ in ("nsubj", "nsubjpass") and node.head.i == anchor:
                return node.pos_ in ("NOUN", "PROPN")
            if node.dep_ not in ("compound", "amod", "appos", "prep", "pobj", "conj"):
                return False
            node = node.head
        return False

    def _describes(self, token: Token, anchor: int) -> bool:
        """Whether the climb from ``token`` to the trigger passes through a participant's
        phrase (its subject or object) rather than reaching the act itself."""
        node = token.head
        while node.i != anchor and node.head.i != node.i:
            if node.dep_ in PARTICIPANT_DEPS and node.pos_ in ("NOUN", "PROPN", "PRON"):
                return True
            node = node.head
        return False

    def fallback(self, event: EventItem, start: int, end: int, found: SentencePlaces,
                 anchors: dict[int, int]) -> None:
        """An event with no place of its own: a speech act takes only one its clause or its
        report gives (what else its sentence names is only what it is about:
        ``context_place``); any other event also what its sentence names around it."""
        steps = [("below", lambda: self._below(event, found, anchors)),
                 ("sentence", lambda: most_specific(found.loose)),
                 ("possessive", lambda: self._possessed_place(start, end)),
                 ("speaker", lambda: most_specific(found.speaker)),
                 ("reported", lambda: most_specific(found.reported))]
        speech = self.is_speech_act(event.type)
        for how, place in steps:
            found_place = place()
            if found_place is None:
                continue
            if speech and how not in ("below", "reported"):
                event.context_place = event.context_place or found_place.id  # what it is about
                continue
            event.location, event.location_how = found_place.id, how
            return

    @staticmethod
    def is_speech_act(event_type: str) -> bool:
        return event_type in STATEMENTS

    def _below(self, event: EventItem, found: SentencePlaces, anchors: dict[int, int]):
        """The place of an occasion the act is put at ("agreed at a summit in Sochi",
        "said in a speech in Ankara"): the act happened there too. Not an occasion it is
        only timed by ("ahead of the Geneva talks")."""
        lent = []
        for anchor, tied in found.attached.items():
            token = self.doc[anchor]
            if anchor == event.trigger_i or token.dep_ != "pobj" or token.head.lower_ not in OCCASION:
                continue
            if climb(token, anchors).anchor == event.trigger_i:
                lent += tied
        return self.own_place(lent, self.is_speech_act(event.type)) if lent else None

    def share(self, events: list[EventItem]) -> None:
        """Events still without a place take that of an event of the same sentence, else
        the nearest one of their paragraph (not of an event named only to date another).
        Until mentions are merged the whole paragraph lends (mentions told beside
        different places are different events); ``settle`` then keeps only what a
        reader would take for the event's place."""
        # the lenders, by paragraph in event order; an event given a place below is never one
        lenders: dict[int, list[EventItem]] = {}
        for e in events:
            if e.location and e.location_how == "attached" and not e.background \
                    and (e.type not in self.lex.dyadic or e.source_actors or e.target_actors):
                lenders.setdefault(e.paragraph, []).append(e)
        for event in events:
            if event.location is not None or event.mode == "phone":
                continue
            same = lenders.get(event.paragraph)
            if not same:
                continue
            best = min(same, key=lambda e: (e.sentence_i != event.sentence_i,
                                            abs(e.sentence_i - event.sentence_i), abs(e.trigger_i - event.trigger_i)))
            event.location = best.location
            event.location_how = "sentence-event" if best.sentence_i == event.sentence_i else "paragraph"
            said = self.is_speech_act(best.type) and not self.is_speech_act(event.type)
            self.lent[id(event)] = (best.location, abs(best.sentence_i - event.sentence_i), said)

    def settle(self, events: list[EventItem], mentions: list[EventItem]) -> None:
        """After merging, a place lent by another event stays only where a reader would
        take it for the event's: from an event a few sentences away at most, not from a
        statement to what it is about (strikes are not where they were condemned), and
        for a speech act only when the story puts its speaker there -- an occasion at that place
        (talks, a summit, a visit) or another act of the speaker's there ("Pompeo visited
        Cairo ... Pompeo warned"). Otherwise the place is only the event's context (the
        paragraph's fighting is not where a statement was made). ``mentions`` are all
        events found before merging, those left uncoded included."""
        for event in events:
            if event.location is None or event.location_how not in SHARED:
                continue
            place, away, said = self.lent.get(id(event), (None, 0, False))
            if place == event.location and (away > NEAR_SENTENCES or said):
                event.context_place, event.location, event.location_how = event.location, None, None
                continue
            if not self.is_speech_act(event.type):
                continue
            speaker = set(event.source_actors)
            if not any(other is not event and other.location == event.location and other.location_how == "attached"
                       and (other.type in OCCASIONS or speaker & set(other.source_actors)) for other in mentions):
                event.context_place, event.location, event.location_how = event.location, None, None

    def from_paragraph(self, events: list[EventItem]) -> None:
        """Events still without a place take the one their paragraph names: in their
        sentence, else the nearest before, else after it (towns before countries;
        "Oslo said" is the government, not a place). A speech act is not placed so:
        the place is only what its act is likely about (``context_place``)."""
        for event in events:
            if event.location is not None or event.mode == "phone" or event.background:
                continue
            low = self.view.paragraph_starts[event.paragraph]
            nxt = event.paragraph + 1
            high = self.view.paragraph_starts[nxt] if nxt < len(self.view.paragraph_starts) else None
            found, acting = [], []
            for i, token, entity, location_use in self._paragraph_candidates():
                if token.idx < low or high is not None and token.idx >= high:
                    continue
                distance = self.view.sent_of[i] - event.sentence_i
                key = (entity.kind == "country", distance != 0, distance < 0 and -distance or 100 + distance)
                as_place = location_use and not self._place_of_other_event(token, event)
                (found if as_place else acting).append((key, entity))
            if not found:
                found = self._embedded_places(low, high, event)
            if self.is_speech_act(event.type):
                spoken = self._speakers_occasion(event, low, high)
                if spoken is not None:
                    event.location, event.location_how = spoken.id, "speaker-occasion"
                    continue
                if (found or acting) and event.context_place is None:
                    event.context_place = min(found or acting, key=lambda item: item[0])[1].id
                continue
            near = [item for item in found if abs(item[0][2] % 100) <= NEAR_SENTENCES]
            if near:
                event.location = min(near, key=lambda item: item[0])[1].id
                event.location_how = "paragraph-place"
            elif found:  # a place the paragraph names further off: what the act is likely on
                event.context_place = min(found, key=lambda item: item[0])[1].id
            elif acting:  # "Moldova is pressing ...": no place, but likely what the act is on
                event.context_place = min(acting, key=lambda item: item[0])[1].id

    def _speakers_occasion(self, event: EventItem, low: int, high: int | None):
        """The place the paragraph says the speaker spoke at: "In a speech in Ankara on
        Thursday, X said: ..." places X's accusation of the next sentence in Ankara. Only an
        occasion of a statement ("a speech in", "a news conference in", "speaking in"),
        only one the speaker holds (the subject of its verb), and only one place."""
        speakers = set(event.source_actors)
        if not speakers:
            return None
        places, speaking = {}, self.lex.reporting_verbs | {"speak"}
        for i in self.roots:
            token = self.doc[i]
            if token.idx < low or high is not None and token.idx >= high or token.dep_ != "pobj":
                continue
            prep, holder = token.head, token.head.head
            if prep.lower_ not in ("in", "at"):
                continue
            if holder.pos_ == "NOUN" and holder.lemma_.lower() in self.lex.occasions:
                verb = next((a for a in holder.ancestors if a.pos_ == "VERB"), None)
            elif holder.pos_ == "VERB" and holder.lemma_.lower() in speaking:
                verb = holder  # "speaking in Ankara", "told reporters in Baghdad"
            else:
                continue
            while verb is not None and verb.dep_ in ("advcl", "xcomp") and verb.lemma_.lower() == "speak":
                verb = verb.head  # "Speaking in Ankara, X said": the speaker is the main clause's
            if verb is None:
                continue
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if any(e.id in speakers for s in subjects for e in self.index.actors_of_phrase(s)):
                for entity in self.index.places_at(token):
                    places[entity.id] = entity
        return next(iter(places.values())) if len(places) == 1 else None

    def _paragraph_candidates(self) -> list:
        """(token index, token, entity, used as a place) of every place mention an event may
        take from its paragraph -- the same for every event of the article, so read once."""
        if self._candidates is None:
            self._candidates = []
            for i in self.roots:
                if self._said_at(i):
                    continue  # "at a news conference in Ankara, X condemned the strikes"
                token = self.doc[i]
                for entity in self.index.places_at(token):
                    if self._usable(i, entity, token):
                        self._candidates.append((i, token, entity, is_location_use(token, entity, self.lex)))
        return self._candidates

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

    def only_place(self, events: list[EventItem]) -> None:
        """A physical act still without a place, in a paragraph that names one town and no
        other within a few sentences (not where a statement was made, not a reporter's
        home town), happened there, however the town is named: as the participants' home ("a
        clash with youth from X"), inside a name ("students of the University of X
        protested") or as a possessor. ``location_how`` says "only-place"."""
        for event in events:
            if event.location is not None or event.mode == "phone" or event.background \
                    or not self.lex.quads.get(event.type, "").startswith("material"):
                continue
            low = self.view.paragraph_starts[event.paragraph]
            nxt = event.paragraph + 1
            high = self.view.paragraph_starts[nxt] if nxt < len(self.view.paragraph_starts) else None
            towns = {}
            for i in self.roots:
                token = self.doc[i]
                if token.idx < low or high is not None and token.idx >= high or i in self.time_tokens \
                        or abs(self.view.sent_of[i] - event.sentence_i) > NEAR_SENTENCES or self._said_at(i) \
                        or self._reporter_origin(token) or self._place_of_other_event(token, event):
                    continue  # "ahead of the Geneva talks, X pledged ...": the talks' place, not the pledge's
                for entity, _ in self.index.rooted.get(i, ()):
                    if entity.kind in ("place", "facility") and _locatable(entity):
                        towns[entity.id] = entity
            if len(towns) == 1:
                event.location, event.location_how = next(iter(towns)), "only-place"

    def refine(self, events: list[EventItem]) -> None:
        """An event put in a region or an admin area ("fighting in the Sinai") whose
        paragraph then names a town inside that area ("in the towns of X and Y") is put
        at the first such town: the most specific place the text gives for it.
        ``location_how`` says "refined"."""
        for event in events:
            area = self.index.by_id.get(event.location) if event.location else None
            geo = getattr(area, "geo", None)
            if geo is None or geo.precision not in AREA_PRECISIONS or event.background:
                continue
            for i in self.roots:
                s_i = self.view.sent_of[i]
                if not 0 <= s_i - event.sentence_i <= NEAR_SENTENCES or i in self.time_tokens \
                        or bisect_right(self.view.paragraph_starts, self.doc[i].idx) - 1 != event.paragraph:
                    continue
                town = next((e for e in self.index.places_at(self.doc[i]) if _inside(e, area)), None)
                if town is not None:
                    event.location, event.location_how = town.id, "refined"
                    break

    def _reporter_origin(self, token: Token) -> bool:
        """ "A teenager from Leeds said ...": where one who reports comes from."""
        person = token.head.head
        return _origin(token) and person.dep_ == "nsubj" and person.head.lemma_ in self.lex.reporting_verbs

    def to_target_country(self, events: list[EventItem]) -> None:
        """An attack still without a place happened in the country it was on: "Sweden's
        attacks on Norway" are in Norway (a country named as an actor is no place); so does a
        withdrawal from a country ("pull its troops out of Syria"). Not an
        interception: "Russian drones were shot down" names the attacker's weapons, not where."""
        for event in events:
            if event.location is not None or event.type not in ("ASSAULT", "RETREAT") or event.background or \
                    event.mode == "intercept":
                continue  # "withdraw its troops from Syria": the withdrawal is in Syria
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

    def _usable(self, i: int, entity, token: Token) -> bool:
        """A place mention that can be where something happened: not a time ("on
        Sunday" taken for a place), not where a person comes from ("a teenager from
        Leeds"), not a capital or a continent named as an actor."""
        if i in self.time_tokens or _origin(token):
            return False
        if entity.kind == "country":
            return True  # is_location_use decides: only "in X" places an act in a country
        metonym = any(f == "metonym" for e, f in self.index.rooted.get(i, ()) if e is entity)
        geo = getattr(entity, "geo", None)
        if metonym or (geo is not None and geo.precision == "region"):
            return self._placing_use(token)
        return True

    def _placing_use(self, token: Token) -> bool:
        """ "in Oslo", "the Oslo talks", "Oslo's suburbs", "an attack on Oslo": the city;
        "Oslo said", "pushing Oslo", "talks with Oslo", "urged Europe": an actor."""
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head  # "in Oslo and Bergen": the role of the first
        dep, head = token.dep_, token.head
        if dep in ("compound", "nmod"):
            return True
        if dep == "poss":
            return head.lemma_.lower() in self.lex.place_nouns
        if dep == "pobj":
            return head.lower_ in PLACING or self._physical(head.head)
        if dep in ("dobj", "nsubjpass"):
            return self._physical(head)
        return dep not in PARTICIPANT_DEPS and dep not in ("nsubj", "csubj")

    def _said_at(self, i: int) -> bool:
        """Whether place mention ``i`` hangs on a word that can only name a statement."""
        anchor = self.tied_to.get(i)
        if anchor is None:
            return False
        types = {sense.type for sense in self.lex.senses_for(self.doc[anchor].lemma_.lower())}
        return bool(types) and types <= STATEMENTS

    def _physical(self, governor: Token) -> bool:
        """Whether a word names a physical act (an attack, an arrest, a visit): its
        object is a place; a verbal act's object is its addressee."""
        for sense in self.lex.senses_for(governor.lemma_.lower()):
            if sense.mode == "visit" or self.lex.quads.get(sense.type, "").startswith("material"):
                return True
        return False

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


def _time_tokens(doc: Doc, roots: list[int], times) -> frozenset[int]:
    """The place-mention roots that lie inside a time expression of the times stage."""
    spans = [(t.start, t.end) for t in times
             if isinstance(getattr(t, "start", None), int) and isinstance(getattr(t, "end", None), int)]
    if not spans:
        return frozenset()
    starts = {i: doc[i].idx for i in roots}  # one Token per root, not one per root and time
    return frozenset(i for i in roots if any(a <= starts[i] < b for a, b in spans))


def _origin(token: Token) -> bool:
    """ "a teenager from east London": the place a person comes from, which says nothing
    of where what they report happened."""
    return token.dep_ == "pobj" and token.head.lower_ == "from" and token.head.head.pos_ in ("NOUN", "PROPN")


def _inside(entity, area) -> bool:
    """Whether a located town lies in a region or admin area: the area's own admin1, or
    for a region or a lower area, the same country within AREA_KM."""
    geo, outer = getattr(entity, "geo", None), area.geo
    if geo is None or entity.kind != "place" or geo.precision != "town" or geo.country != outer.country:
        return False
    if outer.precision == "admin1" and geo.admin1 and outer.admin1:
        return geo.admin1 == outer.admin1
    return haversine(geo.lat, geo.lon, outer.lat, outer.lon) <= AREA_KM


def _locatable(entity) -> bool:
    """A place the gazetteer located, finer than a country or a world region."""
    geo = getattr(entity, "geo", None)
    return geo is not None and entity.kind != "country" and geo.precision not in ("country", "region")
