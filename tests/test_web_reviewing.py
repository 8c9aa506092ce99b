"""The review controls as the server renders them (web/reviewing.py, templates/review.html), without a browser:
rows as reviewed, the machine's value of a corrected field beside the reviewed one, everything escaped.
(The same controls driven in Chromium, and a restart: test_web_review.py.)"""

from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from store_records import two_source_news
from test_web_pages import IMAGE, hostile_report
from wirecoder.store import Store, make_filters, write
from wirecoder.store.queries import events
from wirecoder.store.reviews import review
from wirecoder.web.api import create_app
from wirecoder.web.reviewing import event_fields


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "reviewing.db"
    with Store(path) as store:
        for record in [*two_source_news(), hostile_report()]:
            write(store, record)
    return path


class Cells(HTMLParser):
    """Each reviewable cell of each row: (row id, field) -> {"form", "machine_form", "machine", "value"}."""

    def __init__(self):
        super().__init__()
        self.cells, self.rows, self.row, self.at, self.part = {}, {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-pk" in attrs:
            self.row = attrs.get("data-event") or attrs.get("data-quote")
            self.rows[self.row] = attrs
        elif tag == "td" and "data-field" in attrs:
            self.at = (self.row, attrs["data-field"])
            self.cells[self.at] = {"form": attrs["data-form"], "machine_form": attrs["data-machine-form"],
                                   "machine": None, "value": ""}
        elif self.at and tag == "del":
            self.part = "machine"
            self.cells[self.at]["machine"] = ""
        elif self.at and tag == "span" and attrs.get("class") == "value":
            self.part = "value"

    def handle_endtag(self, tag):
        if tag == "td":
            self.at, self.part = None, None
        elif tag in ("del", "span"):
            self.part = None

    def handle_data(self, data):
        if self.at and self.part:
            self.cells[self.at][self.part] += data


def cells(client, url) -> Cells:
    page = client.get(url)
    assert page.status_code == 200, page.text
    parsed = Cells()
    parsed.feed(page.text)
    return parsed


def test_an_unreviewed_row_shows_the_machines_values_and_no_verdict(path):
    found = cells(TestClient(create_app(str(path))), "/ui/articles/dnipro-a")
    assert found.cells[("V1", "type")] == {"form": "ASSAULT/aerial", "machine_form": "ASSAULT/aerial",
                                           "machine": None, "value": "ASSAULT/aerial"}
    assert found.cells[("V1", "place")]["value"] == "Dnipro" and found.cells[("V1", "date")]["value"] == "2025-01-18"
    assert found.cells[("Q2", "speaker")]["value"] == "Serhiy Lysak"
    assert found.rows["V1"]["data-verdict"] == "" and "reviewed-" not in found.rows["V1"]["class"]


def test_a_correction_is_shown_beside_the_machines_value_on_the_article_and_the_events_table(path):
    with Store(path) as store:
        review(store, "event", "dnipro-a#V1", "correct", {"type": "COERCE", "date": "2025-01-17/2025-01-18",
                                                          "source_actors": ["Serhiy Lysak"], "place": None}, "ana")
    client = TestClient(create_app(str(path)))
    for url in ("/ui/articles/dnipro-a", "/ui/events?article=dnipro-a"):
        found = cells(client, url)
        assert found.cells[("V1", "type")] == {"form": "COERCE", "machine_form": "ASSAULT/aerial",
                                               "machine": "ASSAULT/aerial", "value": "COERCE"}, url
        assert found.cells[("V1", "date")]["value"] == "2025-01-17/2025-01-18", url
        assert found.cells[("V1", "date")]["machine"] == "2025-01-18", url
        assert found.cells[("V1", "source_actors")]["value"] == "Serhiy Lysak", url
        assert found.cells[("V1", "source_actors")]["machine"] == "Russia", url
        assert found.cells[("V1", "place")]["value"] == "" and found.cells[("V1", "place")]["machine"] == "Dnipro"
        assert found.cells[("V1", "status")]["machine"] is None  # not corrected: nothing struck through
        assert found.rows["V1"]["data-verdict"] == "correct" and "reviewed-correct" in found.rows["V1"]["class"]


def test_event_fields_compare_a_correction_with_the_machine_in_the_forms_shape(path):
    with Store(path) as store:
        review(store, "event", "meeting-1#V1", "correct", {"target_actors": [], "status": "occurred"}, "ben")
        row = next(events(store, make_filters(article="meeting-1")))
    fields = event_fields(row)
    assert (fields["target_actors"].form, fields["target_actors"].machine_form) == ("", "Keir Starmer")
    assert fields["target_actors"].machine == "Keir Starmer" and fields["target_actors"].shown == ""
    assert (fields["status"].shown, fields["status"].machine) == ("occurred", "planned")
    assert fields["type"].machine is None and fields["type"].form == fields["type"].machine_form == "CONSULT/visit"


def test_a_hostile_machine_value_beside_a_correction_stays_text(path):
    with Store(path) as store:
        review(store, "quote", "hostile-1#Q1", "correct", {"speaker": "Kyiv"}, "ana")
    client = TestClient(create_app(str(path)))
    page = client.get("/ui/articles/hostile-1").text
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    found = cells(client, "/ui/articles/hostile-1")
    assert found.cells[("Q1", "speaker")]["machine"] == IMAGE and found.cells[("Q1", "speaker")]["value"] == "Kyiv"
