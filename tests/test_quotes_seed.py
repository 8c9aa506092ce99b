"""The reference article: every statement an analyst would take from it, with speaker, channel and date."""

import pytest

from wirecoder.stages import REGISTRY

pytestmark = [pytest.mark.model, pytest.mark.shared]

# The ten direct quotes: (first words, speaker, channel stated, carried by "he added"/"he wrote",
# or carried from the occasion the speaker was speaking at)
DIRECT = [
    ("Almost every day and every night", "Volodymyr Zelenskyy", "Telegram"),
    ("We continue to work with partners", "Volodymyr Zelenskyy", "Telegram"),
    ("Ukraine can count on our unwavering support", "Emmanuel Macron", "X"),
    ("The principle behind the talks", "Pat McFadden", "Sky News"),
    ("This is a really pivotal moment now", "Pat McFadden", "Sky News"),
    ("Ukraine is committed to continuing", "Volodymyr Zelenskyy", "Telegram"),
    ("If we get those two issues settled", "Keith Kellogg", "Reagan National Defense Forum"),
    ("We're almost there", "Keith Kellogg", "Reagan National Defense Forum"),
    ("The Russian army has launched", "Oleksandr Gusarov", "Telegram"),
    ("There is a probable threat of destruction", "Oleksandr Gusarov", "Telegram"),
]
# Dates said, where the text gives them (resolved by the times stage when it runs).
DATES = {"Ukraine can count on": "2025-12-06", "The Russian army has launched": "2025-12-07",
         "If we get those two issues settled": "2025-12-07"}


def name(record, quote):
    return record.entity(quote.speaker).name if quote.speaker else None


def find(record, kind, starts):
    found = [q for q in record.quotes if q.kind == kind and q.text.startswith(starts)]
    assert len(found) == 1, (starts, [(q.kind, q.text[:40]) for q in record.quotes])
    return found[0]


def test_exactly_the_ten_direct_quotes(seed_record):
    texts = sorted(q.text[:18] for q in seed_record.quotes if q.kind == "direct")
    assert texts == sorted(d[0][:18] for d in DIRECT)


@pytest.mark.parametrize("starts, speaker, channel", DIRECT)
def test_direct_quote_speaker_and_channel(seed_record, starts, speaker, channel):
    q = find(seed_record, "direct", starts)
    assert name(seed_record, q) == speaker
    assert q.channel == channel


@pytest.mark.parametrize("starts, speaker, channel", [
    ("a deal to end the Ukraine war", "Keith Kellogg", "Reagan National Defense Forum"),
    ("The two main outstanding issues", "Keith Kellogg", "Reagan National Defense Forum"),
    ("Ukraine was facing a", "Pat McFadden", None),
    ("Russian forces had struck a dam", "Oleksandr Gusarov", "Telegram"),
    ("his city suffered a", "mayor of Kremenchuk", None),
])
def test_reported_speech(seed_record, starts, speaker, channel):
    q = find(seed_record, "indirect", starts)
    assert name(seed_record, q) == speaker and q.channel == channel


def test_partial_quotes_inside_reported_speech(seed_record):
    for words, speaker in (("pivotal moment", "Pat McFadden"), ("take stock", "Emmanuel Macron"),
                           ("massive", "mayor of Kremenchuk")):
        q = find(seed_record, "partial", words)
        assert name(seed_record, q) == speaker


def test_her_office_speaks_for_meloni(seed_record):
    q = [q for q in seed_record.quotes if q.speaker_text == "her office"]
    assert len(q) == 1 and name(seed_record, q[0]) == "Giorgia Meloni" and q[0].kind == "indirect"
    assert q[0].channel is None  # "by phone" is what the office reported, not how


def test_dates_said(seed_record):
    """With the times stage in the pipeline the stated days; without it, no date at all."""
    times = "times" in REGISTRY
    for starts, day in DATES.items():
        q = find(seed_record, "direct", starts)
        assert q.date == (day if times else None)
    assert all(q.date is None for q in seed_record.quotes) or times


def test_spans_ids_and_confidence(seed_record):
    text = seed_record.article.text
    assert [q.id for q in seed_record.quotes] == [f"Q{i}" for i in range(1, len(seed_record.quotes) + 1)]
    for q in seed_record.quotes:
        assert text[q.start:q.end] == q.text
        assert 0 < q.confidence < 1
    named = find(seed_record, "direct", "Ukraine can count on")
    continued = find(seed_record, "direct", "We're almost there")
    assert named.confidence > continued.confidence
