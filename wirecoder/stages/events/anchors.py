"""Tying times and places to the events of a sentence through the parse.

A time expression or a place name belongs to the nearest event trigger above
it in the dependency tree ("struck a dam in Ukraine's Kharkiv region": the
region belongs to "struck"). One that hangs on a reporting verb instead ("said
on Telegram on December 7 that ...") dates the report, not the event; it is
used only when the event has no date of its own, and marked as such. The
times come from the times stage (``layers.times``) and the places from the
actors stage's entities (with ``geo`` from the places stage when it ran);
without them events simply have no ``when`` or ``location``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .items import WhenValue

USABLE_TIME_KINDS = frozenset({"date", "time", "interval"})
REFERENCES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
LOCATIVE = frozenset({"in", "inside", "across", "throughout", "within", "near", "outside", "at", "around", "into"})
# How specific a place is: smaller is more specific.
PRECISION_RANK = {"exact": 0, "town": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}
CANDIDATE_RANK = {"city": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}


@dataclass(frozen=True)
class Attachment:
    """Where the climb from a word ended: an event trigger, a reporting verb, or nothing."""

    anchor: int | None
    via_subject: bool  # passed through the anchor's subject (a speaker's "mayor of X")
    distance: int


def climb(token: Token, anchors: dict[int, int], limit: int = 10) -> Attachment:
    """The nearest anchor above ``token``; ``anchors`` maps token index -> anchor id."""
    steps, previous = 0, token
    node = token
    while steps < limit:
        if node.i in anchors and node.i != token.i:
            return Attachment(anchors[node.i], previous.dep_ in ("nsubj", "nsubjpass"), steps)
        if node.head.i == node.i:
            break
        previous, node = node, node.head
        steps += 1
    return Attachment(None, False, steps)


def span_root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def when_of(time) -> WhenValue | None:
    """A times-layer item as an event date (None for durations and sets, and for dates
    the times stage could not resolve: "on Monday" with no publication date)."""
    if getattr(time, "kind", None) not in USABLE_TIME_KINDS:
        return None
    start = getattr(time, "start_date", None)
    if not start or getattr(time, "value", None) in REFERENCES:
        return None  # "currently", "recently": no calendar date of their own
    end = getattr(time, "end_date", None) or start
    return WhenValue(start=start, end=end, precision=getattr(time, "precision", None) or "unknown",
                     text=getattr(time, "text", None), deictic=bool(getattr(time, "from_publication", False)))


def attach_times(doc: Doc, sentence: Span, times: list, anchors: dict[int, int]) -> tuple[dict, list]:
    """Times of a sentence by anchor id, and those tied to no anchor: dates the text
    states before those counted from publication ("today on January 19", "over the
    weekend of 3 April": the stated day is the more reliable), closest first."""
    attached: dict[int, list[tuple[int, WhenValue]]] = {}
    loose: list[WhenValue] = []
    for time in times:
        start = getattr(time, "start", -1)
        if not sentence.start_char <= start < sentence.end_char:
            continue
        value = when_of(time)
        root = span_root(doc, start, getattr(time, "end", start))
        if value is None or root is None:
            continue
        where = climb(root, anchors)
        if where.anchor is None:
            loose.append(value)
        else:
            attached.setdefault(where.anchor, []).append((where.distance, value))
    loose.sort(key=lambda v: v.deictic)
    return {k: [v for _, v in sorted(vs, key=lambda p: (p[1].deictic, p[0]))] for k, vs in attached.items()}, loose


# A place the gazetteer could not locate ranks after located towns, districts and
# provinces and before countries: "in Daspoort, Pretoria" is placed where Pretoria is
# (the village's district or city, which a map can show), "a village in Nigeria"
# still at the village.
UNLOCATED_RANK = 3.5


def place_rank(entity, located: bool = False) -> float:
    """How specific a place is; with ``located`` (the places stage gave some place of
    the article a ``geo``), places without one rank after located ones."""
    geo = getattr(entity, "geo", None)
    if geo is not None:
        rank = PRECISION_RANK.get(geo.precision, 3)
        if entity.kind == "facility" and geo.precision != "exact":
            rank += 0.5  # located by the town in its name, not itself: the town named beside it wins
        return rank
    if entity.kind == "country":
        return 4
    if located:
        return UNLOCATED_RANK
    if entity.kind == "facility":
        return 0
    candidates = getattr(entity, "place_candidates", ()) or ()
    if candidates:
        return CANDIDATE_RANK.get(candidates[0].kind, 2.5)
    return 2.5


def is_location_use(token: Token, entity, lexicon) -> bool:
    """A place mention used as a place, not as an actor ("Kyiv said", "against Ukraine");
    the subject of "suffered an attack" is where it struck."""
    if entity.kind == "country":
        return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE
    if token.dep_ == "nsubj":
        role = lexicon.light_verbs.get(token.head.lemma_.lower(), (None, None))[0]
        return role == "target"
    return True


def most_specific(entities: list) -> object | None:
    if not entities:
        return None
    located = any(getattr(e, "geo", None) is not None for e in entities)
    return min(entities, key=lambda e: place_rank(e, located))
