"""The reference article's events, as a careful analyst codes them (from the issue),
and the checks that compare a record with them. Used by `make eval` and the tests.

An expected event is found when an event of the record has its type and status
and the expected participants; its place and date are then checked apart, the
date only being right when the times stage is there to read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .scoring import Row

PUBLISHED = "2025-12-07"


@dataclass(frozen=True)
class Expected:
    name: str
    types: frozenset[str]
    statuses: frozenset[str]
    sources: tuple[str, ...] = ()  # each: an entity name or an ISO3 country that must be among sources
    targets: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()  # must be among sources or targets
    mode: str | None = None
    places: frozenset[str] = frozenset()
    when: tuple[str, str] | None = None
    counts: tuple[float, ...] = ()
    fatalities: int | None = None
    also: tuple["Expected", ...] = field(default_factory=tuple)  # further codings of the same event


S = frozenset
EXPECTED = (
    Expected("meeting in London on December 8", S({"CONSULT"}), S({"planned"}),
             sources=("Volodymyr Zelenskyy",), targets=("Keir Starmer", "Emmanuel Macron", "Friedrich Merz"),
             places=S({"London"}), when=("2025-12-08", "2025-12-08")),
    Expected("a week of Russian drone and bomb attacks", S({"ASSAULT"}), S({"occurred", "ongoing"}),
             sources=("RUS",), targets=("UKR",), mode="aerial", counts=(1600, 1200),
             when=("2025-11-30", "2025-12-07")),
    Expected("three days of Ukrainian-US talks near Miami", S({"CONSULT"}), S({"occurred"}),
             participants=("UKR", "USA"), places=S({"Miami", "Florida"})),
    Expected("missile strikes on the Pechenihy reservoir dam", S({"ASSAULT"}), S({"occurred", "ongoing"}),
             sources=("RUS",),
             places=S({"Pechenihy reservoir", "Pechenihy hydroelectric dam", "Kharkiv Oblast", "Pechenihy"}),
             when=("2025-12-07", "2025-12-07")),
    Expected("massive attack on Kremenchuk, no deaths", S({"ASSAULT"}), S({"occurred"}),
             places=S({"Kremenchuk"}), fatalities=0),
    Expected("Meloni's phone call with Zelenskyy", S({"CONSULT"}), S({"occurred"}), mode="phone",
             sources=("Giorgia Meloni",), targets=("Volodymyr Zelenskyy",),
             also=(Expected("Meloni's pledge of emergency supplies", S({"AGREE", "AID"}),
                            S({"occurred", "planned"}), sources=("Giorgia Meloni",), targets=("UKR",)),)),
)


def _has(record, ids: list[str], wanted: tuple[str, ...]) -> bool:
    names = set()
    for entity_id in ids:
        entity = record.entity(entity_id)
        if entity is not None:
            names.add(entity.name)
            if entity.kind == "country" and entity.country:
                names.add(entity.country)
            elif entity.country and entity.kind in ("organization", "group"):
                names.add(entity.country)  # "Russian forces" stand for Russia here
    return all(w in names for w in wanted)


def matches(record, event, expected: Expected) -> bool:
    if event.type not in expected.types or event.status not in expected.statuses:
        return False
    if expected.mode and event.mode != expected.mode:
        return False
    if not _has(record, event.source_actors, expected.sources):
        return False
    if not _has(record, event.target_actors, expected.targets):
        return False
    if not _has(record, event.source_actors + event.target_actors, expected.participants):
        return False
    values = {c.value for c in event.counts}
    if any(v not in values for v in expected.counts):
        return False
    return expected.fatalities is None or event.fatalities == expected.fatalities


def place_right(record, event, expected: Expected) -> bool:
    entity = record.entity(event.location) if event.location else None
    return not expected.places or (entity is not None and entity.name in expected.places)


def date_right(event, expected: Expected) -> bool:
    if expected.when is None:
        return event.when is None or event.when.start != PUBLISHED or bool(event.when.text)
    return event.when is not None and (event.when.start, event.when.end) == expected.when


def find(record, expected: Expected):
    """The record's events that code ``expected`` (all its codings, or None)."""
    hits = [e for e in record.events if matches(record, e, expected)]
    if not hits:
        return None
    best = max(hits, key=lambda e: (place_right(record, e, expected), date_right(e, expected)))
    for extra in expected.also:
        if not any(matches(record, e, extra) for e in record.events):
            return None
    return best


def threat_coded_as_occurred(record) -> int:
    """Events told in the "probable threat" sentence coded as having happened."""
    text = record.article.text
    at = text.find("probable threat")
    return sum(1 for e in record.events if e.evidence.start <= at < e.evidence.end
               and e.status in ("occurred", "ongoing") and e.type == "ASSAULT") if at >= 0 else 0


def dated_by_publication(record) -> int:
    return sum(1 for e in record.events if e.when and e.when.start == PUBLISHED and not e.when.text)


def reference_rows(record) -> list[Row]:
    found = {x.name: find(record, x) for x in EXPECTED}
    n = len(EXPECTED)
    hits = [(x, e) for x, e in ((x, found[x.name]) for x in EXPECTED) if e is not None]
    places = sum(place_right(record, e, x) for x, e in hits)
    dates = sum(date_right(e, x) for x, e in hits)
    return [
        Row("reference article: expected events found (type, status, actors)", "wirecoder", None, n,
            value=len(hits), key="events.reference_found"),
        Row("reference article: ... of them at the right place", "wirecoder", None, n, value=places,
            key="events.reference_places"),
        Row("reference article: ... of them with the right date (needs times)", "wirecoder", None, n,
            value=dates, key="events.reference_dates"),
        Row("reference article: events predicted per expected event", "wirecoder", None, n,
            value=len(record.events) / n),
        Row("reference article: threatened dam attack coded as occurred (lower is better)", "wirecoder",
            None, 1, value=threat_coded_as_occurred(record), key="events.reference_threat_as_occurred",
            lower_is_better=True),
        Row("reference article: events dated by the publication date (lower is better)", "wirecoder", None,
            len(record.events), value=dated_by_publication(record), key="events.reference_pubdate_dated",
            lower_is_better=True),
    ]
