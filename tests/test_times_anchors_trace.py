"""Times counted from other times carry the stated date their chain of anchors starts from."""

from wirecoder.stages.times.items import TimeItem
from wirecoder.stages.times.resolve import _trace_anchors


def item(id, text, anchor, value="2012"):
    return TimeItem(id=id, text=text, start=0, end=1, kind="date", value=value, anchor=anchor)


def test_a_chain_of_relative_times_leads_back_to_the_stated_date():
    times = [item("T1", "in 2010", None, "2010"), item("T2", "two years later", "T1"),
             item("T3", "the next day", "T2"), item("T4", "on Monday", "published"),
             item("T5", "a day later", "T4")]
    _trace_anchors(times)
    assert [t.counted_from for t in times] == [None, "in 2010", "in 2010", None, None]


def test_a_cycle_of_anchors_ends():
    times = [item("T1", "a day later", "T2"), item("T2", "a day earlier", "T1")]
    _trace_anchors(times)
    assert [t.counted_from for t in times] == [None, None]
