"""Quantities: counts, what they count, estimates and periods, one behaviour per test."""

import pytest
from hand_layers import HandTime

from wirecoder.stages.quantities.lexicon import quantity_lexicon
from wirecoder.stages.quantities.numbers import read_number


@pytest.mark.parametrize("words, value, vague", [
    (["1,600"], 1600, False),
    (["2.5", "million"], 2_500_000, False),
    (["twenty-five"], 25, False),
    (["a", "dozen"], 12, False),
    (["two", "hundred", "and", "fifty"], 250, False),
    (["tens", "of", "thousands"], 10_000, True),
    (["dozens"], 12, True),
])
def test_number_values(words, value, vague):
    reading = read_number(words, quantity_lexicon().words)
    assert reading.value == value and reading.vague is vague


def test_words_that_are_not_numbers():
    assert read_number(["drones"], quantity_lexicon().words) is None


@pytest.mark.model
def test_count_with_estimate_and_what_it_counts(extract):
    r = extract("Officials said there were some 1,600 Russian drone attacks last month.")
    q = [q for q in r.quantities if q.value == 1600][0]
    assert q.approx and q.counted == "drone attacks" and q.unit == "attacks"
    assert r.article.text[q.start:q.end] == q.text == "some 1,600 Russian drone attacks"


@pytest.mark.model
def test_an_estimate_cue_covers_coordinated_counts(extract):
    r = extract("The army fired about 300 shells and 40 rockets at the town.")
    values = {q.value: q.approx for q in r.quantities}
    assert values == {300: True, 40: True}


@pytest.mark.model
def test_bounds_and_vague_plurals(extract):
    r = extract("At least 12 people were killed and dozens were wounded.")
    found = {q.text: q for q in r.quantities}
    assert found["At least 12 people"].approx and found["At least 12 people"].counted == "people"
    assert found["dozens"].value == 12 and found["dozens"].approx


@pytest.mark.model
def test_dates_names_and_compound_adjectives_are_not_counts(extract):
    r = extract("On December 8 the 28-point plan was discussed in 2025 by the European 3.")
    assert r.quantities == []


@pytest.mark.model
def test_money_has_a_currency(extract):
    r = extract("Germany pledged $400 million in military aid.")
    q = r.quantities[0]
    assert q.value == 400_000_000 and q.unit == "USD"


@pytest.mark.model
def test_period_comes_from_a_time_in_the_same_sentence(pipeline):
    from wirecoder.pipeline import _layers_for
    from wirecoder.readers import make_article

    text = "Russia launched 1,200 guided bombs over the past week."
    at = text.index("over the past week")
    article = make_article(text, "test", published="2025-12-07")
    doc = pipeline.nlp.make_doc(text)
    doc._.wc = _layers_for(article)
    doc = pipeline.nlp(doc)
    pipeline.stages[0](doc)  # actors
    doc._.wc.times = [HandTime("T1", "over the past week", at, len(text) - 1, "interval",
                               "2025-11-30", "2025-12-07", "week", value="2025-11-30/2025-12-07")]
    next(s for s in pipeline.stages if s.name == "quantities")(doc)
    q = doc._.wc.quantities[0]
    assert q.value == 1200 and q.period == "P7D"
