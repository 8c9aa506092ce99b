"""Date guards (issue 16): eras are no dates, old dates need a stated year, future dates are plans."""

from datetime import date

import pytest

from wirecoder.stages.events.guards import guard_dates, states_year
from wirecoder.stages.events.items import EventItem, WhenValue

PUBLISHED = date(2031, 5, 14)


def event(when: WhenValue | None, status: str = "occurred") -> EventItem:
    return EventItem(id="V1", type="ASSAULT", mode=None, status=status, evidence_start=0, evidence_end=10,
                     trigger_text="attacked", trigger_i=1, trigger_is_noun=False, sentence_i=0, paragraph=0,
                     when=when)


def day(start: str, end: str | None = None, text: str | None = "on Monday", precision: str = "day", **kw):
    return WhenValue(start, end or start, precision, text, **kw)


# -- unit: the guards on their own -----------------------------------------------------------
def test_a_decade_or_century_window_never_dates_an_event():
    for when in (day("2000-01-01", "2099-12-31", "this century", "century"),
                 day("1990-01-01", "1999-12-31", "the 1990s", "decade"),
                 day("2024-01-01", "2030-12-31", "in recent years", "year")):
        found = event(when)
        assert [v.action for v in guard_dates([found], PUBLISHED)] == ["wide"]
        assert found.when is None


def test_an_old_date_without_a_stated_year_is_dropped():
    counted = event(day("1951-05-14", text="eight decades earlier", precision="year", relative=True))
    borrowed = event(day("2012-03-02", text="in 2012", precision="year", shared=True))
    bare = event(day("2020-03-02", text="in March", precision="month"))
    guard_dates([counted, borrowed, bare], PUBLISHED)
    assert counted.when is None and borrowed.when is None and bare.when is None


def test_an_old_date_with_its_own_year_or_decade_stands_as_background():
    for text in ("in 2012", "on 3 March 2012", "in the late '80s"):
        found = event(day("2012-03-03", text=text))
        guard_dates([found], PUBLISHED)
        assert found.when is not None and found.backstory, text


def test_a_recent_date_is_left_alone():
    found = event(day("2030-06-01", text="in June", precision="month"))
    assert guard_dates([found], PUBLISHED) == [] and found.when is not None and not found.backstory


def test_a_future_date_of_its_own_makes_a_real_event_planned():
    found = event(day("2035-01-01", "2035-12-31", "by 2035", "year"))
    assert [v.action for v in guard_dates([found], PUBLISHED)] == ["future-planned"]
    assert found.status == "planned" and found.when.start == "2035-01-01"


def test_an_old_date_counted_from_a_stated_year_stands_as_background():
    counted = event(day("2012-01-01", "2012-12-31", "two years later", "year", relative=True, counted_from="2010"))
    from_a_weekday = event(day("2012-01-01", "2012-12-31", "two years later", "year", relative=True,
                               counted_from="Monday"))
    guard_dates([counted, from_a_weekday], PUBLISHED)
    assert counted.when is not None and counted.when.start == "2012-01-01" and counted.backstory
    assert from_a_weekday.when is None


def test_a_borrowed_or_counted_future_date_is_dropped_and_a_plan_keeps_its_date():
    borrowed = event(day("2031-05-20", shared=True))
    counted = event(day("2033-05-14", text="two years later", precision="year", relative=True))
    negated = event(day("2031-05-20"), status="negated")
    plan = event(day("2031-05-20"), status="planned")
    guard_dates([borrowed, counted, negated, plan], PUBLISHED)
    assert borrowed.when is None and counted.when is None and negated.when is None
    assert borrowed.status == "occurred" and counted.status == "occurred"
    assert plan.when is not None and plan.status == "planned"


def test_a_stated_year_is_read_from_the_expression_only():
    assert states_year(day("2012-01-01", text="in 2012"))
    assert states_year(day("1980-01-01", text="during the eighties"))
    assert not states_year(day("2012-01-01", text="seven years ago"))
    assert not states_year(day("2012-01-01", text="in 2012", narrative=True))


# -- through the pipeline: invented sentences --------------------------------------------------
def events_of(record, trigger):
    return [e for e in record.events if e.evidence.trigger == trigger]


@pytest.mark.model
def test_a_relative_expression_about_another_event_does_not_date_an_old_attack(extract):
    r = extract("Rebels stormed the fortress of Veldmark in 1990. Eight decades earlier, the fortress was "
                "besieged by a royal army.", published="2031-05-14")
    stormed = when_of_trigger(r, "stormed")
    assert stormed is not None and stormed.start == "1990-01-01"
    for e in r.events:  # old dates are background, stated or counted from the stated 1990 ("eight decades earlier")
        if e.when is not None and e.when.start and e.when.start < "2029":
            assert e.background and e.when.start[:4] in ("1990", "1910"), e


@pytest.mark.model
def test_an_attack_dated_after_publication_is_planned(extract):
    r = extract("Rebels attacked the camps of Lunaria in 2035, the ministry said.", published="2031-05-14")
    attack = events_of(r, "attacked")[0]
    assert attack.when is not None and attack.when.start == "2035-01-01" and attack.status == "planned"


@pytest.mark.model
def test_a_decade_never_becomes_an_event_window(extract):
    r = extract("Rebels attacked villages across Borovia in the 1990s.", published="2031-05-14")
    attack = events_of(r, "attacked")[0]
    assert attack.when is None or attack.when.start is None


# -- times that date no act of their own clause (issue 16) -------------------------------------
def when_of_trigger(record, trigger):
    found = events_of(record, trigger)
    assert found, [e.evidence.trigger for e in record.events]
    return found[0].when


@pytest.mark.model
def test_since_opens_a_span_up_to_publication(extract):
    short = extract("Rebels have shelled the town of Veldmark since Monday.", published="2031-05-14")
    when = when_of_trigger(short, "shelled")
    assert (when.start, when.end) == ("2031-05-12", "2031-05-14")
    long = extract("The Borovian army has backed the rebels of Veldmark since 2024.", published="2031-05-14")
    backed = events_of(long, "backed")[0]
    assert backed.when is None and backed.background  # a state of seven years: background, no date


def test_a_since_span_of_years_is_background_and_a_wide_one_undated():
    years = event(day("2029-01-01", "2031-05-14", "2029", "year", since=True), status="ongoing")
    weeks = event(day("2031-04-01", "2031-05-14", "April", "month", since=True), status="ongoing")
    decade = event(day("2020-01-01", "2031-05-14", "2020", "year", since=True), status="ongoing")
    guard_dates([years, weeks, decade], PUBLISHED)
    assert years.backstory and years.when is not None
    assert not weeks.backstory and weeks.when is not None
    assert decade.backstory and decade.when is None


@pytest.mark.model
def test_a_since_phrase_on_a_noun_dates_nothing(extract):
    r = extract("Officials called it the most dangerous moment since the missile crisis of 2022.",
                published="2031-05-14")
    called = events_of(r, "called")[0]
    assert called.when is None or called.when.start is None or called.when.start >= "2031"
    assert not called.background  # the comparison's era is not the call's


@pytest.mark.model
def test_a_year_that_bounds_or_compares_dates_nothing(extract):
    bound = extract("The militia will return to the brutal insurgency it ran before the campaigns of 2024.",
                    published="2031-05-14")
    when = when_of_trigger(bound, "insurgency")
    assert when is None or when.start is None
    compared = extract("Like the Borovian enclave in 2025, the town of Veldmark has been besieged by "
                       "government forces.", published="2031-05-14")
    when = when_of_trigger(compared, "besieged")
    assert when is None or when.start is None or when.start >= "2031"


@pytest.mark.model
def test_a_participle_with_its_own_agent_keeps_its_time(extract):
    r = extract("Air strikes have killed 600 civilians in Veldmark, a suburb held by the opposition since "
                "2023, on Monday.", published="2031-05-14")
    when = when_of_trigger(r, "strikes")
    assert when is not None and when.start == "2031-05-12"


@pytest.mark.model
def test_a_background_mention_is_not_dated_by_a_later_sentence(extract):
    r = extract("Rebels have fought a long war in Borovia for years. Their commander was killed in Borovia "
                "in 2025.", published="2031-05-14")
    fought = events_of(r, "fought")
    assert fought and (fought[0].when is None or fought[0].when.start is None)
    assert when_of_trigger(r, "killed").start == "2025-01-01"

@pytest.mark.model
def test_between_two_times_is_one_window(extract):
    r = extract("Rebels attacked Veldmark between Monday and Tuesday. The conflict killed five million people "
                "in Borovia between 2021 and 2027.", published="2031-05-14")
    attacked = when_of_trigger(r, "attacked")
    assert (attacked.start, attacked.end) == ("2031-05-12", "2031-05-13")
    killed = events_of(r, "killed")[0]
    assert killed.when is None and killed.background  # six years: an era, not a date



@pytest.mark.model
def test_a_relative_date_counts_from_its_own_anchor_and_stands_as_background(extract):
    r = extract("Rebels seized the port of Veldmark in 2010. Two years later, the navy shelled the port.",
                published="2031-05-14")
    shelled = [e for e in r.events if e.evidence.trigger == "shelled"][0]
    assert shelled.when is not None and shelled.when.start[:4] == "2012" and shelled.background
