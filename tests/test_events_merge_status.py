"""Which mention of an event told several times sets its status (merge.py). Hand-built
events, no model: an invented article in which the army shells a town, and a later
sentence says what it will or will not do there."""

from wirecoder.stages.events.confidence import features
from wirecoder.stages.events.items import EventItem
from wirecoder.stages.events.merge import merge_mentions


def mention(status: str, cue: str | None, sentence: int, trigger_i: int, trigger: str = "shelling") -> EventItem:
    return EventItem(id=f"V{trigger_i}", type="ASSAULT", mode=None, status=status, evidence_start=0,
                     evidence_end=10, trigger_text=trigger, trigger_i=trigger_i, trigger_is_noun=True,
                     sentence_i=sentence, paragraph=0, location="P1", status_cue=cue)


def test_a_later_sentence_telling_the_act_as_unreal_leaves_the_told_one_real():
    # "The shelling of the town killed two." ... "The army will not resume the shelling of the town."
    merged = merge_mentions([mention("occurred", None, 0, 1), mention("negated", "not", 3, 40)], {})
    assert len(merged) == 1
    assert merged[0].status == "occurred" and merged[0].status_cue is None


def test_a_cue_in_the_mentions_own_sentence_still_sets_the_status():
    # "The shelling, which the army denies, ...": one sentence, one telling
    merged = merge_mentions([mention("occurred", None, 0, 1), mention("denied", "denies", 0, 5)], {})
    assert [e.status for e in merged] == ["denied"]


def test_a_later_real_mention_still_lends_its_cue():
    merged = merge_mentions([mention("occurred", None, 0, 1), mention("ongoing", "continued", 3, 40)], {})
    assert [e.status for e in merged] == ["ongoing"]


def test_the_unreal_telling_still_keeps_other_unreal_mentions_apart():
    # a planned and a negated mention of one kind of act elsewhere are not one event
    merged = merge_mentions([mention("occurred", None, 0, 1), mention("planned", "will", 3, 40),
                             mention("negated", "not", 5, 60)], {})
    assert len(merged) == 2


def test_the_confidence_model_reads_how_the_event_was_also_told():
    event = merge_mentions([mention("occurred", None, 0, 1), mention("planned", "will", 3, 40)], {})[0]
    seen = features(event, 1)
    assert seen["planned"] == 1.0 and seen["status_cue"] == 1.0


def test_an_act_told_as_not_done_does_not_take_a_later_one_told_as_done():
    # "The army would not dare to shell the town." ... "The shelling of the town began on Saturday."
    merged = merge_mentions([mention("negated", "not", 0, 1), mention("occurred", None, 3, 40)], {})
    assert [e.status for e in merged] == ["negated", "occurred"]


def test_a_definite_mention_after_a_negated_one_still_joins_it():
    # "No talks were held in the town." ... "The talks were to be its first."
    later = mention("occurred", None, 3, 40, "talks")
    later.anaphoric = True
    assert len(merge_mentions([mention("negated", "No", 0, 1, "talks"), later], {})) == 1


def test_a_later_mention_told_going_on_makes_the_act_go_on():
    # "The attacks forced thousands to flee." ... "The fighting continued into Saturday."
    merged = merge_mentions([mention("occurred", None, 0, 1), mention("ongoing", None, 3, 40)], {})
    assert [e.status for e in merged] == ["ongoing"]


def truce(status: str, cue: str | None, sentence: int, trigger_i: int, definite: bool) -> EventItem:
    event = mention(status, cue, sentence, trigger_i, "ceasefire")
    event.type, event.lemma, event.anaphoric, event.location = "RETREAT", "ceasefire", definite, None
    event.target_actors = ["E1"]
    return event


def test_the_same_event_noun_told_again_with_the_is_the_event_already_told():
    # "Troops attacked in defiance of a ceasefire ordered by the council." ...
    # "The general insisted the ceasefire did not apply to the suburbs."
    merged = merge_mentions([truce("occurred", None, 0, 1, False), truce("negated", "not", 4, 50, True)], {})
    assert len(merged) == 1
    assert merged[0].status == "occurred"


def test_an_indefinite_mention_told_otherwise_stays_apart():
    # "... a ceasefire ordered by the council." ... "Nobody said how a ceasefire would be enforced."
    merged = merge_mentions([truce("occurred", None, 0, 1, False), truce("hypothetical", "would", 4, 50, False)], {})
    assert len(merged) == 2
