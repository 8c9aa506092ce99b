"""Events on small hand-written sentences: one behaviour per test."""

import importlib
import json
import shutil
from dataclasses import dataclass

import pytest
from hand_layers import HandTime

from wirecoder.stages.events.lexicon import EVENTS_DIR, EventLexicon
from wirecoder.stages.events.plover import plover_type


def names(record, ids):
    return {record.entity(i).name for i in ids}


def only(record, type_):
    found = [e for e in record.events if e.type == type_]
    assert found, [(e.type, e.evidence.trigger) for e in record.events]
    return found[0]


# -- data, not code ------------------------------------------------------------------
def test_a_new_trigger_is_a_line_of_data(tmp_path):
    folder = tmp_path / "events"
    shutil.copytree(EVENTS_DIR, folder)
    with open(folder / "triggers.csv", "a", encoding="utf-8") as handle:
        handle.write("parley,VERB,,CONSULT,,actor,0.8\n")
    lexicon = EventLexicon(folder)
    assert [s.type for s in lexicon.senses_for("parley")] == ["CONSULT"]


def test_specific_senses_are_tried_before_the_general_one():
    senses = EventLexicon().senses_for("strike")
    nouns = [s for s in senses if s.pos in ("NOUN", "ANY")]
    assert nouns[-1].type == "ASSAULT" and not nouns[-1].context
    assert any(s.type == "PROTEST" and "hunger" in s.context for s in nouns)


def test_plover_view_codes_announced_acts_as_intentions():
    assert plover_type("CONSULT", "planned") == "AGREE"
    assert plover_type("ASSAULT", "planned") == "THREATEN"
    assert plover_type("CONSULT", "occurred") == "CONSULT"


# -- type, mode, participants ------------------------------------------------------------


@pytest.mark.model
def test_meeting_with_source_target_and_place(extract):
    r = extract("President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin.")
    e = only(r, "CONSULT")
    assert e.status == "occurred"
    assert names(r, e.source_actors) == {"Emmanuel Macron"}
    assert names(r, e.target_actors) == {"Olaf Scholz"}
    assert r.entity(e.location).name == "Berlin"


@pytest.mark.model
def test_phone_call_mode(extract):
    r = extract("Italian Prime Minister Giorgia Meloni spoke by phone with Volodymyr Zelenskyy on Monday.")
    e = only(r, "CONSULT")
    assert e.mode == "phone" and names(r, e.target_actors) == {"Volodymyr Zelenskyy"}


@pytest.mark.model
def test_nationality_adjective_names_the_country(extract):
    r = extract("Residents said Russian drones struck a power station in the Sumy region.")
    e = only(r, "ASSAULT")
    assert {r.entity(i).country for i in e.source_actors} == {"RUS"}
    assert e.mode == "aerial"
    assert e.acled.event_type == "Explosions/Remote violence" and e.acled.sub_event_type == "Air/drone strike"


@pytest.mark.model
def test_light_verb_lends_its_subject_and_the_noun_its_type(extract):
    r = extract("Russia has continued its missile strikes on Ukrainian cities.")
    e = only(r, "ASSAULT")
    assert names(r, e.source_actors) == {"Russia"} and names(r, e.target_actors) == {"Ukraine"}
    assert e.status == "ongoing" and e.mode == "heavy-weapons"


@pytest.mark.model
def test_labour_strike_is_a_protest_not_an_attack(extract):
    r = extract("Thousands of teachers went on strike in Lagos over unpaid wages.")
    e = only(r, "PROTEST")
    assert e.acled.event_type == "Protests"
    assert not [x for x in r.events if x.type == "ASSAULT"]


# -- status ---------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize("text, type_, status", [
    ("Zelenskyy is due to arrive in Paris to meet Macron.", "CONSULT", "planned"),
    ("Vladimir Putin and Donald Trump will meet in Geneva.", "CONSULT", "planned"),
    ("Russian troops did not attack the town.", "ASSAULT", "negated"),
    ("There is a probable threat of an attack on the dam.", "ASSAULT", "hypothetical"),
    ("The army denied that its soldiers had shelled the village.", "ASSAULT", "denied"),
    ("Rebels claimed that they had captured the airport.", "ASSAULT", "claimed"),
    ("Police are dispersing protesters in the capital.", "COERCE", "ongoing"),
    # a coordinated clause with its own subject keeps its own status
    ("Dutch troops did not stop the raids, and opposition spokesman Karim Haddad accused the Dutch of a secret pact.",
     "ACCUSE", "occurred"),
    # support for an armed group told in the present goes on
    ("The government of Valdoria supports the Red Hand militia in the north.", "AID", "ongoing"),
    # a phrase put before its verb is the scene of the act, not what is urged
    ("In a telephone call to the Kremlin on Friday, Chancellor Anna Berger urged Moscow to free the prisoners.",
     "CONSULT", "occurred"),
])
def test_status(extract, text, type_, status):
    assert only(extract(text), type_).status == status


@pytest.mark.model
def test_refusal_is_coded_as_reject(extract):
    r = extract("Israel will not accept the French proposal.")
    assert only(r, "REJECT").status == "occurred"


@pytest.mark.model
def test_a_statement_that_another_must_act_is_a_request(extract):
    r = extract("France said that Iran must release the detained journalists.")
    e = only(r, "REQUEST")
    assert names(r, e.source_actors) == {"France"} and names(r, e.target_actors) == {"Iran"}


# -- casualties and counts ----------------------------------------------------------------
@pytest.mark.model
def test_killed_and_wounded(extract):
    r = extract("Gunmen killed four villagers and wounded six others in an attack on Tuesday.")
    e = [x for x in r.events if x.fatalities is not None][0]
    assert e.fatalities == 4 and e.injured == 6
    assert e.acled.event_type == "Violence against civilians"


@pytest.mark.model
def test_no_deaths_is_zero_and_attaches_to_the_event_before(extract):
    r = extract("The city suffered a massive drone attack overnight. No deaths were reported.")
    assert only(r, "ASSAULT").fatalities == 0


@pytest.mark.model
def test_fragment_notes_count_the_victims(extract):
    r = extract("Clashes between the army and rebels in the north. 3 soldiers and a woman killed.")
    assert only(r, "ASSAULT").fatalities == 4


@pytest.mark.model
def test_counts_of_the_event_noun(extract):
    r = extract("There were 400 drone attacks and 50 missiles launched against Ukraine.")
    e = only(r, "ASSAULT")
    assert {c.value for c in e.counts} == {400, 50}


# -- armed clash vs violence against civilians -------------------------------------------------
@pytest.mark.model
def test_armed_sides_make_a_battle(extract):
    r = extract("Government soldiers clashed with rebels near the border.")
    assert only(r, "ASSAULT").acled.sub_event_type == "Armed clash"


@pytest.mark.model
def test_tear_gas_on_protesters_is_a_protest_with_intervention(extract):
    r = extract("Police fired tear gas to disperse protesters outside parliament.")
    e = only(r, "COERCE")
    assert e.acled.event_type == "Protests" and e.acled.sub_event_type == "Protest with intervention"


# -- who reported it, coreference, confidence -------------------------------------------------
@pytest.mark.model
def test_reporting_verb_subject_reports_the_event(extract):
    r = extract("Ivan Petrenko, governor of Sumy region, said Russian drones had hit a substation.")
    e = only(r, "ASSAULT")
    quote = next((q for q in r.quotes if q.id == e.reported_by), None)  # the statement, when the quotes stage ran
    speaker = quote.speaker if quote is not None else e.reported_by
    assert r.entity(speaker).name == "Ivan Petrenko"


@pytest.mark.model
def test_adjunct_of_a_report_is_not_reported_by_the_speaker(extract):
    r = extract("After the talks in Florida, Zelenskyy said he was ready for peace.")
    talks = [e for e in r.events if e.evidence.trigger == "talks"]
    assert all(e.reported_by is None for e in talks)


@pytest.mark.model
def test_repeated_mentions_are_one_event(extract):
    r = extract("Zelenskyy will meet Starmer in London. In London, Zelenskyy is also scheduled to meet "
                "Macron. The London talks will focus on air defence.")
    meetings = [e for e in r.events if e.type == "CONSULT"]
    assert len(meetings) == 1
    assert names(r, meetings[0].target_actors) == {"Keir Starmer", "Emmanuel Macron"}


@pytest.mark.model
def test_confidence_is_a_probability(extract):
    r = extract("Troops shelled the village and killed two civilians, officials said.")
    assert r.events and all(0.0 <= e.confidence <= 1.0 for e in r.events)


def test_a_whole_article_has_its_own_calibration_and_a_note_the_short_one(tmp_path, monkeypatch):
    calibration = importlib.import_module("wirecoder.stages.events.confidence")
    short = {"intercept": 0.5, "coefficients": {"noun": 1.0}}
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(dict(short, articles={
        "min_sentences": 8, "intercept": -2.0, "coefficients": {"noun": 2.0}})), encoding="utf-8")
    monkeypatch.setattr(calibration, "CALIBRATION", path)
    calibration._calibration.cache_clear()
    try:
        assert calibration.model(3) == short
        assert calibration.model(8)["intercept"] == -2.0
        note, story = (calibration.confidence({"noun": 1.0}, calibration.model(n)) for n in (1, 40))
        assert note > 0.8 > 0.7 > story
    finally:
        calibration._calibration.cache_clear()


def test_the_shipped_calibration_has_a_model_for_whole_articles():
    from wirecoder.stages.events.confidence import model

    assert model(1) is not model(100)
    assert model(100)["coefficients"].keys() == model(1)["coefficients"].keys()


@pytest.mark.model
def test_no_event_in_plain_description(extract):
    r = extract("The river runs through a green valley with old farms.")
    assert r.events == []


# -- dates and places from other stages' layers (built by hand here) ---------------------------
def _with_times(pipeline, text, published, times):
    from wirecoder.pipeline import _layers_for
    from wirecoder.readers import make_article

    doc = pipeline.nlp.make_doc(text)
    doc._.wc = _layers_for(make_article(text, "test", published=published))
    doc = pipeline.nlp(doc)
    for stage in pipeline.stages:
        if stage.name == "events":
            doc._.wc.times = times
        stage(doc)
    return doc._.wc


def _time(text, phrase, start_date, end_date=None, kind="date", precision="day"):
    at = text.index(phrase)
    return HandTime(f"T{at}", phrase, at, at + len(phrase), kind, start_date, end_date or start_date, precision)


@pytest.mark.model
def test_when_is_the_time_attached_to_the_trigger_not_the_report(pipeline):
    text = "The governor said on Tuesday that drones hit a depot on Monday night."
    layers = _with_times(pipeline, text, "2025-03-12", [
        _time(text, "on Tuesday", "2025-03-11"), _time(text, "on Monday night", "2025-03-10")])
    event = [e for e in layers.events if e.type == "ASSAULT"][0]
    assert event.when.start == "2025-03-10" and not event.when.reported


@pytest.mark.model
def test_report_date_is_used_when_the_event_has_none_and_says_so(pipeline):
    text = "The mayor said on December 7 that Russian forces had struck a dam."
    layers = _with_times(pipeline, text, "2025-12-08", [_time(text, "on December 7", "2025-12-07")])
    event = [e for e in layers.events if e.type == "ASSAULT"][0]
    assert event.when.start == "2025-12-07" and event.when.reported


@pytest.mark.model
def test_purpose_clause_takes_the_date_of_its_governor(pipeline):
    text = "Zelenskyy is due to arrive in London on December 8 to meet his allies."
    layers = _with_times(pipeline, text, "2025-12-07", [_time(text, "on December 8", "2025-12-08")])
    event = [e for e in layers.events if e.type == "CONSULT"][0]
    assert event.when.start == "2025-12-08" and event.status == "planned"


@pytest.mark.model
def test_an_event_dated_after_publication_is_planned(pipeline):
    text = "Sergei Lavrov and Antony Blinken meet in Vienna on Friday."
    layers = _with_times(pipeline, text, "2025-03-12", [_time(text, "on Friday", "2025-03-14")])
    event = [e for e in layers.events if e.type == "CONSULT"][0]
    assert event.status == "planned"


@pytest.mark.model
def test_an_unresolved_date_does_not_date_the_event(extract):
    r = extract("Russian drones hit a substation in Shostka on Monday.", published=None)
    assert r.times and r.times[0].value is None
    assert all(e.when is None for e in r.events)


@dataclass
class HandQuote:
    """A quotes-layer item as the quotes stage makes it (the fields the events stage reads)."""

    id: str
    kind: str
    start: int
    end: int
    speaker: str | None
    channel: str | None
    date: str | None


def _with_quotes(pipeline, text, published, quotes):
    from wirecoder.pipeline import _layers_for
    from wirecoder.readers import make_article

    doc = pipeline.nlp.make_doc(text)
    doc._.wc = _layers_for(make_article(text, "test", published=published))
    doc = pipeline.nlp(doc)
    for stage in pipeline.stages:
        if stage.name == "events":
            doc._.wc.quotes = quotes
        stage(doc)
    return doc._.wc


@pytest.mark.model
def test_an_event_told_in_a_quote_is_reported_by_it_and_dated_when_said(pipeline):
    text = "The governor wrote on Telegram that Russian drones had hit a substation in Shostka."
    quote = HandQuote("Q1", "indirect", text.index("Russian"), len(text) - 1, None, "Telegram", "2025-03-10")
    layers = _with_quotes(pipeline, text, "2025-03-12", [quote])
    event = [e for e in layers.events if e.type == "ASSAULT"][0]
    assert event.reported_by == "Q1"
    assert event.when.start == "2025-03-10" and event.when.reported


@pytest.mark.model
def test_a_quote_dated_only_by_publication_does_not_date_the_event(pipeline):
    text = "The governor wrote that Russian drones had hit a substation in Shostka."
    quote = HandQuote("Q1", "indirect", text.index("Russian"), len(text) - 1, None, None, "2025-03-12")
    layers = _with_quotes(pipeline, text, "2025-03-12", [quote])
    assert [e for e in layers.events if e.type == "ASSAULT"][0].when is None


@pytest.mark.model
def test_an_undated_event_takes_the_date_its_story_gave(extract):
    r = extract("Gunmen attacked a village near Gao on 12/02, killing four people. They also burned the market.",
                published="2016-06-01")
    burned = [e for e in r.events if e.evidence.trigger == "burned"]
    assert burned and burned[0].when is not None and burned[0].when.start == "2016-02-12"


@pytest.mark.model
def test_a_date_is_not_shared_between_a_plan_and_a_deed(extract):
    r = extract("Rebels shelled the town on Monday. Russia and Ukraine will hold talks in Geneva.",
                published="2025-03-12")
    talks = [e for e in r.events if e.type == "CONSULT"]
    assert talks and talks[0].status == "planned" and talks[0].when is None


@pytest.mark.model
def test_an_event_placed_before_another_happened_and_keeps_its_own_date(extract):
    r = extract("Foreign Minister Jan Novak is due to arrive in Paris on March 20 to meet his allies, following talks "
                "in Rome with Italian officials.", published="2025-03-12")
    talks = [e for e in r.events if e.evidence.trigger == "talks"]
    assert talks and talks[0].status == "occurred" and talks[0].when is None
    visit = [e for e in r.events if e.evidence.trigger == "arrive"]
    assert visit and visit[0].status == "planned" and visit[0].when.start == "2025-03-20"


@pytest.mark.model
def test_they_is_not_the_person_who_reports(extract):
    r = extract("Macron said the four leaders would take stock when they convene in London.", published="2025-03-12")
    macron = [e.id for e in r.entities if e.name.endswith("Macron")]
    assert all(not set(macron) & set(e.source_actors) for e in r.events if e.type == "CONSULT")


@pytest.mark.model
def test_each_casualty_word_counts_its_own_victims(extract):
    r = extract("Gunmen attacked a bus near Gao. Three dead and two injured.", published="2016-06-01")
    attack = [e for e in r.events if e.type == "ASSAULT"][0]
    assert (attack.fatalities, attack.injured) == (3, 2)


@pytest.mark.model
def test_a_verb_that_says_an_event_happened_lends_it_date_and_place(extract):
    r = extract("Heavy fighting broke out in Gao between two militias on 02/03.", published="2016-06-01")
    fighting = [e for e in r.events if e.evidence.trigger == "fighting"]
    assert fighting and fighting[0].status == "occurred" and fighting[0].when.start == "2016-03-02"
    assert r.entity(fighting[0].location).name == "Gao"


@pytest.mark.model
def test_a_country_acting_is_not_where_its_acts_happen(extract):
    r = extract("Moldova is pressing Serbia to accept a trade deal that is tilted in Hungary's favor.\n"
                "Norway has continued its air strikes on Sweden as winter sets in.")
    places = {e.type: r.entity(e.location).name if e.location else None for e in r.events}
    assert places.get("REQUEST") is None
    assert places.get("ASSAULT") == "Sweden"  # an attack on a country is in it


@pytest.mark.model
def test_the_place_of_named_talks_is_not_lent_to_other_events(extract):
    r = extract("Ahead of the Geneva talks, Prime Minister Anna Voss pledged to send more aid to Chad.")
    pledge = [e for e in r.events if e.type in ("AID", "AGREE")]
    assert pledge and all(e.location is None or r.entity(e.location).name != "Geneva" for e in pledge)


def test_a_gerund_names_its_doer_with_by_not_with_the_victims(extract):
    r = extract("More than 40 villagers have been killed in airstrikes and shelling by Moldovan forces.")
    [shelling] = [e for e in r.events if e.type == "ASSAULT" and e.source_actors]
    assert {r.entity(i).country for i in shelling.source_actors} == {"MDA"}
    assert not any(r.entity(i).name == "villagers" for e in r.events for i in e.source_actors)


def test_a_finite_verb_hung_on_an_apposition_takes_the_named_person_as_source(extract):
    # no commas around the apposition: the parser makes "urged" a modifier of "candidate"
    r = extract("Tomas Varga a likely presidential candidate urged Hungary to wait for the elections.")
    request = only(r, "REQUEST")
    assert names(r, request.source_actors) == {"Tomas Varga"}


def test_a_subject_before_a_participle_clause_is_the_main_verbs(extract):
    r = extract("By contrast, Tomas Varga, the Slovak president whose army intervened in the war in 2015, "
                "turning the tide in favour of the government, welcomed the Hungarian move.")
    support = only(r, "SUPPORT")
    assert names(r, support.source_actors) == {"Tomas Varga"}
    assert {r.entity(i).country for i in support.target_actors} == {"HUN"}


def test_a_speaker_who_says_an_actor_did_a_wrong_accuses_it(extract):
    # the wrong is told in a quoted sentence of its own, not as what a verb of saying reports
    r = extract("Maria Lopez, a local activist, said: “We are hungry. Huge massacres have been "
                "committed by the Moldovan army.”")
    [accusation] = [e for e in r.events if e.type == "ACCUSE"]
    assert names(r, accusation.source_actors) == {"Maria Lopez"}
    assert {r.entity(i).country for i in accusation.target_actors} == {"MDA"}


def test_a_quote_that_denies_the_wrong_accuses_no_one(extract):
    r = extract("Maria Lopez, a local activist, said: “We are hungry. No massacres have been "
                "committed by the Moldovan army.”")
    assert not [e for e in r.events if e.type == "ACCUSE"]


def test_a_month_read_into_the_subjects_name_leaves_the_subject(extract):
    # the small model reads "In March Moldova" as a place phrase whose name is "March Moldova"
    r = extract("In March Moldova urged Romania to close the border.")
    request = only(r, "REQUEST")
    assert names(r, request.source_actors) == {"Moldova"}


def test_a_warning_that_an_actor_did_a_bad_deed_accuses_it(extract):
    r = extract("Lavrov warned that the Moldovans have taken dangerous unilateral steps in the region.")
    accusation = only(r, "ACCUSE")
    assert {r.entity(i).country for i in accusation.target_actors} == {"MDA"}
    assert not [e for e in extract("Lavrov warned that Moldova faces a dangerous situation.").events
                if e.type == "ACCUSE"]


def test_likening_an_actor_to_a_disparaged_one_accuses_it(extract):
    r = extract("Akar said the Moldovan militias are indistinguishable from the terrorist groups.")
    accusation = only(r, "ACCUSE")
    assert {r.entity(i).country for i in accusation.target_actors} == {"MDA"}


def test_the_holder_of_a_decision_is_the_source_of_what_it_decides(extract):
    r = extract("The redeployment follows Tomas Varga's surprise decision to withdraw from the country.")
    retreat = only(r, "RETREAT")
    assert names(r, retreat.source_actors) == {"Tomas Varga"}


def test_saying_a_plan_was_meant_to_do_a_wrong_accuses_its_owner(extract):
    r = extract("The opposition council said the Moldovan initiative was an attempt to circumvent the talks.")
    accusation = only(r, "ACCUSE")
    assert {r.entity(i).country for i in accusation.target_actors} == {"MDA"}
    assert not [e for e in extract("Moldova said the Romanian plan was an attempt to end the war.").events
                if e.type == "ACCUSE"]


def test_holding_people_in_prisons_is_a_detention_and_holding_talks_is_not(extract):
    r = extract("The Moldovan militia holds 800 foreign fighters in prisons and camps.")
    detention = only(r, "COERCE")
    assert detention.evidence.trigger == "holds"
    assert not [e for e in extract("The two leaders will hold talks in Geneva.").events if e.type == "COERCE"]


def test_keeping_or_stationing_forces_is_a_deployment_and_keeping_a_border_closed_is_not(extract):
    r = extract("Moldova and Romania are planning to keep forces inside Hungary once the conflict ends.")
    deployment = only(r, "MOBILIZE")
    assert names(r, deployment.source_actors) == {"Moldova", "Romania"}
    assert not [e for e in extract("Moldova will keep the border closed.").events if e.type == "MOBILIZE"]


def test_it_in_what_an_announcement_says_is_its_maker(extract):
    r = extract("The offensive came after a Moldovan announcement that it would train an army to patrol the borders.")
    training = only(r, "AID")
    assert names(r, training.source_actors) == {"Moldova"}


def test_listing_as_terrorists_is_a_sanction_on_the_listed_not_by_them(extract):
    r = extract("The Moldovan Liberation Army has waged an insurgency against the state and is "
                "classified as a terrorist group.")
    sanction = only(r, "SANCTION")
    assert names(r, sanction.target_actors) == {"Moldovan Liberation Army"} and not sanction.source_actors


def test_leaders_clashing_in_public_is_a_dispute_and_troops_clashing_a_fight(extract):
    r = extract("At the summit the Moldovan and Romanian presidents clashed in public over the ceasefire.")
    assert only(r, "ACCUSE").evidence.trigger == "clashed"
    assert not [e for e in r.events if e.type == "ASSAULT"]
    assert only(extract("Troops clashed with rebels near the border on Monday."), "ASSAULT")


def test_regaining_ground_is_taking_territory(extract):
    r = extract("The rebels regained ground after being driven out of the capital in 2001.")
    assert only(r, "ASSAULT").evidence.trigger == "regained"


def test_saying_one_is_willing_to_do_something_is_an_offer(extract):
    r = extract("Ana Lopez said the Moldovans were willing to put the captured fighters on trial.")
    offer = only(r, "AGREE")
    assert offer.evidence.trigger == "willing"
    assert {r.entity(i).country for i in offer.source_actors} == {"MDA"}


def test_arguing_for_or_lobbying_is_a_request(extract):
    assert only(extract("The Moldovan generals argued for more time and a residual force."), "REQUEST")
    assert only(extract("The Moldovan opposition lobbied the European Union not to offer aid."), "REQUEST")


def test_pressing_someone_to_do_something_is_a_request(extract):
    r = extract("The Moldovan army has been pressing the government to delay the withdrawal.")
    request = only(r, "REQUEST")
    assert request.evidence.trigger == "pressing"
