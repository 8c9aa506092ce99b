"""Properties of every record, on any text (hypothesis).

Over arbitrary Unicode and over invented news-like text (capitalised names,
digits, number and scale words, quote marks left open, dates real and
impossible, HTML fragments): extraction ends in a record or in a coded input
error, never anything else; every offset lies inside the text and the stored
string is the text at those offsets; every id a record refers to is one of its
own; every record validates against the JSON Schema; and no count exceeds what
the text writes (its largest number times its largest scale word).

The default run is modest; ``make test-long`` runs the same properties with
many more examples.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirecoder.errors import InputError
from wirecoder.readers import make_article

pytestmark = pytest.mark.model

# The suite's run is the same examples every time (derandomize); the long run explores anew each time.
QUICK = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


# -- strategies ---------------------------------------------------------------------
NAMES = ["Arvo", "Belmira", "Corvan", "Dastria", "Elvo", "Fennick", "Gorska", "Halden", "Istra", "Jorvik",
         "Minister", "President", "General", "Council", "Army", "Ministry", "River", "Province", "Front"]
WORDS = ["the", "of", "in", "and", "a", "an", "forces", "troops", "rebels", "people", "civilians", "soldiers",
         "killed", "wounded", "attacked", "shelled", "met", "said", "told", "denied", "accused", "fled",
         "village", "town", "near", "on", "at", "least", "about", "more", "than", "up", "to", "were", "was",
         "tens", "of", "dozens", "hundreds", "thousands", "not", "will", "would", "talks", "ceasefire"]
NUMBER_WORDS = ["one", "two", "three", "twelve", "twenty", "twenty-five", "ninety-nine", "a dozen", "hundred",
                "thousand", "million", "billion", "trillion", "bn", "a billion billion", "hundreds of thousands"]
QUOTES = ['"', "“", "”", "‘", "’", "'", "«", "»", "„"]
DATES = ["on Monday", "last week", "on 3 March", "March 3, 2024", "on 31 February", "on 30 February 2023",
         "2025-12", "in 2025", "the year 10000", "in the year 99999", "on 0/0/0000", "on 12/31/1999",
         "yesterday", "in mid-2020", "on 32 December", "in Brumaire", "13th month", "at 25:61"]
HTML = ["<p>", "</p>", "<div>", "</div>", "<script>alert(1)</script>", "&amp;", "&nbsp;", "<br/>", "<b>", "</",
        "<!--", "-->", "<a href='x'>", "&#x1F600;", "&#0;"]


def _number(draw) -> str:
    kind = draw(st.sampled_from(["int", "comma", "decimal", "huge", "power"]))
    if kind == "int":
        return str(draw(st.integers(0, 5000)))
    if kind == "comma":
        return f"{draw(st.integers(1000, 10 ** 9)):,}"
    if kind == "decimal":
        return f"{draw(st.integers(0, 999))}.{draw(st.integers(0, 99))}"
    if kind == "huge":
        return str(draw(st.integers(10 ** 15, 10 ** 40)))
    return f"10^{draw(st.integers(1, 40))}"


@st.composite
def news_like(draw) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 25))):
        kind = draw(st.sampled_from(["name", "name", "word", "word", "word", "number", "numword", "quote", "date",
                                     "html", "punct", "newline", "caps"]))
        if kind == "name":
            pieces.append(draw(st.sampled_from(NAMES)))
        elif kind == "word":
            pieces.append(draw(st.sampled_from(WORDS)))
        elif kind == "number":
            pieces.append(_number(draw))
        elif kind == "numword":
            pieces.append(draw(st.sampled_from(NUMBER_WORDS)))
        elif kind == "quote":
            pieces.append(draw(st.sampled_from(QUOTES)))
        elif kind == "date":
            pieces.append(draw(st.sampled_from(DATES)))
        elif kind == "html":
            pieces.append(draw(st.sampled_from(HTML)))
        elif kind == "punct":
            pieces.append(draw(st.sampled_from([".", ",", ";", ":", "!", "?", "—", "(", ")", "...", "-"])))
        elif kind == "newline":
            pieces.append(draw(st.sampled_from(["\n", "\n\n", "\r\n", "\t"])))
        else:
            word = draw(st.text(alphabet=st.characters(categories=["Lu", "Ll"]), min_size=1, max_size=12))
            pieces.append(word[:1].upper() + word[1:])
    return " ".join(pieces)


PUBLISHED = st.sampled_from([None, "2025-03-12", "0001-01-01", "9999-12-31", "2024-02-29T23:59:59Z"])


# -- the properties -------------------------------------------------------------------
@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    from wirecoder.record import json_schema

    return Draft202012Validator(json_schema())


@lru_cache(maxsize=1)
def _number_words() -> dict[str, tuple[float, str]]:
    rows = (resources.files("wirecoder") / "data" / "quantities" / "number_words.csv").read_text(encoding="utf-8")
    lines = [line for line in rows.splitlines() if line and not line.startswith("#")]
    return {row["word"]: (float(row["value"]), row["kind"]) for row in csv.DictReader(lines)}


DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
# A scale word repeated in one number ("a billion billion" read as 2e9, "tens hundred tens" as 1e4) is
# stacked today; the reliability branch of issue 15 fixes "a billion billion" with its own test. Until
# that merges, texts with a scale word repeated at most one word apart skip the count bound.
# TODO(merge of branch reliability): remove STACKED_SCALES and its use in check(), and see whether
# "tens hundred tens" passes too.
STACKED_SCALES = re.compile(r"\b(hundreds?|thousands?|millions?|billions?|trillions?|bn|mn|tens|dozens|scores)"
                            r"\b(?:\W+\w+)?\W+\1\b", re.IGNORECASE)


def count_bound(text: str) -> float:
    """The largest count the text can be read to say: its largest written number (at least one: "a
    soldier") times its largest scale word ("hundred thousand", "tens of thousands" counting as one)."""
    words = _number_words()
    lowered = text.lower()
    numbers = [float(m.group().replace(",", "")) for m in DIGITS.finditer(lowered)
               if m.group().replace(",", "").replace(".", "", 1).isdigit()]
    tokens = re.findall(r"[a-z]+", lowered)
    units = [words[t][0] for t in tokens if t in words and words[t][1] == "unit"]
    if any(u >= 20 for u in units):  # "twenty-five", "ninety-nine"
        units.append(99.0)
    scales = sorted({words[t][0] for t in tokens if t in words and words[t][1] in ("scale", "vague")})
    scale = scales[-1] if scales else 1.0
    if len(scales) > 1 and scales[-2] < 1000:  # "hundred thousand", "tens of thousands", "dozens of millions"
        scale *= scales[-2]
    return max([1.0, *numbers, *units]) * scale


def check(record) -> None:
    text = record.article.text
    n = len(text)

    def inside(where, start, end, stored=None):
        assert 0 <= start <= end <= n, f"{where}: [{start}, {end}) outside a text of {n}"
        if stored is not None:
            assert text[start:end] == stored, f"{where}: {stored!r} != text[{start}:{end}] {text[start:end]!r}"

    entity_ids = [e.id for e in record.entities]
    quote_ids = [q.id for q in record.quotes]
    time_ids = [t.id for t in record.times]
    for layer in (entity_ids, quote_ids, time_ids, [q.id for q in record.quantities], [v.id for v in record.events]):
        assert len(layer) == len(set(layer)), f"duplicate ids: {layer}"
    for e in record.entities:
        for m in e.mentions:
            inside(f"{e.id} mention", m.start, m.end, m.text)
        for role in e.roles:
            if role.evidence is not None:
                inside(f"{e.id} role", role.evidence.start, role.evidence.end, role.evidence.text)
    for q in record.quotes:
        inside(q.id, q.start, q.end, q.text)
        assert q.speaker is None or q.speaker in entity_ids, f"{q.id} speaker {q.speaker}"
    for t in record.times:
        inside(t.id, t.start, t.end, t.text)
        assert t.anchor in (None, "published") or t.anchor in time_ids, f"{t.id} anchor {t.anchor}"
    for item in record.quantities:
        inside(item.id, item.start, item.end, item.text)
    bound = count_bound(text) if not STACKED_SCALES.search(text) else float("inf")
    for v in record.events:
        inside(f"{v.id} evidence", v.evidence.start, v.evidence.end)
        if v.when is not None and v.when.basis is not None:
            inside(f"{v.id} when", v.when.basis.start, v.when.basis.end, v.when.basis.text)
        for actor in v.source_actors + v.target_actors:
            assert actor in entity_ids, f"{v.id} actor {actor}"
        assert v.location is None or v.location in entity_ids, f"{v.id} location {v.location}"
        assert v.reported_by is None or v.reported_by in entity_ids + quote_ids, f"{v.id} reported_by"
        for value in [c.value for c in v.counts] + [x for x in (v.fatalities, v.injured) if x is not None]:
            assert abs(value) <= bound, f"{v.id}: count {value} beyond what the text writes (at most {bound})"
    for item in record.quantities:
        assert abs(item.value) <= bound, f"{item.id} {item.text!r}: {item.value} beyond {bound}"
    errors = sorted(_validator().iter_errors(record.to_dict()), key=str)
    assert not errors, errors[0].message


def extract_or_refuse(pipeline, text: str, published=None):
    """A record, or None when the input itself is refused with a coded error (empty, binary)."""
    try:
        article = make_article(text, "<fuzz>", published=published)
    except InputError as err:
        assert err.code in ("E002", "E003", "E006") and "\n" not in str(err), err
        return None
    return pipeline.extract(article)  # anything raised here (E030: a stage failed) fails the property


def _arbitrary(pipeline, text):
    record = extract_or_refuse(pipeline, text)
    if record is not None:
        check(record)


def _news(pipeline, text, published):
    record = extract_or_refuse(pipeline, text, published)
    assert record is not None or not text.strip(), "a news-like text was refused"
    if record is not None:
        check(record)


@QUICK
@given(text=st.text(max_size=300))
def test_any_unicode_text_gives_a_sound_record_or_a_coded_refusal(pipeline, text):
    _arbitrary(pipeline, text)


@QUICK
@given(text=news_like(), published=PUBLISHED)
def test_news_like_text_gives_a_sound_record(pipeline, text, published):
    _news(pipeline, text, published)


@pytest.mark.long
@LONG
@given(text=st.text(max_size=2000))
def test_long_any_unicode_text(pipeline, text):
    _arbitrary(pipeline, text)


@pytest.mark.long
@LONG
@given(text=news_like(), published=PUBLISHED)
def test_long_news_like_text(pipeline, text, published):
    _news(pipeline, text, published)


def test_the_count_bound_reads_numbers_as_written():
    assert count_bound("Two soldiers died.") == 2
    assert count_bound("A soldier died.") == 1
    assert count_bound("Some 1,600 drones and 1.5 million shells.") == 1600 * 1e6  # largest number x largest scale
    assert count_bound("Twenty-five thousand fled.") == 99_000
    assert count_bound("Hundreds of thousands fled.") == 100 * 1000
    assert count_bound("a billion billion") == 1e9
    assert count_bound("two tens") == 20 and count_bound("tens of thousands") == 10_000


@pytest.mark.parametrize("text", ['He said "we will not', "He said we will not”", "«", "”“’‘"])
def test_a_quote_mark_left_open_stays_inside_the_text(pipeline, text):
    record = pipeline.extract(make_article(f"Arvo officials met. {text} in Belmira on Monday.", "q"))
    check(record)
