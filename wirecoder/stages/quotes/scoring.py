"""Confidence of a statement: the chance that its speaker is right, from how it was found.

An explicit name at the cue is the surest attribution; a pronoun or a
description the actors stage resolved, and a quote continuing the previous
statement, are nearly as sure; a pronoun or "the company" resolved here by
recency less so; a descriptive speaker ("officials", "the report") often
differs from the name an analyst would record. The figures are the shares of
right speakers per route on the GenderGapTracker dev data, rounded down to
coarse steps (see `make eval`, the quotes calibration rows: the share of right
speakers in each confidence band is close to the band).
"""

from __future__ import annotations

from .items import QuoteItem

BY_SPEAKER = {
    "name": 0.99,
    "nominal": 0.95,
    "pronoun": 0.97,
    "pronoun-guess": 0.95,
    "proxy": 0.8,
    "artifact": 0.65,
    "org-guess": 0.85,
    "narrative": 0.7,
    "descriptive": 0.55,
    "org-open": 0.3,
    "group-open": 0.3,
    "pronoun-open": 0.1,
    "none": 0.05,
}
CONTINUATION = (0.97, 0.95)  # the same paragraph, the next paragraph
BY_KIND = {"direct": 1.0, "partial": 0.98, "indirect": 0.98}


def confidence(item: QuoteItem) -> float:
    how = item.speaker.how
    if how == "continuation":  # never surer than the statement it continues
        base = min(CONTINUATION[min(item.gap, 1)], BY_SPEAKER.get(item.speaker.origin, 1.0))
    else:
        base = BY_SPEAKER[how]
    return round(max(0.05, min(0.99, base * BY_KIND[item.kind])), 2)
