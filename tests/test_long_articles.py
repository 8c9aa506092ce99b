"""The indexes that keep long articles linear: each says what the scan it replaced said.

Hand-built Docs (a blank English tokenizer) and contexts: no model is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from wirecoder.stages.actors.items import Actor
from wirecoder.stages.actors.mentions import _spelled_out
from wirecoder.stages.actors.resolve import _Ref, _RefIndex
from wirecoder.stages.base import tokens_in
from wirecoder.stages.places.context import ArticleContext, Named
from wirecoder.stages.quotes.channels import date_said
from wirecoder.textspans import SpanIndex, containment

NLP = spacy.blank("en")
spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda p: (p[0], p[0] + p[1])), max_size=12)


@dataclass
class Item:
    start: int
    end: int


@settings(max_examples=100, deadline=None)
@given(spans, st.integers(0, 80), st.integers(1, 30))
def test_span_index_finds_every_overlapping_item_in_list_order(items, lo, width):
    items = [Item(s, e) for s, e in items]
    index = SpanIndex(items)
    found = index(lo, lo + width)
    overlapping = [i for i in items if i.start < lo + width and i.end > lo]
    assert [i for i in found if i.start < lo + width and i.end > lo] == overlapping
    assert found == [i for i in items if i in found]  # the items' own order


@settings(max_examples=100, deadline=None)
@given(spans, st.integers(0, 80), st.integers(0, 30))
def test_containment_says_what_a_scan_of_the_spans_says(names, start, width):
    assert containment(names)(start, start + width) == any(lo <= start and start + width <= hi for lo, hi in names)


def test_containment_looks_past_a_later_short_span_to_an_earlier_long_one():
    inside = containment([(10, 12), (0, 50)])
    assert inside(20, 30) and inside(10, 12) and not inside(40, 51)
    assert containment([])(0, 1) is False


def _actor(name: str) -> Actor:
    return Actor(id="", kind="person", name=name, key=name)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 4)), max_size=15), st.integers(0, 45), st.integers(1, 6))
def test_ref_index_near_holds_every_ref_starting_in_or_covering_the_range(pairs, lo, width):
    refs = sorted((_Ref(_actor(f"A{k}"), s, s + n) for k, (s, n) in enumerate(pairs)), key=lambda r: r.start)
    near = _RefIndex(refs).near(lo, lo + width)
    wanted = [r for r in refs if lo <= r.start < lo + width or r.start <= lo < r.end]
    assert [r for r in near if r in wanted] == wanted
    assert _RefIndex(refs).starting(lo, lo + width) == [r for r in refs if lo <= r.start < lo + width]


def test_ref_index_insert_puts_a_ref_where_append_and_sort_would():
    refs = [_Ref(_actor("A"), 1, 2), _Ref(_actor("B"), 4, 5), _Ref(_actor("C"), 4, 6), _Ref(_actor("D"), 9, 10)]
    expected = sorted([*refs, _Ref(_actor("E"), 4, 5)], key=lambda r: r.start)
    index = _RefIndex(list(refs))
    index.insert(_Ref(_actor("E"), 4, 5))
    assert [r.actor.name for r in index.refs] == [r.actor.name for r in expected] == ["A", "B", "C", "E", "D"]
    assert index.starting(4, 5) == index.refs[1:4]


def test_tokens_in_flags_the_tokens_starting_inside_the_ranges():
    doc = NLP('He said "we will stay here" and left.')
    text = doc.text
    ranges = [(text.index("we"), text.index('" and'))]
    flags = tokens_in(doc, ranges)
    assert [t.text for t in doc if flags[t.i]] == ["we", "will", "stay", "here"]
    assert flags == [any(s <= t.idx < e for s, e in ranges) for t in doc]


def test_spelled_out_finds_runs_of_initials_wherever_they_stand():
    doc = NLP("The Baltic Regional Aid Board met. Later the board, BRAB, and the Blue River Agency Bureau spoke.")
    found = {doc[s:e].text for s, e in _spelled_out(doc, "BRAB")}
    assert found == {"Baltic Regional Aid Board", "Blue River Agency Bureau"}
    assert _spelled_out(doc, "XYZ") == []
    # the cached index of a Doc answers a second acronym as the first
    assert [doc[s:e].text for s, e in _spelled_out(doc, "BRA")] == ["Baltic Regional Aid", "Blue River Agency"]


def _context(text: str, names: list[tuple[str, object]], sentence_starts=(0,)) -> ArticleContext:
    ctx = ArticleContext(text, list(sentence_starts))
    at = 0
    for name, entity in names:
        start = text.index(name, at)
        ctx.mentions.append(Named(start, start + len(name), name, entity))
        at = start + len(name)
    ctx.mentions.sort(key=lambda m: m.start)
    return ctx


def test_relation_explicit_by_apposition_and_possessive():
    town, area, other = object(), object(), object()
    text = "Shelling hit Dravo, in Kestria Oblast. Zelmor's Dravo district was calm."
    ctx = _context(text, [("Dravo", town), ("Kestria Oblast", area), ("Zelmor", other), ("Dravo", town)],
                   sentence_starts=[0, text.index("Zelmor")])
    assert ctx.relation(town, area) == "explicit"  # "Dravo, in Kestria Oblast"
    assert ctx.relation(town, other) == "explicit"  # "Zelmor's Dravo"
    assert ctx.relation(area, town) == "sentence"  # the area is not held by the town
    assert ctx.relation(area, other) == "article"
    assert ctx.relation(area, object()) is None


def test_relation_apposition_is_not_read_in_a_list():
    a, b, c = object(), object(), object()
    text = "Talks in Arvon, Bessel, Corrin went on."
    ctx = _context(text, [("Arvon", a), ("Bessel", b), ("Corrin", c)])
    assert ctx.relation(b, c) == "sentence"  # "Bessel" is the second item of a list
    assert ctx.relation(a, b) == "explicit"


@dataclass
class Said:
    start: int
    end: int
    value: str
    precision: str = "day"
    start_date: str | None = None
    end_date: str | None = None


def test_date_said_reads_the_first_day_wholly_inside_a_span():
    times = [Said(50, 60, "2024-03-02"), Said(10, 20, "2024-03-01"), Said(30, 45, "2024-03-05")]
    assert date_said(times, [(25, 70)]) == "2024-03-05"
    assert date_said(times, [(0, 22), (48, 61)]) == "2024-03-01"
    assert date_said(times, [(12, 70)]) == "2024-03-05"  # the one at 10 starts before the span
    assert date_said(times, []) is None


def test_said_by_who_finds_the_nouns_a_who_said_clause_hangs_from():
    from types import SimpleNamespace

    from spacy.tokens import Doc

    from wirecoder.stages.actors.descriptions import Describer

    words = ["Officials", ",", "who", "said", "it", "shut", ",", "left", ".", "Guards", "who", "ran", "came"]
    heads = [7, 0, 3, 0, 5, 3, 0, 7, 7, 12, 11, 9, 12]
    deps = ["nsubj", "punct", "nsubj", "relcl", "nsubj", "ccomp", "punct", "ROOT", "punct",
            "nsubj", "nsubj", "relcl", "ROOT"]
    lemmas = ["official", ",", "who", "say", "it", "shut", ",", "leave", ".", "guard", "who", "run", "come"]
    doc = Doc(NLP.vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
    describer = Describer.__new__(Describer)
    describer.words = SimpleNamespace(speech_verbs=frozenset({"say"}))
    assert describer._said_by_who(doc) == {0}  # "Officials, who said"; not "Guards who ran"
    assert describer._is_speaker(doc[0]) and not describer._is_speaker(doc[9])
