"""The quotes stage's internal values and their conversion to the record."""

from __future__ import annotations

from dataclasses import dataclass

from ... import record


@dataclass(frozen=True)
class Speaker:
    """Who said it: an entity id when known, the words that name the speaker, and how it was found.

    ``how`` is one of name (a name at the cue, or an entity the article names
    elsewhere), nominal ("the mayor"), pronoun (resolved by the actors stage),
    pronoun-guess and org-guess ("he", "it", "the company" resolved here),
    pronoun-open and org-open (left unresolved), proxy ("her office": the one
    spoken for), artifact ("a release from X": its author), descriptive (no
    entity: "officials"), continuation (inherited from the statement it
    continues; ``origin`` keeps how that one was found), narrative (the person
    the text was about) or none.
    """

    entity: str | None
    text: str | None
    how: str
    start: int | None = None  # character offsets of ``text`` (for the evaluation and the web page)
    end: int | None = None
    origin: str | None = None  # for a continuation: how the continued statement's speaker was found


NO_SPEAKER = Speaker(None, None, "none")


@dataclass
class QuoteItem:
    """One statement: direct, partial or indirect, with its attribution."""

    kind: str  # direct, partial, indirect
    start: int
    end: int
    speaker: Speaker
    cue: str | None = None
    cue_class: str | None = None
    channel: str | None = None
    channel_lasts: bool = False  # the channel is an occasion (an interview, a forum), see channels.py
    date: str | None = None
    confidence: float = 0.5
    paragraph: int = 0  # paragraph number (paragraphs with a letter in them)
    floating: bool = False  # no cue of its own: the speaker comes from the statement it continues
    gap: int = 0  # paragraphs between a continued quote and the statement it continues
    id: str = ""

    def to_record(self, text: str) -> record.Quote:
        return record.Quote(
            id=self.id, kind=self.kind, text=text[self.start:self.end], start=self.start, end=self.end,
            speaker=self.speaker.entity, speaker_text=self.speaker.text, cue=self.cue,
            channel=self.channel, date=self.date, confidence=round(self.confidence, 2),
        )
