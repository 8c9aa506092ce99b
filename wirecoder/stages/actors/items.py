"""The actors stage's internal values and their conversion to the record."""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import record


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets into doc.text
    end: int
    text: str
    form: str = "name"  # name, demonym, nominal, pronoun, metonym


@dataclass(frozen=True)
class RoleFact:
    title: str
    of: str | None
    country: str | None
    source: str = "text"
    start: int | None = None
    end: int | None = None

    def to_record(self, text: str) -> record.Role:
        evidence = None
        if self.start is not None and self.end is not None:
            evidence = record.Span(start=self.start, end=self.end, text=text[self.start:self.end])
        return record.Role(title=self.title, of=self.of, country=self.country, source=self.source,
                           evidence=evidence)


@dataclass
class Actor:
    """One entity of the article, built up while mentions are resolved."""

    id: str
    kind: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    roles: list[RoleFact] = field(default_factory=list)
    kb: record.KBRef | None = None
    geo: record.Geo | None = None
    gender: str | None = None
    key: str = ""  # what identifies it within the article (ISO3, geonameid, name)
    place_candidates: tuple = ()  # gazetteer places the name may denote (for the places stage)
    text_of: str | None = None  # an unnamed role-holder: "mayor of Odesa"
    holder: object | None = None  # the knowledge-base entry it is linked to
    pending: list = field(default_factory=list)  # role phrases read, not yet resolved

    @property
    def first(self) -> int:
        return min((m.start for m in self.mentions), default=0)

    def add(self, mention: Mention) -> None:
        if all((m.start, m.end) != (mention.start, mention.end) for m in self.mentions):
            self.mentions.append(mention)

    def add_role(self, role: RoleFact) -> None:
        for known in self.roles:
            if known.title.lower() == role.title.lower() and (known.of or "") == (role.of or ""):
                return
        self.roles.append(role)

    def to_record(self, text: str = "") -> record.Entity:
        mentions = sorted(self.mentions, key=lambda m: (m.start, m.end))
        return record.Entity(
            id=self.id, kind=self.kind, name=self.name,
            mentions=[record.Span(start=m.start, end=m.end, text=m.text) for m in mentions],
            country=self.country, sector=self.sector,
            roles=[role.to_record(text) for role in self.roles],
            kb=self.kb, geo=self.geo,
        )
