"""PLOVER's ``context``: the topics an event touches ("military", "legal, refugee").

The PLOVER gold-standard records label each event with one or more contexts.
wirecoder derives them from what the record holds, in this order, and writes
none where nothing supports one:

1. the event type (an ASSAULT is military, a SANCTION economic) and its mode
   (an arrest is legal, a chemical attack cbrn) -- ``context_by_type`` and
   ``context_by_mode`` in data/export/plover.json;
2. the sectors of its actors (an army is military, a court legal):
   ``context_by_sector``;
3. states on both sides, of different countries: an act between governments is
   diplomatic (``interstate_context``);
4. cue words in the event's sentence (data/export/plover_context_cues.csv):
   "prosecuted", "justice minister" (legal), "refugee camp" (refugee),
   "summit" (diplomatic). They add a context the structure above did not give;
   each cue is a topical word, never one that any news sentence holds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Protocol

from ..datafiles import read_rows
from ..settings import DATA_DIR

STATE_SECTORS = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "SPY"})


class Actor(Protocol):
    kind: str
    country: str | None
    sector: str | None


@lru_cache(maxsize=1)
def tables() -> dict:
    with open(DATA_DIR / "export" / "plover.json", encoding="utf-8") as handle:
        return json.load(handle)


def _pattern(cue: str) -> str:
    words = re.escape(cue.rstrip("*")).replace(r"\ ", r"\s+")
    return words + (r"\w*" if cue.endswith("*") else r"(?:s|es)?\b")


@lru_cache(maxsize=1)
def cues() -> tuple[tuple[str, re.Pattern], ...]:
    """(context, one pattern of all its cue words), in the file's order of contexts."""
    by_context: dict[str, list[str]] = {}
    for row in read_rows(DATA_DIR / "export" / "plover_context_cues.csv"):
        by_context.setdefault(row["context"], []).append(_pattern(row["cue"].strip().lower()))
    return tuple((context, re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE))
                 for context, parts in by_context.items())


def _state(actor: Actor) -> str | None:
    """The country of an actor that is a state or acts for one, else None."""
    if actor.kind == "country" or (actor.sector or "") in STATE_SECTORS:
        return actor.country
    return None


def cue_contexts(text: str) -> list[str]:
    """The contexts whose cue words the text holds."""
    return [context for context, pattern in cues() if pattern.search(text or "")]


def contexts(event_type: str, mode: str | None, sources: Sequence[Actor], targets: Sequence[Actor],
             text: str) -> list[str]:
    """The event's contexts, without repeats, most structural first (see the module's doc)."""
    table = tables()
    found: list[str | None] = [table["context_by_type"].get(event_type),
                               table["context_by_mode"].get(mode or "")]
    found += [table["context_by_sector"].get(a.sector or "") for a in (*sources, *targets)]
    source_states = {c for a in sources if (c := _state(a))}
    target_states = {c for a in targets if (c := _state(a))}
    if source_states and target_states and source_states.isdisjoint(target_states):
        found.append(table["interstate_context"])
    found += cue_contexts(text)
    return _unique(found)


def _unique(found: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(c for c in found if c))
