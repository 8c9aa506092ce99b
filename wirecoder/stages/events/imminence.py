"""Planned acts told as imminent: dated to the week from publication.

An analyst codes "Turkey will launch an operation within days" or "the assault
could start at any moment" in the days after the article appeared, not as
undated. A planned event with no date of its own takes the week from the
publication date (publication included) when its sentence says the act is
near (data/events/imminent_words.txt); the window is marked inferred, with the
phrase it came from. Plans with no such word ("will build a border force")
stay undated: nothing says when.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc

from .items import EventItem, WhenValue

SOON = timedelta(days=6)  # the week from publication, publication included


def date_imminent(doc: Doc, events: list[EventItem], published: date | None, pattern: re.Pattern | None) -> None:
    if published is None or pattern is None:
        return
    for event in events:
        if event.status != "planned" or event.backstory or (event.when is not None and event.when.start):
            continue
        sentence = doc[event.trigger_i].sent
        found = pattern.search(sentence.text)
        if found is None:
            continue
        start = sentence.start_char + found.start()
        event.when = WhenValue(published.isoformat(), (published + SOON).isoformat(), "week", None,
                               narrative=True, basis=(start, start + len(found.group())))
