"""`wirecoder watch`: feeds served on 127.0.0.1 by the test itself, and a folder.

Most tests run the real watcher and the real ingest with a stand-in pipeline
(a record holding only the article), so they need no model; one runs the CLI
end to end with spaCy.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from wirecoder import cli
from wirecoder.pipeline import Result
from wirecoder.record import Article, Record
from wirecoder.store import Store
from wirecoder.watch import Watcher

# -- a small web server: path -> (status, content type, body, headers) ------------------


class Site:
    def __init__(self):
        self.pages: dict[str, tuple[int, str, bytes, dict]] = {}
        self.hits: Counter = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.hits[self.path] += 1
                status, kind, body, headers = site.pages.get(self.path, (404, "text/plain", b"no such page", {}))
                etag, modified = headers.get("ETag"), headers.get("Last-Modified")
                if (etag and self.headers.get("If-None-Match") == etag) or \
                        (modified and self.headers.get("If-Modified-Since") == modified):
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def page(self, path: str, body: str, kind: str = "text/html; charset=utf-8", status: int = 200, **headers):
        self.pages[path] = (status, kind, body.encode("utf-8"), {k.replace("_", "-"): v for k, v in headers.items()})

    def article(self, path: str, headline: str, *paragraphs: str):
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        self.page(path, f"<!doctype html><html><head><title>{headline}</title></head><body>"
                        f"<nav>Home | World | Sport</nav><article><h1>{headline}</h1>{body}</article>"
                        f"<footer>Copyright the Test Herald</footer></body></html>")

    def rss(self, path: str, items: list[tuple[str, str, str]], **headers):
        entries = "".join(f"<item><title>{title}</title><link>{self.url}{link}</link><guid>{self.url}{link}</guid>"
                          f"<pubDate>{date}</pubDate></item>" for title, link, date in items)
        self.page(path, f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Herald</title>'
                        f"<link>{self.url}/</link><description>news</description>{entries}</channel></rss>",
                  kind="application/rss+xml", **headers)

    def atom(self, path: str, items: list[tuple[str, str, str]], **headers):
        entries = "".join(f'<entry><title>{title}</title><link rel="alternate" href="{link}"/>'
                          f"<id>tag:test,2025:{link}</id><updated>{date}</updated></entry>"
                          for title, link, date in items)
        self.page(path, f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                        f"<title>Test Gazette</title><id>tag:test,2025:feed</id><updated>2025-03-12T09:00:00Z</updated>"
                        f"{entries}</feed>", kind="application/atom+xml", **headers)


@pytest.fixture
def site():
    served = Site()
    yield served
    served.server.shutdown()
    served.server.server_close()


class ArticleOnly:
    """Stands in for the pipeline: the record of an article is the article alone."""

    stage_names = ["none"]

    def __init__(self):
        self.seen: list[str] = []

    def pipe(self, articles):
        for a in articles:
            self.seen.append(a.url or a.id)
            yield Result(where=a.id, record=Record(article=Article(
                id=a.id, url=a.url, title=a.title, source=a.source, published=a.published, text=a.text)))


def poll(db, *sources):
    """One poll by a new watcher (the state must survive between watchers)."""
    pipeline = ArticleOnly()
    with Store(db) as store:
        watcher = Watcher(store, list(sources), make_pipeline=lambda: pipeline, pause=0, timeout=5)
        result = watcher.poll()
        watcher.close()
        rows = store.execute("SELECT url, title, published, source FROM articles ORDER BY url").fetchall()
    return result, pipeline.seen, rows


BOMB = ("A car bomb exploded near the central market of the town of Velmora on Tuesday morning, killing four "
        "people and wounding eleven, the provincial police chief said.")
TALKS = ("The foreign ministers of Arandia and Belcourt met in the capital on Monday to discuss a ceasefire along "
         "their disputed border, their spokesmen said in a joint statement.")
FLOOD = ("Heavy rain flooded three districts of the port city of Sarenza overnight, forcing two hundred families "
         "from their homes, the city's mayor told reporters on Wednesday.")
STRIKE = ("Dock workers in the harbour town of Ostrava Nova walked off the job on Thursday, halting exports for a "
          "second day as talks with the port authority stalled.")
MORE = ("Officials said the investigation was continuing and that more details would be released later in the "
        "week, after relatives had been informed.")


def test_rss_and_atom_items_are_fetched_once_and_a_new_item_alone_is_added(site, tmp_path, caplog):
    site.article("/world/bomb", "Car bomb in Velmora", BOMB, MORE)
    site.article("/world/talks", "Ministers meet", TALKS, MORE)
    site.article("/city/flood", "Floods in Sarenza", FLOOD, MORE)
    site.rss("/rss", [("Car bomb in Velmora", "/world/bomb", "Tue, 11 Mar 2025 08:30:00 GMT"),
                      ("Ministers meet", "/world/talks", "Mon, 10 Mar 2025 17:00:00 GMT")], ETag='"v1"')
    site.atom("/atom", [("Floods in Sarenza", f"{site.url}/city/flood", "2025-03-12T06:15:00Z")],
              Last_Modified="Wed, 12 Mar 2025 09:00:00 GMT")
    db = tmp_path / "news.db"
    first, seen, rows = poll(db, f"{site.url}/rss", f"{site.url}/atom")
    assert not first.failed and first.summary.stored == 3 and len(seen) == 3
    assert [(url.removeprefix(site.url), published) for url, _, published, _ in rows] == [
        ("/city/flood", "2025-03-12T06:15:00+00:00"), ("/world/bomb", "2025-03-11T08:30:00+00:00"),
        ("/world/talks", "2025-03-10T17:00:00+00:00")]  # the feed's date is the publication date
    assert {source for *_, source in rows} == {"Test Herald", "Test Gazette"}  # the feed names the outlet
    assert (tmp_path / "news.db.watch").is_file()

    caplog.set_level(logging.INFO, logger="wirecoder")
    again, seen, rows = poll(db, f"{site.url}/rss", f"{site.url}/atom")  # conditional GETs: 304, nothing fetched
    assert seen == [] and len(rows) == 3 and again.summary.total == 0
    assert caplog.text.count("not modified since the last poll (HTTP 304)") == 2
    assert all(site.hits[p] == 1 for p in ("/world/bomb", "/world/talks", "/city/flood"))
    assert site.hits["/rss"] == 2 and site.hits["/atom"] == 2

    site.article("/world/strike", "Dock strike", STRIKE, MORE)
    site.rss("/rss", [("Dock strike", "/world/strike", "Thu, 13 Mar 2025 07:00:00 GMT"),
                      ("Car bomb in Velmora", "/world/bomb", "Tue, 11 Mar 2025 08:30:00 GMT"),
                      ("Ministers meet", "/world/talks", "Mon, 10 Mar 2025 17:00:00 GMT")], ETag='"v2"')
    third, seen, rows = poll(db, f"{site.url}/rss", f"{site.url}/atom")
    assert seen == [f"{site.url}/world/strike"] and third.summary.stored == 1 and len(rows) == 4
    assert site.hits["/world/bomb"] == 1 and site.hits["/world/strike"] == 1


def test_the_same_text_under_another_link_is_stored_once_as_an_alias(site, tmp_path):
    site.article("/a", "Floods", FLOOD, MORE)
    site.article("/syndicated/a", "Floods", FLOOD, MORE)
    site.rss("/rss", [("Floods", "/a", "Wed, 12 Mar 2025 06:00:00 GMT"),
                      ("Floods (wire)", "/syndicated/a", "Wed, 12 Mar 2025 07:00:00 GMT")])
    result, seen, rows = poll(tmp_path / "news.db", f"{site.url}/rss")
    assert result.summary.stored == 1 and len(rows) == 1 and len(result.summary.aliases) == 1
    with Store(tmp_path / "news.db") as store:
        assert store.execute("SELECT url FROM article_aliases").fetchall() == [(f"{site.url}/syndicated/a",)]


def test_a_missing_page_and_a_broken_feed_are_coded_errors_and_the_rest_goes_on(site, tmp_path, caplog):
    site.article("/ok", "Ministers meet", TALKS, MORE)
    site.page("/busy", "try later", kind="text/plain", status=503)
    site.rss("/rss", [("Gone", "/gone", "Tue, 11 Mar 2025 08:30:00 GMT"),
                      ("Local", "LOCAL", "Tue, 11 Mar 2025 08:35:00 GMT"),
                      ("Busy", "/busy", "Tue, 11 Mar 2025 08:40:00 GMT"),
                      ("Ministers meet", "/ok", "Mon, 10 Mar 2025 17:00:00 GMT")])
    secret = tmp_path / "secret.txt"
    secret.write_text(BOMB, encoding="utf-8")
    site.pages["/rss"] = (200, "application/rss+xml", site.pages["/rss"][2].replace(
        f"{site.url}LOCAL".encode(), secret.as_uri().encode()), {})
    site.page("/broken", "<html><body>this page is no feed</body></html>")
    site.atom("/atom", [("Floods", f"{site.url}/flood", "2025-03-12T06:15:00Z")])
    site.article("/flood", "Floods", FLOOD, MORE)
    caplog.set_level(logging.INFO, logger="wirecoder")
    sources = [f"{site.url}/broken", f"{site.url}/nothing-here", f"{site.url}/rss", f"{site.url}/atom"]
    result, seen, rows = poll(tmp_path / "news.db", *sources)
    log = caplog.text
    assert f"E097: {site.url}/broken: this is not an RSS or Atom feed" in log
    assert f"E096: {site.url}/nothing-here: the feed could not be fetched (HTTP 404" in log
    assert f"E098: {site.url}/gone: the item's page could not be fetched or read (HTTP 404" in log
    assert "HTTP 503" in log
    assert "secret.txt: the item's page could not be fetched or read (not an http(s) link)" in log  # never read
    assert result.failed and result.errors == 2 and result.summary.failed["E098"] == 3
    assert sorted(url.removeprefix(site.url) for url, *_ in rows) == ["/flood", "/ok"]

    site.article("/busy", "Dock strike", STRIKE, MORE)  # the server is back: a 5xx is tried again, a 404 is not
    result, seen, rows = poll(tmp_path / "news.db", *sources)
    assert seen == [f"{site.url}/busy"] and site.hits["/gone"] == 1 and len(rows) == 3


def test_a_folder_source_reads_each_new_file_once(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "bomb.txt").write_text(BOMB + "\n\n" + MORE, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF not an article")
    db = tmp_path / "news.db"
    first, seen, rows = poll(db, str(folder))
    assert first.summary.stored == 1 and len(seen) == 1
    second, seen, rows = poll(db, str(folder))
    assert seen == [] and second.summary.total == 0
    (folder / "talks.jsonl").write_text('{"text": "%s", "published": "2025-03-10"}\n' % TALKS, encoding="utf-8")
    (folder / "empty.txt").write_text("  ", encoding="utf-8")
    third, seen, rows = poll(db, str(folder))
    assert len(seen) == 1 and third.summary.stored == 1 and third.summary.failed["E002"] == 1
    assert len(rows) == 2


def test_the_readme_watch_examples_parse_as_written():
    """They poll the network, so README shows them in a text block, which the README test does not run."""
    import shlex
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    lines = [line for line in readme.splitlines() if line.startswith(".venv/bin/wirecoder watch ")]
    assert len(lines) >= 2
    for line in lines:
        cli._parser().parse_args(shlex.split(line, comments=True)[1:])


def test_a_short_interval_is_refused_with_its_fix(tmp_path, capsys):
    code = cli.main(["watch", "http://127.0.0.1:9/rss", "--db", str(tmp_path / "n.db"), "--interval", "5"])
    assert code == 2 and "E099" in capsys.readouterr().err
    assert not (tmp_path / "n.db").exists()


@pytest.mark.model
def test_watch_once_runs_the_pipeline_and_a_second_run_fetches_nothing(site, tmp_path):
    site.article("/world/bomb", "Car bomb in Velmora", BOMB, MORE)
    site.rss("/rss", [("Car bomb in Velmora", "/world/bomb", "Tue, 11 Mar 2025 08:30:00 GMT")])
    argv = ["watch", f"{site.url}/rss", "--db", str(tmp_path / "news.db"), "--once", "--pause", "0", "-q"]
    assert cli.main(argv) == 0
    assert cli.main(argv) == 0
    assert site.hits["/world/bomb"] == 1 and site.hits["/rss"] == 2
    with Store(tmp_path / "news.db") as store:
        (record,) = store.execute("SELECT published, record FROM articles").fetchall()
    assert record[0] == "2025-03-11T08:30:00+00:00" and '"Velmora"' in record[1]
