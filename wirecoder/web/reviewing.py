"""What the pages' review controls show: each reviewable field of an event or quote row.

A row from ``store.queries`` is already as reviewed (an analyst's correction
applied, the machine's values of the corrected fields under ``machine``). Each
field becomes a ``Field``: the value shown, the machine's value when a
correction changed it (the page keeps it visible, struck through), and both in
the shape the correction form takes them -- the script sends only the fields
whose value differs from the machine's, so a new correction (which supersedes
the last) keeps the earlier corrected fields. static/wirecoder.js formats the
rows the review API answers the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..store.filters import STATUSES, TYPES
from ..store.queries import EventRow, QuoteRow

__all__ = ["STATUSES", "TYPES", "Field", "event_fields", "quote_fields", "verdict_label"]

ACTOR_SEPARATOR = "; "  # actors in a form field; the script splits on ";"


@dataclass(frozen=True)
class Field:
    name: str  # type, status, date, source_actors, target_actors, place, speaker
    shown: str  # the value listed (as reviewed)
    form: str  # the value as the correction form takes it
    machine_form: str  # the machine's value as the form takes it (what the script compares with)
    machine: str | None = None  # the machine's value as listed, when a correction changed it
    names: tuple[str, ...] = ()  # actors (or the speaker) to link to their pages


def _kind(kind: str, mode: str | None) -> str:
    return kind + (f"/{mode}" if mode else "")


def _window(start: str | None, end: str | None) -> str:
    if not start:
        return ""
    return start + (f"/{end}" if end and end != start else "")


def _names(actors) -> tuple[str, ...]:
    return tuple(a.name if hasattr(a, "name") else a["name"] for a in actors)


def _field(name: str, now: str, was: str | None, names: tuple[str, ...] = (), shown: str | None = None,
           shown_was: str | None = None) -> Field:
    """``now``: the form value listed; ``was``: the machine's, when a correction changed the field."""
    return Field(name, now if shown is None else shown, now, now if was is None else was,
                 None if was is None or was == now else (was if shown_was is None else shown_was), names)


def event_fields(row: EventRow) -> dict[str, Field]:
    """type, status, date, source_actors, target_actors and place of an event row."""
    machine = row.machine or {}
    fields = {}
    was_kind = None
    if "type" in machine or "mode" in machine:
        was_kind = _kind(machine.get("type", row.type), machine["mode"] if "mode" in machine else row.mode)
    fields["type"] = _field("type", _kind(row.type, row.mode), was_kind)
    fields["status"] = _field("status", row.status, machine.get("status"))
    was_date = None
    if "date" in machine:
        date = machine["date"] or {}
        was_date = _window(date.get("start"), date.get("end"))
    now_date = _window(row.when_start, row.when_end)
    fields["date"] = _field("date", now_date, was_date, shown=now_date or "undated",
                            shown_was=was_date or "undated")
    for side in ("source_actors", "target_actors"):
        names = _names(getattr(row, side))
        was = ACTOR_SEPARATOR.join(_names(machine[side])) if side in machine else None
        fields[side] = _field(side, ACTOR_SEPARATOR.join(names), was, names, shown=", ".join(names),
                              shown_was=", ".join(_names(machine[side])) if side in machine else None)
    was_place = (machine["place"] or {}).get("name", "") if "place" in machine else None
    fields["place"] = _field("place", row.location.name if row.location else "", was_place)
    return fields


def quote_fields(row: QuoteRow) -> dict[str, Field]:
    """The speaker of a quote row (its canonical name, else the text that named it)."""
    machine = row.machine or {}
    now = row.speaker or row.speaker_text or ""
    was = ((machine["speaker"] or {}).get("name") or "") if "speaker" in machine else None
    return {"speaker": _field("speaker", now, was, (now,) if row.speaker else (), shown=now or "unknown",
                              shown_was=was or "unknown")}


VERDICT_WORDS = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}


def verdict_label(verdict: str | None, review: dict | None) -> str:
    """'corrected by ana, 2025-03-10T12:00:00+00:00'; '' when nobody reviewed the row."""
    if not verdict:
        return ""
    who = f" by {review['reviewer']}, {review['reviewed_at']}" if review else ""
    return VERDICT_WORDS.get(verdict, verdict) + who
