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
    for label, items in (("times", record.times), ("quotes", record.quotes),
                         ("quantities", record.quantities), ("events", record.events)):
        if items:
            lines.append(f"  {label}: {len(items)}")
    return "\n".join(lines)
