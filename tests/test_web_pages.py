"""The web page (wirecoder/web/pages.py) in a real browser: Debian's headless Chromium through Selenium.

The real server (uvicorn, in a thread, on a free 127.0.0.1 port) serves a
store holding the invented reports of store_records -- two reports of one
strike on Dnipro (one story, 32 vs 34 dead), a strike on Odesa, a planned
meeting in London -- and a hand-built record whose every field is an attack
(script tags, an onerror image, a javascript: URL). Chromium and its driver
are installed by `make browser` (part of `make test`); when they are missing
these tests FAIL and say so: they are never skipped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import threading
import time
import urllib.parse
import urllib.request

import pytest

from store_records import span, two_source_news
from wirecoder.record import Article, Entity, Event, Evidence, Geo, Quote, Record, When
from wirecoder.store import Store, write
from wirecoder.web.api import create_app

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
TOKEN = "page-test-token"
SCRIPT, IMAGE, LINK = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)"


def hostile_report() -> Record:
    """An article whose text, title, URL, source, names and quote are all attacks on the page."""
    text = (f"Officials said {SCRIPT} was posted in Kyiv on Monday, and {IMAGE} appeared beside {LINK} "
            f"as protesters marched.")
    actor = span(text, IMAGE)
    entities = [
        Entity(id="E1", kind="person", name=IMAGE, mentions=[actor]),
        Entity(id="E2", kind="place", name="Kyiv", mentions=[span(text, "Kyiv")], country="UKR",
               geo=Geo(geonameid=703448, name=SCRIPT, lat=50.45, lon=30.52, country="UKR", admin1=LINK,
                       feature="town", precision="town")),
    ]
    said = span(text, SCRIPT)
    quotes = [Quote(id="Q1", kind="indirect", text=said.text, start=said.start, end=said.end, speaker="E1",
                    speaker_text=IMAGE, cue="said", channel=LINK, confidence=0.7)]
    marched = text.index("protesters")
    events = [Event(id="V1", type="PROTEST", status="occurred", source_actors=["E1"], location="E2",
                    when=When(start="2025-02-03", end="2025-02-03", precision="day", text="on Monday"),
                    evidence=Evidence(start=marched, end=len(text), trigger="marched"), confidence=0.6)]
    return Record(article=Article(id="hostile-1", url=LINK, title=f"Title {SCRIPT}", source=IMAGE,
                                  published="2025-02-04", text=text),
                  entities=entities, quotes=quotes, events=events)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "pages.db"
    with Store(path) as store:
        for record in [*two_source_news(), hostile_report()]:
            write(store, record)
    return create_app(str(path), token=TOKEN)


@pytest.fixture(scope="module")
def base(app):
    """The real server on a free port of 127.0.0.1, for the module's tests."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    missing = [p for p in (CHROMIUM, DRIVER) if not os.access(p, os.X_OK)]
    if missing:
        pytest.fail(f"{' and '.join(missing)} missing: the browser tests need Debian's chromium and "
                    "chromium-driver -- run `make browser` (apt-get install -y chromium chromium-driver)")
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never download a driver or a browser
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.implicitly_wait(0)
    # Any alert, from whatever source, leaves a trace the tests read (CSP does not cover this hook).
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {
        "source": "window.alert = function () { document.documentElement.dataset.alerted = 'yes'; };"})
    yield driver
    driver.quit()


def visit(browser, base: str, path: str) -> None:
    browser.get(base + path)
    wait(browser, lambda: browser.execute_script("return document.readyState") == "complete")
    problems = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not problems, f"{path}: {problems}"  # a CSP violation or a script error shows here


def wait(browser, check, seconds: float = 5.0):
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found:
            return found
        assert time.monotonic() < deadline, "timed out waiting in the browser"
        time.sleep(0.05)


def css(browser, selector: str):
    from selenium.webdriver.common.by import By

    return browser.find_elements(By.CSS_SELECTOR, selector)


def fetch(url: str, **kwargs) -> tuple[dict, bytes]:
    with urllib.request.urlopen(urllib.request.Request(url, **kwargs), timeout=30) as answer:
        return dict(answer.headers), answer.read()


# -- every page ---------------------------------------------------------------------

PAGES = {  # path -> a text the page shows (the article, events, map and story pages: tests below)
    "/": "Strike on Dnipro",
    "/ui/timeline?story=1": "reported by Other Wire",
    "/ui/timeline?actor=Zelenskyy": "CONSULT/visit",
    "/ui/timeline?q=Odesa": "ASSAULT/aerial",
    "/ui/actors": "Serhiy Lysak",
    "/ui/actor?name=Lysak": "rescuers were still searching the rubble",
    "/ui/stories": "ASSAULT/aerial in Dnipro",
}


def test_every_page_loads_without_a_script_or_policy_error(browser, base):
    for path, shown in PAGES.items():
        visit(browser, base, path)
        assert shown in browser.find_element("tag name", "body").text, path
        assert css(browser, "nav.top a[href='/ui/map']"), path


def test_pages_allow_scripts_from_the_server_only(base):
    headers, _ = fetch(base + "/ui/events")
    policy = headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
    headers, _ = fetch(base + "/events")
    assert "script-src" not in headers["content-security-policy"]  # the JSON API keeps its own policy


def test_an_unknown_article_or_a_bad_filter_is_a_page_naming_the_fix(browser, base):
    browser.get(base + "/ui/articles/nope")
    assert browser.title.startswith("E070") and "fix:" in browser.find_element("id", "error").text
    browser.get(base + "/ui/events?type=BOMBING")
    message = browser.find_element("id", "error").text
    assert browser.title.startswith("E059") and "not a PLOVER event type" in message and "ASSAULT" in message
    browser.get(base + "/ui/events?countyr=UKR")  # refused, as by the API, never ignored
    assert browser.title.startswith("E074") and "countyr" in browser.find_element("id", "error").text
    browser.get_log("browser")  # the 404 and 422 answers are logged as console errors: expected here


# -- the article view ------------------------------------------------------------------

def explanation(browser) -> str:
    return wait(browser, lambda: css(browser, "#explanation section") and
                browser.find_element("id", "explanation").text)


def mark_of(browser, ident: str):
    return next(m for m in css(browser, "#text .mark") if ident in m.get_attribute("data-ids").split())


def test_clicking_a_highlight_shows_why_it_has_its_value(browser, base):
    visit(browser, base, "/ui/articles/dnipro-a")
    layers = {c for m in css(browser, "#text .mark") for c in m.get_attribute("class").split()}
    assert {"l-actor", "l-place", "l-date", "l-quote", "l-event"} <= layers
    mark_of(browser, "T1").click()
    shown = explanation(browser)
    assert "2025-01-18" in shown and "on Saturday" in shown and "resolved against" in shown
    mark_of(browser, "V1").click()
    shown = explanation(browser)
    assert "ASSAULT/aerial" in shown and "0.80" in shown and "trigger 'strike'" in shown
    assert "events stage" in shown and "32" in shown  # the rule that decided it, and the toll
    mark_of(browser, "Q1").click()
    assert "Volodymyr Zelenskyy" in explanation(browser) and "evening address" in explanation(browser)


def test_a_layer_can_be_switched_off(browser, base):
    visit(browser, base, "/ui/articles/dnipro-a")
    text = browser.find_element("id", "text")
    css(browser, "#layers input[data-layer='quote']")[0].click()
    assert "hide-quote" in text.get_attribute("class")


def test_an_evidence_link_opens_the_article_at_the_trigger(browser, base):
    visit(browser, base, "/ui/events?place=Odesa")
    css(browser, "a.evidence")[0].click()
    wait(browser, lambda: "/ui/articles/odesa-1#x-V1" in browser.current_url)
    shown = explanation(browser)
    assert "injured" in shown and "4" in shown and "hit" in shown
    assert "current" in mark_of(browser, "V1").get_attribute("class")


# -- the events table ------------------------------------------------------------------

def rows(browser) -> list:
    return css(browser, "#events tbody tr.event")


def test_filtering_the_table_changes_its_rows_and_the_download_is_exactly_them(browser, base):
    visit(browser, base, "/ui/events")
    assert len(rows(browser)) == 5
    field = css(browser, "form.filters input[name='place']")[0]
    field.send_keys("dnipro")
    browser.find_element("id", "apply-filters").click()
    wait(browser, lambda: len(rows(browser)) == 2)
    assert "place=dnipro" in browser.current_url
    assert browser.find_element("id", "event-count").text == "2"
    link = browser.find_element("id", "download-csv").get_attribute("href")
    headers, body = fetch(link)
    assert headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert len(table) == len(rows(browser)) == 2
    _, body = fetch(browser.find_element("id", "download-geojson").get_attribute("href"))
    assert len(json.loads(body)["features"]) == 2


def test_a_filter_of_the_shared_model_narrows_the_table_as_the_api_does(browser, base):
    visit(browser, base, "/ui/events?status=planned")
    assert [r.get_attribute("data-article") for r in rows(browser)] == ["meeting-1"]
    _, body = fetch(base + "/events?status=planned")
    assert [e["article"] for e in json.loads(body)["items"]] == ["meeting-1"]


def test_the_table_sorts_by_a_column_both_ways(browser, base):
    visit(browser, base, "/ui/events")
    column = [th.text for th in css(browser, "#events thead th")].index("conf.") + 1

    def confidences():
        return [float(r.find_element("css selector", f"td:nth-child({column})").text) for r in rows(browser)]

    css(browser, "#events thead a.sort[href*='sort=confidence']")[0].click()
    wait(browser, lambda: "sort=confidence" in browser.current_url)
    assert confidences() == sorted(confidences())
    css(browser, "#events thead a.sort[href*='sort=confidence']")[0].click()
    wait(browser, lambda: "order=desc" in browser.current_url)
    assert confidences() == sorted(confidences(), reverse=True) and len(confidences()) == 5


# -- map, story ------------------------------------------------------------------------

def test_the_map_draws_one_point_per_located_place(browser, base):
    visit(browser, base, "/ui/map")
    assert len(css(browser, "svg#map circle.point")) == 4  # Dnipro (two reports), Odesa, London, Kyiv
    places = browser.find_element("id", "places").text
    assert "Dnipro: 2 events (ASSAULT)" in places and "Odesa: 1 event (ASSAULT)" in places
    assert "place=Dnipro" in css(browser, "#places a")[0].get_attribute("href")  # two events: their table
    visit(browser, base, "/ui/map?country=GBR")
    points = css(browser, "svg#map circle.point")
    assert len(points) == 1 and "London" in browser.find_element("id", "places").text


def test_the_story_page_keeps_each_sources_claims_apart(browser, base):
    visit(browser, base, "/ui/stories/1")
    claims = css(browser, "#claims .claim")
    assert [c.get_attribute("data-article") for c in claims] == ["dnipro-a", "dnipro-b"]
    assert "32" in claims[0].text and "34" in claims[1].text
    assert "fatalities" in browser.find_element("id", "disagreements").text


# -- hostile input -----------------------------------------------------------------------

def assert_inert(browser, base: str, path: str, *literal: str) -> None:
    visit(browser, base, path)
    body = browser.find_element("tag name", "body").text
    for text in literal:
        assert text in body, (path, text)
    assert not css(browser, "img, iframe, object, embed, script:not([src='/static/wirecoder.js']):not(#explanations)"), path
    assert not css(browser, "[onerror], a[href^='javascript' i]"), path
    assert browser.execute_script("return document.documentElement.dataset.alerted") is None, path


def test_an_article_full_of_attacks_renders_as_text(browser, base):
    assert_inert(browser, base, "/ui/articles/hostile-1", SCRIPT, IMAGE, LINK, "Title " + SCRIPT)
    mark_of(browser, "E1").click()
    assert IMAGE in explanation(browser)
    assert browser.execute_script("return document.documentElement.dataset.alerted") is None
    shown = {"/": "Title " + SCRIPT, "/ui/events": IMAGE, "/ui/actors": IMAGE, "/ui/timeline?actor=onerror": SCRIPT,
             "/ui/map": "Kyiv", "/ui/actor?name=" + urllib.parse.quote(IMAGE): IMAGE}
    for path, literal in shown.items():
        assert_inert(browser, base, path, literal)


@pytest.mark.model
def test_an_ingested_article_carrying_attacks_renders_as_text(app, pipeline, browser, base):
    app.state.pipeline = pipeline  # the session's pipeline: spaCy is loaded once
    text = (f"Police in Tbilisi detained 12 protesters on Sunday, the interior ministry said. "
            f"A banner read {SCRIPT} and another {IMAGE}; a leaflet gave {LINK} as its address.")
    body = json.dumps({"text": text, "id": "ingested-attack", "title": IMAGE, "url": LINK,
                       "published": "2025-12-07"}).encode()
    headers, answer = fetch(base + "/ingest", data=body, method="POST", headers={
        "content-type": "application/json", "authorization": f"Bearer {TOKEN}"})
    assert json.loads(answer)["article"] == "ingested-attack"
    assert_inert(browser, base, "/ui/articles/ingested-attack", SCRIPT, IMAGE, LINK)
