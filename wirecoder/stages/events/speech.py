"""Speech acts told as statements: what the quotes stage knows of who said it, where and when.

"The foreign minister condemned the strike in a post on X", "the envoy urged both
sides to ...", "the ministry denied ...": the verb is an act (ACCUSE, REQUEST,
REJECT ...) and at the same time the cue of a statement that the quotes stage
attributed -- its speaker resolved through pronouns and continuation, its channel
and the date it was said. A verbal event whose trigger is such a cue takes from
that statement what its own clause lacks: the speaker as its source, the date said
as its date (a speech act happens when it is said), the channel, and the statement
as what reports it. A plain report ("said a deal was close") is no event: only
triggers of the event lexicon are read here.
"""

from __future__ import annotations

from dataclasses import replace

from .items import EventItem, WhenValue


def link_statements(events: list[EventItem], quotes: list, verbal: frozenset[str], sentence_of) -> None:
    """``quotes`` are the quotes layer's items; ``verbal`` the PLOVER types of speech
    acts; ``sentence_of(offset)`` the sentence number of a character offset."""
    by_sentence: dict[int, list] = {}
    for quote in quotes:
        cue = (getattr(quote, "cue", None) or "").lower()
        if cue:
            for s_i in {sentence_of(quote.start), sentence_of(max(quote.start, quote.end - 1))}:
                by_sentence.setdefault(s_i, []).append(quote)
    for event in events:
        if event.type not in verbal:
            continue
        statement = _statement_of(event, by_sentence.get(event.sentence_i, ()))
        if statement is None:
            continue
        speaker = getattr(statement.speaker, "entity", None)
        if speaker and not event.source_actors:
            event.source_actors = [speaker]
            event.target_actors = [t for t in event.target_actors if t != speaker]
        if speaker and speaker not in event.source_actors:
            continue  # a statement by someone else in the same sentence
        if statement.date and (event.when is None or not event.when.start or event.when.reported):
            event.when = WhenValue(statement.date, statement.date, "day", None)
        event.channel = event.channel or statement.channel
        event.reported_by = event.reported_by or statement.id or None


def _statement_of(event: EventItem, quotes) -> object | None:
    """The statement whose cue is the event's trigger word (the same word, same sentence)."""
    word = event.trigger_text.lower()
    found = [q for q in quotes if (q.cue or "").lower() == word]
    return found[0] if len(found) == 1 else None


ANNOUNCED_THREATS = frozenset({"ASSAULT", "COERCE", "SANCTION"})


def announced_threats(events: list[EventItem], quotes: list, offset_of, by_id: dict) -> list[EventItem]:
    """ "Turkey said it would shortly mount an assault on Afrin", "Ankara would defeat the
    YPG there, he said": a hostile act announced by its own side is a threat made when
    it was said (PLOVER codes an announced hostile act as THREATEN). Returns the new
    THREATEN events; the announced act stays, planned."""
    made = []
    for event in events:
        if event.type not in ANNOUNCED_THREATS or event.status != "planned":
            continue
        at = offset_of(event.trigger_i)
        statement = next((q for q in quotes if q.start <= at < q.end and getattr(q.speaker, "entity", None)), None)
        if statement is None:
            continue
        speaker = by_id.get(statement.speaker.entity)
        if speaker is None or not _own_side(event, speaker, by_id):
            continue
        threat = replace(event, type="THREATEN", mode=None, acled=None, status="occurred", status_cue=None,
                         source_actors=[speaker.id], target_actors=list(event.target_actors),
                         location=None, location_how=None, counts=[], fatalities=None, injured=None,
                         when=WhenValue(statement.date, statement.date, "day", None) if statement.date else None,
                         channel=statement.channel, reported_by=statement.id or None, inferred=[], merged=0,
                         joined_to=None)
        made.append(threat)
    return made


def _own_side(event: EventItem, speaker, by_id: dict) -> bool:
    """The announced act is the speaker's own: no other source, the speaker, or its state."""
    if not event.source_actors:
        return True
    sides = {speaker.id, speaker.country} - {None}
    return any(i in sides or getattr(by_id.get(i), "country", None) in sides for i in event.source_actors)
