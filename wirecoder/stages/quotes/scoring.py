"""Confidence of a statement: how its speaker was found, and what kind it is.

An explicit name next to the cue is the surest attribution; a pronoun the
actors stage resolved, a description or a proxy less so; a quote continued
from the paragraph before, or a pronoun resolved here by recency, less still.
Indirect quotes lose a little for their boundaries. The figures are set so
that, on the GenderGapTracker dev data, the share of correct speakers in each
band is close to the band (see `make eval`, quotes calibration rows).
"""

from __future__ import annotations

from .items import QuoteItem

BY_SPEAKER = {
    "name": 0.9,
    "nominal": 0.85,
    "pronoun": 0.85,
    "artifact": 0.75,
    "proxy": 0.7,
    "descriptive": 0.7,
    "pronoun-guess": 0.65,
    "org-guess": 0.65,
    "org-open": 0.5,
    "narrative": 0.6,
    "pronoun-open": 0.4,
    "none": 0.3,
}
CONTINUATION = (0.8, 0.7)  # same paragraph, next paragraph
BY_KIND = {"direct": 1.0, "partial": 0.95, "indirect": 0.9}


def confidence(item: QuoteItem) -> float:
    how = item.speaker.how
    if how == "continuation":
        base = CONTINUATION[min(item.gap, 1)]
    else:
        base = BY_SPEAKER.get(how, 0.5)
    return round(max(0.05, min(0.99, base * BY_KIND[item.kind])), 2)
