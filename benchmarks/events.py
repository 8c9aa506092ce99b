"""Event coding accuracy: PLOVER gold records, CASE 2021 task 2, ACLED 2016 notes,
CIR Ukraine incidents and the reference article.

What each figure depends on: event type, actors, status, fatalities and counts
come from the events and quantities stages; event dates from the times stage
(layers.times), locations within 25 km from the places stage (entity.geo).

ACLED 2016 notes carry no publication date. They are extracted with one fixed
anchor for every note, 2016-06-01 (after the last event of the release: what a
user of an archive knows, when it was collected), which tells the date resolver
the year and nothing about the day; nothing derived from a note's gold date is
used. The event date is scored only on notes that state a day and month (the
eval's own regex, independent of the system), and the rate of dated events
among notes that state no date is reported beside it. `make eval` reads every
2nd note; the other half (``python -m benchmarks.events_halves``)
checks that what was tuned on one half holds on the other.

CIR titles open with the incident's date stamp, which is the gold date column:
it is cut off, and the titles are extracted with no publication date.
"""

from __future__ import annotations

import math

from wirecoder.readers import make_article
from wirecoder.export.plover_context import contexts as plover_contexts
from wirecoder.stages.events.plover import plover_type

from .datasets import seed_path
from .events_data import (acled_2016_types, acled_notes, case_labels, case_snippets, cir_incidents,
                          has_explicit_date, plover_records)
from .events_reference import reference_rows
from .scoring import PRF, Row

ACLED_ANCHOR = "2016-06-01"
ACLED_EVERY, CIR_EVERY = 2, 5  # every 2nd note, every 5th incident: the suite stays fast
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def records(pipeline, texts: list[str], published=None, prefix="eval"):
    articles = [make_article(text, f"{prefix}:{i}", published=published) for i, text in enumerate(texts)]
    return [result.record for result in pipeline.pipe(articles)]


def primary(record, with_acled: bool = False, lead: bool = False):
    """The event a one-event text is about: the most confident (earliest on ties);
    with ``lead``, one told in the text's first sentence if there is one (a note
    opens with its event and adds consequences after it)."""
    events = [e for e in (record.events if record else []) if e.acled or not with_acled]
    if lead and events:
        first = min(e.evidence.start for e in events)
        events = [e for e in events if e.evidence.start == first]
    return max(events, key=lambda e: (e.confidence, -e.evidence.start)) if events else None


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def coords(record, entity_id):
    """The event place's coordinates: its geo from the places stage."""
    entity = record.entity(entity_id) if entity_id else None
    return (entity.geo.lat, entity.geo.lon) if entity is not None and entity.geo is not None else None


def reliability_rows(task: str, pairs: list[tuple[float, bool]]) -> list[Row]:
    """Confidence bins vs the share of right answers in them."""
    rows = []
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [ok for c, ok in pairs if lo <= c < hi]
        if inside:
            rows.append(Row(f"{task}: confidence {lo:.1f}-{min(hi, 1.0):.1f} (value = share right)",
                            "wirecoder", None, len(inside), value=sum(inside) / len(inside)))
    if pairs:
        ece = sum(abs(sum(ok for c, ok in pairs if lo <= c < hi) - sum(c for c, ok in pairs if lo <= c < hi))
                  for lo, hi in zip(BINS, BINS[1:])) / len(pairs)
        rows.append(Row(f"{task}: expected calibration error (lower is better)", "wirecoder", None,
                        len(pairs), value=ece, key=f"events.{task}_ece", lower_is_better=True))
    return rows


# -- PLOVER ------------------------------------------------------------------------
def _code_matches(record, entity_ids, gold_codes) -> bool:
    for entity_id in entity_ids[:1]:
        entity = record.entity(entity_id)
        if entity is not None and (entity.country in gold_codes or (entity.sector or "")[:3] in gold_codes):
            return True
    return False


def plover(pipeline) -> list[Row]:
    gold = plover_records()
    recs = records(pipeline, [g.text for g in gold], prefix="plover")
    right, raw, src, tgt, n_src, n_tgt, pairs = 0, 0, 0, 0, 0, 0, []
    events = 0
    for g, r in zip(gold, recs):
        events += len(r.events) if r else 0
        event = primary(r)
        right += event is not None and plover_type(event.type, event.status) == g.type
        raw += event is not None and event.type == g.type
        # confidence is the chance that an event is the sentence's coded event, of its type
        pairs += [(e.confidence, plover_type(e.type, e.status) == g.type) for e in (r.events if r else [])]
        if g.source_codes:
            n_src += 1
            src += bool(event) and _code_matches(r, event.source_actors, g.source_codes)
        if g.target_codes:
            n_tgt += 1
            tgt += bool(event) and _code_matches(r, event.target_actors, g.target_codes)
    n = len(gold)
    rows = [
        Row("PLOVER gold records: event type accuracy (PLOVER view: announced acts as AGREE/THREATEN)",
            "wirecoder", None, n, value=right / n, key="events.plover_type_accuracy"),
        Row("PLOVER gold records: event type accuracy, record types as they are", "wirecoder", None, n,
            value=raw / n),
        Row("PLOVER: first source actor's country code is gold's", "wirecoder", None, n_src,
            value=src / max(n_src, 1), key="events.plover_source_code_accuracy"),
        Row("PLOVER: first target actor's country code is gold's", "wirecoder", None, n_tgt,
            value=tgt / max(n_tgt, 1), key="events.plover_target_code_accuracy"),
        Row("PLOVER: events predicted per gold event (1 gold per record)", "wirecoder", None, n,
            value=events / n),
    ]
    return rows + context_rows(gold, recs) + reliability_rows("plover_type", pairs)


def _entities(record, ids) -> list:
    return [e for i in ids if (e := record.entity(i)) is not None]


def context_rows(gold, recs) -> list[Row]:
    """PLOVER ``context`` of the sentence's main event (plover_context.py) against the gold labels."""
    n = hit = empty = 0
    precision = 0.0
    for g, r in zip(gold, recs):
        event = primary(r)
        if not g.contexts or event is None:
            continue
        found = set(plover_contexts(event.type, event.mode, _entities(r, event.source_actors),
                                    _entities(r, event.target_actors),
                                    r.article.text[event.evidence.start:event.evidence.end]))
        n += 1
        empty += not found
        hit += bool(found & g.contexts)
        precision += len(found & g.contexts) / len(found) if found else 0.0
    return [
        Row("PLOVER context: gold label among the main event's contexts", "wirecoder", None, n,
            value=hit / max(n, 1), key="events.plover_context_hit"),
        Row("PLOVER context: share of the main event's context labels that are gold's", "wirecoder", None,
            n - empty, value=precision / max(n - empty, 1)),
        Row("PLOVER context: main events with no context (lower is better)", "wirecoder", None, n,
            value=empty / max(n, 1), lower_is_better=True),
    ]


# -- CASE 2021 ----------------------------------------------------------------------
def case_prediction(record, labels) -> str:
    by_sub = {sub: label for label, (sub, _) in labels.items() if sub}
    event = primary(record, with_acled=True)
    if event is not None and event.acled.sub_event_type in by_sub:
        if event.status == "claimed":
            return "ATTRIB"
        return by_sub[event.acled.sub_event_type]
    event = primary(record)
    if event is None:
        return "NONE"
    if event.status == "claimed":
        return "ATTRIB"
    diplo = labels.get("DIPLO", (None, frozenset()))[1]
    return "DIPLO" if event.type in diplo else "NONE"


def case2021(pipeline) -> list[Row]:
    snippets = case_snippets()
    labels = case_labels()
    scored = [label for label, (sub, plover_types) in labels.items() if sub or plover_types or label == "ATTRIB"]
    recs = records(pipeline, [s.text for s in snippets], prefix="case")
    per_label = {label: PRF() for label in scored}
    right, pairs = 0, []
    for s, r in zip(snippets, recs):
        predicted = case_prediction(r, labels)
        right += predicted == s.label
        if predicted in per_label:
            per_label[predicted].add(tp=int(predicted == s.label), fp=int(predicted != s.label))
        if s.label in per_label and predicted != s.label:
            per_label[s.label].add(fn=1)
        allowed = labels.get(s.label, (None, frozenset()))[1]
        if s.label not in ("ATTRIB", "OTHER"):  # as in calibrate_events: any type may be right there
            pairs += [(e.confidence, e.type in allowed) for e in (r.events if r else [])]
    macro = sum(p.f1 for p in per_label.values()) / len(per_label)
    return [
        Row(f"CASE 2021 task 2: macro F1 over {len(scored)} mapped labels", "wirecoder", None, len(snippets),
            value=macro, key="events.case2021_macro_f1"),
        Row("CASE 2021 task 2: accuracy, all 30 labels (3 unmappable)", "wirecoder", None, len(snippets),
            value=right / len(snippets), key="events.case2021_accuracy"),
    ] + reliability_rows("case2021_type", pairs)


# -- ACLED 2016 ---------------------------------------------------------------------
def old_acled_type(event, table) -> str | None:
    if event is None or event.acled is None:
        return None
    for event_type, sub, old in table:
        if event.acled.event_type == event_type and (not sub or sub == event.acled.sub_event_type):
            return old
    return None


def acled2016(pipeline, offset: int = 0) -> list[Row]:
    """``offset`` 0 reads the notes ``make eval`` uses, 1 the other half."""
    notes = acled_notes(every=ACLED_EVERY, offset=offset)
    table = acled_2016_types()
    recs = records(pipeline, [n.notes for n in notes], published=ACLED_ANCHOR, prefix="acled")
    explicit = dated_right = undated_notes = dated_anyway = 0
    loc_right = fat_right = type_right = 0
    for note, r in zip(notes, recs):
        events = [e for e in (r.events if r else [])]
        main = primary(r, with_acled=True, lead=True) or primary(r)
        if has_explicit_date(note.notes):
            explicit += 1
            dated_right += bool(main and main.when and main.when.start == note.date.isoformat())
        else:
            undated_notes += 1
            dated_anyway += bool(main and main.when and main.when.start)
        point = coords(r, main.location) if main else None
        loc_right += point is not None and km(point[0], point[1], note.lat, note.lon) <= 25
        deaths = max((e.fatalities for e in events if e.fatalities is not None
                      and e.status in ("occurred", "ongoing", "claimed")), default=0)
        fat_right += deaths == note.fatalities
        type_right += old_acled_type(main, table) == note.type
    n = len(notes)
    return [
        Row(f"ACLED 2016 notes with a stated day+month: event date exact (anchor {ACLED_ANCHOR}; needs times)",
            "wirecoder", None, explicit, value=dated_right / max(explicit, 1), key="events.acled_date_exact"),
        Row("ACLED 2016 notes stating no date: share given a date anyway (lower is better)", "wirecoder", None,
            undated_notes, value=dated_anyway / max(undated_notes, 1)),
        Row("ACLED 2016: location within 25 km (needs places: entity.geo)", "wirecoder", None, n,
            value=loc_right / n, key="events.acled_location_25km"),
        Row("ACLED 2016: fatalities exact (not stated = 0, ACLED's convention)", "wirecoder", None, n,
            value=fat_right / n, key="events.acled_fatalities_exact"),
        Row("ACLED 2016: event type (2016 taxonomy) of the main event", "wirecoder", None, n,
            value=type_right / n, key="events.acled_type_accuracy"),
    ]


# -- CIR Ukraine 2022 ---------------------------------------------------------------
def cir(pipeline) -> list[Row]:
    """Incident titles without their date stamp (the date column itself) and with no
    publication date (the column is when the footage was first seen, not a report's
    date). A date is scored only where the title states a day and month; a place
    within 25 km over all incidents and over those whose title names their town."""
    incidents = cir_incidents(every=CIR_EVERY)
    recs = records(pipeline, [i.text for i in incidents], prefix="cir")
    coded = explicit = dated = undated = dated_anyway = located = named = located_named = 0
    for incident, r in zip(incidents, recs):
        main = primary(r)
        coded += main is not None
        when = main.when.start if main and main.when else None
        if has_explicit_date(incident.text):
            explicit += 1
            dated += when == incident.date.isoformat()
        else:
            undated += 1
            dated_anyway += when is not None
        point = coords(r, main.location) if main else None
        good = point is not None and km(point[0], point[1], incident.lat, incident.lon) <= 25
        located += good
        if incident.town and incident.town.lower() in incident.text.lower():
            named += 1
            located_named += good
    n = len(incidents)
    return [
        Row("CIR Ukraine 2022 incident titles: an event coded", "wirecoder", None, n, value=coded / n,
            key="events.cir_coded"),
        Row("CIR: event date exact, of titles stating a day and month (no publication date)", "wirecoder",
            None, explicit, value=dated / max(explicit, 1)),
        Row("CIR: titles stating no date given a date anyway (lower is better)", "wirecoder", None, undated,
            value=dated_anyway / max(undated, 1)),
        Row("CIR: location within 25 km, of all incidents (many titles name no place)", "wirecoder", None, n,
            value=located / n, key="events.cir_location_25km"),
        Row("CIR: location within 25 km, of incidents whose title names their town", "wirecoder", None, named,
            value=located_named / max(named, 1), key="events.cir_named_location_25km"),
    ]


def reference(pipeline) -> list[Row]:
    text = seed_path().read_text(encoding="utf-8")
    record = records(pipeline, [text], published="2025-12-07", prefix="reference")[0]
    return reference_rows(record)


TASKS = {"reference": reference, "plover": plover, "case2021": case2021, "acled2016": acled2016, "cir": cir}
