"""Events read as an analyst reads a whole article (issue 12): speech acts, attackers
named in the noun phrase or implied by the article, interceptions, promises of force.
Invented sentences and names; one behaviour per test."""

import pytest

pytestmark = pytest.mark.model


def names(record, ids):
    return {record.entity(i).name for i in ids}


def events_of(record, type_, trigger=None):
    found = [e for e in record.events if e.type == type_ and (trigger is None or e.evidence.trigger == trigger)]
    assert found, [(e.type, e.evidence.trigger) for e in record.events]
    return found


# -- class 4: the attacker in the noun phrase, or implied by the article ------------------

def test_the_demonym_on_the_weapon_names_the_attacker(extract):
    r = extract("A Russian missile strike on a power plant in Dnipro cut the power of 40,000 homes.")
    strike = events_of(r, "ASSAULT", "strike")[0]
    assert names(r, strike.source_actors) == {"Russia"}


def test_an_unattributed_attack_is_by_the_one_side_the_article_names(extract):
    r = extract("Russian forces shelled the town of Izium on Monday, the regional governor said.\n"
                "On Tuesday the city of Balakliia came under a massive attack that damaged a school.")
    attack = events_of(r, "ASSAULT", "attack")[0]
    assert any(r.entity(i).country == "RUS" for i in attack.source_actors)
    assert "source_actors" in attack.inferred


def test_no_attacker_is_inferred_when_the_article_names_two_sides(extract):
    r = extract("Russian forces shelled the town of Izium on Monday.\n"
                "Belarusian troops also struck the town of Kupiansk on Monday.\n"
                "On Tuesday the city of Balakliia came under a massive attack that damaged a school.")
    attack = events_of(r, "ASSAULT", "attack")[0]
    assert attack.source_actors == [] and attack.inferred == []


def test_the_side_that_shoots_down_is_the_source_and_the_attacker_the_target(extract):
    r = extract("Russian drones attacked the city of Sumy overnight, officials in Ukraine said.\n"
                "Two more drones were shot down over the Okhtyrka district on Friday morning.")
    interception = events_of(r, "ASSAULT", "shot")[0]
    assert {r.entity(i).country for i in interception.source_actors} == {"UKR"}
    assert {r.entity(i).country for i in interception.target_actors} == {"RUS"}


@pytest.mark.parametrize("text, defender, attacker", [
    ("Ukraine's air force said 38 Russian missiles were shot down overnight.", "UKR", "RUS"),
    ("Russia's defence ministry said 40 Ukrainian drones were shot down over the Belgorod region.", "RUS", "UKR"),
])
def test_the_weapons_shot_down_are_the_attackers_and_the_reporting_state_shot_them(extract, text, defender, attacker):
    r = extract(text)
    interception = events_of(r, "ASSAULT", "shot")[0]
    assert {r.entity(i).country for i in interception.source_actors} == {defender}
    assert {r.entity(i).country for i in interception.target_actors} == {attacker}
    assert interception.location is None or r.entity(interception.location).country == defender


# -- class 6: roles of sanctions -----------------------------------------------------------------

def test_a_package_of_sanctions_is_by_the_one_who_adopts_it(extract):
    r = extract("The European Union on Friday adopted a new package of sanctions against Moldova, "
                "targeting its gas imports and dozens of tankers, diplomats said.")
    sanction = events_of(r, "SANCTION")[0]
    assert names(r, sanction.source_actors) == {"European Union"} and names(r, sanction.target_actors) == {"Moldova"}
    assert not [e for e in r.events if e.type == "ASSAULT"]  # what sanctions target is not attacked


def test_measures_imposed_are_sanctions_on_what_they_target(extract):
    r = extract("Romania imposed new measures targeting Moldovan banks.")
    sanction = events_of(r, "SANCTION", "measures")[0]
    assert names(r, sanction.source_actors) == {"Romania"} and names(r, sanction.target_actors) == {"Moldova"}


def test_what_must_happen_told_to_reporters_is_asked_of_the_one_who_must(extract):
    r = extract('"Moldova must understand that the cost of its war will only rise," the Romanian foreign '
                'minister, Ion Popa, told reporters in Bucharest.')
    request = events_of(r, "REQUEST")[0]
    assert names(r, request.source_actors) == {"Ion Popa"} and names(r, request.target_actors) == {"Moldova"}


def test_prisoners_exchanged_are_released_by_both_sides(extract):
    r = extract("Moldova and Romania exchanged 84 prisoners each on Thursday in a swap mediated by Hungary.")
    swap = events_of(r, "RETREAT", "exchanged")[0]
    assert names(r, swap.source_actors) == {"Moldova", "Romania"}


def test_what_is_decided_in_a_conversation_is_by_one_who_took_part(extract):
    r = extract("Ana Rusu made the decision halfway through a telephone conversation with her "
                "Romanian counterpart, Ion Popa.", published="2025-03-12")
    call = events_of(r, "CONSULT", "conversation")[0]
    assert call.source_actors and names(r, call.target_actors) == {"Ion Popa"}


def test_pressing_ahead_with_an_offensive_carries_it_on(extract):
    r = extract("Moldova pressed ahead with its offensive despite international calls for a ceasefire.")
    offensive = events_of(r, "ASSAULT", "offensive")[0]
    assert offensive.status == "ongoing" and names(r, offensive.source_actors) == {"Moldova"}


def test_efforts_by_mediators_are_theirs(extract):
    r = extract("Lunaria said Borduvia was sabotaging mediation efforts by Moldova and Romania.")
    mediation = events_of(r, "CONSULT", "mediation")[0]
    assert names(r, mediation.source_actors) == {"Moldova", "Romania"}


def test_support_given_by_a_thing_is_no_act(extract):
    r = extract("Moldova's defence ministry said it had targeted energy facilities that support Romania's "
                "military industry.")
    assert not [e for e in r.events if e.type in ("SUPPORT", "AID")]
    r = extract("Rebels who support the government attacked the town.")
    assert events_of(r, "AID", "support")


def test_a_past_verb_after_a_reported_would_clause_is_the_speakers_act(extract):
    # the small model coordinates "warned" with "would be over"
    r = extract("The Moldovan president, Ana Rusu, vowed on Sunday that the campaign would be over in a short "
                "time and warned rebel activists in Moldova against staging protests.")
    warning = events_of(r, "THREATEN", "warned")[0]
    assert warning.status == "occurred" and names(r, warning.source_actors) == {"Ana Rusu"}


def test_those_kept_from_leaving_are_coerced_by_who_keeps_them(extract):
    r = extract("Rebel militants prevented more than 1,000 Moldovan civilians from leaving the enclave.")
    coercion = events_of(r, "COERCE", "prevented")[0]
    assert coercion.source_actors and coercion.target_actors


def test_begging_someone_is_a_request_of_them(extract):
    r = extract("Aid convoys across the border have been halted, Jan Holm, a humanitarian adviser to the UN said "
                "this week, begging Moldova to reopen its border to those fleeing the conflict.")
    request = events_of(r, "REQUEST", "begging")[0]
    assert names(r, request.source_actors) == {"Jan Holm"} and names(r, request.target_actors) == {"Moldova"}


def test_defending_a_crackdown_and_calling_protesters_violent_radicals(extract):
    r = extract('Prime Minister Ana Rusu of Moldova defended the police response and called the protesters '
                '"violent radicals" financed from abroad.')
    assert events_of(r, "SUPPORT", "defended") and events_of(r, "ACCUSE", "called")


def test_a_truce_proposal_is_no_truce(extract):
    r = extract("Moldova's foreign minister met his Romanian counterpart in Chisinau on Saturday to discuss "
                "a new truce proposal.", published="2025-03-12")
    assert events_of(r, "RETREAT", "truce")[0].status == "hypothetical"


# -- class 1: speech acts ---------------------------------------------------------------------

def test_hitting_back_at_comments_accuses_their_author(extract):
    r = extract("Moldova's president has hit back at comments made by Tomas Varga.")
    accusation = events_of(r, "ACCUSE")[0]
    assert names(r, accusation.target_actors) == {"Tomas Varga"}


def test_a_rebuke_delivered_to_someone_targets_them(extract):
    r = extract("The Polish foreign minister, Adam Zielinski, delivered a rebuke to Tomas Varga on Monday.")
    accusation = events_of(r, "ACCUSE", "rebuke")[0]
    assert names(r, accusation.source_actors) == {"Adam Zielinski"}
    assert names(r, accusation.target_actors) == {"Tomas Varga"}


def test_a_denial_is_a_rejection_by_the_one_who_denies(extract):
    r = extract("The Kremlin denied there had been any change of policy, officials said on Monday.")
    assert events_of(r, "REJECT", "denied")


def test_a_speech_somewhere_is_not_about_the_country_it_is_given_in(extract):
    r = extract("In a speech in Nairobi, the Danish minister Lars Holm praised the Somali government.")
    praise = events_of(r, "SUPPORT", "praised")[0]
    assert all(r.entity(i).country != "KEN" for i in praise.target_actors)


def test_a_vow_to_use_force_is_a_threat(extract):
    r = extract("Poland's defence minister, Jan Nowak, vowed that Poland would expel every Belarusian agent.")
    assert events_of(r, "THREATEN", "vowed")


def test_a_vow_to_help_stays_a_promise(extract):
    r = extract("Poland's defence minister, Jan Nowak, vowed that Poland would send more aid to Ukraine.")
    assert events_of(r, "AGREE", "vowed")


def test_a_speech_act_is_dated_when_said(extract):
    r = extract("Alice Mwangi, Kenya's foreign minister, urged Ethiopia on Tuesday to withdraw its troops, "
                "saying their presence was illegal.", published="2025-03-12")
    request = events_of(r, "REQUEST", "urged")[0]
    assert names(r, request.source_actors) == {"Alice Mwangi"}
    assert request.when is not None and request.when.start == "2025-03-11"


def test_a_speech_act_keeps_the_channel_of_its_statement(extract):
    r = extract("Omar Farah, the army chief, denied on Facebook that his troops had crossed the border.")
    rejection = events_of(r, "REJECT", "denied")[0]
    assert rejection.channel == "Facebook"
    assert rejection.reported_by is not None


def test_an_unattributed_attack_on_a_place_is_by_the_side_that_struck_there(extract):
    r = extract("Government forces shelled the town of Douma on Monday, killing six people. "
                "Turkish troops attacked the Kurdish enclave of Afrin on Monday.\n"
                "On Tuesday morning four rockets hit Douma.", published="2018-02-27")
    hit = events_of(r, "ASSAULT", "hit")[0]
    assert names(r, hit.source_actors) == {"Government forces"} and "source_actors" in hit.inferred


# -- class 10: figurative objects ----------------------------------------------------------------

@pytest.mark.parametrize("text", ["The decision will destroy any trust between the two governments.",
                                  "The bombing was a strike at the heart of democracy, the minister said.",
                                  "The new cabinet has promised that it will fight corruption."])
def test_an_attack_on_something_no_one_can_strike_is_no_event(extract, text):
    r = extract(text)
    assert not [e for e in r.events if e.evidence.trigger in ("destroy", "strike", "fight")]


def test_an_attack_on_a_thing_is_still_an_attack(extract):
    r = extract("Troops destroyed the bridge over the river on Monday.")
    assert events_of(r, "ASSAULT", "destroyed")


# -- class 6: roles ------------------------------------------------------------------------

def test_the_one_accused_of_an_act_is_its_source(extract):
    r = extract("Ankara accuses the Moldovan general Ion Popa of ordering the shelling of the village.")
    shelling = events_of(r, "ASSAULT")[0]
    assert names(r, shelling.source_actors) == {"Ion Popa"}


def test_the_antecedent_of_whom_is_the_target(extract):
    r = extract("Protesters marched against Ion Popa, whom the opposition has accused of fraud.")
    accusation = events_of(r, "ACCUSE", "accused")[0]
    assert names(r, accusation.target_actors) == {"Ion Popa"}


def test_a_news_outlet_can_be_denounced(extract):
    r = extract("The minister Ana Rusu went on television to denounce the Moldova Times for its reporting.")
    denunciation = events_of(r, "ACCUSE", "denounce")[0]
    assert names(r, denunciation.target_actors) == {"Moldova Times"}


def test_the_enemy_that_targeted_something_is_the_articles_one_attacker(extract):
    r = extract("Russian drones struck the port of Izmail overnight, the governor said.\n"
                "\"The enemy again targeted civilian infrastructure,\" he said.")
    targeted = events_of(r, "ASSAULT", "targeted")[0]
    assert {r.entity(i).country for i in targeted.source_actors} == {"RUS"}


def test_its_forces_are_the_forces_of_the_group_that_speaks(extract):
    r = extract("The Rapid Support Forces denied the attack, saying its forces had fired only at army positions.")
    assert not [e for e in r.entities if e.kind == "group" and e.name == "forces"]


def test_forces_that_are_deployed_are_the_deploying_sides_own(extract):
    r = extract("About 2,500 additional Polish troops will be deployed to the border by the end of the month.")
    deployment = events_of(r, "MOBILIZE")[0]
    assert {r.entity(i).country for i in deployment.source_actors} == {"POL"} and not deployment.target_actors


# -- status ----------------------------------------------------------------------------------

def test_a_passive_in_progress_goes_on(extract):
    r = extract("Opposition activists are being prosecuted by the government in Chisinau.")
    assert events_of(r, "COERCE")[0].status == "ongoing"


def test_an_arrangement_told_with_is_to_is_planned(extract):
    r = extract("The UN is to hold two sessions of talks with the Moldovan opposition next month.")
    assert events_of(r, "CONSULT")[0].status == "planned"


@pytest.mark.parametrize("text,type_,trigger", [
    ("The regime has continued to brutalise the Druze minority in the south.", "COERCE", "brutalise"),
    ("The ministry alleged that Ion Popa had recruited fighters for the militia.", "ACCUSE", "alleged"),
    ("Chisinau will continue to engage with the Romanian authorities on the case.", "CONSULT", "engage"),
    ("Since Moldova joined the war in 2015, it has shelled the town many times.", "ASSAULT", "joined"),
])
def test_more_event_words(extract, text, type_, trigger):
    assert events_of(extract(text), type_, trigger)


def test_a_promise_to_hit_back_is_a_threat(extract):
    r = extract("Moldova's defence minister, Ion Popa, promised a strong response to any attack on the bridge.")
    assert events_of(r, "THREATEN", "promised")


def test_backing_an_armed_group_is_aid(extract):
    r = extract("Moldova has supported the rebel militias in the north for years.")
    assert events_of(r, "AID", "supported")


def test_troops_a_ministry_announces_moving_are_its_states(extract):
    r = extract("According to the Moldovan defence ministry, about 500 additional troops will be deployed "
                "to the border by the end of the month.")
    deployment = events_of(r, "MOBILIZE")[0]
    assert {r.entity(i).country for i in deployment.source_actors} == {"MDA"}
    assert "source_actors" in deployment.inferred


def test_a_present_in_a_clause_of_time_is_future(extract):
    r = extract("The visit comes two weeks before allied leaders meet in Chisinau.")
    assert events_of(r, "CONSULT", "meet")[0].status == "planned"


def test_the_sky_state_shoots_down_even_when_its_units_are_named(extract):
    r = extract("Russian drones attacked the port of Izmail overnight.\n"
                "Air defence units shot down 21 of the 27 drones launched at the Odesa region.")
    interception = events_of(r, "ASSAULT", "shot")[0]
    assert {r.entity(i).country for i in interception.target_actors} == {"RUS"}


def test_attacks_a_request_asks_to_stop_are_its_content(extract):
    r = extract("The UN chief called on both sides to stop attacks on civilians.")
    assert [e.type for e in r.events] == ["REQUEST"]


def test_a_ceasefire_agreed_between_states_is_an_agreement_of_them(extract):
    r = extract("The fighting rips up a ceasefire agreed last year between Moldova, Romania and Ukraine.")
    agreement = events_of(r, "AGREE")[0]
    assert {r.entity(i).name for i in agreement.source_actors + agreement.target_actors} == {
        "Moldova", "Romania", "Ukraine"}


def test_what_one_is_told_must_happen_is_asked_of_the_one_told(extract):
    r = extract("The Moldovan president, Ana Rusu, told her Romanian counterpart, Ion Popa, that the "
                "ceasefire must be applied everywhere.")
    request = events_of(r, "REQUEST")[0]
    assert names(r, request.source_actors) == {"Ana Rusu"} and names(r, request.target_actors) == {"Ion Popa"}


def test_a_must_the_model_hangs_on_a_modifier_is_still_asked_of_the_one_told(extract):
    # the small model reads "proposed" as a verb and hangs the "must" clause on it
    r = extract("On Monday, the Moldovan president, Ana Rusu, told her Romanian counterpart, Ion Popa, that "
                "the UN’s proposed 30-day ceasefire must be applied across the country, including in Bender.")
    request = events_of(r, "REQUEST")[0]
    assert names(r, request.source_actors) == {"Ana Rusu"} and names(r, request.target_actors) == {"Ion Popa"}


def test_a_relative_clause_after_a_dash_is_about_the_name_before_it(extract):
    # the small model hangs "which has threatened" on "buffer"
    r = extract("US troops have also acted as a buffer between US-allied rebel militias and neighbouring "
                "Moldova – which has threatened a full-scale military offensive to dismantle the militias.")
    threat = events_of(r, "THREATEN", "threatened")[0]
    assert names(r, threat.source_actors) == {"Moldova"}


def test_we_in_a_speakers_own_words_is_the_speaker(extract):
    r = extract("The foreign minister, Jan Holm, spoke to reporters in Oslo on Monday.\n"
                "\"The court has ruled. We will continue to engage with the Moldovan authorities as they "
                "consider an appeal,\" Holm said.")
    talks = events_of(r, "CONSULT", "engage")[0]
    assert names(r, talks.source_actors) == {"Jan Holm"}


def test_insisting_asks_only_when_what_is_insisted_on_is_a_demand(extract):
    r = extract("Moldova's defence minister, Jan Holm, insisted the ceasefire did not apply to the suburbs.")
    assert not [e for e in r.events if e.type == "REQUEST"]
    r = extract("Moldova's defence minister, Jan Holm, insisted Romania withdraw its troops from the border.")
    assert events_of(r, "REQUEST", "insisted")
    r = extract("Moldova's defence minister, Jan Holm, insisted on a full withdrawal of Romanian troops.")
    assert events_of(r, "REQUEST", "insisted")


def test_troops_withdrawn_are_the_sides_own_and_the_place_left_its_target(extract):
    r = extract("Russia will withdraw its troops from Moldova next year.")
    withdrawal = events_of(r, "RETREAT")[0]
    assert names(r, withdrawal.source_actors) == {"Russia"} and names(r, withdrawal.target_actors) == {"Moldova"}


def test_a_quoted_must_is_a_request_of_the_one_who_must(extract):
    r = extract("Jan Holm spoke to reporters in Geneva on Monday.\n"
                "\"The Moldovan government must open the border now. We must act,\" he said. "
                "\"The rebels should also withdraw.\"")
    requests = events_of(r, "REQUEST")
    assert any(r.entity(i).name == "Jan Holm" for e in requests for i in e.source_actors)
    assert all("We" not in r.article.text[e.evidence.start:e.evidence.end][:3] for e in requests)


@pytest.mark.model
def test_a_vow_to_carry_on_fighting_is_a_threat(extract):
    r = extract("Poland's defence minister, Jan Nowak, vowed to keep fighting the Wagner group in Belarus.")
    assert events_of(r, "THREATEN", "vowed")
    r = extract("Poland's defence minister, Jan Nowak, vowed to keep sending aid to Ukraine.")
    assert events_of(r, "AGREE", "vowed")
    assert not [e for e in r.events if e.type == "THREATEN"]


@pytest.mark.parametrize("text", [
    "Relations between the two countries have been strained by Moldovan support for the rebel militia.",
    "The rebel militia in the north enjoys Romanian backing.",
    "The Romanian withdrawal from the region leaves the Moldovan army exposed.",
])
def test_support_named_by_a_noun_in_a_clause_told_now_goes_on(extract, text):
    r = extract(text)
    assert [e.status for e in r.events if e.type in ("AID", "SUPPORT", "RETREAT")] == ["ongoing"]


def test_a_withdrawal_told_in_the_past_is_done(extract):
    r = extract("The Romanian withdrawal from the region left the Moldovan army exposed.")
    assert [e.status for e in r.events if e.type == "RETREAT"] == ["occurred"]


def test_support_a_verb_tells_as_done_stays_done(extract):
    r = extract("The rebel militia got Romanian backing last year.")
    assert [e.status for e in r.events if e.type in ("AID", "SUPPORT")] == ["occurred"]


def test_an_event_noun_that_continues_goes_on(extract):
    r = extract("The fighting in Ocnita, which began on Monday, continued into Saturday.")
    assert [e.status for e in events_of(r, "ASSAULT")] == ["ongoing"]


@pytest.mark.parametrize("text,status", [
    ("The Moldovan foreign minister is leading a delegation touring Paris and Berlin to win support.", "ongoing"),
    ("The Moldovan foreign minister led a delegation touring Paris and Berlin last week.", "occurred"),
])
def test_a_participle_on_a_noun_takes_the_tense_of_its_clause(extract, text, status):
    assert events_of(extract(text), "CONSULT", "touring")[0].status == status


@pytest.mark.parametrize("text,status", [
    ("Moldovan troops in the north – deployed in the fight against the rebels – have also acted as a buffer.",
     "ongoing"),
    ("Moldovan troops deployed to the border last week clashed with rebels on Monday.", "occurred"),
])
def test_troops_a_participle_describes_as_deployed_in_a_clause_told_now_are_still_there(extract, text, status):
    assert events_of(extract(text), "MOBILIZE", "deployed")[0].status == status


def test_an_event_named_to_date_a_perfect_is_not_told_going_on_by_it(extract):
    r = extract("As many as a million people live in the north, including many fighters who have been "
                "transferred to the region after the fall of other rebel towns, such as Ocnita.")
    assert events_of(r, "ASSAULT", "fall")[0].status == "occurred"
