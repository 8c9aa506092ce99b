"""Tying times and places to the events of a sentence through the parse.

A time expression or a place name belongs to the nearest event trigger above
it in the dependency tree ("struck a dam in Ukraine's Kharkiv region": the
region belongs to "struck"). One that hangs on a reporting verb instead ("said
on Telegram on December 7 that ...") dates the report, not the event; it is
used only when the event has no date of its own, and marked as such. A time
never climbs past the first verb above it: one that another clause governs
("Putin, whose army intervened in 2015, welcomed the move") dates only the
events of that clause. A time
that "since" opens ("have backed the rebels since 2014", "the worst loss since the
crisis of 1962") names where a span begins, not when anything happened: it dates
its events from that time to publication; a year that "before" bounds or "like"
compares with dates nothing; "between 1997 and 2003" is one window. The
times come from the times stage (``layers.times``) and the places from the
actors stage's entities (with ``geo`` from the places stage when it ran);
without them events simply have no ``when`` or ``location``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from .items import WhenValue

USABLE_TIME_KINDS = frozenset({"date", "time", "interval"})
TOO_WIDE = frozenset({"century"})
# A date before a noun modifies that noun: "a June agreement", "Friday's purchases".
PREMODIFIER = frozenset({"poss", "compound", "nummod", "amod"})
REFERENCES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
# Prepositions whose object is a time that dates no event of the clause itself: "since"
# opens a span up to publication; "before", "until" bound it; "like" names another time.
SPAN_OPENER = "since"
BOUNDS = frozenset({"before", "until", "till"})
COMPARISONS = frozenset({"like", "unlike"})
RANGE = "between"  # "between 2009 and 2014": the window from the first to the last
OPENERS = BOUNDS | COMPARISONS | {SPAN_OPENER, RANGE}
COARSE = frozenset({"month", "season", "quarter", "half", "year", "decade", "century"})
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


def when_of(time) -> WhenValue | None:
    """A times-layer item as an event date (None for durations and sets, for dates the
    times stage could not resolve -- "on Monday" with no publication date -- and for
    centuries: no event is dated "the 21st century" or by "seventh-century precepts")."""
    if getattr(time, "kind", None) not in USABLE_TIME_KINDS:
        return None
    start = getattr(time, "start_date", None)
    if not start or getattr(time, "value", None) in REFERENCES or getattr(time, "precision", None) in TOO_WIDE:
        return None  # "currently", "recently": no calendar date of their own
    end = getattr(time, "end_date", None) or start
    begin = getattr(time, "start", None)
    basis = (begin, getattr(time, "end", begin)) if isinstance(begin, int) else None
    return WhenValue(start=start, end=end, precision=getattr(time, "precision", None) or "unknown",
                     text=getattr(time, "text", None), deictic=bool(getattr(time, "from_publication", False)),
                     basis=basis, relative=getattr(time, "anchor", None) not in (None, "published"),
                     counted_from=getattr(time, "counted_from", None))


@dataclass(frozen=True)
class TimeGovernor:
    """What governs a time expression: an anchor (an event trigger or a reporting
    verb), else the verb whose clause it is in, else nothing (a verbless fragment)."""

    anchor: int | None = None
    verb: int | None = None
    steps: int = 0
    noun_only: bool = False  # it modifies a noun that names no event: it dates nothing coded


def time_governor(span: Span, anchors: dict[int, int], limit: int = 10) -> TimeGovernor:
    """The climb from a time expression stops at the first anchor or verb: "Trump
    defended the decision, writing that it was seven years ago" dates the writing's
    clause, not the defence. A participle on a noun is passed through: it is where the
    parser hangs what belongs to the main verb ("arrested a commander known as X in
    Tela on 22/02"). "A June agreement" or "the 2016 coup attempt" (no event coded on
    the noun) dates that noun and nothing else."""
    root = span.root
    if _premodifies(span) and root.head.i not in anchors:
        return TimeGovernor(noun_only=True)
    node = root
    for steps in range(1, limit + 1):
        if node.head.i == node.i:
            break
        node = node.head
        if node.i in anchors:
            return TimeGovernor(anchor=anchors[node.i], steps=steps)
        if node.pos_ in ("VERB", "AUX") and (node.dep_ != "acl" or _finite(node)):
            if node.dep_ in ("acl", "relcl") and node.head.i in anchors:  # "airstrikes hitting 150 targets on
                return TimeGovernor(anchor=anchors[node.head.i], steps=steps + 1)  # Saturday": the strikes' day
            return TimeGovernor(verb=node.i, steps=steps)
    return TimeGovernor()


def _finite(verb: Token) -> bool:
    """A verb with a tense, a subject or an auxiliary (an infinitive's "to" included), or
    a participle with an agent of its own ("a suburb held by the rebels since 2013"): a
    clause of its own, not a place where the parser hung the main verb's time."""
    return verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass", "agent") for c in verb.children)


def _premodifies(span: Span) -> bool:
    """A date standing before the noun it modifies, with only that noun's modifiers
    between ("the 2016 attempted coup", "Friday's purchases") -- not a date the parser
    hung on a noun further on ("on 4 April outside ministry headquarters")."""
    root, doc = span.root, span.doc
    head = root.head
    if root.dep_ not in PREMODIFIER or head.pos_ not in ("NOUN", "PROPN") or head.i < span.end:
        return False
    return all(t.head.i == head.i and t.dep_ in PREMODIFIER | {"case"} or t.dep_ == "case"
               for t in doc[span.end:head.i])


def opening_preposition(expression: Span, anchors: dict[int, int], limit: int = 5) -> Token | None:
    """The preposition whose object holds the expression, with no verb or event noun
    between ("since 2014", "since the missile crisis of 1962", "before the elections of
    2024", "like the enclave in 2025"); None for "since the invasion of 2003" (the
    invasion's own date) and for a time the clause governs directly ("in 2014")."""
    node = expression.root
    for _ in range(limit):
        if node.head.i == node.i or node.pos_ in ("VERB", "AUX") or node.i != expression.root.i and node.i in anchors:
            return None
        if node.dep_ == "pobj" and node.head.lower_ in OPENERS:
            return node.head
        node = node.head
    return None


def since_window(value: WhenValue, published: date | None) -> WhenValue | None:
    """ "Since 2014" as the span it opens, up to publication; None when the article has
    no publication date (the span has no known end) or the time lies after it."""
    if published is None or not value.start or value.start[:10] > published.isoformat():
        return None
    return replace(value, end=published.isoformat(), since=True)


def _within(value: WhenValue, preposition: str, published: date | None) -> WhenValue | None:
    """A time read through the preposition that opens it: "since" gives the span to
    publication; a month or a year that bounds ("before the elections of 2024") or
    compares ("like the enclave in 2025") dates nothing; a day that bounds ("until
    Monday") stays, as close enough."""
    if preposition == SPAN_OPENER:
        return since_window(value, published)
    if preposition in COMPARISONS or value.precision in COARSE:
        return None
    return value


def attach_times(doc: Doc, sentence: Span, times: list, anchors: dict[int, int],
                 published: date | None = None) -> tuple[dict, list, dict]:
    """Times of a sentence by anchor id; those tied to no anchor but governing the
    sentence (its main verb's, or a fragment's): dates the text states before those
    counted from publication ("today on January 19", "over the weekend of 3 April":
    the stated day is the more reliable); and those of other clauses, by verb index.
    A time in a "since", "before" or "like" phrase is read through it (``_within``);
    "between 2009 and 2014" is one window."""
    attached: dict[int, list[tuple[int, WhenValue]]] = {}
    loose: list[WhenValue] = []
    bound: dict[int, list[WhenValue]] = {}
    found_here = []
    for time in times:
        start = getattr(time, "start", -1)
        if not sentence.start_char <= start < sentence.end_char:
            continue
        value = when_of(time)
        expression = doc.char_span(start, getattr(time, "end", start), alignment_mode="expand")
        if value is not None and expression is not None and len(expression):
            found_here.append((value, expression))
    ends = {e.root.head.i: v.end for v, e in found_here if e.root.dep_ == "conj"}
    for value, expression in found_here:
        opener = opening_preposition(expression, anchors)
        if opener is not None and opener.lower_ == RANGE:  # "between 1997 and 2003": one window
            if expression.root.dep_ == "conj":
                continue
            value = replace(value, end=max(value.end or value.start, ends.get(expression.root.i) or ""))
        elif opener is not None:
            on_noun = opener.head.pos_ not in ("VERB", "AUX") and opener.head.i not in anchors
            value = None if on_noun else _within(value, opener.lower_, published)  # "the worst loss since 1993"
            if value is None:
                continue
        found = time_governor(expression, anchors)
        if found.noun_only:
            continue
        if found.anchor is not None:
            attached.setdefault(found.anchor, []).append((found.steps, value))
        elif found.verb is None or doc[found.verb].dep_ == "ROOT":
            loose.append(value)
        else:
            bound.setdefault(found.verb, []).append(value)
    loose.sort(key=lambda v: v.deictic)
    return ({k: [v for _, v in sorted(vs, key=lambda p: (p[1].deictic, p[0]))] for k, vs in attached.items()},
            loose, bound)


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
