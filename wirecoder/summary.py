"""A short human-readable summary of a record (for `wirecoder demo`)."""

from __future__ import annotations

from .record import Record

KIND_ORDER = ("person", "organization", "group", "country", "place", "facility", "media", "platform")
PLURAL = {"country": "countries", "facility": "facilities"}


def summarise(record: Record) -> str:
    a = record.article
    lines = [f"== {a.title or a.id}  (published {a.published or 'unknown'})"]
    for warning in a.warnings:
        lines.append(f"  ! {warning}")
    for kind in KIND_ORDER:
        items = [e for e in record.entities if e.kind == kind]
        if not items:
            continue
        lines.append(f"  {PLURAL.get(kind, kind + 's')} ({len(items)}):")
        for entity in items:
            detail = []
            if entity.country:
                detail.append(entity.country)
            for role in entity.roles[:2]:
                detail.append(f"{role.title}" + (f" of {role.of}" if role.of else "")
                              + (" [kb]" if role.source == "kb" else ""))
            if entity.geo:
                detail.append(f"{entity.geo.lat:.3f},{entity.geo.lon:.3f} ({entity.geo.precision})")
            lines.append(f"    - {entity.name}" + (f"  ({'; '.join(detail)})" if detail else "")
                         + f"  x{len(entity.mentions)}")
    names = {e.id: e.name for e in record.entities}
    if record.quotes:
        lines.append(f"  quotes ({len(record.quotes)}):")
        for quote in record.quotes[:6]:
            where = ", ".join(x for x in (quote.channel, quote.date) if x)
            lines.append(f"    - {names.get(quote.speaker, quote.speaker_text or '?')} {quote.cue or ''}"
                         + (f" ({where})" if where else "") + f": {_short(quote.text)}")
    if record.events:
        lines.append(f"  events ({len(record.events)}):")
        for event in record.events[:10]:
            who = ", ".join(names.get(a, a) for a in event.source_actors) or "?"
            if "source_actors" in event.inferred:
                who += " (inferred)"
            whom = ", ".join(names.get(a, a) for a in event.target_actors)
            if whom and "target_actors" in event.inferred:
                whom += " (inferred)"
            place = names.get(event.location, "") if event.location else ""
            notes = [x for x in (event.channel, "background" if event.background else None) if x]
            lines.append(f"    - {event.type}{'/' + event.mode if event.mode else ''} [{event.status}] {who}"
                         + (f" -> {whom}" if whom else "") + (f" @ {place}" if place else "")
                         + f" ({_when(event.when)})"
                         + (f", {event.fatalities} killed" if event.fatalities is not None else "")
                         + (f" [{', '.join(notes)}]" if notes else ""))
    for label, items in (("times", record.times), ("quantities", record.quantities)):
        if items:
            lines.append(f"  {label}: {len(items)}")
    return "\n".join(lines)


def _when(when) -> str:
    """ "2025-10-02", "2025-11-12..2025-11-18, inferred" (a window read from the narrative)."""
    if when is None or not when.start:
        return "undated"
    text = when.start if not when.end or when.end == when.start else f"{when.start}..{when.end}"
    return text + (", inferred" if when.inferred else "")


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"
