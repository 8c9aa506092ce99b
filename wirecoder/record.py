"""The wirecoder record: the contract of SPEC section 2 as typed models.

Every field of the contract exists here, even where a later stage fills it.
Offsets are Unicode code-point offsets into ``article.text``, end exclusive.
The JSON Schema in ``schema/`` is generated from these classes
(``wirecoder schema``) and a test keeps the two in step.

This module imports nothing from the rest of the project.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "wirecoder/1"

EntityKind = Literal[
    "person", "organization", "country", "place", "facility", "group", "media", "platform"
]
GeoPrecision = Literal["exact", "town", "admin2", "admin1", "country", "region"]
QuoteKind = Literal["direct", "partial", "indirect"]
TimeKind = Literal["date", "time", "duration", "set", "interval"]
TimePrecision = Literal["time", "day", "week", "month", "season", "quarter", "year", "decade", "century", "unknown"]
EventStatus = Literal["occurred", "ongoing", "planned", "hypothetical", "negated", "claimed", "denied"]
PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]


class _Model(BaseModel):
    """Strict at the edge: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(_Model):
    start: int = Field(ge=0, description="Start offset (code points) into article.text.")
    end: int = Field(ge=0, description="End offset, exclusive.")
    text: str = Field(description="article.text[start:end].")


class Role(_Model):
    title: str = Field(description='The office or function, e.g. "Prime Minister", "mayor".')
    of: str | None = Field(None, description='What the title is of: "United Kingdom", "Sumy region", "Donald Trump".')
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 of the state the role belongs to.")
    source: Literal["text", "kb"] = Field("text", description="Read from the article, or from the knowledge base.")
    evidence: Span | None = Field(None, description="The characters the role was read from (text roles).")


class KBOffice(_Model):
    office: str
    title: str
    jurisdiction: str
    start: str | None = None
    end: str | None = None


class KBRef(_Model):
    source: str = Field(description="Knowledge base the entity was linked to.")
    id: str = Field(description="Identifier inside that knowledge base.")
    name: str
    offices: list[KBOffice] = Field(default_factory=list, description="Offices held on the article date.")


class Geo(_Model):
    geonameid: int | None = None
    name: str
    lat: float
    lon: float
    country: str | None = Field(None, description="ISO3.")
    admin1: str | None = None
    feature: str | None = Field(None, description="town, admin1, country, region, facility, water, ...")
    precision: GeoPrecision


class Entity(_Model):
    id: str
    kind: EntityKind
    name: str = Field(description="Canonical full name.")
    mentions: list[Span] = Field(default_factory=list)
    country: str | None = Field(None, description="ISO3 of the state the actor belongs to or the place lies in.")
    sector: str | None = Field(None, description="PLOVER actor sector: GOV, MIL, REB, CVL, MED, IGO, NGO, BUS, ...")
    roles: list[Role] = Field(default_factory=list)
    kb: KBRef | None = None
    geo: Geo | None = None


class Quote(_Model):
    id: str
    kind: QuoteKind
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    speaker: str | None = Field(None, description="Entity id of the speaker.")
    speaker_text: str | None = None
    cue: str | None = None
    channel: str | None = None
    date: str | None = Field(None, description="ISO date the statement was made.")
    confidence: float = Field(ge=0.0, le=1.0)


class Time(_Model):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: TimeKind
    value: str | None = Field(None, description="ISO 8601 / TimeML value; null when it cannot be resolved.")
    start_date: str | None = None
    end_date: str | None = None
    precision: TimePrecision = "unknown"
    anchor: str | None = Field(None, description='What it was resolved against: "published", a time id, or null.')
    reason: str | None = Field(None, description="Why value is null, when it is.")


class Quantity(_Model):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: float
    approx: bool = False
    unit: str | None = None
    counted: str | None = None
    period: str | None = None


class Acled(_Model):
    event_type: str
    sub_event_type: str | None = None


class When(_Model):
    start: str | None = None
    end: str | None = None
    precision: TimePrecision = "unknown"
    text: str | None = None
    inferred: bool = Field(False, description="True when the text gives no date for the event itself and the "
                           "window was read from the narrative: the date of the report that tells it, of "
                           "another event of its sentence, or the story's reference time and the clause's tense "
                           "(a present perfect is the days up to publication).")
    basis: Span | None = Field(None, description="The time expression or clause the date was taken from.")


class Count(_Model):
    value: float
    unit: str | None = None


class Evidence(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    trigger: str


class Event(_Model):
    id: str
    type: PloverType
    mode: str | None = None
    acled: Acled | None = None
    status: EventStatus
    source_actors: list[str] = Field(default_factory=list)
    target_actors: list[str] = Field(default_factory=list)
    location: str | None = None
    when: When | None = None
    counts: list[Count] = Field(default_factory=list)
    fatalities: int | None = None
    injured: int | None = None
    reported_by: str | None = None
    channel: str | None = Field(None, description="Where a speech act was made: Telegram, X, a TV outlet, a "
                                                   "statement, a press conference (from the statement it is).")
    evidence: Evidence
    inferred: list[Literal["source_actors", "target_actors"]] = Field(
        default_factory=list,
        description="Fields filled from the rest of the article rather than the event's own clause "
                    "(an attack's source when the article names one attacking side against its target).")
    confidence: float = Field(ge=0.0, le=1.0)
    background: bool = Field(False, description="Told as history or habit rather than as the article's news "
                             "(\"had fought in the insurgency\", \"regularly rallied\", an event dated long "
                             "before the story's); status still says what happened. Exports and stories leave "
                             "such events out unless asked to include them.")


class Article(_Model):
    id: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = Field(None, description="ISO 8601 date or datetime of publication.")
    language: str | None = Field("en", description=(
        'BCP 47 tag of the language the text was found to be in: "en" for English, else "und" '
        '(undetermined) with the script of its letters, e.g. "und-Cyrl"; other text is processed '
        "as English anyway and carries warning W001."))
    text: str
    warnings: list[str] = Field(default_factory=list)


class Record(_Model):
    schema_: Literal["wirecoder/1"] = Field(SCHEMA_VERSION, alias="schema")
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


def json_schema() -> dict:
    """The JSON Schema of the record, as committed in schema/."""
    schema = Record.model_json_schema(by_alias=True)
    schema["$id"] = "https://wirecoder.invalid/schema/wirecoder-1.schema.json"
    schema["title"] = "wirecoder record " + SCHEMA_VERSION
    return schema
