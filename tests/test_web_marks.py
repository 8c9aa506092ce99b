"""The web page's pieces without a browser: highlights cut from offsets, safe links, the map's view."""

from hypothesis import given, settings, strategies as st

from store_records import span, strike_report
from wirecoder.record import Article, Event, Evidence, Record
from wirecoder.web.html import article_href, outside
from wirecoder.web.marks import _segments, marked, trigger_span
from wirecoder.web.worldmap import Point, graticule, outlines, view


def test_overlapping_layers_are_cut_into_segments_innermost_first():
    record = strike_report(id="a", url=None, dead=5, injured=None, day="2025-01-18", published="2025-01-18")
    result = marked(record)
    assert "".join(s.text for s in result.segments) == record.article.text
    assert "".join(s.text for s in result.segments if "Q1" in s.ids) == "We will not forgive this,"
    trigger = next(s for s in result.segments if "V1" in s.ids)
    assert trigger.text == "strike" and trigger.layers[0] == "event" and "V1" in trigger.anchors
    place = next(s for s in result.segments if "E1" in s.ids)
    assert place.layers == ("place",) and result.explanations["E1"]["evidence"] == "Dnipro"
    assert result.explanations["V1"]["facts"]["fatalities"] == 5
    assert "trigger 'strike'" in result.explanations["V1"]["decided_by"]


def test_a_date_inside_a_quote_lists_the_date_first():
    text = 'He said "the talks ended on Monday" in Geneva.'
    segments = _segments(text, [(8, 35, "quote", "Q1"), (25, 34, "date", "T1")])
    monday = next(s for s in segments if s.text == "on Monday")
    assert monday.ids == ("T1", "Q1") and monday.layers == ("date", "quote")
    assert [s.anchors for s in segments if s.anchors] == [("Q1",), ("T1",)]


def test_an_event_is_marked_on_its_trigger_word_else_on_its_sentence():
    text = "Talks began. Drones hit a depot, and the hit was confirmed."
    hit = Event(id="V1", type="ASSAULT", status="occurred", confidence=0.5,
                evidence=Evidence(start=13, end=len(text), trigger="Hit"))
    assert text[slice(*trigger_span(text, hit))] == "hit" and trigger_span(text, hit)[0] == 20
    lost = hit.model_copy(update={"evidence": Evidence(start=13, end=len(text), trigger="struck")})
    assert trigger_span(text, lost) == (13, len(text))


def test_a_span_outside_the_text_marks_nothing():
    record = Record(article=Article(id="x", text="Short text."), events=[Event(
        id="V1", type="PROTEST", status="occurred", confidence=0.5, evidence=Evidence(start=40, end=50, trigger="x"))])
    assert [s.ids for s in marked(record).segments] == [()]


@settings(max_examples=60, deadline=None)  # deadline: the machine's load is not the code's
@given(st.text(min_size=1, max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6))
def test_segments_rebuild_the_text_and_name_exactly_the_spans_covering_them(text, pairs):
    spans = [(min(a, b), max(a, b), "actor", f"E{i}") for i, (a, b) in enumerate(pairs)
             if min(a, b) < max(a, b) <= len(text)]
    segments = _segments(text, spans)
    assert "".join(s.text for s in segments) == text
    at = 0
    for segment in segments:
        covering = {ident for s, e, _, ident in spans if s <= at and at + len(segment.text) <= e}
        assert set(segment.ids) == covering
        at += len(segment.text)


def test_only_web_urls_become_links():
    assert outside("https://example.org/a?b=1") and outside("HTTP://example.org")
    for url in ("javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "//example.org", "https://x.org/\" onmouseover=1",
                "vbscript:msgbox", None, ""):
        assert outside(url) is None, url
    assert article_href("a/b?c#d", "V1") == "/ui/articles/a%2Fb%3Fc%23d#x-V1"


def test_the_map_shows_the_points_extent_or_the_world():
    assert view([]).box == "-180 -90 360 180"
    kyiv, odesa = Point(30.52, 50.45, "Kyiv", "/"), Point(30.73, 46.48, "Odesa", "/")
    near = view([kyiv, odesa])
    assert near.x <= 30.52 <= near.x + near.width and near.y <= -50.45 and -46.48 <= near.y + near.height
    assert near.width == 2 * near.height and near.width < 40
    edge = view([Point(179.9, -89.9, "edge", "/")])
    assert edge.x + edge.width <= 180 and edge.y + edge.height <= 90
    assert graticule(30).count("M") == 13 + 7
    assert outlines().count("Z") > 150  # countryinfo's outlines (a dependency) are drawn


def test_every_sort_the_events_page_accepts_has_an_order():
    from typing import get_args

    from wirecoder.web.pages import SORTS, Sort

    assert set(get_args(Sort)) == set(SORTS)


def test_a_column_sort_puts_missing_values_last_both_ways(tmp_path):
    import re

    from fastapi.testclient import TestClient

    from store_records import meeting_report, odesa_report
    from wirecoder.store import Store, write
    from wirecoder.web.api import create_app

    with Store(tmp_path / "s.db") as store:
        for dead, day in ((3, "2025-01-10"), (9, "2025-01-11")):
            write(store, strike_report(id=f"s{dead}", url=None, dead=dead, injured=None, day=day, published=day))
        write(store, odesa_report())  # no fatalities
        write(store, meeting_report())
    client = TestClient(create_app(str(tmp_path / "s.db")))

    def articles(order: str) -> list[str]:
        page = client.get(f"/ui/events?sort=fatalities&order={order}").text
        return re.findall(r'data-article="([^"]+)" data-event', page)

    assert articles("asc")[:2] == ["s3", "s9"] and articles("desc")[:2] == ["s9", "s3"]
    assert set(articles("asc")[2:]) == set(articles("desc")[2:]) == {"odesa-1", "meeting-1"}
