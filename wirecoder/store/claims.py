"""From a record's event to the ``Claim`` that fusion compares.

Entities are per article ("E3" means nothing across articles), so actors are
compared by a key that is stable across articles: the knowledge-base id when
the entity is linked, the ISO3 code for a country, the GeoNames id for a place,
else its kind and normalised name. An event without a usable date falls back
to the week before publication, marked undated so fusion weighs it lightly;
the publication date is never taken as the event's date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from ..gazetteer.names import normalize
from ..record import Entity, Event, Record, When
from .fusion import Claim, params, shifted


def entity_key(entity: Entity) -> str:
    if entity.kb is not None:
        return f"kb:{entity.kb.source}:{entity.kb.id}"
    if entity.kind == "country" and entity.country:
        return f"country:{entity.country}"
    if entity.geo is not None and entity.geo.geonameid:
        return f"geo:{entity.geo.geonameid}"
    return f"{entity.kind}:{normalize(entity.name)}"


def day(value: str | None, last: bool = False) -> date | None:
    """An ISO date, month (2025-12) or year (2025) -> its first or last day."""
    if not value:
        return None
    text = value.strip()[:10]
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            return date(year, month, calendar.monthrange(year, month)[1] if last else 1)
        if len(text) == 4:
            return date(int(text), 12, 31) if last else date(int(text), 1, 1)
    except ValueError:
        return None
    return None


def when_range(when: When | None) -> tuple[date, date] | None:
    if when is None:
        return None
    start = day(when.start, last=False)
    end = day(when.end, last=True) or day(when.start, last=True)
    if start is None or end is None or end < start:
        return None
    return start, end


def published_date(published: str | None) -> date | None:
    return day(published, last=False) if published else None


def claim_of(record: Record, event: Event) -> Claim:
    entities = {e.id: e for e in record.entities}
    span = when_range(event.when)
    dated = span is not None
    if span is None:
        published = published_date(record.article.published)
        if published is not None:
            span = (shifted(published, -params().published_window_days), published)
    place = entities.get(event.location) if event.location else None
    geo = place.geo if place is not None else None
    actors = [entities[i] for i in (*event.source_actors, *event.target_actors) if i in entities]
    return Claim(
        type=event.type, mode=event.mode,
        start=span[0] if span else None, end=span[1] if span else None, dated=dated,
        lat=geo.lat if geo else None, lon=geo.lon if geo else None,
        precision=geo.precision if geo else ("country" if place is not None and place.country else None),
        place=(geo.name if geo else place.name) if place is not None else None,
        admin1=geo.admin1 if geo else None,
        country=(geo.country if geo and geo.country else place.country) if place is not None else None,
        actors=frozenset(entity_key(e) for e in actors),
        words=sentence_words(record.article.text[event.evidence.start:event.evidence.end]),
        published=published_date(record.article.published),
        article=record.article.id or None,
    )


_WORD = re.compile(r"[^\W\d_]{3,}|\d[\d,.]*")


def sentence_words(text: str) -> frozenset[str]:
    """The words of an evidence sentence, as written (names keep their capitals)."""
    return frozenset(_WORD.findall(text))
