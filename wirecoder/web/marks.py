"""The article view's highlights: every extraction of a record as a span of its text, explained.

A record's layers overlap (a quote holds a speaker's mention and an event's
trigger), so the text is cut at every span boundary into segments, each
carrying the ids of the extractions that cover it; clicking a segment shows
their explanations, innermost first. Offsets are the record's own (code
points into ``article.text``). An event is marked on its trigger word: the
record keeps the trigger's text and its evidence sentence, so the mark is the
first whole-word occurrence of the trigger inside that sentence (the whole
sentence when the word cannot be found there).

Nothing here builds HTML from text: segments are plain strings, escaped by
the template, and explanations are JSON read by the page's script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..record import Entity, Event, Record

LAYERS = {  # layer -> (label shown in the legend, what decided it)
    "actor": ("actors", "actors stage: spaCy en_core_web_sm entities, names resolved across mentions "
              "and pronouns (wirecoder.stages.actors)"),
    "place": ("places", "places stage: place names looked up in the bundled GeoNames gazetteer, "
              "namesakes ranked by the article's context (wirecoder.stages.places)"),
    "date": ("dates", "times stage: rules over the text, resolved against the publication date with the "
             "clause's tense (wirecoder.stages.times)"),
    "quantity": ("quantities", "quantities stage: number rules and what the number counts "
                 "(wirecoder.stages.quantities)"),
    "quote": ("quotes", "quotes stage: quote marks and cue verbs, speaker found through the parse and "
              "pronouns (wirecoder.stages.quotes)"),
    "event": ("event triggers", "events stage: a trigger word from the PLOVER lexicon, its clause's "
              "arguments, status rules and a calibrated confidence (wirecoder.stages.events)"),
}
PLACE_KINDS = ("place", "facility")


@dataclass(frozen=True)
class Segment:
    text: str
    ids: tuple[str, ...] = ()  # the extractions covering it, innermost first
    layers: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()  # extractions starting here: the page's #x-ID anchors


@dataclass
class Marked:
    segments: list[Segment]
    explanations: dict[str, dict] = field(default_factory=dict)  # id -> what the page shows on click


def marked(record: Record) -> Marked:
    """The record's text cut into highlighted segments, with an explanation per extraction."""
    text = record.article.text
    spans: list[tuple[int, int, str, str]] = []  # (start, end, layer, id)
    explanations: dict[str, dict] = {}
    for entity in record.entities:
        layer = "place" if entity.kind in PLACE_KINDS or entity.geo else "actor"
        explanations[entity.id] = _entity(entity, layer, text)
        spans += [(m.start, m.end, layer, entity.id) for m in entity.mentions]
    for quote in record.quotes:
        speaker = record.entity(quote.speaker) if quote.speaker else None
        explanations[quote.id] = _explained("quote", f"{quote.kind} quote", text, quote.start, quote.end,
                                            quote.confidence, {
            "speaker": speaker.name if speaker else None, "speaker as written": quote.speaker_text,
            "cue": quote.cue, "channel": quote.channel, "said on": quote.date},
            f"cue verb {quote.cue!r}" if quote.cue else None)
        spans.append((quote.start, quote.end, "quote", quote.id))
    for time in record.times:
        explanations[time.id] = _explained("date", time.kind, text, time.start, time.end, None, {
            "value": time.value, "from": time.start_date, "to": time.end_date, "precision": time.precision,
            "resolved against": time.anchor, "why no value": time.reason})
        spans.append((time.start, time.end, "date", time.id))
    for n in record.quantities:
        explanations[n.id] = _explained("quantity", "quantity", text, n.start, n.end, None, {
            "value": n.value, "approximate": n.approx, "unit": n.unit, "counts": n.counted, "period": n.period})
        spans.append((n.start, n.end, "quantity", n.id))
    for event in record.events:
        start, end = trigger_span(text, event)
        explanations[event.id] = _event(record, event)
        spans.append((start, end, "event", event.id))
    spans = [s for s in spans if 0 <= s[0] < s[1] <= len(text)]  # a broken offset marks nothing
    return Marked(_segments(text, spans), explanations)


def trigger_span(text: str, event: Event) -> tuple[int, int]:
    """Where the event's trigger word is: its first whole-word occurrence in the evidence sentence."""
    start, end, word = event.evidence.start, event.evidence.end, event.evidence.trigger
    if word:
        found = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text[start:end], re.IGNORECASE)
        if found:
            return start + found.start(), start + found.end()
    return start, end


def _segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    starts: dict[int, list[str]] = {}
    seen: set[str] = set()
    for s, _, _, ident in sorted(spans):
        if ident not in seen:
            seen.add(ident)
            starts.setdefault(s, []).append(ident)
    segments = []
    for left, right in zip(cuts, cuts[1:]):
        covering = sorted((e - s, ident, layer) for s, e, layer, ident in spans if s <= left and right <= e)
        ids = tuple(dict.fromkeys(ident for _, ident, _ in covering))
        layers = tuple(dict.fromkeys(layer for _, _, layer in covering))
        segments.append(Segment(text[left:right], ids, layers, tuple(starts.get(left, ()))))
    return segments


def _explained(layer: str, what: str, text: str, start: int, end: int, confidence: float | None,
               facts: dict, rule: str | None = None) -> dict:
    """What the page shows for one extraction; ``text[start:end]`` is its evidence."""
    decided = LAYERS[layer][1] + (f"; {rule}" if rule else "")
    return {"layer": layer, "what": what, "evidence": text[start:end], "start": start, "end": end,
            "confidence": confidence, "decided_by": decided,
            "facts": {k: v for k, v in facts.items() if v not in (None, "", [], ())}}


def _entity(entity: Entity, layer: str, text: str) -> dict:
    first = entity.mentions[0] if entity.mentions else None
    roles = "; ".join(f"{r.title}" + (f" of {r.of}" if r.of else "") + f" (from the {r.source})"
                      for r in entity.roles)
    facts = {"name": entity.name, "kind": entity.kind, "country": entity.country, "sector": entity.sector,
             "roles": roles, "mentions": ", ".join(dict.fromkeys(m.text for m in entity.mentions))}
    rule = None
    if entity.geo:
        g = entity.geo
        facts.update({"gazetteer name": g.name, "latitude, longitude": f"{g.lat:.4f}, {g.lon:.4f}",
                      "province": g.admin1, "precision": g.precision, "geonameid": g.geonameid})
        rule = f"GeoNames {g.geonameid}" if g.geonameid else "gazetteer entry without an id"
    if entity.kb:
        facts["knowledge base"] = f"{entity.kb.source}: {entity.kb.id}"
        rule = f"linked to {entity.kb.source}"
    start, end = (first.start, first.end) if first else (0, 0)
    return _explained(layer, entity.kind, text, start, end, None, facts, rule)


def _names(record: Record, ids: list[str]) -> str:
    return ", ".join(e.name if (e := record.entity(i)) else i for i in ids)


def _event(record: Record, event: Event) -> dict:
    text = record.article.text
    when = event.when
    reporter = None
    if event.reported_by:
        quote = next((q for q in record.quotes if q.id == event.reported_by), None)
        entity = record.entity(event.reported_by)
        reporter = (quote.speaker_text or f"quote {quote.id}") if quote else entity.name if entity else None
    place = record.entity(event.location) if event.location else None
    facts = {
        "type": event.type + (f"/{event.mode}" if event.mode else ""),
        "ACLED": " / ".join(filter(None, (event.acled.event_type, event.acled.sub_event_type)))
        if event.acled else None,
        "status": event.status, "by": _names(record, event.source_actors),
        "against": _names(record, event.target_actors), "where": place.name if place else None,
        "when": (when.start if when.end in (None, when.start) else f"{when.start}/{when.end}") if when else None,
        "date precision": when.precision if when and when.start else None,
        "date read from": (when.basis.text if when.basis else when.text) if when else None,
        "date inferred from the narrative": True if when and when.inferred else None,
        "counts": "; ".join(f"{c.value:g} {c.unit or ''}".strip() for c in event.counts),
        "fatalities": event.fatalities, "injured": event.injured, "reported by": reporter,
        "channel": event.channel, "trigger": event.evidence.trigger,
        "filled from the rest of the article": ", ".join(event.inferred),
        "background (history or habit)": True if event.background else None,
    }
    return _explained("event", facts["type"], text, event.evidence.start, event.evidence.end, event.confidence, facts,
                      f"trigger {event.evidence.trigger!r}")
