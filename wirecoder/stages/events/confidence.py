"""Calibrated confidence: the probability that an event's type is right.

A logistic model over a few descriptive features of the event (the trigger
sense's prior, whether the parse found its participants, whether a status cue
or a weapon was read, how many mentions were merged, how crowded its sentence
is). Its coefficients are a data file (calibration.json) fitted by
``python -m benchmarks.calibrate_events`` on the public dev data, with the
fitting method and the cross-validated reliability table recorded there: one
model for notes, snippets and single sentences, one for whole articles (fitted
on the hand-coded dev articles).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

from ...errors import E, SetupError
from .items import EventItem
from .lexicon import EVENTS_DIR

CALIBRATION = EVENTS_DIR / "calibration.json"


def features(event: EventItem, crowd: int) -> dict[str, float]:
    """What the model sees of one event (crowd: events coded in the same sentence)."""
    weight = min(max(event.weight, 0.02), 0.98)
    # an event also told as unreal elsewhere ("the talks ... the talks will not resume") is read
    # as so told: a type whose mentions disagree on whether it happened is less often right
    status, cue = event.told_unreal or (event.status, event.status_cue)
    return {
        "prior_logit": math.log(weight / (1 - weight)),
        "noun": 1.0 if event.trigger_is_noun else 0.0,
        "has_source": 1.0 if event.source_actors and "source_actors" not in event.inferred else 0.0,
        "has_target": 1.0 if event.target_actors else 0.0,
        # the cue of an event named only to date another ("after the talks") says nothing of its type
        "status_cue": 1.0 if cue and not event.background else 0.0,
        "has_location": 1.0 if event.location else 0.0,
        "has_acled": 1.0 if event.acled else 0.0,
        "merged": min(event.merged, 3) / 3,
        "crowd": min(crowd - 1, 4) / 4,
        "depth": min(event.depth, 4) / 4,
        "main_clause": 1.0 if event.depth == 0 else 0.0,
        "planned": 1.0 if status == "planned" else 0.0,
        "hypothetical": 1.0 if status in ("hypothetical", "claimed") else 0.0,
        "negated": 1.0 if status in ("negated", "denied") else 0.0,
    }


@lru_cache(maxsize=1)
def _calibration() -> tuple[dict, dict | None, int]:
    try:
        data = json.loads(CALIBRATION.read_text(encoding="utf-8"))
        short = {"intercept": float(data["intercept"]), "coefficients": dict(data["coefficients"])}
        articles = data.get("articles")
        long = {"intercept": float(articles["intercept"]), "coefficients": dict(articles["coefficients"])} \
            if articles else None
        return short, long, int(articles["min_sentences"]) if articles else 0
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise SetupError(E.E021, path=str(CALIBRATION), detail=str(err)) from None


def model(sentences: int = 1) -> dict:
    """The fitted model for an event of a text of ``sentences`` sentences: notes, snippets and
    one-sentence records have one; whole articles (``min_sentences`` and more), where more
    of the events told are background and reactions, have their own when fitted."""
    short, long, min_sentences = _calibration()
    return long if long is not None and sentences >= min_sentences else short


def confidence(values: dict[str, float], fitted: dict | None = None) -> float:
    fitted = fitted or model()
    z = fitted["intercept"] + sum(fitted["coefficients"].get(k, 0.0) * v for k, v in values.items())
    return 1 / (1 + math.exp(-max(min(z, 30), -30)))
