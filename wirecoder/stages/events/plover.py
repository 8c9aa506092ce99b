"""The PLOVER view of a wirecoder event: PLOVER codes intentions, not plans.

wirecoder types an event by the act it names and says in ``status`` whether
it happened ("will visit" is CONSULT, planned). PLOVER instead codes the
statement of intent: an announced cooperative act is AGREE, an announced
hostile one THREATEN (plover_types.csv). Exports and the PLOVER benchmark use
this view; the record keeps the act.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import EVENTS_DIR, read_rows


@lru_cache(maxsize=1)
def plover_types() -> dict[str, tuple[str, str]]:
    """type -> (quad category, the type PLOVER gives an announced act of it)."""
    return {row["type"]: (row["quad"], row["intent_as"]) for row in read_rows(EVENTS_DIR / "plover_types.csv")}


def is_cooperative(event_type: str) -> bool:
    return plover_types().get(event_type, ("", ""))[0].endswith("cooperation")


def plover_type(event_type: str, status: str) -> str:
    """The type PLOVER would code: a planned act becomes its intent type."""
    if status != "planned":
        return event_type
    return plover_types().get(event_type, ("", event_type))[1]
