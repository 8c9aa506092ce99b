"""The registry of stages: name -> where its class lives, in pipeline order.

Stages are imported when a pipeline is built, not when this package is
imported. A new stage adds one line here.
"""

from __future__ import annotations

from importlib import import_module

from ..errors import E, WirecoderError
from .base import Layers, Stage

REGISTRY: dict[str, str] = {
    "actors": "wirecoder.stages.actors:ActorsStage",
    "places": "wirecoder.stages.places:PlacesStage",
    "times": "wirecoder.stages.times:TimesStage",
    "quantities": "wirecoder.stages.quantities:QuantitiesStage",
    "quotes": "wirecoder.stages.quotes:QuotesStage",
    "events": "wirecoder.stages.events:EventsStage",
}

DEFAULT_STAGES: tuple[str, ...] = tuple(REGISTRY)


def create(name: str) -> Stage:
    try:
        target = REGISTRY[name]
    except KeyError:
        raise WirecoderError(E.E032, stage=name, known=", ".join(REGISTRY)) from None
    module_name, _, class_name = target.partition(":")
    return getattr(import_module(module_name), class_name)()


__all__ = ["DEFAULT_STAGES", "REGISTRY", "Layers", "Stage", "create"]
