"""The reference article's events (the issue's analyst coding): found, placed, dated, not invented.

Dates come from the times stage; so that this test checks the events stage's
dating logic whether or not the times stage is installed, the dated test puts
the reference's time expressions into the times layer by hand (with the
values the times stage is specified to give) and runs the events stage on it.
"""

import pytest

from benchmarks.events_reference import (EXPECTED, date_right, dated_by_publication, find, place_right,
                                         threat_coded_as_occurred)

pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.mark.parametrize("expected", EXPECTED, ids=[x.name for x in EXPECTED])
def test_expected_event_is_found_at_its_place(seed_record, expected):
    event = find(seed_record, expected)
    assert event is not None, [(e.type, e.status, e.evidence.trigger) for e in seed_record.events]
    assert place_right(seed_record, event, expected)


def test_the_threat_to_the_dam_is_not_an_attack_that_happened(seed_record):
    assert threat_coded_as_occurred(seed_record) == 0
    threatened = [e for e in seed_record.events if "probable threat" in
                  seed_record.article.text[e.evidence.start:e.evidence.end]]
    assert threatened and all(e.status == "hypothetical" for e in threatened)


def test_no_event_is_dated_by_the_publication_date(seed_record):
    assert dated_by_publication(seed_record) == 0


def test_reported_by_the_speaker(seed_record):
    kremenchuk = find(seed_record, EXPECTED[4])
    by = kremenchuk.reported_by
    quote = next((q for q in seed_record.quotes if q.id == by), None)
    reporter = seed_record.entity(quote.speaker if quote else by)  # a quote (quotes stage) or its speaker
    assert reporter is not None and reporter.kind == "person"
    assert any(role.title.lower() == "mayor" for role in reporter.roles)


class _Time:
    def __init__(self, text, phrase, start_date, end_date, kind="date", precision="day", nth=0):
        at = -1
        for _ in range(nth + 1):
            at = text.index(phrase, at + 1)
        self.id, self.text, self.start, self.end = f"T{at}", phrase, at, at + len(phrase)
        self.kind, self.start_date, self.end_date, self.precision = kind, start_date, end_date, precision
        self.value = start_date if start_date == end_date else f"{start_date}/{end_date}"

    def to_record(self, text):
        from wirecoder.record import Time

        return Time(id=self.id, text=self.text, start=self.start, end=self.end, kind=self.kind, value=self.value,
                    start_date=self.start_date, end_date=self.end_date, precision=self.precision,
                    anchor="published")


def test_events_are_dated_from_the_times_layer(pipeline, seed_text):
    from wirecoder.pipeline import _layers_for, assemble
    from wirecoder.readers import make_article

    times = [_Time(seed_text, "on December 8", "2025-12-08", "2025-12-08"),
             _Time(seed_text, "over the past week", "2025-11-30", "2025-12-07", "interval", "week"),
             _Time(seed_text, "on December 6", "2025-12-06", "2025-12-06"),
             _Time(seed_text, "on December 7", "2025-12-07", "2025-12-07"),
             _Time(seed_text, "on December 7", "2025-12-07", "2025-12-07", nth=1)]
    doc = pipeline.nlp.make_doc(seed_text)
    doc._.wc = _layers_for(make_article(seed_text, "seed", published="2025-12-07"))
    doc = pipeline.nlp(doc)
    for stage in pipeline.stages:
        if stage.name == "quantities":
            doc._.wc.times = times
        stage(doc)
    record = assemble(doc)
    for expected in EXPECTED:
        event = find(record, expected)
        assert event is not None and date_right(event, expected), (expected.name, event and event.when)
    week = find(record, EXPECTED[1])
    assert week.when.precision == "week"
    assert {q.period for q in record.quantities if q.value in (1600, 1200)} == {"P7D"}
