"""PLOVER event -> ACLED event type and sub-event type.

ACLED splits political violence by weapon (remote weapons are "Explosions/
Remote violence"), by who is hit (civilians: "Violence against civilians";
armed forces on both sides: "Battles") and by what happened to territory.
The rules are data (acled_rules.csv); this module only describes the event
for them: its PLOVER type and mode, trigger lemma, the class of its source and
target participants, and the words of its sentence.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import EventLexicon

ARMED_SECTORS = {"MIL": {"armed", "state"}, "COP": {"armed", "state"}, "SPY": {"armed", "state"},
                 "REB": {"armed", "nonstate"}, "INS": {"armed", "nonstate"}, "IMG": {"armed", "nonstate"},
                 "UAF": {"armed", "nonstate"}, "CVL": {"civilian"}, "OPP": {"civilian"}, "MED": {"civilian"},
                 "EDU": {"civilian"}, "BUS": {"civilian"}, "LAB": {"civilian"}, "REF": {"civilian"}}


STATE_NOUNS = frozenset({"police", "policeman", "army", "soldier", "troop", "military"})


def classes_of(entities: list, heads: list[Token], lexicon: EventLexicon) -> set[str]:
    """What kind of participants these are: armed, state, nonstate, civilian, protester."""
    found: set[str] = set()
    for entity in entities:
        sector = (getattr(entity, "sector", None) or "")[:3]
        if sector in ARMED_SECTORS:
            found |= ARMED_SECTORS[sector]
        elif entity.kind == "country":
            found |= {"armed", "state"}
        elif entity.kind in ("place", "facility"):
            found.add("civilian")
    for head in heads:
        # "soldiers", else what the phrase is made of: "members of the security forces",
        # "security force members", "dozens of soldiers"
        inner = [c for c in head.children if c.dep_ in ("compound", "amod")]
        inner += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
        for token in (head, *inner):
            cls = lexicon.actor_nouns.get(token.lemma_.lower()) or lexicon.actor_nouns.get(token.lower_)
            if cls:
                found.add(cls)
                if cls == "armed" and token.lemma_.lower() in STATE_NOUNS:
                    found.add("state")
                break
    return found


def acled_type(event_type: str, mode: str | None, lemma: str, weapon_sub: str | None,
               source: set[str], target: set[str], sentence_words: set[str],
               lexicon: EventLexicon) -> tuple[str, str | None] | None:
    for rule in lexicon.acled_rules:
        if rule.type != event_type:
            continue
        if rule.modes and (mode or "") not in rule.modes:
            continue
        if rule.lemmas and lemma not in rule.lemmas:
            continue
        if rule.source and not (rule.source & source):
            continue
        if rule.target and not (rule.target & target):
            continue
        if rule.sentence_has and not (rule.sentence_has & sentence_words):
            continue
        sub = rule.sub_event_type
        if sub == "weapon":
            if weapon_sub is None:
                continue
            sub = weapon_sub
        return rule.event_type, sub or None
    return None
