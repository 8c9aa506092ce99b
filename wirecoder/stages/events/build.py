"""Building the events of one article, sentence by sentence.

For each trigger: its participants, status, mode (from the weapon named near
it), date, place, counts, casualties, reporter and ACLED type. Sentences that
are headlines (short, title-cased, unpunctuated) are skipped: the small
parser cannot read them and the story repeats them in full.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from ...textspans import SpanIndex
from . import casualties as casualty_words
from .acled import acled_type, classes_of
from .actors import EntityIndex, conjuncts
from .anchors import attach_times, climb, when_of
from .casualties import QuantityIndex, casualties_in
from .clauses import (FUTURE_AUX, adjunct_status, in_time_adjunct, is_anaphoric, prominence, speaker_heads,
                      time_adjunct, weapon_words)
from .dating import Story, narrate, share_clause
from .imminence import date_imminent
from .guards import guard_dates
from .items import EventItem, Trigger, WhenValue
from .lexicon import EventLexicon, Sense
from .roles import Participants, participants, subject_of
from .speech import announced_threats, link_statements
from .status import is_refusal, status_of
from .triggers import DOING, disparaging, find_triggers
from .view import doc_view
from .where import PlaceFinder

DISTINCTIVE_WEAPONS = frozenset({"cbrn", "suicide-attack"})
# Event types that are not acts on another party's territory.
UNDIRECTED = frozenset({"PROTEST", "MOBILIZE"})
# Clauses that describe a noun: an event in one is not dated by the clause above it.
DESCRIBING = frozenset({"relcl", "acl", "appos"})
# How a reported event hangs on its reporting verb ("said that ...", "adding there were ...").
REPORTED_CONTENT = frozenset({"ccomp", "parataxis", "xcomp", "dobj", "conj", "advcl", "csubj"})
_WORD = re.compile(r"[^\W\d_]+")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
ARMED_SECTORS = frozenset({"REB", "MIL"})  # backing an armed actor is material support (AID)


def is_headline(text: str) -> bool:
    words = _WORD.findall(text)
    if not words or len(words) > 14 or text.rstrip()[-1:] in ".!?\"”’'":
        return False
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


class ArticleEvents:
    """The state shared by the sentences of one article."""

    def __init__(self, doc: Doc, layers, lexicon: EventLexicon):
        self.doc, self.layers, self.lex = doc, layers, lexicon
        self.view = doc_view(doc, layers.article.text)
        self.index = EntityIndex(doc, layers.entities, lexicon.capitals, lexicon.relational_nouns)
        self.places = PlaceFinder(doc, self.index, lexicon, self.view, layers.times)
        self.quantities = QuantityIndex(doc, layers.quantities)
        # quotes-layer items with a span (speaker, channel and date are read when present)
        self.quotes = [q for q in layers.quotes
                       if isinstance(getattr(q, "start", None), int) and isinstance(getattr(q, "end", None), int)]
        self.quotes_near = SpanIndex(self.quotes)
        self.sentence_starts = [doc[start].idx for start, _ in self.view.sents]
        # the casualty counts by the sentence of their head word, in the index's order
        self.counts_of: dict[int, list] = {}
        for head_i, quantity in self.quantities.by_head.items():
            self.counts_of.setdefault(self.view.sent_of[head_i], []).append((head_i, quantity))
        # the times by the sentence they start in, in layer order: a sentence reads its own, not the article's
        self.times_of: dict[int, list] = {}
        for item in layers.times:
            self.times_of.setdefault(self.sentence_at(getattr(item, "start", -1)), []).append(item)
        self.events: list[EventItem] = []
        self.orphans: list = []  # (paragraph, casualty) reported where no event was coded
        self.loose: dict[int, list[WhenValue]] = {}  # sentence -> dates it gives untied to any clause
        self.blocked = frozenset(i for i, covering in self.index.name_tokens.items()
                                 if any(e.kind not in ("country", "place") for e in covering))

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.view.paragraph_starts, offset) - 1

    def sentence_at(self, offset: int) -> int:
        return bisect_right(self.sentence_starts, offset) - 1

    def run(self) -> list[EventItem]:
        text = self.layers.article.text
        has_body = len(self.view.paragraph_starts) > 1  # a one-line text is all headline: read it
        for s_i, (start, end) in enumerate(self.view.sents):
            span = self.doc[start:end]
            if not (has_body and is_headline(text[span.start_char:span.end_char])):
                self._sentence(s_i, start, end)
        for paragraph, casualty in self.orphans:  # "Soldiers clashed with rebels. Two were killed."
            near = [e for e in self.events if e.paragraph == paragraph and e.type in ("ASSAULT", "PROTEST")]
            if near:
                casualty_words.record(min(near, key=lambda e: abs(e.trigger_i - casualty.token)),
                                      casualty.kind, casualty.value)
        verbal = frozenset(t for t, quad in self.lex.quads.items() if quad.startswith("verbal"))
        link_statements(self.events, self.quotes, verbal, self.sentence_at)
        threats = announced_threats(self.events, self.quotes, lambda i: self.doc[i].idx, self.index.by_id)
        self.events = sorted(self.events + threats, key=lambda e: (e.trigger_i, e.type != "THREATEN"))
        narrate(self.doc, self.events, self._story(), self.lex.reporting_verbs)
        date_imminent(self.doc, self.events, self.layers.published, self.lex.imminent)
        guard_dates(self.events, self.layers.published)
        self.places.share(self.events)
        for event in self.events:
            self._target_place(event, event.location or event.context_place)
        return self.events

    def place_unplaced(self, events: list[EventItem]) -> None:
        """After merging: events still without a place take their paragraph's (where.py),
        and an act on that place is on its state, as for places tied to the event."""
        self.places.settle(events, self.events)
        unplaced = [e for e in events if e.location is None]
        self.places.from_paragraph(unplaced)
        for event in unplaced:
            if event.location is not None or event.context_place is not None:
                self._target_place(event, event.location or event.context_place)
        self.places.only_place(unplaced)
        self.places.to_target_country(unplaced)
        self.places.locate(events)
        self.places.refine(events)

    def _lead_in_perfect(self) -> bool:
        """A lead told in the present perfect ("Pompeo has vowed ...", "rebels have
        retaken ...") reports news of the last days, as "on Sunday" does: the story is
        counted from publication."""
        if not self.view.sents:
            return False
        start, end = self.view.sents[0]
        root = self.doc[start:end].root
        return root.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in root.children)

    def _story(self) -> Story:
        """What dating from the narrative needs (dating.py): the paragraph of each
        sentence, the dates each paragraph names, and whether the article counts its
        news from publication ("on Sunday", "yesterday") within the last week."""
        published = self.layers.published
        counted = False
        named: dict[int, list[WhenValue]] = {}
        for time in self.layers.times:
            value = when_of(time)
            if value is None:
                continue
            named.setdefault(self.paragraph_of(time.start), []).append(value)
            if published is not None and value.deictic and value.precision in ("time", "day", "week") and \
                    0 <= (published - date.fromisoformat(value.end[:10])).days <= 7:
                counted = True
        counted = counted or self._lead_in_perfect()
        paragraphs = [self.paragraph_of(self.doc[start].idx) for start, _ in self.view.sents]
        loose = dict(self.loose)
        for s_i in {bisect_right(self._sentence_chars, t.start) - 1 for t in self.layers.times} - set(self.loose):
            if 0 <= s_i < len(self.view.sents):  # a sentence with no event ("On 12/02, the town was calm.")
                start, end = self.view.sents[s_i]
                found = attach_times(self.doc, self.doc[start:end], self.times_of.get(s_i, []), {})[1]
                if found:
                    loose[s_i] = found
        return Story(published, loose, paragraphs, named, counted)

    @property
    def _sentence_chars(self) -> list[int]:
        return self.sentence_starts  # the first character of each sentence, read once in __init__

    def _target_place(self, event: EventItem, place_id: str | None = None) -> None:
        place_id = place_id or event.location
        if event.mode == "intercept":
            return  # the sky's state shoots down; it is no target (sides.py)
        if self.lex.quads.get(event.type, "").startswith("verbal") and not self._in_content(event, place_id):
            return  # a speech in Cairo is not about Egypt: only a place its content names ("sanctions
            # against Nigeria", "autonomy from Serbia") is what a verbal act is about
        stateless = all(getattr(self.index.by_id.get(t), "kind", None) == "group" and
                        not getattr(self.index.by_id.get(t), "country", None) for t in event.target_actors)
        if stateless and place_id and event.type not in UNDIRECTED and \
                (event.type != "CONSULT" or event.mode == "visit"):  # a meeting in London is not on the UK
            self._target_from_place(event, place_id)

    def _in_content(self, event: EventItem, place_id: str) -> bool:
        """Whether the verbal act is about the place: named below its trigger ("called for
        sanctions against Nigeria", "sought refuge in Germany") but not in its subject
        ("rebels in the Ivory Coast said") nor in the occasion it was made at ("in a speech
        in Cairo", "at a press conference in Ankara": occasion_nouns.txt)."""
        place = self.index.by_id.get(place_id)
        if place is None:
            return False
        trigger = self.doc[event.light_verb if event.light_verb is not None else event.trigger_i]
        for mention in place.mentions:
            if not event.evidence_start <= mention.start < event.evidence_end:
                continue
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            node, path = span.root, []
            while node.i != trigger.i and node.head.i != node.i:
                path.append(node)
                node = node.head
            if node.i != trigger.i or not path:
                continue
            if path[-1].dep_ in SUBJECT_DEPS or any(t.lemma_.lower() in self.lex.occasions for t in path[1:]):
                continue
            return True
        return False

    def _target_from_place(self, event: EventItem, place_id: str | None = None) -> None:
        """An act on a place is an act on the state it lies in ("lifted the curfew in
        Montenegro", "struck a dam in Norway's Innlandet county"), unless that is the
        source's own state; so is an undirected act in a paragraph that names a
        country only as an actor (``EventItem.context_place``)."""
        place = self.index.by_id.get(place_id or event.location)
        if place is None:
            return
        target = place if place.kind == "country" else self.index.country_entity(place.country)
        if target is None:
            return
        own = {getattr(self.index.by_id.get(i), "country", None) for i in event.source_actors}
        if target.country and target.country not in own and target.id not in event.target_actors:
            # "aid to refugees fleeing the war in Liberia": the state first, then the described people
            event.target_actors = [target.id, *event.target_actors]

    # -- one sentence ---------------------------------------------------------
    def _sentence(self, s_i: int, start: int, end: int) -> None:
        view, lex = self.view, self.lex
        triggers = find_triggers(self.doc, start, end, view, lex, self.blocked)
        demands = self._demands(start, end, {t.i for t in triggers})
        triggers = sorted(triggers + [t for t, _ in demands], key=lambda t: t.i)
        if not triggers and not any((view.lemma[i], view.pos[i]) in lex.casualties for i in range(start, end)):
            return
        preset = {t.i: parts for t, parts in demands}
        anchors = {t.i: t.i for t in triggers}
        anchors.update({t.light_verb: t.i for t in triggers if t.light_verb is not None})
        for i in range(start, end):
            if view.pos[i] == "VERB" and view.lemma[i] in lex.reporting_verbs or view.lower[i] == "according":
                anchors.setdefault(i, -(i + 1))  # reporting verbs: negative anchor ids
        span = self.doc[start:end]
        times, loose_times, bound = attach_times(self.doc, span, self.times_of.get(s_i, []), anchors,
                                                  self.layers.published)
        found_places = self.places.sentence_places(start, end, anchors)
        made = []
        for trigger in triggers:
            event = self._event(s_i, span, trigger, anchors, times, found_places.attached, preset.get(trigger.i))
            if event is not None:
                made.append(event)
        _hostile_promises(self.doc, made, lex)
        made = _requested_ends(self.doc, made)
        made_at = {e.trigger_i for e in made}
        for anchor, values in times.items():  # a trigger that made no event: its clause's date
            if anchor >= 0 and anchor not in made_at:
                (loose_times if self.doc[anchor].dep_ == "ROOT" else bound.setdefault(anchor, [])).extend(values)
        share_clause(self.doc, made, bound)
        if loose_times:
            self.loose[s_i] = loose_times
        for event in made:
            if event.location is None:
                self.places.fallback(event, start, end, found_places, anchors)
        found = casualties_in(self.doc, start, end, view, lex, self.quantities)
        totals, orphans = casualty_words.attach(found, made, lambda i, m: self._event_for(i, m, anchors))
        for event, kind, value in totals:
            casualty_words.record(event, kind, value)
        self.orphans += [(self.paragraph_of(self.doc[c.token].idx), c) for c in orphans]
        self.events += made

    def _event(self, s_i, span, trigger: Trigger, anchors, times, places, parts=None) -> EventItem | None:
        doc, lex = self.doc, self.lex
        parts = parts or participants(doc, trigger, self.index, lex)
        if not parts.sources and parts.targets:  # "we promise to follow her path": no one's act on another
            parts.sources = self._quoted_speaker(parts.source_heads)
        if not _needs_met(trigger.sense.needs, parts) or _figurative(trigger, parts, lex) or \
                _backed_by_a_thing(trigger, parts, lex):
            return None
        status, cue = status_of(trigger, doc, lex)
        event_type = trigger.sense.type
        if is_refusal(doc, trigger, status, cue, lex) and lex.quads.get(event_type, "").endswith("cooperation"):
            event_type, status = "REJECT", "occurred"  # "will not accept", "refused to meet"
        mode, weapon_sub = trigger.sense.mode, None
        weapon = lex.weapon(weapon_words(doc, trigger)) if event_type == "ASSAULT" else None
        if weapon is None and event_type == "ASSAULT":  # a weapon this distinctive anywhere in the sentence
            weapon = lex.weapon(self.view.sentence_words(s_i), modes=DISTINCTIVE_WEAPONS)
        if weapon is not None:
            weapon_sub = weapon[1]
            if mode is None or (mode == "firearms" and weapon[0] != "firearms"):
                mode = weapon[0]
        token = doc[trigger.i]
        adjunct = time_adjunct(token)
        if adjunct is not None and cue is None:  # "following his team's talks": they happened
            placed = adjunct_status(adjunct, lex.status_cues.get("adjunct", {}))
            if placed is not None:
                status, cue = placed, adjunct.text
        event = EventItem(
            id="", type=event_type, mode=mode if event_type == trigger.sense.type else None,
            status=status, status_cue=cue, depth=prominence(token, trigger, lex),
            evidence_start=span.start_char, evidence_end=span.end_char, trigger_text=token.text, lemma=trigger.lemma,
            trigger_i=trigger.i, trigger_is_noun=trigger.is_noun, sentence_i=s_i, light_verb=trigger.light_verb,
            paragraph=self.paragraph_of(token.idx), weight=trigger.sense.weight,
            source_actors=[e.id for e in parts.sources], target_actors=[e.id for e in parts.targets],
            background=adjunct is not None, anaphoric=trigger.is_noun and is_anaphoric(token))
        if token.dep_ == "conj" and token.head.i in anchors and anchors[token.head.i] >= 0:
            event.joined_to = anchors[token.head.i]  # "killed four and wounded six": one attack
        source_cls = classes_of(parts.sources, parts.source_heads, lex)
        target_cls = classes_of(parts.targets, parts.target_heads, lex)
        tied = places.get(trigger.i, [])
        own_place = self.places.own_place(tied, self.places.is_speech_act(event.type))
        if own_place is None and tied:  # "threatened to resume attacks in Israel": what it is about
            context = self.places.described(tied)
            event.context_place = context.id if context is not None else None
        if own_place is not None:
            event.location, event.location_how = own_place.id, "attached"
            if not event.target_actors and not target_cls and event.type == "ASSAULT":
                target_cls.add("civilian")  # an attack on a place, by no one named: on its people
        if event.type == "SUPPORT" and not trigger.is_noun and any(
                getattr(e, "sector", None) in ARMED_SECTORS for e in parts.targets):
            event.type = "AID"  # "backed and armed the group", "supported rival rebels": material support
            if event.status_cue is None and token.tag_ in ("VBZ", "VBP"):
                event.status = "ongoing"  # "Washington supports the militia": material support that goes on
        event.acled = acled_type(event.type, mode, trigger.lemma, weapon_sub, source_cls, target_cls,
                                 self.view.sentence_words(s_i), lex)
        event.when = self._when(trigger, anchors, times)
        event.reported_by = self._reporter(token)
        event.counts = self._counts(trigger, anchors)
        return event

    def _demands(self, start: int, end: int, taken: set[int]) -> list[tuple[Trigger, Participants]]:
        """ "X said (that) Y must withdraw": X requests Y to withdraw (PLOVER's DEMAND)."""
        found = []
        for i in range(start, end):
            if not self.view.clause[i]:
                continue
            clause = self.doc[i]
            if not any(c.dep_ == "aux" and c.lower_ in self.lex.demand_modals for c in clause.children):
                continue
            head = clause.head
            if head.dep_ == "ccomp" and head.lemma_.lower() not in self.lex.speech_verbs and \
                    head.head.lemma_.lower() in self.lex.speech_verbs:
                head = head.head  # "told him that the UN's proposed truce must apply": the small model hangs it on "proposed"
            if head.i in taken or head.pos_ not in ("VERB", "NOUN"):
                continue
            speaker = head
            if head.pos_ == "NOUN" and head.dep_ in ("dobj", "attr") and head.head.pos_ == "VERB":
                speaker = head.head  # "issued a reminder that ..."
            parts = Participants(source_heads=subject_of(speaker),
                                 target_heads=[c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")])
            parts.sources = [e for h in parts.source_heads for e in self.index.actors_of_phrase(h)]
            ids = {e.id for e in parts.sources}
            # "told his counterpart that the ceasefire must apply": asked of the one told, else of the
            # clause's subject ("said Russia must withdraw")
            addressees = [c for c in speaker.children if c.dep_ in ("dobj", "dative") and c.i != clause.i
                          and c.lemma_.lower() not in PRESS]  # "told reporters": asked of no reporter
            parts.targets = [e for h in addressees for e in self.index.actors_of_phrase(h) if e.id not in ids] or \
                [e for h in parts.target_heads for e in self.index.actors_of_phrase(h) if e.id not in ids]
            if not parts.targets:
                continue  # a demand is made of someone
            sense = Sense(head.lemma_.lower(), "ANY", frozenset(), "REQUEST", None, "actor", 0.7)
            found.append((Trigger(head.i, sense, head.lemma_.lower(), head.pos_ == "NOUN"), parts))
        found += self._quoted_demands(start, end, taken | {t.i for t, _ in found})
        return found + self._quoted_accusations(start, end, taken | {t.i for t, _ in found})

    def _quoted_speaker(self, heads: list[Token]) -> list:
        """ '"We will continue to engage with the Turkish authorities," the minister said': "I"
        and "we" in someone's own words are the speaker."""
        for head in heads:
            if head.lower_ not in ("i", "we"):
                continue
            statement = next((q for q in self.quotes_near(head.idx, head.idx + 1) if q.kind == "direct"
                              and q.start <= head.idx < q.end and getattr(q.speaker, "entity", None)), None)
            speaker = self.index.by_id.get(statement.speaker.entity) if statement is not None else None
            if speaker is not None:
                return [speaker]
        return []

    def _quoted_demands(self, start: int, end: int, taken: set[int]) -> list[tuple[Trigger, Participants]]:
        """ '"The government and the rebels must respect the deal," Egeland said': a quoted
        sentence saying what another actor must do is its speaker's request of that actor."""
        found = []
        first, last = self.doc[start].idx, self.doc[end - 1].idx
        quoted = [q for q in self.quotes_near(first, last + 1) if q.kind == "direct" and q.start <= last and first < q.end
                  and getattr(q.speaker, "entity", None)]
        if not quoted or not any(self.view.lemma[i] in self.lex.demand_modals for i in range(start, end)):
            return found  # most sentences: no quotation or no "must"
        for verb in {self.doc[i].head for i in range(start, end) if self.view.lemma[i] in self.lex.demand_modals}:
            if verb.dep_ != "ROOT" or verb.i in taken or verb.pos_ not in ("VERB", "AUX"):
                continue
            statement = next((q for q in quoted if q.start <= verb.idx < q.end), None)
            if statement is None:
                continue
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if any(c.lower_ in ("we", "i", "us") for c in subjects):
                continue  # "we must act": the speaker's own resolve, asked of no one
            speaker = self.index.by_id.get(statement.speaker.entity)
            targets = [e for h in subjects for e in self.index.actors_of_phrase(h) if e.id != statement.speaker.entity]
            if speaker is None or not targets:
                continue
            parts = Participants(sources=[speaker], targets=targets, target_heads=subjects)
            sense = Sense(verb.lemma_.lower(), "ANY", frozenset(), "REQUEST", None, "actor", 0.6)
            found.append((Trigger(verb.i, sense, verb.lemma_.lower(), False), parts))
        return found

    def _quoted_accusations(self, start: int, end: int, taken: set[int]) -> list[tuple[Trigger, Participants]]:
        """ '"Huge massacres have been committed by the soldiers," she said', '"his forces have
        committed war crimes"': a speaker who says in their own words that an actor did a
        wrong accuses that actor (PLOVER ACCUSE) -- not when the quote says it was not done."""
        found = []
        verbs = [self.doc[i] for i in range(start, end) if self.view.lemma[i] in DOING and i not in taken]
        if not verbs:
            return found
        first, last = self.doc[start].idx, self.doc[end - 1].idx
        quoted = [q for q in self.quotes_near(first, last + 1) if q.kind == "direct" and q.start <= last and first < q.end
                  and getattr(q.speaker, "entity", None)]
        for verb in verbs:
            statement = next((q for q in quoted if q.start <= verb.idx < q.end), None)
            if statement is None or verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
                continue
            if any(a.lemma_.lower() in self.lex.speech_verbs for a in verb.ancestors):
                continue  # '"war crimes were committed," she said': the report's own judgement
            passive = any(c.dep_ == "nsubjpass" for c in verb.children)
            wrongs = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
            doers = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"] \
                if passive else [c for c in verb.children if c.dep_ == "nsubj"]
            if not any(disparaging(w, self.lex.disparaging) and not any(d.lower_ == "no" for d in w.children)
                       for w in wrongs):
                continue
            speaker = self.index.by_id.get(statement.speaker.entity)
            targets = [e for h in doers for e in self.index.actors_of_phrase(h) if e.id != statement.speaker.entity]
            if speaker is None or not targets:
                continue
            parts = Participants(sources=[speaker], targets=targets, target_heads=doers)
            sense = Sense(verb.lemma_.lower(), "ANY", frozenset(), "ACCUSE", "disapprove", "actor", 0.6)
            found.append((Trigger(verb.i, sense, verb.lemma_.lower(), False), parts))
        return found

    # -- when, who reported it, counts ---------------------------------------------
    def _when(self, trigger: Trigger, anchors, times) -> WhenValue | None:
        own = times.get(trigger.i)
        if own:
            return own[0]
        if in_time_adjunct(self.doc[trigger.i]):
            return None  # "following the talks in Florida": not dated by the arrival it precedes
        start = self.doc[trigger.light_verb] if trigger.light_verb is not None else self.doc[trigger.i]
        ahead = False  # "will travel on Thursday for talks, his office said on Monday": not Monday
        for child, ancestor in zip([start, *start.ancestors], start.ancestors):
            if child.dep_ in DESCRIBING:
                break  # "X, whose army struck in 2015, said on Tuesday": not dated by the saying
            ahead = ahead or any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in child.children)
            anchor = anchors.get(ancestor.i)
            if anchor is None or anchor == trigger.i:
                continue
            found = times.get(anchor)
            if anchor < 0:  # a reporting verb: its date is when the event was reported
                if found and not ahead:
                    return replace(found[0], reported=True)
                break
            if found:  # a purpose clause takes its governor's date: "arrive on May 8 to meet"
                return replace(found[0], shared=True)
        if ahead:
            return None  # what is to come was not done when it was said
        published = self.layers.published.isoformat() if self.layers.published else None
        idx = self.doc[trigger.i].idx
        for quote in self.quotes_near(idx, idx + 1):
            said = getattr(quote, "date", None)
            # a quote's date is when it was said; one equal to the publication date may be
            # only the default for an undated quote, and no event is dated by publication
            if said and said != published and quote.start <= self.doc[trigger.i].idx < quote.end:
                return WhenValue(said, said, "day", None, reported=True, basis=(quote.start, quote.end))
        return None

    def _reporter(self, token) -> str | None:
        """The quote that tells the event, else the subject of the reporting verb above it."""
        for quote in self.quotes_near(token.idx, token.idx + 1):
            if quote.start <= token.idx < quote.end and getattr(quote, "id", None):
                return quote.id
        child = token
        for ancestor in token.ancestors:
            entered_by, child = child.dep_, ancestor
            if ancestor.lower_ == "according" or ancestor.pos_ == "VERB" and \
                    ancestor.lemma_.lower() in self.lex.reporting_verbs:
                if entered_by not in REPORTED_CONTENT and ancestor.lower_ != "according":
                    return None  # "After the talks, X said ...": an adjunct of the report, not its content
                for head in speaker_heads(ancestor):
                    found = self.index.actors_of_phrase(head) or self.index.at(head, frozenset({"media"}))
                    if found:
                        return found[0].id
                return None
        return None

    def _counts(self, trigger: Trigger, anchors) -> list[tuple[float, str | None]]:
        doc, out = self.doc, []
        sentence = self.view.sent_of[trigger.i]
        heads = {trigger.i, *(c.i for c in conjuncts(doc[trigger.i]))}
        for head_i, quantity in self.counts_of.get(sentence, ()):
            if head_i in heads or climb(doc[head_i], anchors).anchor == trigger.i:
                out.append((quantity.value, quantity.counted or quantity.unit))
        return out

    def _event_for(self, token_i: int, made: list[EventItem], anchors) -> EventItem | None:
        """The event a casualty word belongs to: itself, the trigger above it, else the
        nearest violent event of its sentence."""
        by_trigger = {e.trigger_i: e for e in made}
        if token_i in by_trigger:
            return by_trigger[token_i]
        where = climb(self.doc[token_i], {k: v for k, v in anchors.items() if v >= 0})
        if where.anchor in by_trigger:
            return by_trigger[where.anchor]
        violent = [e for e in made if e.type in ("ASSAULT", "PROTEST", "COERCE")]
        return min(violent, key=lambda e: abs(e.trigger_i - token_i)) if violent else None


CARRYING_ON = frozenset({"keep", "continue", "carry", "pursue"})


def _hostile_promises(doc: Doc, made: list[EventItem], lex: EventLexicon) -> None:
    """ "vowed to expel every last Iranian boot", "promised a strong response to any
    attack": a promise whose content is a hostile act (an event of a hostile type, or a
    word of threat_words.txt) is a threat (PLOVER codes an announced act as its intent
    type, plover_types.csv ``intent_as``)."""
    for event in made:
        if event.type != "AGREE" or event.trigger_is_noun:
            continue
        content = {c.i for c in doc[event.trigger_i].children if c.dep_ in ("xcomp", "ccomp", "dobj")}
        content |= {c.i for i in list(content) if doc[i].lemma_.lower() in CARRYING_ON
                    for c in doc[i].children if c.dep_ in ("xcomp", "dobj")}  # "vowed to keep fighting"

        def promised(i: int) -> bool:  # the promised act itself, or the noun its light verb carries
            token = doc[i]
            return i in content or token.dep_ == "dobj" and token.head.i in content and \
                token.head.lemma_.lower() in lex.light_verbs

        hostile_word = any(promised(i) and doc[i].lemma_.lower() in lex.threat_words for i in content)
        if hostile_word or any(promised(other.trigger_i) and lex.intents.get(other.type) == "THREATEN"
                               and other.type != "THREATEN" for other in made if other is not event):
            event.type, event.mode, event.acled = "THREATEN", None, None


ENDING = frozenset({"stop", "end", "halt", "cease"})


def _requested_ends(doc: Doc, made: list[EventItem]) -> list[EventItem]:
    """ "called on both sides to stop attacks on civilians": the attacks are what the request
    is about, told as its content, not an event of their own."""
    requests = [e for e in made if e.type == "REQUEST"]
    if not requests:
        return made
    inside = {t.i for r in requests for t in doc[r.trigger_i].subtree}
    return [e for e in made if not (e.type != "REQUEST" and e.trigger_i in inside and e.status_cue
                                    and e.status_cue.lower() in {w for w in ENDING}
                                    | {f"{w}s" for w in ENDING} | {f"{w}ped" for w in ENDING})]


FIGURATIVE_TYPES = frozenset({"ASSAULT", "COERCE"})


def _figurative(trigger: Trigger, parts: Participants, lex: EventLexicon) -> bool:
    """ "will destroy any trust", "a strike at the heart of democracy", "fight corruption":
    an attack whose only objects are things no one can strike (abstract_objects.txt)."""
    if trigger.sense.type not in FIGURATIVE_TYPES or parts.targets or not parts.target_heads:
        return False
    return all(_abstract(head, lex) for head in parts.target_heads)


BACKING = frozenset({"support", "back", "fund", "finance", "bolster", "underpin", "sustain", "favour", "favor"})


def _backed_by_a_thing(trigger: Trigger, parts: Participants, lex: EventLexicon) -> bool:
    """ "energy facilities that support Ukraine's military industry", "a plan that backs the
    rebels": support given by a thing is no one's act of support."""
    if trigger.lemma not in BACKING or trigger.is_noun or parts.sources or not parts.source_heads:
        return False  # "operations rescued 20 hostages": forces' operations act for them
    return all(h.pos_ == "NOUN" and not h.ent_type_ and h.lemma_.lower() not in lex.actor_nouns
               for h in parts.source_heads)


def _abstract(head, lex: EventLexicon) -> bool:
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_:
        return False
    if head.lemma_.lower() in lex.abstract:
        return True
    # "the heart of democracy", "the foundations of the deal": a part of something abstract
    of = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return bool(of) and all(g.lemma_.lower() in lex.abstract for g in of)


# Whom statements are made to without being asked anything: "told reporters that Russia must pay".
PRESS = frozenset({"reporter", "journalist", "press", "medium", "media", "correspondent", "newsman", "audience",
                   "crowd", "supporter"})


def _needs_met(needs: str, parts) -> bool:
    if needs == "source":
        return bool(parts.sources or parts.source_heads)
    if needs == "target":
        return bool(parts.targets)
    if needs == "actor":
        return bool(parts.sources or parts.targets or parts.source_heads or parts.target_heads)
    return True
