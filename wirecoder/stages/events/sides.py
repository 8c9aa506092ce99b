"""Who attacked when the clause does not say: the article's one attacking side.

War reporting names the attacker once and then tells of "a massive overnight
attack", "strikes on the city", "two more drones were shot down". An analyst
reads these against the article: when every attack it attributes against one
side comes from one other side, an unattributed attack on that side is by
that other side. The inference is made only then -- exactly one attacking side
named against the target's area or state (or, for an attack told with no target
at all, in the whole article), never the target's own -- and the event
records that its source was inferred (``EventItem.inferred``), which lowers
its confidence.

An interception ("drones were shot down over the district") has the sides the
other way round: the one who shoots down is the side whose sky it is, and the
one shot at is that side's attacker.
"""

from __future__ import annotations

from .items import EventItem

REAL = frozenset({"occurred", "ongoing", "claimed"})
INTERCEPT = "intercept"


def infer_sides(events: list[EventItem], by_id: dict, country_entity, speakers: dict | None = None) -> None:
    """Fill the sources (and an interception's target) that the article implies.

    ``by_id`` maps entity ids to entities; ``country_entity(iso3)`` gives the
    article's entity for a state, or None when the article does not name it;
    ``speakers`` maps statement ids to the entity that made them."""
    for event in events:
        _own_forces(event, by_id, speakers or {})
    attackers = _attackers(events, by_id, country_entity)
    at_place = _attackers_at(events, by_id, country_entity)
    for event in events:
        if event.type != "ASSAULT" or event.background:
            continue
        if event.mode == INTERCEPT:
            _interception(event, by_id, country_entity, attackers, speakers or {})
        elif not event.source_actors:
            # the attackers of its place first ("four rockets hit Douma" where only the regime
            # struck the enclave), else of its target's state
            states = _target_states(event, by_id)
            sides = at_place.get(_area(event, by_id), set()) or _sides_of(states, attackers)
            if not states and _area(event, by_id) is None:  # "the enemy targeted civilian infrastructure"
                sides = set().union(*attackers.values()) if attackers else set()
            if len(sides) == 1:
                event.source_actors = [sides.pop()]
                event.inferred.append("source_actors")


def _own_forces(event: EventItem, by_id: dict, speakers: dict) -> None:
    """ "According to the Polish defence ministry, 2,500 troops will be deployed": troops a
    state's ministry or army announces moving, with no state of their own named, are its own."""
    if event.type not in ("MOBILIZE", "RETREAT") or not event.source_actors or event.reported_by is None:
        return
    forces = [by_id.get(i) for i in event.source_actors]
    speaker = by_id.get(speakers.get(event.reported_by, event.reported_by))
    official = getattr(speaker, "sector", None) in ("GOV", "MIL") or getattr(speaker, "kind", None) in (
        "organization", "country")
    if speaker is None or not speaker.country or not official:
        return
    if all(f is not None and f.kind == "group" and not f.country and getattr(f, "sector", None) == "MIL"
           for f in forces):
        state = speaker.country
        for force in forces:
            force.country = state
        event.inferred.append("source_actors")


def _attackers(events: list[EventItem], by_id: dict, country_entity) -> dict[str, set[str]]:
    """Target state -> the entities (one per attacking state or group: the state's own
    entity when the article names it) that the article says attacked it, from attacks
    told with their source."""
    found: dict[str, dict[str, str]] = {}
    for event in events:
        if event.type != "ASSAULT" or event.mode == INTERCEPT or event.status not in REAL \
                or not event.source_actors or "source_actors" in event.inferred:
            continue
        sources = [by_id[i] for i in event.source_actors if i in by_id]
        for state in _target_states(event, by_id):
            for source in sources:
                side = source.country or source.id
                if side != state:
                    state_entity = country_entity(source.country) if source.country else None
                    found.setdefault(state, {}).setdefault(side, (state_entity or source).id)
    return {state: set(sides.values()) for state, sides in found.items()}


def _area(event: EventItem, by_id: dict) -> tuple | None:
    """Where an attack struck, as the province it lies in when the gazetteer knows it."""
    place = by_id.get(event.location) if event.location else None
    if place is None or place.kind == "country":
        return None
    geo = getattr(place, "geo", None)
    if geo is not None and geo.admin1:
        return (geo.country, geo.admin1)
    return (place.id,)


def _attackers_at(events: list[EventItem], by_id: dict, country_entity) -> dict[tuple, set[str]]:
    """Area -> the entities (one per attacking side) the article says attacked there."""
    found: dict[tuple, dict[str, str]] = {}
    for event in events:
        area = _area(event, by_id)
        if event.type != "ASSAULT" or event.mode == INTERCEPT or event.status not in REAL or area is None \
                or not event.source_actors or "source_actors" in event.inferred:
            continue
        for source in (by_id[i] for i in event.source_actors if i in by_id):
            side = source.country or source.id
            state_entity = country_entity(source.country) if source.country else None
            found.setdefault(area, {}).setdefault(side, (state_entity or source).id)
    return {area: set(sides.values()) for area, sides in found.items()}


def _target_states(event: EventItem, by_id: dict) -> set[str]:
    """The states an attack was on: its targets' and, for a place, the place's."""
    states = {by_id[i].country for i in event.target_actors if i in by_id and by_id[i].country}
    place = by_id.get(event.location) if event.location else None
    if place is not None and place.country:
        states.add(place.country)
    return states


def _sides_of(states: set[str], attackers: dict[str, set[str]]) -> set[str]:
    sides: set[str] = set()
    for state in states:
        sides |= attackers.get(state, set())
    return sides


def _interception(event: EventItem, by_id: dict, country_entity, attackers: dict[str, set[str]],
                  speakers: dict) -> None:
    """The defender shoots down; the attacker is what was shot at. Whose sky it is: the
    country of the place it happened, else that of the state body reporting it ("Ukraine's
    air force said 38 Russian missiles were shot down")."""
    place = by_id.get(event.location) if event.location else None
    sky = place.country if place is not None else None
    if sky is None and event.reported_by is not None:
        speaker = by_id.get(speakers.get(event.reported_by, event.reported_by))
        targets = {getattr(by_id.get(t), "country", None) for t in event.target_actors}
        if getattr(speaker, "sector", None) in ("GOV", "MIL") or getattr(speaker, "kind", None) == "country":
            sky = speaker.country if speaker.country not in targets else None
    if not event.source_actors and sky:
        defender = country_entity(sky)
        if defender is not None:
            event.source_actors = [defender.id]
            event.inferred.append("source_actors")
            event.target_actors = [t for t in event.target_actors if t != defender.id]
    defenders = {by_id[i].country for i in event.source_actors if i in by_id and by_id[i].country}
    if not defenders and sky:  # "air defence units shot down ...": the units of the sky's state
        defenders = {sky}
    event.target_actors = [t for t in event.target_actors if getattr(by_id.get(t), "country", None) not in defenders]
    if not event.target_actors and defenders:
        sides = _sides_of(defenders, attackers)
        if len(sides) == 1:
            event.target_actors = [sides.pop()]
            event.inferred.append("target_actors")
