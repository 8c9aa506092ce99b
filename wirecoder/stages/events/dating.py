"""Dating events from the narrative, and telling news from background.

News tells a date once and lets the next clauses stand on it ("Gunmen attacked
the village on 12/02, killing four. They also burned the market."): the reader
keeps the last date as the story's reference time until the text gives
another, and reads every other clause by its tense. An event with no date of
its own takes, in order:

1. a date its sentence gives without tying it to any clause (the main verb's,
   or a verbless fragment's), or the date of the nearest event of its sentence
   with a date of its own ("attacked ... on 12/02, killing four");
2. told in the simple past (or the past perfect), the reference time: the last
   dated news clause before it in its paragraph, else the next one (a note
   that opens "Clashes in Wau. On Apr 6, soldiers ..."), else the one date its
   paragraph names. A paragraph longer than a few sentences (or a text with no
   paragraph breaks) lends its dates only a sentence or two onwards;
3. told in the present perfect or the present ("has condemned", "are firing"),
   the days up to publication -- or the reference time when that lies further
   back (a note read long after the fact); a simple past with no reference
   time, in an article that counts its news from publication ("on Sunday",
   "yesterday"), the days up to publication too. A hypothetical or modal
   event takes no narrative date; a planned one told in the past ("announced
   it would send troops") is dated when the plan was made, as an analyst
   dates an announced plan -- one told in the future ("will hold talks") is not.

Such dates are marked inferred, with the clause or time expression they came
from. Only events told alike share a date: both real (occurred, ongoing,
claimed, denied) or both planned or hypothetical; events named only to place
another in time ("after the talks") take none.

An event is background -- history or habit, not the article's news -- when it
is dated more than a month before the story's own news, told as a habit
("regularly", "for years", "a decades-long insurgency"), in a relative clause
in the perfect ("the force that has led the ground war"), or coordinated with
an old event ("had fought in the insurgency and was killed in 2010").
Background keeps only a date of its own: no narrative date, no date shared
from another clause.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Doc

from .aspect import Aspect, aspect_of, tense_verb
from .items import EventItem, WhenValue

REAL = frozenset({"occurred", "ongoing", "claimed", "denied"})
DATED_BY_NARRATIVE = REAL | {"negated"}
# A plan with no date of its own is dated when it was made: "announced it will build a force"
PLANNED_AT = frozenset({"planned"})
NEWS_PRECISIONS = frozenset({"time", "day", "week"})
NEWS_WINDOW = timedelta(days=6)  # "the few days up to publication": a week, publication included
BACKGROUND_AGE = timedelta(days=30)  # older than the story's news by this: background
REFERENCE_REACH = 2  # sentences a reference time carries past its own, within a long paragraph
SHORT_PARAGRAPH = 5  # sentences: a paragraph this short is one scene
NOW_TENSES = frozenset({"perfect", "present"})


@dataclass(frozen=True)
class Story:
    """What the narrative of one article needs: its publication date, where its
    paragraphs start and end, and the dates its sentences and paragraphs give."""

    published: date | None
    loose: dict[int, list[WhenValue]]  # sentence -> the dates it gives untied to any clause
    sentence_paragraph: list[int]  # sentence -> paragraph
    paragraph_dates: dict[int, list[WhenValue]]  # paragraph -> every date it names
    counts_from_publication: bool  # some date of the news is counted from publication ("on Sunday")

    def scope(self, s_i: int) -> tuple[int, int, bool]:
        """The sentences whose dates sentence ``s_i`` may stand on: its paragraph when
        that is short, else a few sentences back; and whether it is short."""
        paragraph = self.sentence_paragraph[s_i]
        first, last = s_i, s_i
        while first > 0 and self.sentence_paragraph[first - 1] == paragraph:
            first -= 1
        while last + 1 < len(self.sentence_paragraph) and self.sentence_paragraph[last + 1] == paragraph:
            last += 1
        if last - first + 1 <= SHORT_PARAGRAPH:
            return first, last, True
        return max(first, s_i - REFERENCE_REACH), s_i, False


def told_alike(a: EventItem, b: EventItem) -> bool:
    return (a.status in REAL) == (b.status in REAL)


def own_date(event: EventItem) -> bool:
    return event.when is not None and bool(event.when.start) and not event.when.inferred


def share_clause(doc: Doc, made: list[EventItem], bound: dict[int, list[WhenValue]]) -> None:
    """A date another verb's clause governs dates the event nouns of that clause
    ("the offensive began on Sunday"): the clause is the event's own."""
    if not bound:
        return
    for event in made:
        if event.when is None and not event.background:  # not one named only to place another in time
            verb = tense_verb(doc[event.trigger_i])
            if verb is not None and verb.i in bound:
                event.when = bound[verb.i][0]


# Types whose noun names a standing relation or state rather than an act: "US support for the
# militia", "the ceasefire holds", "the US drawdown leaves it with less influence".
STANDING = frozenset({"AID", "SUPPORT", "RETREAT"})


def _backing_goes_on(event: EventItem, aspect: Aspect) -> None:
    """ "ties have been frayed by Washington's support for the militia", "the group enjoys
    Turkish backing", "the withdrawal leaves the army exposed": support or a withdrawal named by
    a noun, in a clause told now, is a relation or state that goes on -- not an act done once.
    A noun with a verb of its own ("sent aid") keeps that verb's tense."""
    if event.type in STANDING and event.trigger_is_noun and event.light_verb is None \
            and event.status == "occurred" and event.status_cue is None and aspect.tense in NOW_TENSES \
            and (event.when is None or event.when.inferred):
        event.status = "ongoing"


def _stationed(doc: Doc, event: EventItem, aspect: Aspect) -> None:
    """ "US troops in the country -- deployed in the fight against Isis -- have acted as a
    buffer": forces a past participle describes as deployed, in a clause told now, are still
    there; the deployment goes on."""
    token = doc[event.trigger_i]
    if event.type == "MOBILIZE" and token.tag_ == "VBN" and token.dep_ == "acl" and event.status == "occurred" \
            and event.status_cue is None and aspect.tense in NOW_TENSES and (event.when is None or event.when.inferred):
        event.status = "ongoing"


def narrate(doc: Doc, events: list[EventItem], story: Story, reporting_verbs: frozenset[str]) -> None:
    """Dates and background flags for the events of an article, in text order."""
    aspects = {id(e): aspect_of(doc, e.trigger_i, reporting_verbs) for e in events}
    for event in events:
        if _told_as_background(event, aspects[id(event)]):
            event.backstory = True
            if event.when is not None and event.when.inferred:
                event.when = None  # background keeps only a date of its own
            if event.status == "occurred" and aspects[id(event)].tense == "perfect" and event.when is None \
                    and not event.background:  # "have been transferred after the fall of ...": that perfect is not its own
                event.status = "ongoing"  # "the force that has led the war", "has fought for decades": still so
    for event in events:
        _backing_goes_on(event, aspects[id(event)])
        _stationed(doc, event, aspects[id(event)])
    news = _news_end(story)
    _share_sentence(doc, events, story, aspects, news)
    for event in events:
        if news is not None and event.when is not None and not event.when.narrative:
            end = _day(event.when.end or event.when.start)
            if end is not None and end < _minus(news, BACKGROUND_AGE):
                event.backstory = True
    old = {e.trigger_i for e in events if e.backstory}
    partners = _joined_to_old(events, old)
    for event in events:  # "had fought in the insurgency and was killed in 2010": one history
        if event.when is None and (event.joined_to in old or event.trigger_i in partners):
            event.backstory = True
    _narrative(doc, events, story, aspects, news)


def _joined_to_old(events: list[EventItem], old: set[int]) -> set[int]:
    """Undated triggers that an old event is coordinated with."""
    return {e.joined_to for e in events if e.trigger_i in old and e.joined_to is not None}


def _told_as_background(event: EventItem, aspect: Aspect) -> bool:
    if event.status not in DATED_BY_NARRATIVE:
        return False
    if aspect.habitual:
        return True
    return aspect.describing and aspect.tense in ("perfect", "pluperfect") and not own_date(event)


def _share_sentence(doc: Doc, events: list[EventItem], story: Story, aspects: dict, news: date | None) -> None:
    """Rule 1: the sentence's untied date, else the nearest event of its clause with
    a date of its own ("attacked ... on Sunday, killing four and wounding six"; not
    across a relative or a reported clause: "defended it, writing that the
    deployment was seven years ago")."""
    dated = [e for e in events if own_date(e) and not aspects[id(e)].describing]
    heads = {id(e): _clause_head(doc, aspects[id(e)]) for e in events}
    for event in events:
        if event.background or event.backstory or (event.when is not None and event.when.start):
            continue
        aspect = aspects[id(event)]
        if aspect.describing or aspect.tense == "pluperfect":
            continue  # a relative clause tells its own time; a past perfect is before the sentence's
        loose = [v for v in story.loose.get(event.sentence_i, ()) if _fits(v, aspect, news)]
        if loose:
            event.when = replace(loose[0], shared=True)
            continue
        donors = [d for d in dated if d.sentence_i == event.sentence_i and told_alike(d, event)
                  and heads[id(d)] == heads[id(event)] and _fits(d.when, aspect, news)]
        if donors:
            donor = min(donors, key=lambda d: abs(d.trigger_i - event.trigger_i))
            event.when = replace(donor.when, shared=True)


def _clause_head(doc: Doc, aspect: Aspect) -> int | None:
    """The verb heading a chain of coordinated and adverbial clauses."""
    if aspect.verb is None:
        return None
    node = doc[aspect.verb]
    while node.dep_ in ("conj", "advcl", "xcomp") and node.head.i != node.i:
        node = node.head
    return node.i


def _fits(when: WhenValue, aspect: Aspect, news: date | None) -> bool:
    """A date older than the news does not date an event told in the present or perfect
    ("Isis emerged in 2014 -- they continue to execute each other's fighters")."""
    if aspect.tense not in NOW_TENSES or news is None:
        return True
    end = _day(when.end or when.start)
    return end is None or end >= _minus(news, BACKGROUND_AGE)


def _news_end(story: Story) -> date | None:
    """The last day of the story's own news: the latest day, week or month the text
    names (not after publication), else the publication date. An article read long
    after it was written (an archive's date as publication) is measured by its text."""
    ends = []
    for values in story.paragraph_dates.values():
        for when in values:
            end = _day(when.end or when.start)
            if when.precision in NEWS_PRECISIONS | {"month"} and end is not None and \
                    (story.published is None or end <= story.published):
                ends.append(end)
    return max(ends) if ends else story.published


def _narrative(doc: Doc, events: list[EventItem], story: Story, aspects: dict, news: date | None) -> None:
    """Rules 2 and 3: each undated event against the dated news clauses around it."""
    marks = sorted([(e.sentence_i, e.trigger_i, e.when) for e in events if _sets_reference(e, story.published)]
                   + [(s_i, -1, v) for s_i, values in story.loose.items() for v in values[:1]
                      if _is_news(v, story.published)], key=lambda m: (m[0], m[1]))
    for event in events:
        if event.when is not None and event.when.start or event.background or event.backstory or \
                event.status not in DATED_BY_NARRATIVE | PLANNED_AT:
            continue
        aspect = aspects[id(event)]
        if aspect.tense not in ("past", "pluperfect", "perfect", "present", None):
            continue
        reference = _reference(event, marks, story)
        if aspect.tense in NOW_TENSES and story.published is not None and \
                (reference is None or (_day(reference.end) or story.published) >= _minus(story.published, NEWS_WINDOW)):
            event.when = _up_to_publication(doc, story.published, aspect)
        elif reference is not None:
            event.when = replace(reference, narrative=True, shared=False, reported=False)
            end = _day(reference.end or reference.start)
            event.backstory = news is not None and end is not None and end < _minus(news, BACKGROUND_AGE)
        elif aspect.tense != "pluperfect" and story.counts_from_publication:
            event.when = _up_to_publication(doc, story.published, aspect)


def _reference(event: EventItem, marks: list, story: Story) -> WhenValue | None:
    first, last, short = story.scope(event.sentence_i)
    earlier = [m for m in marks if first <= m[0] <= event.sentence_i and (m[0], m[1]) < (event.sentence_i,
                                                                                          event.trigger_i)]
    if earlier:
        return earlier[-1][2]
    later = [m for m in marks if event.sentence_i <= m[0] <= last]
    if later:
        return later[0][2]
    if not short:
        return None
    named = story.paragraph_dates.get(story.sentence_paragraph[event.sentence_i], [])
    if event.status in REAL and len({(w.start, w.end) for w in named}) == 1 and _is_news(named[0], story.published):
        return named[0]  # a year or a month names background ("leading the 2016 uprising"), not a scene
    return None


def _sets_reference(event: EventItem, published: date | None) -> bool:
    when = event.when
    if when is None or when.narrative or event.status not in REAL or event.background or event.backstory:
        return False
    return _is_news(when, published)


def _is_news(when: WhenValue, published: date | None) -> bool:
    """A date a narrative can stand on: a day or a week, not after publication (what
    is told in the past happened). An old one makes the clauses it dates old too."""
    if when.precision not in NEWS_PRECISIONS:
        return False
    start, end = _day(when.start), _day(when.end or when.start)
    return start is not None and end is not None and end - start <= NEWS_WINDOW and \
        (published is None or end <= published)


def _up_to_publication(doc: Doc, published: date | None, aspect: Aspect) -> WhenValue | None:
    if published is None:
        return None
    basis = None
    if aspect.verb is not None:
        verb = doc[aspect.verb]
        group = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg"))]
        first, last = min(group, key=lambda t: t.i), max(group, key=lambda t: t.i)
        basis = (first.idx, last.idx + len(last.text))
    return WhenValue(_minus(published, NEWS_WINDOW).isoformat(), published.isoformat(), "week", None,
                     narrative=True, basis=basis)


def _minus(day: date, span: timedelta) -> date:
    """``day - span``, or the first day of the calendar (an article dated year 1)."""
    return day - span if day - date.min > span else date.min


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
