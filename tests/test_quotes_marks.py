"""Quotation marks, the date said and the quotes lexicons: no spaCy model needed."""

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from wirecoder.stages.quotes.channels import date_said
from wirecoder.stages.quotes.lexicon import CUE_CLASSES, quote_lexicon
from wirecoder.textspans import quotations, quoted_spans


def inner(text):
    return [text[q.start:q.end] for q in quotations(text)]


# -- quotation marks ---------------------------------------------------------------
def test_double_quotes_keep_their_behaviour():
    text = 'He said "yes" and “no” and «peut-être», a 12" pipe.\n"Open to the end'
    assert [text[s:e] for s, e in quoted_spans(text)] == ["yes", "no", "peut-être", "Open to the end"]


def test_single_quotes_are_found_outside_double_quotes_only():
    text = "Officials called it 'a disaster'. “He said ‘no way’ today,” she said."
    assert inner(text) == ["a disaster", "He said ‘no way’ today,"]


def test_apostrophes_are_not_quotes():
    text = "The workers' union said it's the ‘90s again; rock 'n' roll won't die."
    assert inner(text) == []


def test_a_quote_left_open_runs_to_its_paragraph_end():
    text = '"We will rebuild every house.\n"And we will do it this year," he said.'
    found = quotations(text)
    assert [(text[q.start:q.end], q.closed) for q in found] == [
        ("We will rebuild every house.", False), ("And we will do it this year,", True)]


def test_guillemets_and_low_quotes():
    text = "Il a dit «Nous ne céderons pas» et „Wir bleiben“."
    assert inner(text) == ["Nous ne céderons pas", "Wir bleiben"]


@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"'“”‘’«»")), max_size=60))
def test_quotations_are_well_formed_on_any_text(text):
    for q in quotations(text):
        assert 1 <= q.start <= q.end <= len(text)
        assert text[q.start - 1] == q.mark
        assert "\n" not in text[q.start:q.end]


# -- the date said ---------------------------------------------------------------------
@dataclass
class Time:  # the attributes the quotes stage reads from a times-stage item
    start: int
    end: int
    value: str | None
    precision: str
    start_date: str | None = None
    end_date: str | None = None


def test_date_said_is_the_day_inside_the_attribution():
    times = [Time(40, 50, "2025-12-07", "day"), Time(5, 15, "2025-12-01", "day")]
    assert date_said(times, [(30, 60)]) == "2025-12-07"


def test_date_said_ignores_times_outside_the_attribution_and_coarse_ones():
    times = [Time(5, 15, "2025-12-01", "day"), Time(40, 50, "2025-W49", "week",
                                                   "2025-12-01", "2025-12-07")]
    assert date_said(times, [(30, 60)]) is None
    assert date_said([], [(0, 100)]) is None


def test_date_said_takes_a_one_day_interval_without_a_value():
    times = [Time(40, 50, None, "day", "2025-12-06", "2025-12-06")]
    assert date_said(times, [(30, 60)]) == "2025-12-06"


# -- lexicons ------------------------------------------------------------------------------
def test_cue_lexicon_classes_and_channels():
    lex = quote_lexicon()
    assert set(lex.cues.values()) <= CUE_CLASSES
    assert lex.cue_class("said") is None and lex.cue_class("say") == "speak"
    assert lex.cue_class("speak") is None and lex.is_occasion("speak")
    assert lex.channels[("news", "conference")].channel == "press conference"
    assert "office" in lex.proxies and "company" in lex.org_nouns
