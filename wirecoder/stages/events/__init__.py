"""The events stage: who did what to whom, where, when, how many -- and whether
it happened (SPEC section 2, ``events``).

Dependency patterns over the spaCy parse with data-file lexicons: triggers
with PLOVER type and mode, participants from the parse mapped to the actors
stage's entities, status from cue words, dates from the times stage, places
from the entities (and their geo from the places stage), counts from the
quantities stage, reporters from the quotes stage. Each of those layers is
optional: without it the field it feeds stays empty.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from spacy.tokens import Doc

from ..base import Layers, Stage
from .build import ArticleEvents
from .confidence import confidence, features, model
from .items import EventItem
from .lexicon import event_lexicon
from .merge import merge_mentions
from .sides import infer_sides

__all__ = ["EventsStage", "EventItem"]


class EventsStage(Stage):
    name = "events"
    requires = ("tokens", "pos", "lemma", "deps", "sents", "entities", "quantities")
    assigns = ("events",)

    def __init__(self):
        self.lexicon = event_lexicon()
        model()  # fail at build time, not on the first article, if the data is missing

    def process(self, doc: Doc, layers: Layers) -> None:
        article = ArticleEvents(doc, layers, self.lexicon)
        found = article.run()
        crowd = Counter(e.sentence_i for e in found)
        crowds = {id(e): crowd[e.sentence_i] for e in found}
        dyadic = self.lexicon.dyadic
        events = [e for e in merge_mentions(found, {e.id: e for e in layers.entities})
                  if e.type not in dyadic or e.source_actors or e.target_actors]
        article.place_unplaced(events)
        speakers = {q.id: q.speaker.entity for q in layers.quotes
                    if getattr(q, "id", None) and getattr(getattr(q, "speaker", None), "entity", None)}
        infer_sides(events, article.index.by_id, article.index.country_entity, speakers)
        for n, event in enumerate(events, 1):
            event.id = f"V{n}"
            _future_is_planned(event, layers.published)
            event.crowd = crowds[id(event)]
            event.text_sentences = len(article.view.sents)
            event.confidence = confidence(features(event, event.crowd), model(event.text_sentences))
        layers.events = events


def _future_is_planned(event: EventItem, published: date | None) -> None:
    """An event dated after publication, with no cue saying otherwise, is planned."""
    if published is None or event.when is None or not event.when.start or event.status_cue:
        return
    try:
        start = date.fromisoformat(event.when.start[:10])
    except ValueError:
        return
    if start > published and event.status in ("occurred", "ongoing"):
        event.status = "planned"
