"""Within-article coreference: the same event told several times is coded once.

A news story names its main event again and again ("is due to arrive in London
... to meet", "is scheduled to meet with Starmer, Macron and Merz", "when they
convene in London", "the London talks"). A later mention joins an earlier event
when nothing contradicts it -- same type, compatible mode, status, date,
place and participants -- and something ties them: the same place, the same
date, a shared participant, or a bare mention with no arguments of its own
("the talks"). The joined event keeps the first mention's evidence and takes
the union of what all mentions say -- except that a background mention with no
date of its own is not joined by a later sentence's mention that has one: history
names many past events of one type ("the war" ... "was killed in a drone strike
in 2015"), and the year would date the first from another clause.
"""

from __future__ import annotations

from datetime import date

from .anchors import place_rank
from .dating import own_date
from .items import EventItem
from .roles import VICTIM_VERBS

COMPATIBLE_STATUSES = ({"occurred", "ongoing"},)
# Types whose several triggers in one sentence tell one incident ("shelled ..., killing").
ONE_INCIDENT = frozenset({"ASSAULT"})


def merge_mentions(events: list[EventItem], entities: dict) -> list[EventItem]:
    out: list[EventItem] = []
    for event in events:
        for earlier in reversed(out):
            if _same_event(earlier, event, entities):
                _absorb(earlier, event, entities)
                break
        else:
            out.append(event)
    return out


def _same_event(a: EventItem, b: EventItem, entities: dict) -> bool:
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode) or a.backstory != b.backstory:
        return False  # history told in passing is not the news event of the same type
    repeated = _repeated_noun(a, b)
    if not repeated:
        status, cue = a.told_unreal or (a.status, a.status_cue)  # a mention told as unreal still parts its kind
        if status != b.status and cue and b.status_cue and \
                not any({status, b.status} <= pair for pair in COMPATIBLE_STATUSES):
            return False
        if _real_after_negated(a, b):
            return False
    if not _dates_agree(a, b):
        return False
    if a.backstory and not own_date(a) and own_date(b) and a.sentence_i != b.sentence_i:
        return False  # history names many past events: a later sentence's year does not date an undated one
    place = _places_agree(a.location, b.location, entities)
    if place is False:
        return False
    if not _actors_agree(a.source_actors, b.source_actors, entities):
        return False
    if b.joined_to is not None and b.joined_to == a.trigger_i:
        return True
    nothing = not (b.source_actors or b.target_actors or b.location or own_date(b))  # a narrative date is no own
    # "the talks" (a definite mention), or "3 soldiers and a woman killed" after a clash
    bare = nothing and (b.anaphoric or b.type == "ASSAULT" and b.paragraph == a.paragraph)
    shared = bool(set(a.source_actors) & set(b.source_actors))
    same_date = own_date(a) and own_date(b)
    # "a wave of bombardment targeting the capital, killing 12": one attack told by several words
    one_clause = a.type in ONE_INCIDENT and a.sentence_i == b.sentence_i and a.status == b.status \
        and _targets_agree(a.target_actors, b.target_actors)
    # "Clashes between the army and rebels. 3 soldiers and a woman killed.": the toll of the clash
    toll = b.type == "ASSAULT" and b.lemma in VICTIM_VERBS and not b.source_actors and not own_date(b) \
        and b.paragraph == a.paragraph and 0 <= b.sentence_i - a.sentence_i <= 1
    return bool(place) or shared or same_date or bare or one_clause or toll or repeated


def _repeated_noun(a: EventItem, b: EventItem) -> bool:
    """ "a ceasefire ordered by the council" ... "insisted the ceasefire did not apply": a later
    definite mention of the same event noun names the event already told; what its own clause
    says (that it did not apply, that it was denied) is about that event, not a second one.
    Only a mention told otherwise than as done: one told as done is merged by the usual ties
    (joining those too split the events of rewritten copies of a story differently)."""
    return b.anaphoric and b.lemma == a.lemma and b.sentence_i > a.sentence_i and \
        b.status in NOT_REAL | {"claimed"}


def _dates_agree(a: EventItem, b: EventItem) -> bool:
    """Overlapping windows; a date inferred from the narrative never contradicts one the text
    states for the other mention ("launched an offensive last month" ... "the offensive")."""
    if a.when is None or b.when is None or not a.when.start or not b.when.start:
        return True
    if a.when.inferred != b.when.inferred:
        return True
    try:
        a0, a1 = date.fromisoformat(a.when.start[:10]), date.fromisoformat((a.when.end or a.when.start)[:10])
        b0, b1 = date.fromisoformat(b.when.start[:10]), date.fromisoformat((b.when.end or b.when.start)[:10])
    except ValueError:
        return a.when.start == b.when.start
    return a0 <= b1 and b0 <= a1


def _places_agree(a: str | None, b: str | None, entities: dict) -> bool | None:
    """True: the same place (or one inside the other); None: nothing to compare; False: different."""
    if a is None or b is None:
        return None
    if a == b:
        return True
    pa, pb = entities.get(a), entities.get(b)
    if pa is None or pb is None:
        return False
    return _inside(pa, pb) or _inside(pb, pa)


def _inside(small, big) -> bool:
    """Whether place ``small`` lies in ``big`` (by the places stage's geo when present)."""
    geo_small, geo_big = getattr(small, "geo", None), getattr(big, "geo", None)
    if big.kind == "country":
        return bool(small.country) and small.country == big.country
    if geo_small is None or geo_big is None:
        return False
    if geo_big.precision == "admin1":
        return bool(geo_small.admin1) and geo_small.admin1 in (geo_big.admin1, geo_big.name)
    return False


def _actors_agree(a: list[str], b: list[str], entities: dict) -> bool:
    if not a or not b or set(a) & set(b):
        return True
    countries_a = {getattr(entities.get(x), "country", None) for x in a} - {None}
    countries_b = {getattr(entities.get(x), "country", None) for x in b} - {None}
    return bool(countries_a & countries_b)


def _targets_agree(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def _absorb(a: EventItem, b: EventItem, entities: dict) -> None:
    a.source_actors += [x for x in b.source_actors if x not in a.source_actors]
    a.target_actors += [x for x in b.target_actors if x not in a.target_actors and x not in a.source_actors]
    if b.location and (a.location is None or _more_specific(b.location, a.location, entities)):
        a.location, a.location_how = b.location, b.location_how
    if b.when and (a.when is None or not a.when.start or not own_date(a) and own_date(b)):
        a.when = b.when
    a.counts += [c for c in b.counts if c not in a.counts]
    for field in ("fatalities", "injured"):
        mine, theirs = getattr(a, field), getattr(b, field)
        if theirs is not None and (mine is None or theirs > mine):
            setattr(a, field, theirs)
    if a.status_cue is None and b.status_cue is not None:
        if _unreal_elsewhere(a, b):
            a.told_unreal = a.told_unreal or (b.status, b.status_cue)
        else:
            a.status, a.status_cue = b.status, b.status_cue
    elif a.status_cue is None and a.status == "occurred" and b.status == "ongoing":
        a.status = "ongoing"  # "the attacks" ... "the fighting continued into Saturday": it goes on
    if a.mode is None and b.mode is not None:
        a.mode, a.acled = b.mode, b.acled or a.acled
    a.acled = a.acled or b.acled
    a.reported_by = a.reported_by or b.reported_by
    a.channel = a.channel or b.channel
    a.weight = max(a.weight, b.weight)
    a.merged += 1 + b.merged


NOT_REAL = frozenset({"planned", "hypothetical", "negated", "denied"})


def _unreal_elsewhere(a: EventItem, b: EventItem) -> bool:
    """ "Ten were killed in two attacks ... our forces need to avoid counter-attacks": a later
    sentence that tells the same kind of act as unreal says nothing of whether the one
    already told happened; only a cue in the mention's own sentence decides it."""
    return b.status in NOT_REAL and a.sentence_i != b.sentence_i


def _real_after_negated(a: EventItem, b: EventItem) -> bool:
    """ "would not dare to shell our cities" ... "the offensive began on Saturday": an act a
    sentence says did not happen is not the one a later sentence tells as happening."""
    return a.status == "negated" and a.status_cue is not None and b.status in ("occurred", "ongoing") \
        and a.sentence_i != b.sentence_i and not b.anaphoric


def _more_specific(new: str, old: str, entities: dict) -> bool:
    n, o = entities.get(new), entities.get(old)
    return n is not None and o is not None and place_rank(n) < place_rank(o)
