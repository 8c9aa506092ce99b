"""Accusations made by naming (issue 12, class 1): a verb of naming or describing with a
disparaging predicate, or a report whose content disparages a named actor, is an ACCUSE
event by the speaker against the one judged; what something is called is no event of its
own. Invented sentences and names; one behaviour per test."""

import pytest

pytestmark = pytest.mark.model


def names(record, ids):
    return {record.entity(i).name for i in ids}


def accusations(record):
    return [e for e in record.events if e.type == "ACCUSE"]


def test_calling_a_move_provocative_accuses_its_author(extract):
    r = extract("The Moldovan foreign minister, Ion Carabet, called the Romanian move provocative.")
    [accusation] = accusations(r)
    assert names(r, accusation.source_actors) == {"Ion Carabet"}
    assert {r.entity(i).country for i in accusation.target_actors} == {"ROU"}


def test_describing_a_policy_as_an_embarrassment_accuses(extract):
    r = extract("Senator Dana Whitlock described Canadian trade policy as an embarrassment.")
    [accusation] = accusations(r)
    assert {r.entity(i).country for i in accusation.target_actors} == {"CAN"}


def test_dismissing_someone_as_a_fraud_accuses_them(extract):
    r = extract("Governor Alma Reyes dismissed Victor Okonkwo as a fraud.")
    [accusation] = accusations(r)
    assert names(r, accusation.target_actors) == {"Victor Okonkwo"}


def test_a_neutral_description_is_no_accusation(extract):
    r = extract("Senator Dana Whitlock described the Canadian trade policy as ambitious.")
    assert accusations(r) == []


def test_a_disparaging_object_is_not_a_disparaging_predicate(extract):
    r = extract("Governor Alma Reyes described the attack on the village as a turning point.")
    assert accusations(r) == []


def test_a_report_that_a_named_actor_did_wrong_accuses_it(extract):
    r = extract("The Belarusian deployment near the border was illegal, Lithuania said on Monday.")
    [accusation] = accusations(r)
    assert names(r, accusation.source_actors) == {"Lithuania"}
    assert {r.entity(i).country for i in accusation.target_actors} == {"BLR"}


def test_a_report_of_a_good_meeting_is_no_accusation(extract):
    r = extract("Lithuania said the talks with Belarus were constructive.")
    assert accusations(r) == []


def test_what_an_act_is_called_is_no_event_of_its_own(extract):
    r = extract("Georgia denounced the Russian border plan as an attack on its sovereignty.")
    assert [e.type for e in r.events] == ["ACCUSE"]


# -- cooperation and material support -------------------------------------------------------

def types_of(record):
    return [e.type for e in record.events]


def test_an_act_in_coordination_with_a_state_is_cooperation_with_it(extract):
    r = extract("Armenia said its air force had struck the depot in coordination with Georgia.")
    cooperation = [e for e in r.events if e.type == "COOPERATE"]
    assert [names(r, e.target_actors) for e in cooperation] == [{"Georgia"}]


def test_working_closely_with_a_group_is_cooperation(extract):
    r = extract("Paris works closely with the Tuareg militia in northern Mali.")
    assert "COOPERATE" in types_of(r)


def test_fighting_alongside_an_army_is_cooperation_not_an_attack_on_it(extract):
    r = extract("Chadian troops are fighting alongside the Nigerian army.")
    [cooperation] = [e for e in r.events if e.type == "COOPERATE"]
    assert {r.entity(i).country for i in cooperation.target_actors} == {"NGA"}
    assert "ASSAULT" not in types_of(r)


def test_support_for_a_militia_is_aid_and_support_for_a_text_is_not(extract):
    assert "AID" in types_of(extract("Angry at Belgian support for the rebel militias, Kinshasa recalled its envoy."))
    assert "AID" not in types_of(extract("Belgium supported the resolution."))


def test_the_agent_of_a_participle_is_the_source(extract):
    r = extract("The Somali army, supported by Kenya from the air, retook the town.")
    [aid] = [e for e in r.events if e.type == "AID"]
    assert names(r, aid.source_actors) == {"Kenya"}
    assert {r.entity(i).country for i in aid.target_actors} == {"SOM"}


# -- refusals said with other words ----------------------------------------------------------

def test_a_charge_refuted_by_a_state_is_its_rejection(extract):
    r = extract("Denmark accused Norway of delaying the vote, a charge refuted by Norway.")
    [rejection] = [e for e in r.events if e.type == "REJECT"]
    assert names(r, rejection.source_actors) == {"Norway"}


def test_objecting_to_a_resolution_is_a_rejection(extract):
    r = extract("Brazil objected to the resolution on Tuesday.")
    assert "REJECT" in types_of(r)


def test_blocking_a_resolution_is_a_rejection_and_blocking_a_road_is_not(extract):
    assert "REJECT" in types_of(extract("Moscow intends to block the renewal of the resolution."))
    assert "REJECT" not in types_of(extract("Farmers blocked the road to the port."))


# -- where a statement was made ------------------------------------------------------------

def place_of(record, event):
    return record.entity(event.location).name if event.location else None


def test_a_statement_is_where_its_speaker_gave_the_speech_of_the_paragraph(extract):
    r = extract("In a speech in Tbilisi on Friday, Nino Beridze said the talks had failed. "
                "She accused Armenia of stalling them.")
    [accusation] = accusations(r)
    assert place_of(r, accusation) == "Tbilisi"


def test_a_statement_is_not_where_another_speaker_spoke(extract):
    r = extract("In a speech in Tbilisi on Friday, Nino Beridze said the talks had failed. "
                "Ruben Hakobyan accused Georgia of stalling them.")
    [accusation] = accusations(r)
    assert accusation.location is None or place_of(r, accusation) != "Tbilisi"


def test_a_body_named_again_by_its_noun_as_an_object_is_the_target(extract):
    r = extract("The Arctic Council met in Oslo on Saturday. On Monday, Greenpeace condemned "
                "the council's failure to protect the sea ice.")
    [accusation] = accusations(r)
    assert names(r, accusation.target_actors) == {"Arctic Council"}


# -- withdrawals, alerts and acquittals named by other words ------------------------------

def test_a_drawdown_is_a_withdrawal_of_its_state(extract):
    r = extract("The Canadian drawdown in Mali leaves the mission short of helicopters.")
    [retreat] = [e for e in r.events if e.type == "RETREAT"]
    assert names(r, retreat.source_actors) == {"Canada"}


def test_raising_an_alert_level_is_mobilisation_and_raising_a_price_is_not(extract):
    assert "MOBILIZE" in types_of(extract("Norway raised its alert level on Friday."))
    assert "MOBILIZE" not in types_of(extract("Norway raised the price of fuel on Friday."))


def test_an_acquittal_is_a_concession(extract):
    assert "CONCEDE" in types_of(extract("A court in Quito acquitted the nine activists on Monday."))


def test_a_report_that_a_named_actor_did_wrong_accuses_it_unless_denied(extract):
    r = extract("Ministry officials in Tbilisi insisted the Armenian border guards had harassed local farmers.")
    [accusation] = accusations(r)
    assert "ARM" in {r.entity(i).country for i in accusation.target_actors}
    r = extract("Ministry officials in Tbilisi said the Armenian border guards had not harassed local farmers.")
    assert not accusations(r)


def test_a_report_that_war_crimes_were_committed_accuses_their_doer(extract):
    r = extract("The Halvard Rights Watch said war crimes were committed by Moldovan troops in the valley.")
    [accusation] = accusations(r)
    assert names(r, accusation.source_actors) == {"The Halvard Rights Watch"} or \
        names(r, accusation.source_actors) == {"Halvard Rights Watch"}
    assert {r.entity(i).country for i in accusation.target_actors} == {"MDA"}


def test_a_report_that_no_crimes_were_committed_is_no_accusation(extract):
    r = extract("The Halvard Rights Watch said no crimes were committed in the valley.")
    assert accusations(r) == []


def test_saying_one_will_respect_a_truce_is_an_undertaking(extract):
    r = extract("The Moldovan government said it would respect the ceasefire in the valley.")
    [undertaking] = [e for e in r.events if e.type == "AGREE"]
    assert {r.entity(i).country for i in undertaking.source_actors} == {"MDA"}
    assert undertaking.status == "occurred"


def test_saying_one_will_not_respect_a_truce_is_no_undertaking(extract):
    r = extract("The Moldovan government said it would not respect the ceasefire in the valley.")
    assert [e for e in r.events if e.type == "AGREE"] == []


def test_a_report_that_militants_were_eliminated_is_no_accusation(extract):
    r = extract("The terrorists have been eliminated completely from the valley, the Moldovan general said.")
    assert accusations(r) == []


def test_a_pronoun_in_what_a_speaker_insists_on_is_the_speaker(extract):
    r = extract("Moldova has insisted it will not allow Romanian troops to cross the border.")
    [refusal] = [e for e in r.events if e.type == "REJECT"]
    assert {r.entity(i).country for i in refusal.source_actors} == {"MDA"}


def test_calling_what_a_named_actor_does_unacceptable_accuses_it(extract):
    r = extract("Moldova said it was unacceptable that Romania was arming the rebels.")
    [accusation] = accusations(r)
    assert {r.entity(i).country for i in accusation.source_actors} == {"MDA"}
    assert {r.entity(i).country for i in accusation.target_actors} == {"ROU"}


def test_calling_what_a_named_actor_does_important_is_no_accusation(extract):
    r = extract("Moldova said it was important that Romania was helping the refugees.")
    assert accusations(r) == []
