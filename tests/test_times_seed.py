"""The reference article, published 2025-12-07: every date resolved as a careful reader would."""

import pytest

pytestmark = [pytest.mark.model, pytest.mark.shared]

# (text, occurrence, kind, value, start_date, end_date)
EXPECTED = [
    ("December 8", 0, "date", "2025-12-08", "2025-12-08", "2025-12-08"),
    ("the winter", 0, "date", "2025-WI", "2025-12-01", "2026-02-28"),
    ("every day", 0, "set", "P1D", None, None),
    ("every night", 0, "set", "XXXX-XX-XXTNI", None, None),
    ("the past week", 0, "interval", "2025-11-30/2025-12-07", "2025-11-30", "2025-12-07"),
    ("December 6", 0, "date", "2025-12-06", "2025-12-06", "2025-12-06"),
    ("the eve of the visit", 0, "date", "2025-12-07", "2025-12-07", "2025-12-07"),
    ("now", 0, "date", "PRESENT_REF", "2025-12-07", "2025-12-07"),
    ("the future", 0, "date", "FUTURE_REF", "2025-12-07", None),
    ("Three Days", 0, "duration", "P3D", None, None),
    ("three days", 0, "duration", "P3D", None, None),
    ("November", 0, "date", "2025-11", "2025-11-01", "2025-11-30"),
    ("2022", 0, "date", "2022", "2022-01-01", "2022-12-31"),
    ("December 7", 0, "date", "2025-12-07", "2025-12-07", "2025-12-07"),
    ("December 7", 1, "date", "2025-12-07", "2025-12-07", "2025-12-07"),
    ("winter", 0, "date", "2025-WI", "2025-12-01", "2026-02-28"),
]


def occurrences(record, text):
    return [t for t in record.times if t.text == text]


@pytest.mark.parametrize("text, nth, kind, value, first, last", EXPECTED)
def test_reference_times(seed_record, text, nth, kind, value, first, last):
    found = occurrences(seed_record, text)
    assert len(found) > nth, (text, [t.text for t in seed_record.times])
    t = found[nth]
    assert (t.kind, t.value, t.start_date, t.end_date) == (kind, value, first, last)
    assert seed_record.article.text[t.start:t.end] == t.text


def test_nothing_else_is_taken_for_a_time(seed_record):
    expected = {(text, nth) for text, nth, *_ in EXPECTED}
    found = {(t.text, occurrences(seed_record, t.text).index(t)) for t in seed_record.times}
    assert found == expected


def test_the_eve_of_the_visit_counts_from_the_arrival_date(seed_record):
    eve = occurrences(seed_record, "the eve of the visit")[0]
    arrival = occurrences(seed_record, "December 8")[0]
    assert eve.anchor == arrival.id
