"""Screenshots of the web page for the docs, taken in headless Chromium (`make browser`).

    .venv/bin/wirecoder ingest examples/articles.jsonl examples/kharkiv-blackout.html \
        docs/screenshots/second-source.jsonl --db demo.db
    .venv/bin/python docs/screenshots/take.py demo.db

writes article.png, events.png, timeline.png, map.png and story.png beside this file
(second-source.jsonl: an invented second report of one example's event, so that a
story has two sources to set side by side; the story shown is the one with most).
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from wirecoder.web.api import create_app

HERE = Path(__file__).parent


def main(store: str) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(store), log_level="warning"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
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
    finally:
        browser.quit()
        server.should_exit = True


if __name__ == "__main__":
    main(sys.argv[1])
