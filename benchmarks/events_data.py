"""Readers for the event-coding benchmark sets (read from $WIRECODER_SHARED, never copied).

Each reader returns plain records; label mappings between the datasets'
taxonomies and wirecoder's are data files in wirecoder/data/events/.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from wirecoder.stages.events.lexicon import EVENTS_DIR, read_rows

from .datasets import dataset_dir


@dataclass(frozen=True)
class PloverRecord:
    id: str
    text: str
    type: str  # in the current 16-type set
    source_codes: tuple[str, ...]
    target_codes: tuple[str, ...]
    contexts: frozenset[str] = frozenset()  # the gold `context` labels ("refugees" read as "refugee")


@dataclass(frozen=True)
class CaseSnippet:
    id: str
    text: str
    label: str


@dataclass(frozen=True)
class AcledNote:
    id: str
    notes: str
    date: date
    lat: float
    lon: float
    fatalities: int
    type: str
    country: str


@dataclass(frozen=True)
class CirIncident:
    id: str
    text: str  # the title without its leading date stamp
    date: date
    lat: float
    lon: float
    country: str
    town: str


@lru_cache(maxsize=1)
def plover_versions() -> dict[str, str]:
    return {row["old"]: row["current"] for row in read_rows(EVENTS_DIR / "plover_versions.csv")}


def _codes(actors) -> tuple[str, ...]:
    if not isinstance(actors, list):
        return ()
    return tuple(a.get("code", "") for a in actors if isinstance(a, dict) and a.get("code"))


def plover_records() -> list[PloverRecord]:
    """PLOVER gold records with a sentence, their types in the current PLOVER set."""
    raw = json.loads((dataset_dir("plover_gsr") / "records.json").read_text(encoding="utf-8"))
    versions = plover_versions()
    out = []
    for row in raw:
        if not row.get("text") or row.get("event") == "DOCUMENT":
            continue
        out.append(PloverRecord(row["id"], row["text"], versions.get(row["event"], row["event"]),
                                _codes(row.get("source")), _codes(row.get("target")),
                                _contexts(row.get("context"))))
    return out


def _contexts(value) -> frozenset[str]:
    words = (w.strip().lower() for w in (value if isinstance(value, str) else "").split(","))
    return frozenset("refugee" if w == "refugees" else w for w in words if w and w != "unknown")


def case_snippets() -> list[CaseSnippet]:
    path = dataset_dir("case2021_task2") / "snippets.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [CaseSnippet(r["id"], r["EventSnippet"], r["SubType"]) for r in rows if r.get("EventSnippet")]


def case_labels() -> dict[str, tuple[str | None, frozenset[str]]]:
    """CASE label -> (ACLED sub-event type, PLOVER types that count for it)."""
    return {row["label"]: (row["acled_sub_event_type"] or None,
                           frozenset(t for t in row["plover"].split("|") if t))
            for row in read_rows(EVENTS_DIR / "case2021_labels.csv")}


def acled_notes(every: int = 1, offset: int = 0) -> list[AcledNote]:
    path = dataset_dir("acled_africa_2016") / "events.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for n, row in enumerate(rows):
        if n % every != offset or not row.get("NOTES", "").strip():
            continue
        out.append(AcledNote(row["EVENT_ID_CNTY"], row["NOTES"].strip(),
                             datetime.strptime(row["EVENT_DATE"], "%d/%m/%Y").date(),
                             float(row["LATITUDE"]), float(row["LONGITUDE"]),
                             int(row["FATALITIES"] or 0), row["EVENT_TYPE"], row["COUNTRY"]))
    return out


def acled_2016_types() -> list[tuple[str, str, str]]:
    return [(row["event_type"], row["sub_event_type"], row["type_2016"])
            for row in read_rows(EVENTS_DIR / "acled_2016_types.csv")]


def cir_incidents(every: int = 1) -> list[CirIncident]:
    path = dataset_dir("cir_ukraine_events_2022") / "events.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for n, row in enumerate(rows):
        if n % every or not row.get("title") or not row.get("lat") or not row.get("date"):
            continue
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
            when = date.fromisoformat(row["date"][:10])
        except ValueError:
            continue
        text = DATE_STAMP.sub("", row["title"].strip(), count=1)
        if text:
            out.append(CirIncident(row["entry"], text, when, lat, lon, row["country"],
                                   (row.get("town/city") or "").strip()))
    return out


# CIR titles open with the incident's date ("25/06/2022 Russian strike on ..."), which is
# the date column itself, written by the analysts: it is cut off before extraction.
DATE_STAMP = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}\s*")


# An explicit calendar date in a note: "14 May", "May 14", "13/03", "on 22 - 25 May".
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
EXPLICIT_DATE = re.compile(
    rf"\b(\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?({_MONTHS})\b|\b({_MONTHS})\.?\s+\d{{1,2}}\b|\b\d{{1,2}}/\d{{1,2}}\b)",
    re.IGNORECASE)


def has_explicit_date(text: str) -> bool:
    """Whether a text states a day and month (the eval's own test, independent of the system)."""
    return bool(EXPLICIT_DATE.search(text))
