"""The events stage's values: a trigger found in the parse, and the event built on it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import record
from .lexicon import Sense


@dataclass(frozen=True)
class Trigger:
    """A word of the parse that names an event, in one sense."""

    i: int  # token index
    sense: Sense
    lemma: str
    is_noun: bool
    light_verb: int | None = None  # token index of "launched" in "launched strikes"


@dataclass(frozen=True)
class WhenValue:
    start: str | None
    end: str | None
    precision: str
    text: str | None
    reported: bool = False  # the date the event was reported on, not a date of the event itself
    shared: bool = False  # taken from another event of its sentence or paragraph (dating.py)
    deictic: bool = False  # counted from the publication date ("yesterday"), not stated by the text
    narrative: bool = False  # read from the story's reference time and the clause's tense (dating.py)
    basis: tuple[int, int] | None = None  # characters of the time expression or clause it was taken from
    relative: bool = False  # counted from another time of the text ("two years later"), not stated (guards.py)
    since: bool = False  # "since 2014": a span from the time named to publication, not a date of its own (anchors.py)
    counted_from: str | None = None  # for a relative date, the stated date it was counted from ("in 2010")

    @property
    def inferred(self) -> bool:
        """Not stated for the event itself: a report's date, another event's, or the narrative's."""
        return self.reported or self.shared or self.narrative

    def to_record(self, text: str = "") -> record.When:
        basis = None
        if self.basis is not None and text:
            start, end = self.basis
            basis = record.Span(start=start, end=end, text=text[start:end])
        return record.When(start=self.start, end=self.end, precision=self.precision, text=self.text,
                           inferred=self.inferred, basis=basis)


@dataclass
class EventItem:
    """One coded event; built up by the stage's steps, then frozen into the record."""

    id: str
    type: str
    mode: str | None
    status: str
    evidence_start: int  # the sentence
    evidence_end: int
    trigger_text: str
    trigger_i: int
    trigger_is_noun: bool
    sentence_i: int
    paragraph: int
    acled: tuple[str, str | None] | None = None
    lemma: str = ""  # the trigger's lemma
    light_verb: int | None = None  # token of the verb that carries a noun trigger ("launched strikes")
    source_actors: list[str] = field(default_factory=list)
    target_actors: list[str] = field(default_factory=list)
    location: str | None = None
    when: WhenValue | None = None
    counts: list[tuple[float, str | None]] = field(default_factory=list)
    fatalities: int | None = None
    injured: int | None = None
    reported_by: str | None = None
    channel: str | None = None  # where a speech act was made (from its statement, speech.py)
    confidence: float = 0.5
    status_cue: str | None = None  # the word that set the status; None = the default
    weight: float = 0.5  # the trigger sense's prior
    location_how: str | None = None  # attached, sentence, speaker, paragraph
    context_place: str | None = None  # a place its paragraph names only as an actor: no location, a likely target
    merged: int = 0  # how many later mentions were merged into this event
    depth: int = 0  # below the sentence's main clause (0: the main event)
    anaphoric: bool = False  # "the talks", "those discussions": a definite mention of an event told before
    background: bool = False  # named only to place another event in time ("after the talks")
    backstory: bool = False  # told as history or habit, not as the article's news (record: background)
    inferred: list[str] = field(default_factory=list)  # fields read from the article, not the clause (sides.py)
    joined_to: int | None = None  # trigger of the coordinated verb it shares a clause with
    crowd: int = 1  # events coded in its sentence before merging (a feature of its confidence)
    text_sentences: int = 1  # sentences in its text: a note or snippet, or a whole article
    # (status, cue) of a later mention told as unreal in another sentence (merge.py): not this
    # event's status, but how it was also told, which the confidence model reads
    told_unreal: tuple[str, str] | None = None

    def to_record(self, text: str = "") -> record.Event:
        acled = record.Acled(event_type=self.acled[0], sub_event_type=self.acled[1]) if self.acled else None
        return record.Event(
            id=self.id, type=self.type, mode=self.mode, acled=acled, status=self.status,
            source_actors=list(self.source_actors), target_actors=list(self.target_actors),
            location=self.location, when=self.when.to_record(text) if self.when else None,
            counts=[record.Count(value=v, unit=u) for v, u in self.counts],
            fatalities=self.fatalities, injured=self.injured, reported_by=self.reported_by, channel=self.channel,
            evidence=record.Evidence(start=self.evidence_start, end=self.evidence_end, trigger=self.trigger_text),
            inferred=list(self.inferred), confidence=round(self.confidence, 3), background=self.backstory)
