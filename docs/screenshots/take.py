"""Screenshots of the web page for the docs, taken in headless Chromium (`make browser`).

    .venv/bin/wirecoder ingest examples/articles.jsonl examples/kharkiv-blackout.html \
        docs/screenshots/second-source.jsonl --db demo.db
    .venv/bin/python docs/screenshots/take.py demo.db

writes article.png, events.png, timeline.png, map.png and story.png beside this file
(second-source.jsonl: an invented second report of one example's event, so that a
story has two sources to set side by side; the story shown is the one with most), and
review.png: the review controls, on a copy of the store where the first event's type
was corrected (the store itself is only read).
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from wirecoder.store import Store, make_filters
from wirecoder.store.filters import TYPES
from wirecoder.store.queries import events
from wirecoder.store.reviews import review
from wirecoder.web.api import create_app

HERE = Path(__file__).parent


def serve(store: str) -> tuple[uvicorn.Server, str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(store), log_level="warning"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{sock.getsockname()[1]}"


def reviewed_copy(store: str, folder: str) -> tuple[str, str]:
    """A copy of the store whose first event an analyst corrected; (the copy, that event's article)."""
    copy = str(Path(folder) / "reviewed.db")
    shutil.copyfile(store, copy)
    with Store(copy) as db:
        first = next(events(db, make_filters()))
        other = next(t for t in TYPES if t != first.type)
        review(db, "event", first.pk, "correct", {"type": other}, "ana", "the screenshot's example")
    return copy, first.article


def main(store: str) -> None:
    server, base = serve(store)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
                     "--hide-scrollbars"):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        browser.get(base + "/ui/events")
        first = browser.find_element("css selector", "a.evidence").get_attribute("href")
        browser.get(base + "/ui/stories?min_sources=2")
        found = browser.find_elements("css selector", "#stories td a") or []
        story = found[0].get_attribute("href") if found else base + "/ui/stories/1"
        shots = {"article": first, "events": base + "/ui/events", "timeline": base + "/ui/timeline",
                 "map": base + "/ui/map", "story": story}
        for name, url in shots.items():
            browser.get(url.split("#")[0])
            if name == "article":  # an event's explanation open, the text from its start
                browser.find_element("css selector", "#text .mark.l-event").click()
            time.sleep(0.3)
            browser.save_screenshot(str(HERE / f"{name}.png"))
            print(name, url)
        with tempfile.TemporaryDirectory() as folder:
            copy, article = reviewed_copy(store, folder)
            reviewed, base = serve(copy)
            try:  # the events table: the corrected row, and a correction form open on the next one
                browser.get(base + "/ui/events?" + urlencode({"article": article}))
                browser.find_elements("css selector", "tr.reviewable button[data-verdict='correct']")[-1].click()
                time.sleep(0.3)
                browser.save_screenshot(str(HERE / "review.png"))
                print("review", browser.current_url)
            finally:
                reviewed.should_exit = True
    finally:
        browser.quit()
        server.should_exit = True


if __name__ == "__main__":
    main(sys.argv[1])
