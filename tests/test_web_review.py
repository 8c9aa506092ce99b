"""The review controls of the web page in a real browser: headless Chromium against `wirecoder serve`
started as its own process (tests/serving.py), so that a correction is seen to survive a restart.

The store holds the invented reports of store_records (two reports of one strike
on Dnipro, a strike on Odesa, a planned meeting) and the all-attacks article of
test_web_pages. Each test reviews different items, so they do not depend on
their order.
"""

from __future__ import annotations

import csv
import io
import urllib.request

import pytest

from serving import Server
from store_records import two_source_news
from test_web_pages import (IMAGE, SCRIPT, assert_inert, browser, css, hostile_report, mark_of,  # noqa: F401
                            visit, wait)
from wirecoder.store import Store, write

TOKEN = "review-page-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("review-page") / "review.db"
    with Store(path) as store:
        for record in [*two_source_news(), hostile_report()]:
            write(store, record)
    return path


@pytest.fixture(scope="module")
def server(db):
    """A holder of the running server, so that a test can restart it on the same port."""
    holder = {"server": Server(db, db.with_suffix(".log"), TOKEN)}
    yield holder
    holder["server"].stop()


def sign_in(browser, token: str = TOKEN, reviewer: str = "ana") -> None:
    for field, value in (("review-token", token), ("review-reviewer", reviewer)):
        box = browser.find_element("id", field)
        box.clear()
        box.send_keys(value)


def row(browser, selector: str):
    return css(browser, selector)[0]


def cell(tr, field: str) -> tuple[str, str | None]:
    """(the value shown, the machine's value struck through beside it or None)."""
    td = tr.find_element("css selector", f"td[data-field='{field}']")
    machine = td.find_elements("css selector", "del.machine")
    return td.find_element("css selector", ".value").text, machine[0].text if machine else None


def status(tr) -> str:
    return tr.find_element("css selector", ".review-status").text


def message(browser) -> str:
    return wait(browser, lambda: browser.find_element("id", "review-message").is_displayed() and
                browser.find_element("id", "review-message").text)


def machine_event(db, article: str, item: str) -> tuple:
    with Store(db, create=False) as store:
        return store.execute("SELECT e.type, l.name FROM events e JOIN articles a ON a.pk = e.article LEFT JOIN "
                             "entities l ON l.article = e.article AND l.id = e.location WHERE a.id = ? AND e.id = ?",
                             (article, item)).fetchone()


def review_count(db) -> int:
    with Store(db, create=False) as store:
        return store.execute("SELECT count(*) FROM reviews").fetchone()[0]


def test_a_correction_made_in_the_page_survives_a_restart_and_keeps_the_machines_value(browser, server, db):
    from selenium.webdriver.support.ui import Select

    url = server["server"].url
    visit(browser, url, "/ui/articles/dnipro-a")
    sign_in(browser)
    event = row(browser, "#article-events tr[data-event='V1']")
    assert cell(event, "type") == ("ASSAULT/aerial", None) and status(event) == ""
    event.find_element("css selector", "button[data-verdict='correct']").click()
    form = wait(browser, lambda: css(browser, "tr.review-form-row form"))[0]
    Select(form.find_element("name", "type")).select_by_value("COERCE")
    place = form.find_element("name", "place")
    place.clear()
    place.send_keys("Odesa")  # a place of another stored article: found in the store
    form.find_element("css selector", "button[type='submit']").click()
    assert "V1: corrected by ana" in message(browser)

    def shown(tr) -> None:
        assert cell(tr, "type") == ("COERCE", "ASSAULT/aerial")
        assert cell(tr, "place") == ("Odesa", "Dnipro")
        assert cell(tr, "status") == ("occurred", None)  # not corrected: no machine value beside it
        assert "reviewed-correct" in tr.get_attribute("class") and status(tr).startswith("corrected by ana, 20")

    shown(event)
    assert not css(browser, "tr.review-form-row")
    assert machine_event(db, "dnipro-a", "V1") == ("ASSAULT", "Dnipro")  # the machine's row is unchanged

    port = server["server"].port
    server["server"].stop()
    server["server"] = Server(db, db.with_suffix(".log"), TOKEN, port=port)
    visit(browser, url, "/ui/articles/dnipro-a")
    shown(row(browser, "#article-events tr[data-event='V1']"))
    visit(browser, url, "/ui/events?type=COERCE")  # the table and its filters read the reviewed values
    shown(row(browser, "#events tr.event"))
    assert len(css(browser, "#events tr.event")) == 1

    with urllib.request.urlopen(url + "/ui/events.csv?reviewed_only=true", timeout=30) as answer:
        exported = list(csv.DictReader(io.StringIO(answer.read().decode("utf-8"))))
    assert [(r["article"], r["type"], r["reviewed"], r["reviewer"], r["location_name"]) for r in exported] == \
        [("dnipro-a", "COERCE", "correct", "ana", "Odesa")]


def test_a_rejected_quote_and_event_are_marked(browser, server):
    url = server["server"].url
    visit(browser, url, "/ui/articles/dnipro-b")
    sign_in(browser)
    quote = row(browser, "#article-quotes tr[data-quote='Q2']")
    quote.find_element("css selector", "button[data-verdict='reject']").click()
    assert "Q2: rejected by ana" in message(browser)
    assert "reviewed-reject" in quote.get_attribute("class") and status(quote).startswith("rejected by ana")
    visit(browser, url, "/ui/events?place=Odesa")
    event = row(browser, "#events tr.event")
    event.find_element("css selector", "button[data-verdict='reject']").click()
    wait(browser, lambda: "reviewed-reject" in event.get_attribute("class"))
    visit(browser, url, "/ui/articles/dnipro-b")  # server-rendered after a reload
    quote = row(browser, "#article-quotes tr[data-quote='Q2']")
    assert "reviewed-reject" in quote.get_attribute("class") and cell(quote, "speaker") == ("Serhiy Lysak", None)
    assert "reviewed-reject" not in row(browser, "#article-quotes tr[data-quote='Q1']").get_attribute("class")
    mark_of(browser, "Q2").click()  # the explanation's side panel names the verdict and links to the row
    slot = wait(browser, lambda: browser.find_element("id", "review-slot").text)
    assert slot.startswith("rejected by ana") and "review Q2" in slot
    assert css(browser, "#review-slot a")[0].get_attribute("href").endswith("#review-Q2")
    visit(browser, url, "/ui/articles/odesa-1")
    assert status(row(browser, "#article-events tr[data-event='V1']")).startswith("rejected by ana")


def test_a_wrong_token_or_no_reviewer_shows_the_servers_error_and_writes_nothing(browser, server, db):
    url = server["server"].url
    before = review_count(db)
    visit(browser, url, "/ui/articles/meeting-1")
    sign_in(browser, token="not-the-token")
    event = row(browser, "#article-events tr[data-event='V1']")
    event.find_element("css selector", "button[data-verdict='accept']").click()
    shown = message(browser)
    assert "E072" in shown and "token is missing or wrong" in shown and "fix:" in shown
    assert "error" in browser.find_element("id", "review-message").get_attribute("class")
    sign_in(browser, reviewer="")
    browser.execute_script("document.getElementById('review-message').hidden = true")
    event.find_element("css selector", "button[data-verdict='accept']").click()
    assert "E084" in message(browser)
    assert review_count(db) == before and status(event) == ""
    browser.get_log("browser")  # the 401 and 422 answers are logged as console errors: expected here
    visit(browser, url, "/ui/articles/meeting-1")  # the token and the name stay for this tab
    assert browser.find_element("id", "review-token").get_attribute("value") == TOKEN
    assert browser.find_element("id", "review-reviewer").get_attribute("value") == ""


def test_a_speaker_correction_of_a_hostile_article_renders_as_text(browser, server):
    url = server["server"].url
    visit(browser, url, "/ui/articles/hostile-1")
    sign_in(browser)
    quote = row(browser, "#article-quotes tr[data-quote='Q1']")
    quote.find_element("css selector", "button[data-verdict='correct']").click()
    form = wait(browser, lambda: css(browser, "tr.review-form-row form"))[0]
    speaker = form.find_element("name", "speaker")
    assert speaker.get_attribute("value") == IMAGE
    speaker.clear()
    speaker.send_keys("Kyiv")
    form.find_element("css selector", "button[type='submit']").click()
    assert "Q1: corrected by ana" in message(browser)
    assert cell(quote, "speaker") == ("Kyiv", IMAGE)  # the machine's name, as text, struck through
    assert not css(browser, "img, [onerror]")
    assert browser.execute_script("return document.documentElement.dataset.alerted") is None
    assert_inert(browser, url, "/ui/articles/hostile-1", SCRIPT, IMAGE)
