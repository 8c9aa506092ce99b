"""PLOVER ``context`` from an event's type, mode, actors and sentence (export/plover_context.py)."""

from __future__ import annotations

from dataclasses import dataclass

from wirecoder.export.plover_context import contexts, cue_contexts


@dataclass(frozen=True)
class Actor:
    kind: str
    country: str | None = None
    sector: str | None = None


def test_cue_words_of_the_sentence_give_the_context():
    found = contexts("REQUEST", None, [Actor("person", "ALB", "GOV")], [],
                     "The justice minister of Aldonia asked that the smugglers be prosecuted at home.")
    assert found == ["legal"]


def test_cues_match_plurals_stems_and_hyphenated_compounds():
    assert cue_contexts("Both sides signed a free-trade pact.") == ["economic"]
    assert cue_contexts("Three judges and two refugees spoke.") == ["legal", "refugee"]
    assert cue_contexts("The pipeline company was hacked by cybercriminals.") == ["economic", "resource", "cyber"]


def test_a_cue_inside_another_word_does_not_count():
    assert cue_contexts("The courtyard was quiet and the armyworm spread.") == []


def test_governments_of_two_states_acting_on_each_other_are_diplomatic():
    found = contexts("CONSULT", None, [Actor("country", "ALB", "GOV")], [Actor("person", "BEL", "GOV")],
                     "Aldonia met Belmaria's leader on Tuesday.")
    assert found == ["diplomatic"]
    assert contexts("CONSULT", None, [Actor("country", "ALB", "GOV")], [Actor("person", "ALB", "GOV")],
                    "Aldonia's leader met her deputy on Tuesday.") == []


def test_type_mode_and_sector_come_first_without_repeats():
    found = contexts("COERCE", "arrest", [Actor("organization", "ALB", "COP")], [Actor("person")],
                     "Police arrested a man who had attacked an army post.")
    assert found == ["legal", "military"]
    assert contexts("ASSAULT", "cbrn", [], [], "Shells hit the town.") == ["military", "cbrn"]


def test_nothing_supports_a_context_then_none_is_written():
    assert contexts("REQUEST", None, [Actor("person")], [], "She asked her neighbour to call back later.") == []
