"""Building the events of one article, sentence by sentence.

For each trigger: its participants, status, mode (from the weapon named near
it), date, place, counts, casualties, reporter and ACLED type. Sentences that
are headlines (short, title-cased, unpunctuated) are skipped: the small
parser cannot read them and the story repeats them in full.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .acled import acled_type, classes_of
from .actors import EntityIndex, conjuncts
from .anchors import attach_times, climb, is_location_use, most_specific, span_root
from .casualties import QuantityIndex, casualties_in
from .items import EventItem, Trigger, WhenValue
from .lexicon import EventLexicon, Sense
from .roles import Participants, participants, subject_of
from .status import is_refusal, status_of
from .triggers import find_triggers

TIME_PREPS = frozenset({"ahead", "before", "after", "following", "since", "until", "prior"})
# How a reported event hangs on its reporting verb ("said that ...", "adding there were ...").
REPORTED_CONTENT = frozenset({"ccomp", "parataxis", "xcomp", "dobj", "conj", "advcl", "csubj"})


def is_headline(sentence: Span) -> bool:
    words = [t for t in sentence if t.is_alpha]
    if not words or len(words) > 14 or sentence.text.rstrip()[-1:] in ".!?\"”’'":
        return False
    return sum(t.text[0].isupper() for t in words) >= 0.6 * len(words)


class ArticleEvents:
    """The state shared by the sentences of one article."""

    def __init__(self, doc: Doc, layers, lexicon: EventLexicon):
        self.doc, self.layers, self.lex = doc, layers, lexicon
        self.index = EntityIndex(doc, layers.entities, lexicon.capitals, lexicon.relational_nouns)
        self.quantities = QuantityIndex(doc, layers.quantities)
        self.quotes = list(layers.quotes)
        self.paragraph_of = _paragraphs(doc)
        self.events: list[EventItem] = []
        self.orphans: list = []  # (paragraph, casualty) reported where no event was coded
        self.blocked = frozenset(i for i, covering in self.index.name_tokens.items()
                                 if any(e.kind not in ("country", "place") for e in covering))

    def run(self) -> list[EventItem]:
        for s_i, sentence in enumerate(self.doc.sents):
            if not is_headline(sentence):
                self._sentence(s_i, sentence)
        self.adopt_orphans()
        self._share_places()
        return self.events

    # -- one sentence ---------------------------------------------------------
    def _sentence(self, s_i: int, sentence: Span) -> None:
        triggers = find_triggers(sentence, self.lex, self.blocked)
        demands = self._demands(sentence, {t.i for t in triggers})
        triggers = sorted(triggers + [t for t, _ in demands], key=lambda t: t.i)
        preset = {t.i: parts for t, parts in demands}
        anchors = {t.i: t.i for t in triggers}
        anchors.update({t.light_verb: t.i for t in triggers if t.light_verb is not None})
        for token in sentence:
            if token.lemma_.lower() in self.lex.reporting_verbs and token.pos_ == "VERB" or \
                    token.lower_ == "according":
                anchors.setdefault(token.i, -(token.i + 1))
        times, loose_times = attach_times(self.doc, sentence, self.layers.times, anchors)
        places, speaker_places, loose_places, report_places = self._places(sentence, anchors)
        made = []
        for trigger in triggers:
            event = self._event(s_i, sentence, trigger, anchors, times, places, preset.get(trigger.i))
            if event is not None:
                made.append(event)
        for event in made:
            if event.when is None and len(loose_times) == 1 and len(made) == 1:
                event.when = loose_times[0]
            if event.location is None:
                self._fallback_place(event, sentence, speaker_places, loose_places, report_places)
        self._casualties(sentence, made, anchors)
        self.events += made

    def _event(self, s_i, sentence, trigger: Trigger, anchors, times, places, parts=None) -> EventItem | None:
        doc, lex = self.doc, self.lex
        parts = parts or participants(doc, trigger, self.index, lex)
        if not _needs_met(trigger.sense.needs, parts):
            return None
        status, cue = status_of(trigger, doc, lex)
        event_type = trigger.sense.type
        if is_refusal(doc, trigger, status, cue, lex) and lex.quads.get(event_type, "").endswith("cooperation"):
            event_type, status = "REJECT", "occurred"  # "will not accept", "refused to meet"
        mode, weapon_sub = trigger.sense.mode, None
        weapon = lex.weapon(_weapon_words(doc, trigger))
        if weapon is not None and trigger.sense.type == "ASSAULT":
            weapon_sub = weapon[1]
            if mode is None or (mode == "firearms" and weapon[0] != "firearms"):
                mode = weapon[0]
        token = doc[trigger.i]
        event = EventItem(
            id="", type=event_type, mode=mode if event_type == trigger.sense.type else None,
            status=status, status_cue=cue, depth=_prominence(token, trigger, lex),
            evidence_start=sentence.start_char, evidence_end=sentence.end_char, trigger_text=token.text,
            trigger_i=trigger.i, trigger_is_noun=trigger.is_noun, sentence_i=s_i, paragraph=self.paragraph_of(token.idx),
            source_actors=[e.id for e in parts.sources], target_actors=[e.id for e in parts.targets],
            weight=trigger.sense.weight)
        source_cls = classes_of(parts.sources, parts.source_heads, lex)
        target_cls = classes_of(parts.targets, parts.target_heads, lex)
        own_places = [e for e, _ in sorted(places.get(trigger.i, []), key=lambda p: p[1])]
        if own_places:
            event.location, event.location_how = most_specific(own_places).id, "attached"
            if not event.target_actors and event.type == "ASSAULT":
                target_cls.add("civilian")
        event.acled = acled_type(event.type, mode, trigger.lemma, weapon_sub, source_cls, target_cls,
                                 {t.lemma_.lower() for t in sentence} | {t.lower_ for t in sentence}, lex)
        event.background = _in_time_adjunct(token)
        event.anaphoric = trigger.is_noun and any(
            c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
            for c in token.children)
        event.when = self._when(trigger, anchors, times)
        event.reported_by = self._reporter(token)
        event.counts = self._counts(trigger, anchors)
        return event

    def _demands(self, sentence: Span, taken: set[int]) -> list[tuple[Trigger, Participants]]:
        """ "X said (that) Y must withdraw": X requests Y to withdraw (PLOVER's DEMAND)."""
        found = []
        for clause in sentence:
            if clause.dep_ not in ("ccomp", "acl") or not any(
                    c.dep_ == "aux" and c.lower_ in self.lex.demand_modals for c in clause.children):
                continue
            head = clause.head
            if head.i in taken or head.pos_ not in ("VERB", "NOUN"):
                continue
            speaker = head
            if head.pos_ == "NOUN" and head.dep_ in ("dobj", "attr") and head.head.pos_ == "VERB":
                speaker = head.head  # "issued a reminder that ..."
            parts = Participants(source_heads=subject_of(speaker),
                                 target_heads=[c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")])
            parts.sources = [e for h in parts.source_heads for e in self.index.actors_of_phrase(h)]
            ids = {e.id for e in parts.sources}
            parts.targets = [e for h in parts.target_heads for e in self.index.actors_of_phrase(h) if e.id not in ids]
            if not parts.targets:
                continue  # a demand is made of someone
            sense = Sense(head.lemma_.lower(), "ANY", frozenset(), "REQUEST", None, "actor", 0.7)
            found.append((Trigger(head.i, sense, head.lemma_.lower(), head.pos_ == "NOUN"), parts))
        return found

    # -- when ---------------------------------------------------------------------
    def _when(self, trigger: Trigger, anchors, times) -> WhenValue | None:
        own = times.get(trigger.i)
        if own:
            return own[0]
        start = self.doc[trigger.light_verb] if trigger.light_verb is not None else self.doc[trigger.i]
        for ancestor in start.ancestors:
            anchor = anchors.get(ancestor.i)
            if anchor is None or anchor == trigger.i:
                continue
            found = times.get(anchor)
            if anchor < 0:  # a reporting verb: its date is when the event was reported
                if found:
                    value = found[0]
                    return WhenValue(value.start, value.end, value.precision, value.text, reported=True)
                break
            if found:  # a purpose clause takes its governor's date: "arrive on May 8 to meet"
                return found[0]
        for quote in self.quotes:
            date = getattr(quote, "date", None)
            if date and quote.start <= self.doc[trigger.i].idx < quote.end:
                return WhenValue(date, date, "day", None, reported=True)
        return None

    # -- where --------------------------------------------------------------------
    def _places(self, sentence: Span, anchors):
        attached: dict[int, list] = {}
        speaker: list = []
        loose: list = []
        reported: list = []  # "protests were reported in Bizerte"
        for token in sentence:
            for entity in self.index.places_at(token):
                metonym = any(f == "metonym" for e, f in self.index.rooted.get(token.i, ()) if e is entity)
                if metonym and not (token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near")
                                    or token.dep_ in ("compound", "nmod")):
                    continue  # "Kyiv said" is the government; "in Kyiv", "the London talks" the city
                if not is_location_use(token, entity):
                    continue
                where = climb(token, anchors)
                if where.anchor is None:
                    loose.append(entity)
                elif where.anchor >= 0:
                    attached.setdefault(where.anchor, []).append((entity, where.distance))
                elif where.via_subject:
                    speaker.append(entity)
                elif token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near", "from"):
                    reported.append(entity)
        return attached, speaker, loose, reported

    def _fallback_place(self, event: EventItem, sentence, speaker, loose, reported) -> None:
        """No place tied to the trigger: one the sentence names loosely, "his city" of
        a speaker who is mayor of it, the speaker's own place, or where it was reported."""
        for how, place in (("sentence", lambda: most_specific(loose)),
                           ("possessive", lambda: self._possessed_place(sentence)),
                           ("speaker", lambda: most_specific(speaker)),
                           ("reported", lambda: most_specific(reported))):
            found = place()
            if found is not None:
                event.location, event.location_how = found.id, how
                return

    def _share_places(self) -> None:
        """Events still without a place take that of an event of the same sentence, else
        the nearest one of their paragraph: a story's place is usually told once."""
        for event in self.events:
            if event.location is not None:
                continue
            if event.mode == "phone":
                continue
            same = [e for e in self.events if e.location and e.location_how == "attached"
                    and e.paragraph == event.paragraph and not e.background]
            if not same:
                continue
            best = min(same, key=lambda e: (e.sentence_i != event.sentence_i,
                                            abs(e.sentence_i - event.sentence_i), abs(e.trigger_i - event.trigger_i)))
            event.location = best.location
            event.location_how = "sentence-event" if best.sentence_i == event.sentence_i else "paragraph"

    def _possessed_place(self, sentence):
        """ "his city" said by the mayor of Kremenchuk: the place of the possessor's role."""
        for token in sentence:
            if token.lemma_.lower() not in self.lex.place_nouns:
                continue
            for child in token.children:
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

    # -- who reported it, counts, casualties --------------------------------------
    def _reporter(self, token) -> str | None:
        """The quote that tells the event, else the subject of the reporting verb above it."""
        for quote in self.quotes:
            if quote.start <= token.idx < quote.end:
                return quote.id
        child = token
        for ancestor in token.ancestors:
            entered_by, child = child.dep_, ancestor
            if ancestor.lower_ == "according" or ancestor.pos_ == "VERB" and \
                    ancestor.lemma_.lower() in self.lex.reporting_verbs:
                if entered_by not in REPORTED_CONTENT and ancestor.lower_ != "according":
                    return None  # "After the talks, X said ...": an adjunct of the report, not its content
                for head in _speaker_heads(ancestor):
                    found = self.index.actors_of_phrase(head) or self.index.at(head, frozenset({"media"}))
                    if found:
                        return found[0].id
                return None
        return None

    def _counts(self, trigger: Trigger, anchors) -> list[tuple[float, str | None]]:
        doc, out = self.doc, []
        heads = {trigger.i, *(c.i for c in conjuncts(doc[trigger.i]))}
        for quantity in self.layers.quantities:
            head_start = getattr(quantity, "head_start", None)
            if head_start is None:
                continue
            head = span_root(doc, head_start, quantity.head_end)
            if head is None or head.sent.start != doc[trigger.i].sent.start:
                continue
            if head.i in heads or climb(head, anchors).anchor in (trigger.i,):
                out.append((quantity.value, quantity.counted or quantity.unit))
        return out

    def _casualties(self, sentence: Span, made: list[EventItem], anchors) -> None:
        """Casualties of a sentence add up per event ("12 Dahalo killed, 1 civilian killed");
        across sentences the larger figure stands (later sentences often restate it)."""
        totals: dict[tuple[int, str], tuple[EventItem, int]] = {}
        for casualty in casualties_in(sentence, self.lex, self.quantities):
            target = self._event_for(casualty.token, made, anchors)
            if target is None:
                self.orphans.append((self.paragraph_of(self.doc[casualty.token].idx), casualty))
                continue
            key = (id(target), casualty.kind)
            totals[key] = (target, totals.get(key, (target, 0))[1] + casualty.value)
        for (_, kind), (target, value) in totals.items():
            _raise(target, "fatalities" if kind == "death" else "injured", value)

    def adopt_orphans(self) -> None:
        """Casualties told in a sentence with no event go to the nearest violent event of
        their paragraph ("Soldiers clashed with rebels. Two were killed.")."""
        for paragraph, casualty in self.orphans:
            near = [e for e in self.events if e.paragraph == paragraph and e.type in ("ASSAULT", "PROTEST")]
            if near:
                target = min(near, key=lambda e: abs(e.trigger_i - casualty.token))
                _raise(target, "fatalities" if casualty.kind == "death" else "injured", casualty.value)

    def _event_for(self, token_i: int, made: list[EventItem], anchors) -> EventItem | None:
        by_trigger = {e.trigger_i: e for e in made}
        if token_i in by_trigger:
            return by_trigger[token_i]
        where = climb(self.doc[token_i], {k: v for k, v in anchors.items() if v >= 0})
        if where.anchor in by_trigger:
            return by_trigger[where.anchor]
        violent = [e for e in made if e.type in ("ASSAULT", "PROTEST", "COERCE")]
        if violent:
            return min(violent, key=lambda e: abs(e.trigger_i - token_i))
        return None


def _in_time_adjunct(token) -> bool:
    """ "Ahead of the London talks", "after the Florida talks": an event named to place
    another in time."""
    node = token
    for _ in range(3):
        head = node.head
        if head.i == node.i:
            return False
        if head.lower_ in TIME_PREPS:
            return True
        if node.dep_ not in ("pobj", "prep", "compound"):
            return False
        node = head
    return False


def _raise(event: EventItem, field: str, value: int) -> None:
    current = getattr(event, field)
    setattr(event, field, value if current is None else max(current, value))


def _speaker_heads(verb) -> list:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.lower_ == "according":
        subjects = [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if not subjects and verb.dep_ in ("advcl", "conj", "xcomp"):
        return _speaker_heads(verb.head)
    return subjects


def _weapon_words(doc: Doc, trigger: Trigger) -> set[str]:
    token = doc[trigger.i]
    parts = [token, *conjuncts(token)]
    if trigger.light_verb is not None:
        parts.append(doc[trigger.light_verb])
    words: set[str] = set()
    for part in parts:
        words.add(part.lemma_.lower())
        for child in part.children:
            words.add(child.lemma_.lower())
            if child.dep_ in ("prep", "dobj", "nsubj", "nsubjpass", "agent", "compound"):
                words.update(g.lemma_.lower() for g in child.subtree if g.pos_ in ("NOUN", "ADJ", "PROPN"))
    if token.dep_ == "compound" or token.dep_ == "pobj":
        words.add(token.head.lemma_.lower())
    return words


def _prominence(token, trigger: Trigger, lexicon: EventLexicon) -> int:
    """How deep the event sits below its sentence's main clause: coordination and the
    content clause of a reporting verb ("X said that ...") do not count."""
    node = token.doc[trigger.light_verb] if trigger.light_verb is not None else token
    depth = 0
    while node.head.i != node.i:
        head = node.head
        if not (node.dep_ == "conj" or node.dep_ in ("ccomp", "parataxis") and
                head.lemma_.lower() in lexicon.reporting_verbs):
            depth += 1
        node = head
    return depth


def _needs_met(needs: str, parts) -> bool:
    if needs == "source":
        return bool(parts.sources or parts.source_heads)
    if needs == "target":
        return bool(parts.targets)
    if needs == "actor":
        return bool(parts.sources or parts.targets or parts.source_heads or parts.target_heads)
    return True


def _paragraphs(doc: Doc):
    starts = [0] + [i + 1 for i, ch in enumerate(doc.text) if ch == "\n"]

    def paragraph_of(offset: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo
    return paragraph_of
