"""The store commands run as users run them: real processes, real files, a real kill -9."""

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
TOWNS = ["Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Sumy", "Kherson", "Mykolaiv", "Poltava"]


def wirecoder(*args, **kw):
    return subprocess.run([sys.executable, "-m", "wirecoder.cli", *args], capture_output=True, text=True,
                          timeout=600, cwd=ROOT, **kw)


def counts(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "entities", "mentions", "roles", "quotes", "events", "stories")}
    finally:
        con.close()


def test_ingesting_the_examples_twice_leaves_the_same_rows(tmp_path):
    db = tmp_path / "ex.db"
    first = wirecoder("ingest", "examples", "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("4 stored, 0 replaced") and "0 failed" in first.stdout
    before = counts(db)
    again = wirecoder("ingest", "examples", "--db", str(db))
    assert again.returncode == 0 and again.stdout.startswith("0 stored, 0 replaced, 4 skipped")
    assert counts(db) == before and before["articles"] == 4 and before["entities"] > 10
    found = wirecoder("search", "Odesa", "--db", str(db), "--json")
    assert found.returncode == 0
    assert "example-odesa-strikes" in [json.loads(line)["article"] for line in found.stdout.splitlines()]
    people = wirecoder("actors", "--kind", "person", "--db", str(db), "--json")
    assert any(json.loads(line)["name"] == "Oleh Kiper" for line in people.stdout.splitlines())


def test_a_bad_article_fails_alone_with_exit_1_and_a_summary(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Polish Prime Minister Donald Tusk met NATO officials in Warsaw on Monday.")
    (folder / "empty.txt").write_text("   ")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    db = tmp_path / "t.db"
    result = wirecoder("ingest", str(folder), "--db", str(db))
    assert result.returncode == 1
    assert result.stdout.startswith("1 stored") and "2 failed" in result.stdout
    assert "E002" in result.stdout and "E003" in result.stdout and "E002" in result.stderr
    assert counts(db)["articles"] == 1
    missing = wirecoder("ingest", str(tmp_path / "nowhere"), "--db", str(db))
    assert missing.returncode == 2 and "E001" in missing.stderr


def test_query_commands_refuse_a_missing_store(tmp_path):
    result = wirecoder("events", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2 and "E050" in result.stderr and not (tmp_path / "none.db").exists()


def _page(title: str, body: str, date: str) -> bytes:
    return (f'<html><head><title>{title}</title><meta property="article:published_time" content="{date}">'
            f"</head><body><article><h1>{title}</h1><p>{body}</p><p>{body} Officials gave no further details."
            f"</p></article></body></html>").encode()


def test_warc_responses_with_html_become_articles(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    pages = [("https://news.example/strike", _page("Drones hit Kharkiv", "Russian drones struck Kharkiv on "
                                                   "Tuesday, Mayor Ihor Terekhov said.", "2025-03-12")),
             ("https://news.example/talks", _page("Talks in Geneva", "Swiss Foreign Minister Ignazio Cassis "
                                                  "hosted talks in Geneva on Friday.", "2025-03-14"))]
    with open(path, "wb") as handle:
        warc = WARCWriter(handle, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            warc.write_record(warc.create_warc_record(url, "response", payload=__import__("io").BytesIO(body),
                                                      http_headers=headers))
            warc.write_record(warc.create_warc_record(url, "request", payload=__import__("io").BytesIO(b"GET /")))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        warc.write_record(warc.create_warc_record("https://news.example/a.png", "response",
                                                  payload=__import__("io").BytesIO(b"\x89PNG"), http_headers=image))
    db = tmp_path / "w.db"
    result = wirecoder("ingest", str(path), "--db", str(db))
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stdout.startswith("2 stored")
    con = sqlite3.connect(db)
    stored = con.execute("SELECT url, published, title FROM articles ORDER BY url").fetchall()
    assert stored == [("https://news.example/strike", "2025-03-12", "Drones hit Kharkiv"),
                      ("https://news.example/talks", "2025-03-14", "Talks in Geneva")]
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(path.read_bytes()[:200])
    damaged = wirecoder("ingest", str(broken), "--db", str(db))
    assert damaged.returncode == 1 and "E012" in damaged.stderr


def _articles(n: int) -> list[dict]:
    """Short, distinct wire-style articles written for this test."""
    out = []
    for i in range(n):
        town, other = TOWNS[i % len(TOWNS)], TOWNS[(i + 3) % len(TOWNS)]
        text = (f"Russian forces launched {i + 12} drones at {town} overnight, damaging homes and a school, "
                f"regional officials said on Tuesday. Governor Oleh Syniehubov wrote on Telegram that {i % 7 + 2} "
                f"people were injured and that air defence units shot down most of the drones.\n"
                f"In {other}, emergency crews restored power to {1000 + 37 * i} homes after an earlier strike. "
                f"Ukrainian President Volodymyr Zelenskyy said in his evening address that partners must deliver "
                f"more air-defence systems. NATO Secretary General Mark Rutte said allies would keep supporting "
                f"Kyiv. The Kremlin did not comment on report number {i}.")
        out.append({"id": f"wire-{i:03d}", "url": f"https://wire.example/{i}", "published": "2025-03-12",
                    "text": text})
    return out


def test_kill_9_during_ingest_then_rerun_stores_everything_once(tmp_path):
    articles = _articles(60)
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in articles) + "\n")
    db = tmp_path / "k.db"
    process = subprocess.Popen([sys.executable, "-m", "wirecoder.cli", "ingest", str(source), "--db", str(db)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stored, deadline = 0, time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
                con.close()
            except sqlite3.OperationalError:
                stored = 0  # the schema is not created yet
        if stored >= 5:
            break
        time.sleep(0.02)
    assert process.poll() is None, "ingest finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    killed_at = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 5 <= killed_at < len(articles)
    for record_json, pk in con.execute("SELECT record, pk FROM articles").fetchall():  # nothing half-written
        entities = json.loads(record_json)["entities"]
        assert con.execute("SELECT count(*) FROM entities WHERE article = ?", (pk,)).fetchone()[0] == len(entities)
    con.close()
    rerun = wirecoder("ingest", str(source), "--db", str(db))
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"{len(articles) - killed_at} stored, 0 replaced, {killed_at} skipped")
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = [row[0] for row in con.execute("SELECT id FROM articles ORDER BY id")]
    assert ids == [a["id"] for a in articles]  # every article exactly once
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
