"""Events dated from the narrative, background events, and dates kept to their clause (issue 12)."""

import pytest
from hand_layers import HandTime
from test_events import _time, _with_times

from wirecoder.stages.events.aspect import aspect_of, background_cues

pytestmark = pytest.mark.model

LEXICON_REPORTING = frozenset({"say", "tell", "write", "add"})


def events_of(record, trigger):
    found = [e for e in record.events if e.evidence.trigger == trigger]
    assert found, [(e.type, e.evidence.trigger) for e in record.events]
    return found[0]


def window(event):
    return (event.when.start, event.when.end) if event.when else None


# -- how an event is told ----------------------------------------------------------------
def test_tense_of_an_event_is_read_from_its_verb_group(pipeline):
    doc = pipeline.nlp("Lunaria has condemned the raid. Lunaria condemned the raid. Lunaria had condemned the "
                       "raid. Lunaria will condemn the raid. Lunaria is condemning the raid.")
    verbs = [t.i for t in doc if t.lemma_ == "condemn"]
    assert [aspect_of(doc, i, LEXICON_REPORTING).tense for i in verbs] == [
        "perfect", "past", "pluperfect", "future", "present"]


def test_a_past_perfect_in_reported_speech_is_a_simple_past(pipeline):
    doc = pipeline.nlp("The mayor said that rebels had shelled the bridge.")
    shelled = next(t.i for t in doc if t.lower_ == "shelled")
    aspect = aspect_of(doc, shelled, LEXICON_REPORTING)
    assert aspect.reported and aspect.tense == "past"


def test_a_relative_clause_in_the_perfect_describes_and_a_conjunct_shares_it(pipeline):
    doc = pipeline.nlp("Borovia, which has backed and later armed the militia, said nothing.")
    for word in ("backed", "armed"):
        aspect = aspect_of(doc, next(t.i for t in doc if t.lower_ == word), LEXICON_REPORTING)
        assert aspect.describing and aspect.tense == "perfect", word


def test_habit_words_are_data():
    cues = background_cues()
    assert "regularly" in cues.adverbs and "decades-long" in cues.modifiers and "year" in cues.periods


# -- dating from the narrative ---------------------------------------------------------
def test_a_present_perfect_is_the_week_up_to_publication_and_says_where_it_came_from(extract):
    r = extract("Foreign Minister Anna Berg has condemned the raid on the border post.", published="2031-05-14")
    event = events_of(r, "condemned")
    assert window(event) == ("2031-05-08", "2031-05-14")
    assert event.when.inferred and event.when.basis.text == "has condemned"
    assert r.article.text[event.when.basis.start:event.when.basis.end] == "has condemned"


def test_a_simple_past_takes_the_reference_time_of_the_last_dated_clause(extract):
    r = extract("Rebels shelled the village of Arvo on Sunday. General Marta Kovac condemned the shelling and "
                "detained two commanders.", published="2031-05-14")
    detained = events_of(r, "detained")
    assert window(detained) == ("2031-05-11", "2031-05-11")
    assert detained.when.inferred and detained.when.basis.text in ("on Sunday", "Sunday")
    assert not events_of(r, "shelled").when.inferred  # its own date


def test_a_simple_past_with_no_dated_clause_is_undated_unless_the_news_counts_from_publication(extract):
    quiet = extract("Police detained two journalists in the capital. Union leader Anna Berg condemned the arrests.",
                    published="2031-05-14")
    assert events_of(quiet, "condemned").when is None  # nothing says when: an archive date would be a guess
    news = extract("Police detained two journalists in the capital on Friday.\n\nSeparately, the union of "
                   "reporters, which represents most of the country's press, launched a strike over pay. Its "
                   "leaders said the walkout was the largest in memory. They thanked readers for their support. "
                   "Several editors joined the protest. Union leader Anna Berg condemned the arrests.",
                   published="2031-05-14")
    condemned = events_of(news, "condemned")
    assert condemned.when.inferred and window(condemned) == ("2031-05-08", "2031-05-14")


def test_no_event_is_dated_by_publication_alone(extract):
    r = extract("Anna Berg has condemned the raid. Tomas Varga has denied any role.", published="2031-05-14")
    for event in r.events:
        assert event.when is None or (event.when.start, event.when.end) != ("2031-05-14", "2031-05-14")


def test_a_planned_event_takes_no_narrative_date(extract):
    r = extract("Rebels shelled the town on Monday. Foreign ministers Anna Berg and Tomas Varga will hold talks.",
                published="2031-05-14")
    talks = [e for e in r.events if e.type == "CONSULT"]
    assert talks and talks[0].when is None


def test_a_plan_told_in_the_past_is_dated_when_it_was_made(extract):
    # an analyst dates "announced it would send troops" by the announcement, as the narrative gives it
    r = extract("Rebels shelled the town on Monday. The government announced it would send 2,000 troops "
                "to the border.", published="2031-05-14")
    send = [e for e in r.events if e.type == "MOBILIZE"][0]
    assert send.status == "planned" and window(send) == ("2031-05-12", "2031-05-12")
    assert send.when.inferred


def test_a_meeting_to_come_takes_its_own_day_not_the_day_it_was_announced(extract):
    r = extract("Jan Holm will travel to Oslo on Thursday for talks with Anna Berg, his office said on Monday.",
                published="2031-05-13")
    talks = events_of(r, "talks")
    assert talks.status == "planned" and window(talks) == ("2031-05-15", "2031-05-15")


def test_earlier_in_the_news_is_no_habit(extract):
    r = extract("Rebels shelled the town on Monday. Earlier, Borduvia accused Lunaria of stalling the talks.",
                published="2031-05-14")
    accusation = [e for e in r.events if e.type == "ACCUSE"][0]
    assert not accusation.background and accusation.when is not None


def test_a_reference_time_does_not_reach_across_a_long_paragraph(extract):
    text = ("Rebels shelled the village of Arvo on Sunday. Aid groups sent food. Doctors treated the wounded. "
            "Schools stayed closed. Farmers fled the valley. Years later, the army detained two commanders.")
    r = extract(text, published="2031-05-14")
    assert events_of(r, "detained").when is None or events_of(r, "detained").when.start != "2031-05-11"


# -- dates kept to their clause ------------------------------------------------------------
def test_a_date_of_a_relative_clause_does_not_date_the_main_event(pipeline):
    text = "General Marta Kovac, whose troops invaded the province in 2019, condemned the raid on Tuesday."
    layers = _with_times(pipeline, text, "2031-05-14", [
        _time(text, "in 2019", "2019-01-01", "2019-12-31", precision="year"), _time(text, "on Tuesday", "2031-05-13")])
    condemned = [e for e in layers.events if e.trigger_text == "condemned"][0]
    assert condemned.when.start == "2031-05-13"


def test_a_date_in_another_clause_is_not_the_event_date(pipeline):
    text = "Envoy Tomas Varga condemned the withdrawal, writing that the deployment was seven years ago."
    layers = _with_times(pipeline, text, "2031-05-14", [
        _time(text, "seven years ago", "2024-01-01", "2024-12-31", precision="year")])
    condemned = [e for e in layers.events if e.trigger_text == "condemned"][0]
    assert condemned.when is None or condemned.when.start != "2024-01-01"


def test_a_date_before_a_noun_dates_only_that_noun(pipeline):
    text = "Minister Anna Berg accused the cleric of leading the 2016 uprising."
    layers = _with_times(pipeline, text, "2031-05-14", [_time(text, "2016", "2016-01-01", "2016-12-31", precision="year")])
    accused = [e for e in layers.events if e.trigger_text == "accused"][0]
    assert accused.when is None or accused.when.start != "2016-01-01"


def test_a_century_dates_no_event(pipeline):
    text = "Rebels attacked the convoy, citing seventh-century precepts."
    at = text.index("seventh-century")
    century = HandTime("T1", "seventh-century", at, at + 15, "date", "0600-01-01", "0699-12-31", "century")
    layers = _with_times(pipeline, text, "2031-05-14", [century])
    assert all(e.when is None or e.when.precision != "century" for e in layers.events)


# -- background --------------------------------------------------------------------------------
def test_history_and_habit_are_background_with_their_own_date(extract):
    r = extract("Police detained two protest leaders in Arvo on Tuesday. Her husband had fought in the insurgency "
                "and was arrested in 2010. In its earlier years the group regularly rallied followers in the square.",
                published="2031-05-14")
    assert not events_of(r, "detained").background
    fought, arrested = events_of(r, "fought"), events_of(r, "arrested")
    assert arrested.background and arrested.when.start == "2010-01-01" and arrested.status == "occurred"
    assert fought.background and fought.when is None  # before 2010, the text does not say when
    assert events_of(r, "rallied").background and events_of(r, "rallied").when is None


def test_a_relative_clause_in_the_perfect_is_background(extract):
    r = extract("The militia, which has fought a decades-long insurgency against the state, attacked a police "
                "station in Arvo on Tuesday.", published="2031-05-14")
    fought = [e for e in r.events if e.evidence.trigger in ("fought", "insurgency")]
    assert fought and all(e.background for e in fought)
    attacked = events_of(r, "attacked")
    assert not attacked.background and attacked.when.start == "2031-05-13"


def test_an_old_date_makes_an_event_background_relative_to_the_story_not_the_clock(extract):
    # a note read years later: its own date is its news, whatever the publication date says
    note = extract("Gunmen attacked a market in Arvo on 12/02, killing four people.", published="2035-06-01")
    assert not events_of(note, "attacked").background
    news = extract("Gunmen attacked a market in Arvo on Tuesday. The same group had bombed a bus station "
                   "in March 2019.", published="2031-05-14")
    assert not events_of(news, "attacked").background
    assert events_of(news, "bombed").background


def test_a_perfect_told_as_background_is_ongoing_and_not_merged_with_the_news(extract):
    r = extract("Rebels attacked a police station in Arvo on Tuesday. The militia, which has attacked the "
                "northern towns for a decade, denied any role.", published="2031-05-14")
    attacks = [e for e in r.events if e.type == "ASSAULT"]
    assert len(attacks) == 2, [(e.evidence.trigger, e.background) for e in attacks]
    old = [e for e in attacks if e.background]
    assert len(old) == 1 and old[0].status == "ongoing" and old[0].when is None


def test_a_lead_in_the_present_perfect_dates_the_story_from_publication(extract):
    # No "on Sunday" anywhere: the perfect lead alone says the news is of the last days,
    # so a later past-tense statement of the same story is dated to that week.
    text = ("The Chilean foreign minister, Ana Beltran, has urged Bolivia to reopen the border crossing. "
            "Beltran also criticised the Bolivian government for its handling of the protests.")
    r = extract(text, published="2025-05-16")
    assert window(events_of(r, "criticised")) == ("2025-05-10", "2025-05-16")
    r = extract(text.replace("has urged", "urged"), published="2025-05-16")
    assert events_of(r, "criticised").when is None


@pytest.mark.model
def test_a_plan_told_as_imminent_is_the_week_from_publication_and_one_without_a_word_of_time_is_undated(extract):
    r = extract("The army of Valdoria will launch an offensive on the port of Kessa within days, the defence "
                "minister said. Valdoria will also deploy more troops to the northern border, officials said.",
                published="2031-05-14")
    soon = next(e for e in r.events if e.type == "ASSAULT")
    assert soon.status == "planned"
    assert (soon.when.start, soon.when.end, soon.when.inferred, soon.when.basis.text) == \
        ("2031-05-14", "2031-05-20", True, "within days")
    later = next(e for e in r.events if e.type == "MOBILIZE")
    assert later.status == "planned" and later.when is None


@pytest.mark.model
def test_an_event_named_to_place_another_in_time_takes_no_date_of_that_clause(extract):
    r = extract("Many young men from the valley were drawn to the movement during the years of 2014 and 2015, "
                "before a military campaign by the army of Valdoria crushed it.", published="2019-03-01")
    campaign = next(e for e in r.events if e.evidence.trigger == "campaign")
    assert campaign.when is None
