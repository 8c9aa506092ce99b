"""Times on small hand-written sentences: one behaviour per test (published dates given)."""

import pytest

from wirecoder.stages.times import dated, overlapping

pytestmark = pytest.mark.model

WEDNESDAY = "2025-03-12"


def times(record):
    return {t.text: t for t in record.times}


def the(record, text):
    found = times(record)
    assert text in found, (text, list(found))
    return found[text]


def test_weekday_follows_the_tense(extract):
    r = extract("The minister said on Monday that he will meet his counterpart on Friday.", published=WEDNESDAY)
    assert the(r, "Monday").value == "2025-03-10"
    assert the(r, "Friday").value == "2025-03-14"
    assert the(r, "Friday").anchor == "published"


def test_extents_leave_out_prepositions_and_match_offsets(extract):
    text = "Talks began on Tuesday and ended in March, officials said over the weekend."
    r = extract(text, published=WEDNESDAY)
    assert {t.text for t in r.times} == {"Tuesday", "March", "the weekend"}
    for t in r.times:
        assert text[t.start:t.end] == t.text


def test_scheduled_date_is_in_the_future(extract):
    r = extract("The envoy is due to arrive in Kyiv on December 8 for talks.", published="2025-12-07")
    t = the(r, "December 8")
    assert (t.value, t.start_date, t.end_date, t.precision) == ("2025-12-08", "2025-12-08", "2025-12-08", "day")


def test_past_date_without_year_takes_last_year_when_nearer_backwards(extract):
    r = extract("The dam was hit on December 28, the governor said.", published="2026-01-05")
    assert the(r, "December 28").value == "2025-12-28"


def test_the_past_week_is_an_interval_with_its_duration(extract):
    r = extract("Some 1,600 drones were launched over the past week.", published="2025-12-07")
    t = the(r, "the past week")
    assert (t.kind, t.value) == ("interval", "2025-11-30/2025-12-07")
    assert (t.start_date, t.end_date) == ("2025-11-30", "2025-12-07")


def test_deictic_expressions(extract):
    r = extract("Yesterday the army said last week was calm, but next month will be harder than this year.",
                published=WEDNESDAY)
    assert the(r, "Yesterday").value == "2025-03-11"
    assert the(r, "last week").value == "2025-W10"
    assert the(r, "next month").value == "2025-04"
    assert the(r, "this year").value == "2025"


def test_no_publication_date_leaves_relative_dates_unresolved(extract):
    r = extract("Officials said on Monday that the attack of March 3, 2024 was planned.", published=None)
    monday = the(r, "Monday")
    assert monday.value is None and monday.reason
    assert the(r, "March 3, 2024").value == "2024-03-03"


def test_event_anchor_through_the_date_the_text_gives(extract):
    r = extract("The president is scheduled to visit Warsaw on June 3. On the eve of the visit, protesters "
                "gathered in the capital.", published="2025-05-30")
    eve = the(r, "the eve of the visit")
    assert eve.value == "2025-06-02"
    assert eve.anchor == the(r, "June 3").id


def test_event_anchor_without_a_date_stays_null_with_a_reason(extract):
    r = extract("On the eve of the summit, ministers met in Rome.", published="2025-05-30")
    eve = the(r, "the eve of the summit")
    assert eve.value is None and "summit" in eve.reason


def test_days_later_count_from_the_last_date_mentioned(extract):
    r = extract("Troops entered the town on August 6, 2024. Two days later they withdrew.", published="2025-01-10")
    later = the(r, "Two days later")
    assert later.value == "2024-08-08"
    assert later.anchor == the(r, "August 6, 2024").id


def test_a_year_earlier_is_the_same_period_a_year_before(extract):
    r = extract("Profit rose to $5 million in the third quarter from $3 million a year earlier.",
                published="2025-10-20")
    assert the(r, "the third quarter").value == "2025-Q3"
    assert the(r, "a year earlier").value == "2024-Q3"


def test_durations_and_sets(extract):
    r = extract("After three days of talks, inspectors will visit every Monday and report twice a week for "
                "more than six months.", published=WEDNESDAY)
    assert (the(r, "three days").kind, the(r, "three days").value) == ("duration", "P3D")
    assert (the(r, "every Monday").kind, the(r, "every Monday").value) == ("set", "XXXX-WXX-1")
    assert (the(r, "twice a week").kind, the(r, "twice a week").value) == ("set", "P1W")
    assert the(r, "more than six months").value == "P6M"


def test_clock_time_joins_its_day(extract):
    r = extract("The blast occurred at 10:35 a.m. Friday, police said.", published="2025-03-15")
    assert the(r, "10:35 a.m. Friday").value == "2025-03-14T10:35"
    assert the(r, "10:35 a.m. Friday").kind == "time"


def test_named_days_seasons_and_decades(extract):
    r = extract("Pilgrims gathered on Palm Sunday, as in the winter of the 1990s.", published="2025-04-20")
    assert the(r, "Palm Sunday").value == "2025-04-13"
    assert the(r, "the 1990s").value == "199"


def test_words_that_only_look_like_times(extract):
    r = extract("Theresa May said the protesters may march on parliament, and 2000 homes lost power. "
                "The fall of Kabul changed the future control of the region.", published=WEDNESDAY)
    assert r.times == []


def test_lookup_helpers_for_other_stages(extract, pipeline):
    from wirecoder.readers import make_article

    text = "Kellogg said on Sunday that talks lasted three days."
    doc_times = pipeline.extract(make_article(text, "t", published=WEDNESDAY)).times
    sunday = next(t for t in doc_times if t.text == "Sunday")
    assert sunday.value == "2025-03-09"
    # the same helpers work on the stage's items (layers.times); here on a record's times
    sentence = (0, len(text))
    assert [t.text for t in overlapping(doc_times, *sentence)] == ["Sunday", "three days"]
    assert [t.text for t in dated(doc_times, *sentence)] == ["Sunday"]


def test_a_range_of_days_is_one_interval(extract):
    r = extract("Talks are scheduled for December 8-9 in Geneva; the last round ran 8-10 July 2024.",
                published="2025-12-07")
    upcoming, last_round = the(r, "December 8-9"), the(r, "8-10 July 2024")
    assert (upcoming.kind, upcoming.value, upcoming.end_date) == ("interval", "2025-12-08/2025-12-09", "2025-12-09")
    assert (last_round.value, last_round.anchor) == ("2024-07-08/2024-07-10", None)


def test_numeric_dates_read_in_the_order_the_text_uses(extract):
    r = extract("Gunmen attacked a checkpoint on 25/02. A second raid followed on 03/03/2016.", published="2016-06-01")
    assert the(r, "25/02").value == "2016-02-25"
    assert the(r, "03/03/2016").value == "2016-03-03"
    us = extract("The vote on 03/05/2016 was delayed from May 14.", published="2016-06-01")
    assert the(us, "03/05/2016").value == "2016-03-05"  # the text writes the month first
    uk = extract("The vote on 03/05/2016 was delayed from 14 May.", published="2016-06-01")
    assert the(uk, "03/05/2016").value == "2016-05-03"
    plain = extract("Shops open 24/7 since 9/11, and half the staff (1/2) left.", published="2016-06-01")
    assert not [t for t in plain.times if "/" in t.text]


def test_a_bracketed_date_gives_the_relative_one_its_value(extract):
    r = extract("Journalists held a rally the day before yesterday [15 February].", published="2016-06-01")
    assert the(r, "the day before yesterday [15 February]").value == "2016-02-15"


def test_a_numeric_stretch_of_days_is_one_interval(extract):
    r = extract("Fighting went on for four days (17-20/02) near the border.", published=WEDNESDAY)
    t = the(r, "17-20/02")
    assert (t.start_date, t.end_date) == ("2025-02-17", "2025-02-20")
    assert not any(t.text == "3-4/5" for t in extract("Scores of 3-4/5 were given.").times)


def test_a_purpose_infinitive_in_a_past_clause_is_no_plan(extract):
    r = extract("Hundreds joined a rally to demand jobs on 17 February.", published="2025-06-01")
    assert the(r, "17 February").value == "2025-02-17"


def test_a_bracketed_date_the_model_calls_a_name_still_dates(extract):
    r = extract("The unrest turned violent yesterday [9 February] when youths protested.", published="2025-06-01")
    assert any(t.start_date == "2025-02-09" for t in r.times)
